// The workspace's slide template (owners): upload a .pptx whose colours, fonts and logo style the
// board decks, see which one is in use, remove it (docs/board-pack.md "Templates").
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { getDeckTemplateInfo } from "@/lib/db/deck-templates";
import { getWorkspaceBySlugOrThrow } from "@/lib/db/workspaces";
import { DeckTemplateManager } from "@/components/workspace/deck-template-manager";

export default async function SlideTemplatePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUser(`/w/${encodeURIComponent(slug)}/settings/slides`);
  const actor = { kind: "user" as const, userId: user.id };
  const t = await getTranslations("pptx");
  const workspace = await getWorkspaceBySlugOrThrow(actor, slug).catch(() => notFound());
  const isOwner = workspace.role === "owner";
  const info = await getDeckTemplateInfo(actor, workspace.slug);
  return (
    <main className="mx-auto max-w-4xl space-y-6 px-6 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">
        {t("template.heading")} · <span className="break-words">{workspace.name}</span>
      </h1>
      <p className="text-sm text-gray-700">{t("template.intro")}</p>
      <section
        aria-labelledby="template-heading"
        className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm"
        data-testid="deck-template"
      >
        <h2 id="template-heading" className="sr-only">
          {t("template.heading")}
        </h2>
        {isOwner ? (
          <DeckTemplateManager slug={workspace.slug} info={info} />
        ) : (
          <p className="text-sm text-gray-700">{t("template.ownersOnly")}</p>
        )}
      </section>
    </main>
  );
}
