// computeCase: the case file in, the compute output (docs/case-file.md#the-compute-output) out. Pure and
// deterministic: decimal.js throughout (the IRR root is located in floating point and polished
// in decimals, see solver.ts).
import { freezeCaseFile } from "@/lib/case-file/freeze";
import { idOf, withStableIds } from "@/lib/case-file/ids";
import type Decimal from "decimal.js";
import { costGroupOf } from "@/lib/case-file/categories";
import type { BenefitLine, CaseFile, CostLine, Scenario } from "@/lib/case-file/schema";
import { runChecks } from "./checks";
import { computeDepth, hasDepth } from "./depth";
import { computeRealisation } from "./realisation";
import { realisationChecks } from "./realisation-checks";
import { D, ONE, ZERO, add, eq, int, mul, str, sub } from "./decimal";
import { expandLine, type Term } from "./expand";
import type { ExpandedLine, LineWork, ScenarioFlows } from "./flows";
import { expectedRiskCost as expectedCostOfRisk, riskFactor } from "./risk-adjustment";
import { computeStream, makeGrid, yearOfMonth, type Grid } from "./metrics";
import type { CategoryResult, ComparisonResult, ComputeOutput, LineResult, ScenarioResult } from "./types";

export type { ExpandedLine, ForeignFlows, ScenarioFlows } from "./flows";
import { convertTerms, lineRates, type RateSteps } from "./fx";

// Running sums of discount factors along each cadence, so a run's PV is one subtraction.
// Kept per grid (read only, like the grid).
const sumsCache = new WeakMap<Grid, Record<1 | 3 | 12, Decimal[]>>();

export function discountSums(grid: Grid): Record<1 | 3 | 12, Decimal[]> {
  let out = sumsCache.get(grid);
  if (!out) sumsCache.set(grid, (out = makeDiscountSums(grid)));
  return out;
}

function makeDiscountSums(grid: Grid): Record<1 | 3 | 12, Decimal[]> {
  const out = {} as Record<1 | 3 | 12, Decimal[]>;
  for (const step of [1, 3, 12] as const) {
    const arr: Decimal[] = [];
    for (let m = 0; m <= grid.horizon; m++)
      arr.push(m >= step ? add(arr[m - step]!, grid.discountFactors[m]!) : grid.discountFactors[m]!);
    out[step] = arr;
  }
  return out;
}

function runCount(t: Term): number {
  return (t.end - t.start) / t.step + 1;
}

// Sum of the discount factors over a run, once per (step, start, end) and set of sums: lines
// share their runs (same start months, same escalation years), so most runs are cache hits.
const runFactorCache = new WeakMap<object, Map<number, Decimal>>();

function runFactor(t: Term, sums: Record<1 | 3 | 12, Decimal[]>): Decimal {
  let cache = runFactorCache.get(sums);
  if (!cache) runFactorCache.set(sums, (cache = new Map()));
  const key = (t.step * 4096 + t.start) * 4096 + t.end;
  let f = cache.get(key);
  if (f === undefined) {
    const arr = sums[t.step];
    const upper = arr[t.end]!;
    const lower = t.start - t.step >= 0 ? arr[t.start - t.step]! : ZERO;
    f = upper.minus(lower);
    if (Number.isInteger(t.start) && Number.isInteger(t.end) && t.start >= 0 && t.end < 4096) cache.set(key, f);
  }
  return f;
}

function runPv(t: Term, sums: Record<1 | 3 | 12, Decimal[]>): Decimal {
  return mul(t.value, runFactor(t, sums));
}

class Accumulator {
  private diff: Record<1 | 3 | 12, Decimal[]>;
  constructor(private horizon: number) {
    this.diff = { 1: [], 3: [], 12: [] };
    for (const step of [1, 3, 12] as const) this.diff[step] = new Array<Decimal>(horizon + 1 + step).fill(ZERO);
  }
  add(t: Term, v: Decimal) {
    const d = this.diff[t.step];
    d[t.start] = add(d[t.start]!, v);
    // A run that reaches the horizon needs no closing entry: result() never reads past it.
    if (t.end + t.step <= this.horizon) d[t.end + t.step] = sub(d[t.end + t.step]!, v);
  }
  addAt(month: number, v: Decimal) {
    this.diff[1][month] = add(this.diff[1][month]!, v);
    if (month + 1 <= this.horizon) this.diff[1][month + 1] = sub(this.diff[1][month + 1]!, v);
  }
  result(): Decimal[] {
    const out: Decimal[] = new Array<Decimal>(this.horizon + 1).fill(ZERO);
    const acc: Decimal[] = new Array<Decimal>(this.horizon + 1);
    for (const step of [1, 3, 12] as const) {
      const d = this.diff[step];
      for (let m = 0; m <= this.horizon; m++) {
        acc[m] = m >= step ? add(acc[m - step]!, d[m]!) : d[m]!;
        if (!acc[m]!.isZero()) out[m] = add(out[m]!, acc[m]!);
      }
    }
    return out;
  }
}

