// Workspace API tokens (owners only): create one (the secret is shown once), see and revoke them.
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/db/api-tokens";
import { getWorkspaceBySlugOrThrow } from "@/lib/db/workspaces";
import { TokensManager } from "./tokens-manager";

export default async function ApiTokensPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUser(`/w/${encodeURIComponent(slug)}/settings/tokens`);
  const actor = { kind: "user" as const, userId: user.id };
  const t = await getTranslations("tokens");
  const workspace = await getWorkspaceBySlugOrThrow(actor, slug).catch(() => notFound());
  const isOwner = workspace.role === "owner";
  const tokens = isOwner ? await listApiTokens(actor, workspace.slug) : [];
  return (
    <main className="mx-auto max-w-4xl space-y-6 px-6 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">
        {t("title")} · <span className="break-words">{workspace.name}</span>
      </h1>
      <p className="text-sm text-gray-700">{t("intro")}</p>
      <div className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
        {isOwner ? (
          <TokensManager
            slug={workspace.slug}
            tokens={tokens.map((tk) => ({
              id: tk.id,
              name: tk.name,
              prefix: tk.prefix,
              role: tk.role,
              createdAt: tk.createdAt,
              lastUsedAt: tk.lastUsedAt,
              revokedAt: tk.revokedAt,
            }))}
          />
        ) : (
          <p className="text-sm text-gray-700">{t("ownersOnly")}</p>
        )}
      </div>
      <p className="text-xs text-gray-600">
        {t("docs")}{" "}
        <a className="text-blue-700 underline" href="/api/v1/openapi.json">
          /api/v1/openapi.json
        </a>
      </p>
    </main>
  );
}
