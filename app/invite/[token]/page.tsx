import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { AcceptInvitation } from "@/components/workspace/accept-invitation";
import { requireUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  await requireUser(`/invite/${encodeURIComponent(token)}`);
  const t = await getTranslations("workspace");
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6">
      <Card>
        <h1 className="mb-2 text-xl font-semibold">{t("acceptTitle")}</h1>
        <p className="mb-6 text-sm text-gray-700">{t("acceptText")}</p>
        <AcceptInvitation token={token} />
      </Card>
    </main>
  );
}
