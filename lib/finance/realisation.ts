// Benefit realisation (docs/finance.md#benefit-realisation): the plan against what happened, for the
// scenario being carried out. Pure decimal.js; fed by computeCase with the flows it already made.
//
//   computeRealisation(file, grid, flows)  -> RealisationResult | null (null without actualsThrough)
//
// Plan to date: the plan's risk-adjusted flows (with included risks' expected cost) in months 0..A.
// Actual: each tangible line's recorded amounts, times the line's margin as in the plan; never risk
// adjustment, ramp or realisation share (actuals are facts). A month without a record is zero.
// Forecast: the actual flows for months <= A, the plan's risk-adjusted flows after A.
import { idOf } from "@/lib/case-file/ids";
import { chosenScenarioKey, type BenefitLine, type CaseFile, type Kpi } from "@/lib/case-file/schema";
import type Decimal from "decimal.js";
import { D, ONE, ZERO, add, eq, exactDifference, int, str, sub } from "./decimal";
import { expandLine } from "./expand";
import { riskFactor } from "./risk-adjustment";
import type { ExpandedLine, ScenarioFlows } from "./flows";
import { actualRateAt, rateAt } from "./fx";
import { computeStream, type Grid } from "./metrics";
import type { Metrics, MonthRow, RealisationKpi, RealisationLine, RealisationResult, Triple } from "./types";

interface Sums {
  cost: Decimal;
  benefit: Decimal;
}

const triple = (s: Sums): Triple => ({ cost: str(s.cost), benefit: str(s.benefit), net: str(sub(s.benefit, s.cost)) });
const share = (variance: Decimal, plan: Decimal): string | null => (plan.isZero() ? null : str(variance.div(plan)));

// The risk-adjusted planned amount of one line over months 0..through: each run counts its
// occurrences up to `through` (runs are start..end every step months).
function linePlanToDate(l: ExpandedLine, through: number): Decimal {
  let total = ZERO;
  for (let i = 0; i < l.terms.length; i++) {
    const t = l.terms[i]!;
    if (t.start > through) continue;
    const last = Math.min(t.end, through);
    const n = Math.floor((last - t.start) / t.step) + 1;
    const v = l.adjusted[i]!;
    total = add(total, n === 1 ? v : v.times(int(n)));
  }
  return total;
}

// A line's recorded actuals as flows (month -> amount in the plan's terms): the benefit's margin
// applies, as it does to the planned amount. Months after `through` are not counted (the schema
// refuses them; a hand-built file cannot slip them in).
function lineActualFlows(l: ExpandedLine, through: number): Map<number, Decimal> {
  const out = new Map<number, Decimal>();
  const actuals = l.line.actuals;
  if (!actuals) return out;
  const margin =
    l.kind === "benefit" && (l.line as BenefitLine).margin !== undefined
      ? new D((l.line as BenefitLine).margin!)
      : null;
  for (const key in actuals) {
    const m = Number(key);
    if (!(m >= 0 && m <= through)) continue;
    const v = new D(actuals[key]!);
    out.set(m, margin ? v.times(margin) : v);
  }
  return out;
}

function tangible(l: ExpandedLine): boolean {
  return l.kind === "cost" || (l.line as BenefitLine).tangible !== false;
}

