import "server-only";
import { costDifference } from "@/lib/finance/cost-difference";
import { headlinePair, loadCasePage } from "./case-page";

// The overview's view model: the page data, the headline pair and the decision's cost difference
// (alternative minus baseline total cost, as an amount and a direction), in decimal maths.
export async function getOverviewView(slug: string, caseId: string) {
  const page = await loadCasePage(slug, caseId);
  const pair = headlinePair(page);
  const costDelta =
    pair.comparison && pair.baseline ? costDifference(pair.primary.totalCost, pair.baseline.totalCost) : null;
  // The goal-seek panel's inputs: the amounts of the headline scenario's and the baseline's lines
  // that have one (a labour or scheduled line takes its amount elsewhere), benefits first.
  const keys = [pair.primary.key, ...(pair.baseline ? [pair.baseline.key] : [])];
  const goalSeekInputs = keys.flatMap((key) => {
    const scenario = page.detail.scenarios.find((s) => s.key === key);
    if (!scenario) return [];
    return page.detail.lines
      .filter((l) => l.scenarioId === scenario.id && l.amount !== null && !l.labour && !l.schedule && l.tangible)
      .sort((a, b) => (a.kind === b.kind ? a.position - b.position : a.kind === "benefit" ? -1 : 1))
      .map((l) => ({ input: `${l.stableId}.amount`, name: l.name, scenario: scenario.name }));
  });
  return { ...page, ...pair, costDelta, goalSeekInputs };
}
