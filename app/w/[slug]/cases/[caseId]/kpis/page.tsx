import { KpiTable } from "@/components/kpis/kpi-table";
import { loadCasePage } from "@/lib/services/case-page";
import { getCommentCounts } from "@/lib/services/comments-view";

// The case's KPIs: how the benefits will be measured, baseline against target.
export default async function CaseKpisPage({ params }: { params: Promise<{ slug: string; caseId: string }> }) {
  const { slug, caseId } = await params;
  const { detail, canEdit, locale, actor } = await loadCasePage(slug, caseId);
  const counts = await getCommentCounts(actor, detail.id);
  return (
    <KpiTable
      slug={slug}
      caseId={detail.id}
      version={detail.version}
      canEdit={canEdit}
      locale={locale}
      kpis={detail.kpis}
      comments={{ base: `/w/${slug}/cases/${detail.id}/comments`, counts }}
    />
  );
}
