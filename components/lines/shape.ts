import type Decimal from "decimal.js";
import type { BenefitLine, CostLine } from "@/lib/case-file/schema";
import { D } from "@/lib/finance/decimal";
import { expandLine } from "@/lib/finance/expand";
import { riskFactor } from "@/lib/finance/risk-adjustment";

export interface MonthlyShape {
  months: Decimal[]; // index = month 0..horizon, risk-adjusted
  total: Decimal;
  max: Decimal; // the largest absolute month
  first: number | null;
  last: number | null;
}

// A line's monthly amounts over the horizon from the engine's own expansion (lib/finance/expand),
// risk-adjusted as the engine counts it (benefits reduced, costs increased by the adjustment), so
// every picture of a line is the one computed. Null when the line does not expand (invalid input).
export function monthlyShape(
  line: Record<string, unknown>,
  kind: "cost" | "benefit",
  horizon: number,
): MonthlyShape | null {
  try {
    const expanded = expandLine(line as unknown as CostLine | BenefitLine, horizon, kind);
    const factor = riskFactor(kind, line.riskAdjustment as string | undefined);
    const months = new Array<Decimal>(horizon + 1).fill(new D(0));
    for (const term of expanded.terms)
      for (let m = term.start; m <= Math.min(term.end, horizon); m += term.step)
        months[m] = months[m]!.plus(term.value.times(factor));
    const total = months.reduce((a, b) => a.plus(b), new D(0));
    const max = months.reduce((a, b) => (b.abs().gt(a) ? b.abs() : a), new D(0));
    return { months, total, max, first: expanded.firstMonth, last: expanded.lastMonth };
  } catch {
    return null;
  }
}

// Bar heights for a picture h units high (display geometry only: floats are fine here).
export function barHeights(shape: MonthlyShape, h: number): number[] {
  return shape.months.map((v) => (shape.max.isZero() || v.isZero() ? 0 : v.abs().div(shape.max).times(h).toNumber()));
}
