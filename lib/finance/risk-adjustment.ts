// What risk does to the money, written once (docs/finance.md "Risk"): a line's risk adjustment
// and whether a register risk's expected cost counts in a scenario. The engine (compute.ts), the
// realisation plan (realisation.ts), the grid's sparkline (components/lines/shape.ts) and the
// workbook's formulas (lib/xlsx/export.ts) all take the rule from here: each rule sits beside its
// spreadsheet formula, so the workbook cannot say something else than the engine
// (tests/integration/xlsx-recalc.test.ts recalculates a workbook and compares).
import type Decimal from "decimal.js";
import { D, ONE, add, parse, sub } from "./decimal";

// A line's risk-adjustment factor: a cost grows by its adjustment (1 + ra: it may cost more), a
// benefit shrinks by it (1 - ra: it may bring less). Absent: 1.
export function riskFactor(kind: "cost" | "benefit", riskAdjustment: string | undefined): Decimal {
  if (riskAdjustment === undefined) return ONE;
  const ra = parse(riskAdjustment);
  if (ra.isZero()) return ONE;
  return kind === "cost" ? add(ONE, ra) : sub(ONE, ra);
}

// The same factor as a formula over the cells holding the line's kind ("cost" or "benefit") and
// its adjustment (empty: 0).
export const riskFactorFormula = (kindCell: string, adjustmentCell: string): string =>
  `IF(${kindCell}="cost",1+N(${adjustmentCell}),1-N(${adjustmentCell}))`;

export interface RegisterRisk {
  includeInCosts?: boolean;
  probability?: string;
  costImpact?: string;
  scenario?: string; // the key of the scenario it belongs to; absent: every alternative
  month?: number; // the month its expected cost falls in; absent: month 0
}

export interface ScenarioOfRisk {
  key: string;
  baseline?: boolean;
}

// A risk belongs to its named scenario; without one, to every scenario but the baseline (doing
// nothing carries no project risk), or to the only scenario a case has.
export function riskAppliesTo(risk: RegisterRisk, scenario: ScenarioOfRisk, scenarioCount: number): boolean {
  return risk.scenario !== undefined
    ? risk.scenario === scenario.key
    : !(scenario.baseline === true) || scenarioCount === 1;
}

// The expected cost (probability x cost impact) a risk adds to a scenario's risk-adjusted costs,
// in its month, or null when it adds none: not included, not quantified, another scenario's, or
// past the horizon (the schema keeps months within it; a hand-built file past it adds nothing).
export function expectedRiskCost(
  risk: RegisterRisk,
  scenario: ScenarioOfRisk,
  scenarioCount: number,
  horizon: number,
): { month: number; cost: Decimal } | null {
  if (!risk.includeInCosts || risk.probability === undefined || risk.costImpact === undefined) return null;
  if (!riskAppliesTo(risk, scenario, scenarioCount)) return null;
  const month = risk.month ?? 0;
  if (month > horizon) return null;
  return { month, cost: new D(risk.probability).times(risk.costImpact) };
}

// The same expected cost as a formula over the cells of the risk's row (the Risks sheet), for one
// scenario: `isBaselineCell` holds whether that scenario is the baseline.
export function expectedRiskCostFormula(
  cells: { includeInCosts: string; probability: string; costImpact: string; scenario: string },
  scenarioKey: string,
  isBaselineCell: string,
  scenarioCount: number,
): string {
  const applies = `IF(${cells.scenario}<>"",${cells.scenario}="${scenarioKey}",OR(NOT(${isBaselineCell}),${scenarioCount}=1))`;
  return `IF(AND(N(${cells.includeInCosts})=1,${cells.probability}<>"",${cells.costImpact}<>"",${applies}),${cells.probability}*${cells.costImpact},0)`;
}
