// computeCase: the case file in, the compute output of spec/case-format.md out. Pure and
// deterministic: decimal.js throughout (the IRR root is located in floating point and polished
// in decimals, see solver.ts).
import type Decimal from "decimal.js";
import { BUSINESS_COST_CATEGORIES, IT_COST_CATEGORIES, type BenefitLine, type CaseFile, type CostLine, type Scenario } from "@/lib/case-file/schema";
import { runChecks } from "./checks";
import { D, ONE, ZERO } from "./decimal";
import { expandLine, type Term } from "./expand";
import { computeStream, makeGrid, yearOfMonth, type Grid } from "./metrics";
import type { CategoryResult, ComparisonResult, ComputeOutput, LineResult, ScenarioResult } from "./types";

const IT = new Set<string>(IT_COST_CATEGORIES);
const BUSINESS = new Set<string>(BUSINESS_COST_CATEGORIES);

export interface ExpandedLine {
  kind: "cost" | "benefit";
  index: number;
  line: CostLine | BenefitLine;
  terms: Term[];
  adjust: Decimal; // multiplier of the risk adjustment: 1 + ra for costs, 1 - ra for benefits
  totalRaw: Decimal;
  pvRaw: Decimal;
  firstMonth: number | null;
  lastMonth: number | null;
}

export interface ScenarioFlows {
  scenario: Scenario;
  lines: ExpandedLine[];
  cost: Decimal[]; // risk-adjusted, with the expected cost of included risks
  benefit: Decimal[];
  costRaw: Decimal[];
  benefitRaw: Decimal[];
  expectedRiskCost: Decimal;
  expectedRiskPv: Decimal;
}

// Running sums of discount factors along each cadence, so a run's PV is one subtraction.
export function discountSums(grid: Grid): Record<1 | 3 | 12, Decimal[]> {
  const out = {} as Record<1 | 3 | 12, Decimal[]>;
  for (const step of [1, 3, 12] as const) {
    const arr: Decimal[] = [];
    for (let m = 0; m <= grid.horizon; m++) arr.push(m >= step ? arr[m - step]!.plus(grid.discountFactors[m]!) : grid.discountFactors[m]!);
    out[step] = arr;
  }
  return out;
}

function runCount(t: Term): number {
  return (t.end - t.start) / t.step + 1;
}

function runPv(t: Term, sums: Record<1 | 3 | 12, Decimal[]>): Decimal {
  const arr = sums[t.step];
  const upper = arr[t.end]!;
  const lower = t.start - t.step >= 0 ? arr[t.start - t.step]! : ZERO;
  return t.value.times(upper.minus(lower));
}

class Accumulator {
  private diff: Record<1 | 3 | 12, Decimal[]>;
  constructor(private horizon: number) {
    this.diff = { 1: [], 3: [], 12: [] };
    for (const step of [1, 3, 12] as const) this.diff[step] = Array.from({ length: horizon + 1 + step }, () => ZERO);
  }
  add(t: Term, factor: Decimal | null) {
    const v = factor ? t.value.times(factor) : t.value;
    const d = this.diff[t.step];
    d[t.start] = d[t.start]!.plus(v);
    d[t.end + t.step] = d[t.end + t.step]!.minus(v);
  }
  addAt(month: number, v: Decimal) {
    this.diff[1][month] = this.diff[1][month]!.plus(v);
    this.diff[1][month + 1] = this.diff[1][month + 1]!.minus(v);
  }
  result(): Decimal[] {
    const out: Decimal[] = Array.from({ length: this.horizon + 1 }, () => ZERO);
    for (const step of [1, 3, 12] as const) {
      const d = this.diff[step];
      const acc: Decimal[] = [];
      for (let m = 0; m <= this.horizon; m++) {
        acc.push(m >= step ? acc[m - step]!.plus(d[m]!) : d[m]!);
        if (!acc[m]!.isZero()) out[m] = out[m]!.plus(acc[m]!);
      }
    }
    return out;
  }
}