// Per-line results, kept by the line object (docs/architecture.md#per-line-memo): a line's expansion, totals, present value
// and years depend only on the line, its kind, the horizon and the grid. Case files are never
// changed in place (an edit makes a new line object and keeps the others: lib/case-file/line.ts
// mapLineById), so recomputing a 1,000-line case after a one-line edit computes one line again,
// in the browser and on the server (lib/services/compute-case.ts keeps the file across versions).
// Each value is the one the computation would produce; a different grid or horizon computes anew.
const lineMemo = new WeakMap<object, LineWork>();

function lineWork(
  line: CostLine | BenefitLine,
  kind: "cost" | "benefit",
  horizon: number,
  grid: Grid,
  sums: Record<1 | 3 | 12, Decimal[]>,
  rates: RateSteps | null = null,
): LineWork {
  const held = lineMemo.get(line);
  if (held && held.grid === grid && held.kind === kind && held.horizon === horizon && held.rates === rates) return held;
  const shape = expandLine(line, horizon, kind);
  const fx = rates ? { rates, terms: shape.terms } : undefined;
  if (rates) shape.terms = convertTerms(shape.terms, rates);
  const adjust = riskFactor(kind, line.riskAdjustment);
  let totalRaw = ZERO;
  let pvRaw = ZERO;
  const unit = adjust === ONE; // no adjustment: the terms' own values
  const adjusted: Decimal[] = [];
  for (const t of shape.terms) {
    const n = runCount(t);
    totalRaw = add(totalRaw, n === 1 ? t.value : mul(t.value, int(n)));
    pvRaw = add(pvRaw, runPv(t, sums));
    adjusted.push(unit ? t.value : mul(t.value, adjust));
  }
  const work: LineWork = {
    grid,
    kind,
    horizon,
    terms: shape.terms,
    adjusted,
    adjust,
    totalRaw,
    pvRaw,
    firstMonth: shape.firstMonth,
    lastMonth: shape.lastMonth,
    rates,
    fx,
  };
  lineMemo.set(freezeCaseFile(line), work);
  return work;
}

// The line's risk-adjusted total, present value and years (and their strings), kept with its work.
function lineFigures(l: ExpandedLine, yearCount: number): NonNullable<LineWork["result"]> {
  const work = l.work;
  if (work?.result && work.result.years.length === yearCount + 1) return work.result;
  const unit = eq(l.adjust, ONE);
  const total = unit ? l.totalRaw : mul(l.totalRaw, l.adjust);
  const pv = unit ? l.pvRaw : mul(l.pvRaw, l.adjust);
  const years = lineYears(l.terms, l.adjusted, yearCount);
  const result = {
    total,
    pv,
    years,
    strings: { total: str(total), pv: str(pv), totalUnadjusted: str(l.totalRaw), years: years.map(str) },
  };
  if (work) work.result = result;
  return result;
}

