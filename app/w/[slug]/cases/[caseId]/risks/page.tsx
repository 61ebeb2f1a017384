import { RiskHeatMap } from "@/components/risks/risk-heat-map";
import { RiskRegister } from "@/components/risks/risk-register";
import { loadCasePage } from "@/lib/services/case-page";
import { getCommentCounts } from "@/lib/services/comments-view";

// The risk register and its likelihood × impact heat map. The layout above shows the headline
// figures; a risk whose expected cost is included moves them, and router.refresh() brings them.
export default async function CaseRisksPage({ params }: { params: Promise<{ slug: string; caseId: string }> }) {
  const { slug, caseId } = await params;
  const { detail, canEdit, locale, actor } = await loadCasePage(slug, caseId);
  const counts = await getCommentCounts(actor, detail.id);
  return (
    <div className="space-y-5">
      <RiskHeatMap
        risks={detail.risks.map((r, i) => ({
          id: r.id,
          number: i + 1,
          title: r.title,
          likelihood: r.likelihood,
          impact: r.impact,
        }))}
      />
      <RiskRegister
        slug={slug}
        caseId={detail.id}
        version={detail.version}
        canEdit={canEdit}
        locale={locale}
        currency={detail.currency}
        horizon={detail.horizonMonths}
        scenarios={detail.scenarios.map((s) => ({ key: s.key, name: s.name }))}
        risks={detail.risks}
        comments={{ base: `/w/${slug}/cases/${detail.id}/comments`, counts }}
      />
    </div>
  );
}
