import { getTranslations } from "next-intl/server";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Card } from "@/components/ui/card";
import { safeCallbackPath } from "@/lib/auth/redirect";

export const dynamic = "force-dynamic";

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const t = await getTranslations("auth");
  const callbackUrl = safeCallbackPath(
    typeof params.callbackUrl === "string" ? params.callbackUrl : undefined,
    "http://x.invalid",
  );
  return (
    <Card>
      <h1 className="mb-6 text-xl font-semibold">{t("signUpTitle")}</h1>
      <SignUpForm callbackUrl={callbackUrl} />
    </Card>
  );
}