export function expandScenario(
  file: CaseFile,
  scenario: Scenario,
  grid: Grid,
  sums = discountSums(grid),
  withGrids = true,
): ScenarioFlows {
  const horizon = file.horizonMonths;
  const cost = new Accumulator(horizon);
  const costRaw = new Accumulator(horizon);
  const benefit = new Accumulator(horizon);
  const benefitRaw = new Accumulator(horizon);
  const lines: ExpandedLine[] = [];
  const take = (kind: "cost" | "benefit", line: CostLine | BenefitLine, index: number) => {
    const work = lineWork(line, kind, horizon, grid, sums, lineRates(file, line));
    const [adj, raw] = kind === "cost" ? [cost, costRaw] : [benefit, benefitRaw];
    if (withGrids) {
      for (let i = 0; i < work.terms.length; i++) {
        const t = work.terms[i]!;
        raw.add(t, t.value);
        adj.add(t, work.adjusted[i]!);
      }
    }
    lines.push({
      kind,
      index,
      line,
      terms: work.terms,
      adjusted: work.adjusted,
      adjust: work.adjust,
      totalRaw: work.totalRaw,
      pvRaw: work.pvRaw,
      firstMonth: work.firstMonth,
      lastMonth: work.lastMonth,
      work,
      fx: work.fx,
    });
  };
  scenario.costs.forEach((l, i) => take("cost", l, i));
  scenario.benefits.forEach((l, i) => take("benefit", l, i));

  // Risks whose expected value is included count in the risk-adjusted costs only.
  let expectedRiskCost = ZERO;
  let expectedRiskPv = ZERO;
  for (const risk of file.risks) {
    const expected = expectedCostOfRisk(risk, scenario, file.scenarios.length, horizon);
    if (!expected) continue;
    cost.addAt(expected.month, expected.cost);
    expectedRiskCost = expectedRiskCost.plus(expected.cost);
    expectedRiskPv = expectedRiskPv.plus(expected.cost.times(grid.discountFactors[expected.month]!));
  }
  if (!withGrids)
    return { scenario, lines, cost: [], benefit: [], costRaw: [], benefitRaw: [], expectedRiskCost, expectedRiskPv };
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

// values[i]: the amount per occurrence of terms[i] (risk-adjusted).
function lineYears(terms: Term[], values: Decimal[], yearCount: number): Decimal[] {
  const years = new Array<Decimal>(yearCount + 1).fill(ZERO);
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i]!;
    const v = values[i]!;
    if (t.start === t.end) {
      const y = yearOfMonth(t.start);
      years[y] = add(years[y]!, v);
      continue;
    }
    // Count the run's occurrences in each year.
    for (let m = t.start; m <= t.end;) {
      const y = yearOfMonth(m);
      const yearEnd = y === 0 ? 0 : 12 * y;
      const last = Math.min(t.end, yearEnd - ((yearEnd - m) % t.step));
      const n = Math.floor((last - m) / t.step) + 1;
      years[y] = add(years[y]!, n === 1 ? v : mul(v, int(n)));
      m = last + t.step;
    }
  }
  return years;
}

function isRecurring(line: CostLine | BenefitLine): boolean {
  return line.recurring !== undefined || (line.schedule !== undefined && Object.keys(line.schedule).length > 1);
}