export function expandScenario(file: CaseFile, scenario: Scenario, grid: Grid, sums = discountSums(grid), withGrids = true): ScenarioFlows {
  const horizon = file.horizonMonths;
  const cost = new Accumulator(horizon);
  const costRaw = new Accumulator(horizon);
  const benefit = new Accumulator(horizon);
  const benefitRaw = new Accumulator(horizon);
  const lines: ExpandedLine[] = [];
  const take = (kind: "cost" | "benefit", line: CostLine | BenefitLine, index: number) => {
    const shape = expandLine(line, horizon, kind);
    const ra = new D(line.riskAdjustment ?? 0);
    const adjust = kind === "cost" ? ONE.plus(ra) : ONE.minus(ra);
    let totalRaw = ZERO;
    let pvRaw = ZERO;
    const [adj, raw] = kind === "cost" ? [cost, costRaw] : [benefit, benefitRaw];
    for (const t of shape.terms) {
      totalRaw = totalRaw.plus(t.value.times(runCount(t)));
      pvRaw = pvRaw.plus(runPv(t, sums));
      if (!withGrids) continue;
      raw.add(t, null);
      adj.add(t, ra.isZero() ? null : adjust);
    }
    lines.push({ kind, index, line, terms: shape.terms, adjust, totalRaw, pvRaw, firstMonth: shape.firstMonth, lastMonth: shape.lastMonth });
  };
  scenario.costs.forEach((l, i) => take("cost", l, i));
  scenario.benefits.forEach((l, i) => take("benefit", l, i));

  // Risks whose expected value is included count in the risk-adjusted costs only.
  let expectedRiskCost = ZERO;
  let expectedRiskPv = ZERO;
  for (const risk of file.risks) {
    if (!risk.includeInCosts || risk.probability === undefined || risk.costImpact === undefined) continue;
    const applies = risk.scenario !== undefined ? risk.scenario === scenario.key : !(scenario.baseline === true) || file.scenarios.length === 1;
    // The schema keeps risk months within the horizon; a hand-built file past it adds nothing.
    if (!applies || (risk.month ?? 0) > horizon) continue;
    const ev = new D(risk.probability).times(risk.costImpact);
    cost.addAt(risk.month ?? 0, ev);
    expectedRiskCost = expectedRiskCost.plus(ev);
    expectedRiskPv = expectedRiskPv.plus(ev.times(grid.discountFactors[risk.month ?? 0]!));
  }
  if (!withGrids) return { scenario, lines, cost: [], benefit: [], costRaw: [], benefitRaw: [], expectedRiskCost, expectedRiskPv };
  return {
    scenario,
    lines,
    expectedRiskPv,
    cost: cost.result(),
    benefit: benefit.result(),
    costRaw: costRaw.result(),
    benefitRaw: benefitRaw.result(),
    expectedRiskCost,
  };
}

function lineYears(terms: Term[], factor: Decimal, yearCount: number): Decimal[] {
  const years = Array.from({ length: yearCount + 1 }, () => ZERO);
  const unit = factor.eq(1);
  for (const t of terms) {
    const v = unit ? t.value : t.value.times(factor);
    if (t.start === t.end) {
      const y = yearOfMonth(t.start);
      years[y] = years[y]!.plus(v);
      continue;
    }
    // Count the run's occurrences in each year.
    for (let m = t.start; m <= t.end; ) {
      const y = yearOfMonth(m);
      const yearEnd = y === 0 ? 0 : 12 * y;
      const last = Math.min(t.end, yearEnd - ((yearEnd - m) % t.step));
      const n = Math.floor((last - m) / t.step) + 1;
      years[y] = years[y]!.plus(n === 1 ? v : v.times(n));
      m = last + t.step;
    }
  }
  return years;
}

function isRecurring(line: CostLine | BenefitLine): boolean {
  return line.recurring !== undefined || (line.schedule !== undefined && Object.keys(line.schedule).length > 1);
}