export function computeRealisation(file: CaseFile, grid: Grid, flows: ScenarioFlows[]): RealisationResult | null {
  if (file.actualsThrough === undefined) return null;
  const key = chosenScenarioKey(file);
  const chosen = flows.find((f) => f.scenario.key === key);
  if (!chosen) return null;
  const horizon = grid.horizon;
  const through = Math.min(file.actualsThrough, horizon);

  const actualCost: Decimal[] = new Array<Decimal>(through + 1).fill(ZERO);
  const actualBenefit: Decimal[] = new Array<Decimal>(through + 1).fill(ZERO);
  const lines: RealisationLine[] = [];
  const fxVariance: Sums = { cost: ZERO, benefit: ZERO };
  let anyForeign = false;
  for (const l of chosen.lines) {
    if (!tangible(l)) continue;
    const recorded = lineActualFlows(l, through);
    const target = l.kind === "cost" ? actualCost : actualBenefit;
    let actual = ZERO;
    // A foreign line's actuals are in its currency: each converted at its month's actual rate.
    const converted = l.fx ? convertActuals(file, l, recorded) : recorded;
    for (const [m, v] of converted) {
      target[m] = add(target[m]!, v);
      actual = add(actual, v);
    }
    const plan = linePlanToDate(l, through);
    const variance = sub(actual, plan);
    const row: RealisationLine = {
      id: idOf(l.line),
      kind: l.kind,
      name: l.line.name,
      planToDate: str(plan),
      actualToDate: str(actual),
      variance: str(variance),
      recorded: recorded.size > 0,
    };
    if (l.fx) {
      const currency = currencyEffect(file, l, recorded);
      row.currency = l.fx.rates.currency;
      row.currencyVariance = str(currency);
      row.volumeVariance = str(exactDifference(variance, currency));
      const t = l.kind === "cost" ? fxVariance.cost : fxVariance.benefit;
      if (l.kind === "cost") fxVariance.cost = add(t, currency);
      else fxVariance.benefit = add(t, currency);
      anyForeign = true;
    }
    lines.push(row);
  }

  const plan: Sums = { cost: ZERO, benefit: ZERO };
  const actual: Sums = { cost: ZERO, benefit: ZERO };
  for (let m = 0; m <= through; m++) {
    plan.cost = add(plan.cost, chosen.cost[m]!);
    plan.benefit = add(plan.benefit, chosen.benefit[m]!);
    actual.cost = add(actual.cost, actualCost[m]!);
    actual.benefit = add(actual.benefit, actualBenefit[m]!);
  }
  const variance: Sums = { cost: sub(actual.cost, plan.cost), benefit: sub(actual.benefit, plan.benefit) };
  const planNet = sub(plan.benefit, plan.cost);
  const varianceNet = sub(variance.benefit, variance.cost);

  const forecastCost = chosen.cost.map((v, m) => (m <= through ? actualCost[m]! : v));
  const forecastBenefit = chosen.benefit.map((v, m) => (m <= through ? actualBenefit[m]! : v));
  const forecast = computeStream(grid, forecastCost, forecastBenefit);

  let forecastComparison: RealisationResult["forecastComparison"] = null;
  const base = flows.length > 1 ? flows.find((f) => f.scenario.baseline === true) : undefined;
  if (base && base !== chosen) {
    const cmp = computeStream(
      grid,
      forecastCost.map((v, m) => sub(v, base.cost[m]!)),
      forecastBenefit.map((v, m) => sub(v, base.benefit[m]!)),
      false,
    );
    forecastComparison = { baseline: base.scenario.key, alternative: key, ...cmp.metrics };
  }

  return {
    scenario: key,
    actualsThrough: through,
    goLiveMonth: file.goLiveMonth ?? 0,
    planToDate: triple(plan),
    actualToDate: triple(actual),
    variance: triple(variance),
    varianceShare: {
      cost: share(variance.cost, plan.cost),
      benefit: share(variance.benefit, plan.benefit),
      net: share(varianceNet, planNet),
    },
    realisedRoi: actual.cost.isZero() ? null : str(sub(actual.benefit, actual.cost).div(actual.cost)),
    forecast: { ...forecast.metrics, months: forecast.months } as Metrics & { months: MonthRow[] },
    forecastComparison,
    lines,
    kpis: file.kpis.map((k) => kpiRow(k, file.goLiveMonth ?? 0)),
    ...(anyForeign ? { currencyVariance: triple(fxVariance) } : {}),
  };
}

// Actuals of a foreign line in the reporting currency: each month at its actual rate (the recorded
// actual rate, else the plan rate: docs/currencies.md).
function convertActuals(file: CaseFile, l: ExpandedLine, recorded: Map<number, Decimal>): Map<number, Decimal> {
  const out = new Map<number, Decimal>();
  for (const [m, v] of recorded) out.set(m, v.times(actualRateAt(file, l.fx!.rates, m)));
  return out;
}

