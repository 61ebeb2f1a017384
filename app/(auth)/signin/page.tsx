import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { readEnv } from "@/lib/env";

export const dynamic = "force-dynamic";

export default async function SignInPage({
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
  if (await getCurrentUser()) redirect(callbackUrl);
  const env = readEnv();
  const code = typeof params.error === "string" ? params.error : undefined;
  const error = code === "OidcEmailTaken" ? t("oidcEmailTaken") : code ? t("invalid") : undefined;
  return (
    <Card>
      <h1 className="mb-6 text-xl font-semibold">{t("signInTitle")}</h1>
      <SignInForm
        callbackUrl={callbackUrl}
        initialError={error}
        initialEmail={typeof params.email === "string" ? params.email : undefined}
        oidcName={
          env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET ? (env.OIDC_NAME ?? "SSO") : undefined
        }
      />
    </Card>
  );
}