function scenarioResult(file: CaseFile, flows: ScenarioFlows, grid: Grid, sums: Record<1 | 3 | 12, Decimal[]>): ScenarioResult {
  const adjusted = computeStream(grid, flows.cost, flows.benefit);
  // Without any risk adjustment the unadjusted figures are the same numbers: skip the work.
  const same = flows.expectedRiskCost.isZero() && flows.lines.every((l) => l.adjust.eq(1));
  const unadjusted = same ? adjusted : computeStream(grid, flows.costRaw, flows.benefitRaw, false);
  const yearCount = yearOfMonth(file.horizonMonths);
  const lines: LineResult[] = [];
  const categories = new Map<string, { kind: "cost" | "benefit"; category: string; total: Decimal; pv: Decimal; years: Decimal[] }>();
  let itCost = ZERO;
  let businessCost = ZERO;
  let oneTimeCost = ZERO;
  let recurringCost = ZERO;
  for (const l of flows.lines) {
    const benefit = l.kind === "benefit" ? (l.line as BenefitLine) : null;
    const tangible = benefit ? benefit.tangible !== false : true;
    const category = l.line.category ?? "other";
    const unit = l.adjust.eq(1);
    const total = unit ? l.totalRaw : l.totalRaw.times(l.adjust);
    const pv = unit ? l.pvRaw : l.pvRaw.times(l.adjust);
    const years = lineYears(l.terms, l.adjust, yearCount);
    lines.push({
      index: l.index,
      kind: l.kind,
      name: l.line.name,
      category,
      tangible,
      kpi: benefit?.kpi ?? null,
      recurring: isRecurring(l.line),
      total: total.toString(),
      pv: pv.toString(),
      totalUnadjusted: l.totalRaw.toString(),
      years: years.map((y) => y.toString()),
      firstMonth: l.firstMonth,
      lastMonth: l.lastMonth,
    });
    if (!tangible) continue;
    const key = `${l.kind}:${category}`;
    const cat = categories.get(key) ?? { kind: l.kind, category, total: ZERO, pv: ZERO, years: Array.from({ length: yearCount + 1 }, () => ZERO) };
    cat.total = cat.total.plus(total);
    cat.pv = cat.pv.plus(pv);
    years.forEach((y, i) => (cat.years[i] = cat.years[i]!.plus(y)));
    categories.set(key, cat);
    if (l.kind === "cost") {
      if (IT.has(category)) itCost = itCost.plus(total);
      else if (BUSINESS.has(category)) businessCost = businessCost.plus(total);
      if (isRecurring(l.line)) recurringCost = recurringCost.plus(total);
      else oneTimeCost = oneTimeCost.plus(total);
    }
  }
  const categoryResults: CategoryResult[] = [...categories.values()].map((c) => ({
    kind: c.kind,
    category: c.category,
    group: c.kind === "benefit" ? "benefit" : IT.has(c.category) ? "it" : BUSINESS.has(c.category) ? "business" : "other",
    total: c.total.toString(),
    pv: c.pv.toString(),
    years: c.years.map((y) => y.toString()),
  }));
  void sums;
  return {
    key: flows.scenario.key,
    name: flows.scenario.name,
    baseline: flows.scenario.baseline === true,
    ...adjusted.metrics,
    unadjusted: unadjusted.metrics,
    months: adjusted.months,
    years: adjusted.years,
    lines,
    categories: categoryResults,
    itCost: itCost.toString(),
    businessCost: businessCost.toString(),
    oneTimeCost: oneTimeCost.toString(),
    recurringCost: recurringCost.toString(),
    expectedRiskCost: flows.expectedRiskCost.toString(),
  };
}

function minus(a: Decimal[], b: Decimal[]): Decimal[] {
  return a.map((v, i) => v.minus(b[i]!));
}

export function gridOf(file: CaseFile): Grid {
  const rate = new D(file.discountRate);
  return makeGrid(file.horizonMonths, rate, new D(file.financeRate ?? file.discountRate), new D(file.reinvestRate ?? file.discountRate));
}

export function baselineOf(file: CaseFile): Scenario | null {
  return file.scenarios.length > 1 ? (file.scenarios.find((s) => s.baseline === true) ?? null) : null;
}

export function computeCase(file: CaseFile): ComputeOutput {
  const grid = gridOf(file);
  const sums = discountSums(grid);
  const flows = file.scenarios.map((s) => expandScenario(file, s, grid, sums));
  const scenarios = flows.map((f) => scenarioResult(file, f, grid, sums));
  const baseline = baselineOf(file);
  const comparisons: ComparisonResult[] = [];
  if (baseline) {
    const base = flows.find((f) => f.scenario.key === baseline.key)!;
    for (const alt of flows) {
      if (alt === base) continue;
      // Incremental flows: alternative minus baseline, costs and benefits separately.
      const adjusted = computeStream(grid, minus(alt.cost, base.cost), minus(alt.benefit, base.benefit));
      const unadjusted = computeStream(grid, minus(alt.costRaw, base.costRaw), minus(alt.benefitRaw, base.benefitRaw), false);
      comparisons.push({
        baseline: base.scenario.key,
        alternative: alt.scenario.key,
        ...adjusted.metrics,
        unadjusted: unadjusted.metrics,
        months: adjusted.months,
        years: adjusted.years,
      });
    }
  }
  return {
    currency: file.currency,
    horizonMonths: file.horizonMonths,
    discountRate: new D(file.discountRate).toString(),
    scenarios,
    comparisons,
    checks: runChecks(file, scenarios, comparisons),
  };
}
