import "server-only";
import { costDifference } from "@/lib/finance/cost-difference";
import { headlinePair, loadCasePage } from "./case-page";

// The overview's view model: the page data, the headline pair and the decision's cost difference
// (alternative minus baseline total cost, as an amount and a direction), in decimal maths.
export async function getOverviewView(slug: string, caseId: string) {
  const page = await loadCasePage(slug, caseId);
  const pair = headlinePair(page.output);
  const costDelta =
    pair.comparison && pair.baseline ? costDifference(pair.primary.totalCost, pair.baseline.totalCost) : null;
  return { ...page, ...pair, costDelta };
}
