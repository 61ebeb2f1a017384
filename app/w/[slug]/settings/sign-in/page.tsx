// A workspace's sign-in settings (owners only): the single sign-on policy, SCIM provisioning and
// the audit trail's export and retention. docs/enterprise-sign-in.md.
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { listSsoButtons } from "@/lib/auth/sso-providers";
import { requireUser } from "@/lib/auth/session";
import { getSsoSettings } from "@/lib/db/sso";
import { getWorkspaceBySlugOrThrow } from "@/lib/db/workspaces";
import { SignInManager } from "./sign-in-manager";

export default async function SignInSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUser(`/w/${encodeURIComponent(slug)}/settings/sign-in`);
  const actor = { kind: "user" as const, userId: user.id };
  const t = await getTranslations("sso");
  const workspace = await getWorkspaceBySlugOrThrow(actor, slug).catch(() => notFound());
  const settings = workspace.role === "owner" ? await getSsoSettings(actor, workspace.slug) : null;
  return (
    <main className="mx-auto max-w-4xl space-y-6 px-6 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">
        {t("title")} · <span className="break-words">{workspace.name}</span>
      </h1>
      <p className="text-sm text-gray-700">{t("intro")}</p>
      {settings ? (
        <SignInManager slug={workspace.slug} providers={listSsoButtons()} settings={settings} />
      ) : (
        <p className="rounded-lg border border-gray-200 bg-white p-6 text-sm text-gray-700 shadow-sm">
          {t("ownersOnly")}
        </p>
      )}
    </main>
  );
}