// The currency part of a foreign line's variance to date: sum over months of actual amount x
// (actual rate - plan rate). The volume/price part, (actual amount - plan amount) x plan rate, is
// the variance minus it, taken exactly (it may carry a few digits beyond the engine's 40), so the
// two sum to the variance to the last digit (docs/currencies.md).
function currencyEffect(file: CaseFile, l: ExpandedLine, recorded: Map<number, Decimal>): Decimal {
  let total = ZERO;
  for (const [m, v] of recorded) {
    const plan = rateAt(l.fx!.rates, m);
    const actual = actualRateAt(file, l.fx!.rates, m);
    if (!eq(plan, actual)) total = add(total, v.times(actual.minus(plan)));
  }
  return total;
}

function mean(values: Decimal[]): Decimal | null {
  if (values.length === 0) return null;
  let s = ZERO;
  for (const v of values) s = add(s, v);
  return s.div(values.length);
}

// Before = months < go-live, after = months >= go-live; the direction comes from the KPI, else
// from its target against its baseline, else "up".
export function kpiRow(kpi: Kpi, goLive: number): RealisationKpi {
  const values = [...(kpi.actuals ?? [])]
    .sort((a, b) => a.month - b.month)
    .map((a) => ({ month: a.month, value: new D(a.value) }));
  const before = mean(values.filter((v) => v.month < goLive).map((v) => v.value));
  const after = mean(values.filter((v) => v.month >= goLive).map((v) => v.value));
  const change = before !== null && after !== null ? sub(after, before) : null;
  const latest = values.length ? values[values.length - 1]!.value : null;
  const baseline = kpi.baseline !== undefined ? new D(kpi.baseline) : null;
  const target = kpi.target !== undefined ? new D(kpi.target) : null;
  const progress =
    latest !== null && baseline !== null && target !== null && !target.eq(baseline)
      ? latest.minus(baseline).div(target.minus(baseline))
      : null;
  const direction = kpi.direction ?? (baseline !== null && target !== null && target.lt(baseline) ? "down" : "up");
  return {
    id: idOf(kpi),
    name: kpi.name,
    direction,
    beforeAverage: before === null ? null : str(before),
    afterAverage: after === null ? null : str(after),
    change: change === null ? null : str(change),
    latest: latest === null ? null : str(latest),
    progress: progress === null ? null : str(progress),
    improved: change === null ? null : direction === "up" ? change.gt(0) : change.lt(0),
  };
}

// The plan of each tangible line of the chosen scenario, month by month (0..through), in the
// terms an actual is recorded in: the risk-adjusted planned flow before the line's margin (a
// revenue line shows planned revenue). For the actuals grid's faint plan under each cell.
export function linePlansForActuals(
  file: CaseFile,
  through: number,
): { id: string; kind: "cost" | "benefit"; months: string[] }[] {
  const key = chosenScenarioKey(file);
  const scenario = file.scenarios.find((s) => s.key === key);
  if (!scenario) return [];
  const horizon = Math.min(through, file.horizonMonths);
  const out: { id: string; kind: "cost" | "benefit"; months: string[] }[] = [];
  const take = (kind: "cost" | "benefit", line: CaseFile["scenarios"][number]["costs"][number] | BenefitLine) => {
    if (kind === "benefit" && (line as BenefitLine).tangible === false) return;
    const shape = expandLine(line, file.horizonMonths, kind);
    const adjust = riskFactor(kind, line.riskAdjustment);
    const margin =
      kind === "benefit" && (line as BenefitLine).margin !== undefined ? new D((line as BenefitLine).margin!) : ONE;
    const months = new Array<Decimal>(horizon + 1).fill(ZERO);
    for (const t of shape.terms) {
      for (let m = t.start; m <= Math.min(t.end, horizon); m += t.step)
        months[m] = add(months[m]!, t.value.times(adjust));
    }
    out.push({ id: idOf(line), kind, months: months.map((v) => str(margin.isZero() ? v : v.div(margin))) });
  };
  scenario.costs.forEach((l) => take("cost", l));
  scenario.benefits.forEach((l) => take("benefit", l));
  return out;
}
