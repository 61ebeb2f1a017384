import "server-only";
import Decimal from "decimal.js";
import { headlinePair, loadCasePage } from "./case-page";

// The overview's view model: the page data, the headline pair and the decision's cost difference
// (alternative minus baseline total cost, as an amount and a direction), in decimal maths.
export async function getOverviewView(slug: string, caseId: string) {
  const page = await loadCasePage(slug, caseId);
  const pair = headlinePair(page.output);
  const costDelta = pair.comparison && pair.baseline ? costDifference(pair.primary.totalCost, pair.baseline.totalCost) : null;
  return { ...page, ...pair, costDelta };
}

// How much more (or less) one total cost is than another: the amount without its sign.
export function costDifference(alternative: string, baseline: string): { delta: string; amount: string; more: boolean } {
  const delta = new Decimal(alternative).minus(baseline);
  return { delta: delta.toString(), amount: delta.abs().toString(), more: delta.gte(0) };
}
