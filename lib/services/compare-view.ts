import "server-only";
import { loadCasePage } from "./case-page";
import { costDifference } from "@/lib/finance/cost-difference";

// The comparison tab's view model: the baseline, the alternatives, the one asked for (?alt=) and
// its comparison with the baseline, and the difference in total cost.
export async function getCompareView(slug: string, caseId: string, wanted: string | undefined) {
  const page = await loadCasePage(slug, caseId);
  const { output } = page;
  const baseline = output.scenarios.find((s) => s.baseline) ?? output.scenarios[0]!;
  const alternatives = output.scenarios.filter((s) => s.key !== baseline.key);
  // Without ?alt=, the case's stated proposal (docs/proposal.md), else the first alternative.
  const alt =
    alternatives.find((s) => s.key === wanted) ??
    alternatives.find((s) => s.key === page.detail.chosenScenario) ??
    alternatives[0] ??
    null;
  const comparison = alt
    ? (output.comparisons.find((c) => c.baseline === baseline.key && c.alternative === alt.key) ?? null)
    : null;
  const tco = alt ? costDifference(alt.totalCost, baseline.totalCost) : null;
  return { ...page, baseline, alternatives, alt, comparison, tco };
}