function scenarioResult(
  file: CaseFile,
  flows: ScenarioFlows,
  grid: Grid,
  sums: Record<1 | 3 | 12, Decimal[]>,
): ScenarioResult {
  const adjusted = computeStream(grid, flows.cost, flows.benefit);
  // Without any risk adjustment the unadjusted figures are the same numbers: skip the work.
  const same = flows.expectedRiskCost.isZero() && flows.lines.every((l) => eq(l.adjust, ONE));
  const unadjusted = same ? adjusted : computeStream(grid, flows.costRaw, flows.benefitRaw, false);
  const yearCount = yearOfMonth(file.horizonMonths);
  const lines: LineResult[] = [];
  const categories = new Map<
    string,
    { kind: "cost" | "benefit"; category: string; total: Decimal; pv: Decimal; years: Decimal[] }
  >();
  let itCost = ZERO;
  let businessCost = ZERO;
  let oneTimeCost = ZERO;
  let recurringCost = ZERO;
  for (const l of flows.lines) {
    const benefit = l.kind === "benefit" ? (l.line as BenefitLine) : null;
    const tangible = benefit ? benefit.tangible !== false : true;
    const category = l.line.category ?? "other";
    const { total, pv, years, strings } = lineFigures(l, yearCount);
    lines.push({
      id: idOf(l.line),
      index: l.index,
      kind: l.kind,
      name: l.line.name,
      category,
      tangible,
      kpi: benefit?.kpi ?? null,
      recurring: isRecurring(l.line),
      total: strings.total,
      pv: strings.pv,
      totalUnadjusted: strings.totalUnadjusted,
      years: strings.years.slice(),
      firstMonth: l.firstMonth,
      lastMonth: l.lastMonth,
    });
    if (l.fx) lines[lines.length - 1]!.currency = l.fx.rates.currency;
    if (!tangible) continue;
    const key = `${l.kind}:${category}`;
    let cat = categories.get(key);
    if (!cat)
      categories.set(
        key,
        (cat = { kind: l.kind, category, total: ZERO, pv: ZERO, years: new Array<Decimal>(yearCount + 1).fill(ZERO) }),
      );
    cat.total = add(cat.total, total);
    cat.pv = add(cat.pv, pv);
    for (let i = 0; i < years.length; i++) cat.years[i] = add(cat.years[i]!, years[i]!);
    if (l.kind === "cost") {
      const group = costGroupOf(category);
      if (group === "it") itCost = add(itCost, total);
      else if (group === "business") businessCost = add(businessCost, total);
      if (isRecurring(l.line)) recurringCost = add(recurringCost, total);
      else oneTimeCost = add(oneTimeCost, total);
    }
  }
  const categoryResults: CategoryResult[] = [...categories.values()].map((c) => ({
    kind: c.kind,
    category: c.category,
    group: c.kind === "benefit" ? "benefit" : costGroupOf(c.category),
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
  return a.map((v, i) => sub(v, b[i]!));
}

// Grids are immutable and cost three fractional powers (ln and exp at 40 digits) and a few
// hundred products, so they are kept per (horizon, rates): most cases share their rates.
const gridCache = new Map<string, Grid>();

export function gridOf(file: CaseFile): Grid {
  const rate = new D(file.discountRate);
  const finance = new D(file.financeRate ?? file.discountRate);
  const reinvest = new D(file.reinvestRate ?? file.discountRate);
  const key = `${file.horizonMonths}|${rate.toString()}|${finance.toString()}|${reinvest.toString()}`;
  let grid = gridCache.get(key);
  if (!grid) {
    grid = makeGrid(file.horizonMonths, rate, finance, reinvest);
    if (gridCache.size >= 64) gridCache.clear();
    gridCache.set(key, grid);
  }
  return grid;
}

export function baselineOf(file: CaseFile): Scenario | null {
  return file.scenarios.length > 1 ? (file.scenarios.find((s) => s.baseline === true) ?? null) : null;
}

// A scenario's flows and result, kept by the scenario object like the lines' (lineWork): what they
// depend on besides the scenario is the horizon, the grid, the risks (expected costs) and whether
// the case has one scenario (which risks apply). An edit of one line makes a new object of its
// scenario only; the others are taken as they were.
interface ScenarioWork {
  grid: Grid;
  horizon: number;
  risks: CaseFile["risks"];
  fx: CaseFile["fx"];
  single: boolean;
  flows: ScenarioFlows;
  result: ScenarioResult;
}
const scenarioMemo = new WeakMap<object, ScenarioWork>();

function scenarioWork(
  file: CaseFile,
  scenario: Scenario,
  grid: Grid,
  sums: Record<1 | 3 | 12, Decimal[]>,
): ScenarioWork {
  const single = file.scenarios.length === 1;
  const held = scenarioMemo.get(scenario);
  if (
    held &&
    held.grid === grid &&
    held.horizon === file.horizonMonths &&
    held.risks === file.risks &&
    held.fx === file.fx &&
    held.single === single
  )
    return held;
  const flows = expandScenario(file, scenario, grid, sums);
  const work: ScenarioWork = {
    grid,
    horizon: file.horizonMonths,
    risks: file.risks,
    fx: file.fx,
    single,
    flows,
    result: scenarioResult(file, flows, grid, sums),
  };
  scenarioMemo.set(freezeCaseFile(scenario), work);
  return work;
}

export function computeCase(input: CaseFile): ComputeOutput {
  const file = withStableIds(freezeCaseFile(input));
  // Tax, real terms and optimism bias are off by default: a case without them computes as it did.
  if (!hasDepth(file)) return computeFlows(file).output;
  return computeDepth(file, computeFlows);
}

// The engine on a case in nominal terms, with the flows it made (tax and optimism bias need them).
function computeFlows(file: CaseFile): { output: ComputeOutput; flows: ScenarioFlows[]; grid: Grid } {
  const grid = gridOf(file);
  const sums = discountSums(grid);
  const work = file.scenarios.map((s) => scenarioWork(file, s, grid, sums));
  const flows = work.map((w) => w.flows);
  const scenarios = work.map((w) => w.result);
  const baseline = baselineOf(file);
  const comparisons: ComparisonResult[] = [];
  if (baseline) {
    const base = flows.find((f) => f.scenario.key === baseline.key)!;
    for (const alt of flows) {
      if (alt === base) continue;
      // Incremental flows: alternative minus baseline, costs and benefits separately.
      const adjusted = computeStream(grid, minus(alt.cost, base.cost), minus(alt.benefit, base.benefit));
      const unadjusted = computeStream(
        grid,
        minus(alt.costRaw, base.costRaw),
        minus(alt.benefitRaw, base.benefitRaw),
        false,
      );
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
  const realisation = computeRealisation(file, grid, flows);
  const output = {
    currency: file.currency,
    horizonMonths: file.horizonMonths,
    discountRate: new D(file.discountRate).toString(),
    scenarios,
    comparisons,
    checks: [...runChecks(file, scenarios, comparisons), ...realisationChecks(file, realisation)],
    realisation,
  };
  return { output, flows, grid };
}
