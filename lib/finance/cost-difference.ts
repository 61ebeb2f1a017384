// How much more (or less) one total cost is than another: the amount without its sign, in
// decimal maths. One rule for the overview's decision sentence (in the browser, from the live case
// model) and the comparison page (lib/services/compare-view.ts).
import Decimal from "decimal.js";

export function costDifference(
  alternative: string,
  baseline: string,
): { delta: string; amount: string; more: boolean } {
  const delta = new Decimal(alternative).minus(baseline);
  return { delta: delta.toString(), amount: delta.abs().toString(), more: delta.gte(0) };
}
