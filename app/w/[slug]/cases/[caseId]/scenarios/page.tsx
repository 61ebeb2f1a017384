import { getTranslations } from "next-intl/server";
import { ScenarioList, type ScenarioRow } from "@/components/scenarios/scenario-list";
import { formatNumber } from "@/lib/i18n/format";
import { loadCasePage } from "@/lib/services/case-page";

// The case's scenarios with their own figures (and, for alternatives, the NPV against the
// baseline); create, clone, rename, delete and choose the baseline.
export default async function CaseScenariosPage({ params }: { params: Promise<{ slug: string; caseId: string }> }) {
  const { slug, caseId } = await params;
  const { detail, output, canEdit, locale } = await loadCasePage(slug, caseId);
  const t = await getTranslations("scenarios");
  const baselineKey = detail.scenarios.find((s) => s.isBaseline)?.key;
  const rows: ScenarioRow[] = detail.scenarios.map((s) => {
    const result = output.scenarios.find((r) => r.key === s.key);
    const comparison = output.comparisons.find((c) => c.alternative === s.key && c.baseline === baselineKey);
    return {
      id: s.id,
      key: s.key,
      name: s.name,
      baseline: s.isBaseline,
      lines: detail.lines.filter((l) => l.scenarioId === s.id).length,
      linesLabel: formatNumber(String(detail.lines.filter((l) => l.scenarioId === s.id).length), locale),
      npv: result ? formatNumber(result.npv, locale) : t("list.notApplicable"),
      tco: result ? formatNumber(result.totalCost, locale) : t("list.notApplicable"),
      againstBaseline: comparison ? formatNumber(comparison.npv, locale) : t("list.notApplicable"),
    };
  });
  return (
    <ScenarioList
      slug={slug}
      caseId={detail.id}
      version={detail.version}
      currency={detail.currency}
      canEdit={canEdit}
      rows={rows}
    />
  );
}
