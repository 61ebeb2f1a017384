import { CommentsPanel } from "@/components/comments/comments-panel";
import { loadCasePage } from "@/lib/services/case-page";
import { getCommentsView } from "@/lib/services/comments-view";

// The case's comment threads (open first) and a form for a new one. ?target=<kind>:<stableId>
// shows the threads about one object and starts a new thread about it (the rows' comment counts
// link here).
export default async function CaseCommentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; caseId: string }>;
  searchParams: Promise<{ target?: string }>;
}) {
  const { slug, caseId } = await params;
  const { target } = await searchParams;
  const { detail, actor, role, locale } = await loadCasePage(slug, caseId);
  const base = `/w/${slug}/cases/${detail.id}`;
  const view = await getCommentsView(actor, role, detail, base);
  const chosen =
    typeof target === "string" ? view.targets.find((o) => o.key === target && o.kind !== "case") : undefined;
  const threads = chosen
    ? view.threads.filter((th) => th.target.kind === chosen.kind && th.target.id === chosen.id)
    : view.threads;
  return (
    <CommentsPanel
      caseId={detail.id}
      threads={threads}
      targets={view.targets}
      members={view.members}
      initialTarget={chosen?.key ?? "case"}
      filter={chosen ? { key: chosen.key, label: chosen.label } : null}
      showAllHref={`${base}/comments`}
      locale={locale}
    />
  );
}
