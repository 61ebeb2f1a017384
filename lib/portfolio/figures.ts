// A case's figures in the portfolio (docs/portfolio.md "Figures"): its proposal, every
// alternative's incremental risk-adjusted figures against the baseline, spend by calendar year and
// the realisation figures of a live case. Pure: read from the engine's compute output (the compute
// cache holds it), never a second run of the engine for a case whose output is at hand.
import type Decimal from "decimal.js";
import { D, ZERO, add, str } from "@/lib/finance/decimal";
import { headlineKeys } from "@/lib/finance/headline";
import { computeStream, makeGrid } from "@/lib/finance/metrics";
import type { ComputeOutput, LineResult, Metrics, MonthRow, RealisationResult } from "@/lib/finance/types";
import type { WorkspaceRates } from "@/lib/finance/fx";
import { toReportingCurrency, type MonthlySeries } from "./currency";
import type { BenefitClaim } from "./plans";

type HeadFigures = Pick<Metrics, "npv" | "irr" | "roi" | "paybackMonths" | "pvCost">;
type Months = Pick<MonthRow, "cost" | "benefit">[];

// The parts of the compute output the portfolio reads (lib/db/portfolio.ts trims the cached
// output to these); a whole ComputeOutput is one too.
export interface PortfolioComputeOutput {
  horizonMonths: number;
  discountRate: string;
  scenarios: (HeadFigures & {
    key: string;
    name: string;
    baseline: boolean;
    months: Months;
    lines?: Pick<LineResult, "kind" | "category" | "tangible" | "kpi">[];
  })[];
  comparisons: (HeadFigures & { baseline: string; alternative: string; months: Months })[];
  realisation:
    | (Pick<
        RealisationResult,
        "scenario" | "actualsThrough" | "realisedRoi" | "variance" | "actualToDate" | "planToDate"
      > & {
        forecast: Pick<Metrics, "npv">;
        forecastComparison: Pick<Metrics, "npv"> | null;
      })
    | null;
}

export type DecimalString = string;

// One way a case may be funded: one of its alternatives (or its single scenario) against the
// baseline. `spend` has every calendar year the case's horizon touches, zeros included.
export interface PortfolioOption {
  scenario: string;
  name: string;
  npv: DecimalString;
  irr: DecimalString | null;
  roi: DecimalString | null;
  paybackMonths: DecimalString | null;
  pvCost: DecimalString;
  profitabilityIndex: DecimalString | null;
  spend: Record<string, DecimalString>;
}

export interface PortfolioRealisation {
  scenario: string;
  actualsThrough: number;
  realisedRoi: DecimalString | null;
  varianceToDate: DecimalString; // net: actual - plan, months 0..actualsThrough
  benefitsToDate: DecimalString; // actual benefit to date
  planBenefitsToDate: DecimalString;
  planNpv: DecimalString; // the plan's incremental NPV of the carried-out scenario
  forecastNpv: DecimalString; // actuals to date, plan after, against the baseline's plan
}

export interface CaseFigures {
  currency: string; // the reporting currency the figures are in
  proposal: string; // scenario key of the proposal, one of options
  baseline: string | null;
  options: PortfolioOption[];
  realisation: PortfolioRealisation | null;
  claims: Record<string, BenefitClaim[]>; // by option: its tangible benefits tied to a KPI
}

export interface CaseInput {
  currency: string;
  startMonth: string; // "YYYY-MM"
  chosenScenario?: string | null;
}

// --- Calendar mapping -----------------------------------------------------------------------
// Month 0 (at start) and month 1 (the end of the first month) both fall in the start month;
// month m >= 1 is the calendar month startMonth + (m - 1).

function parseStart(startMonth: string): { year: number; month: number } {
  const match = /^(\d{4})-(\d{2})$/.exec(startMonth);
  if (!match) throw new Error(`startMonth "${startMonth}" is not "YYYY-MM"`);
  const month = Number(match[2]);
  if (month < 1 || month > 12) throw new Error(`startMonth "${startMonth}" has no month ${month}`);
  return { year: Number(match[1]), month };
}

// Months elapsed since January of the start year, for case month m.
function calendarIndex(startMonth: string, m: number): { year: number; month: number } {
  const start = parseStart(startMonth);
  const offset = start.month - 1 + Math.max(m - 1, 0);
  return { year: start.year + Math.floor(offset / 12), month: (offset % 12) + 1 };
}

export function calendarMonthOf(startMonth: string, m: number): string {
  const { year, month } = calendarIndex(startMonth, m);
  return `${year}-${String(month).padStart(2, "0")}`;
}

export function calendarYearOf(startMonth: string, m: number): number {
  return calendarIndex(startMonth, m).year;
}

// Sum of a monthly series by calendar year; every year from the start month's to the horizon's
// appears, zeros included.
export function byCalendarYear(startMonth: string, monthly: readonly Decimal[]): Record<string, DecimalString> {
  const sums = new Map<number, Decimal>();
  const first = calendarYearOf(startMonth, 0);
  const last = calendarYearOf(startMonth, Math.max(monthly.length - 1, 0));
  for (let y = first; y <= last; y++) sums.set(y, ZERO);
  monthly.forEach((v, m) => {
    const y = calendarYearOf(startMonth, m);
    sums.set(y, add(sums.get(y)!, v));
  });
  return Object.fromEntries([...sums].map(([y, v]) => [String(y), str(v)]));
}

// --- Figures ----------------------------------------------------------------------------------

const dec = (s: string) => new D(s);

export function profitabilityIndexOf(npv: Decimal, pvCost: Decimal): Decimal | null {
  return pvCost.lte(0) ? null : npv.div(pvCost);
}

function seriesOf(months: Months): MonthlySeries {
  return { cost: months.map((r) => dec(r.cost)), benefit: months.map((r) => dec(r.benefit)) };
}

function optionOf(
  scenario: { key: string; name: string },
  metrics: HeadFigures,
  months: Months,
  output: PortfolioComputeOutput,
  input: CaseInput,
  reportingCurrency: string,
  rates: WorkspaceRates["rates"],
): PortfolioOption {
  const series = seriesOf(months);
  const converted = toReportingCurrency(series, input.currency, reportingCurrency, input.startMonth, rates);
  // Unconverted (the same currency): the cached figures as they are. Converted: the metrics of the
  // converted flows, on the case's own discount rate and grid.
  let m: HeadFigures = metrics;
  if (converted !== series) {
    const rate = dec(output.discountRate);
    m = computeStream(
      makeGrid(output.horizonMonths, rate, rate, rate),
      converted.cost,
      converted.benefit,
      false,
    ).metrics;
  }
  const pi = profitabilityIndexOf(dec(m.npv), dec(m.pvCost));
  return {
    scenario: scenario.key,
    name: scenario.name,
    npv: m.npv,
    irr: m.irr,
    roi: m.roi,
    paybackMonths: m.paybackMonths,
    pvCost: m.pvCost,
    profitabilityIndex: pi === null ? null : str(pi),
    spend: byCalendarYear(input.startMonth, converted.cost),
  };
}

// The case's options and proposal. With a baseline: every other scenario against it (the
// engine's comparisons). Without one: each scenario on its own flows.
export function caseFigures(
  output: PortfolioComputeOutput | ComputeOutput,
  input: CaseInput,
  reportingCurrency: string,
  rates: WorkspaceRates["rates"] = {},
): CaseFigures {
  const keys = headlineKeys(output.scenarios);
  const baseline = keys.baseline;
  const options: PortfolioOption[] = [];
  for (const s of output.scenarios) {
    if (baseline !== null) {
      if (s.key === baseline) continue;
      const c = output.comparisons.find((x) => x.alternative === s.key && x.baseline === baseline);
      if (!c) throw new Error(`the compute output has no comparison of "${s.key}" with "${baseline}"`);
      options.push(optionOf(s, c, c.months, output, input, reportingCurrency, rates));
    } else options.push(optionOf(s, s, s.months, output, input, reportingCurrency, rates));
  }
  return {
    currency: reportingCurrency,
    proposal: proposalOf(options, input.chosenScenario ?? null),
    baseline,
    options,
    realisation: realisationOf(output, options),
    claims: Object.fromEntries(
      options.map((o) => {
        const lines = output.scenarios.find((s) => s.key === o.scenario)?.lines ?? [];
        const claims = lines
          .filter((l) => l.kind === "benefit" && l.tangible && l.kpi)
          .map((l) => ({ category: l.category, kpi: l.kpi! }));
        return [o.scenario, claims];
      }),
    ),
  };
}

// The chosen scenario when it is one of the options (a chosen baseline proposes nothing new, so
// the best alternative stands in), else the option with the highest NPV (the first on a tie).
export function proposalOf(options: readonly PortfolioOption[], chosen: string | null): string {
  if (chosen !== null && options.some((o) => o.scenario === chosen)) return chosen;
  let best = options[0]!;
  for (const o of options.slice(1)) if (dec(o.npv).gt(dec(best.npv))) best = o;
  return best.scenario;
}

function realisationOf(
  output: PortfolioComputeOutput,
  options: readonly PortfolioOption[],
): PortfolioRealisation | null {
  const r = output.realisation;
  if (!r) return null;
  const plan = options.find((o) => o.scenario === r.scenario);
  const scenario = output.scenarios.find((s) => s.key === r.scenario);
  return {
    scenario: r.scenario,
    actualsThrough: r.actualsThrough,
    realisedRoi: r.realisedRoi,
    varianceToDate: r.variance.net,
    benefitsToDate: r.actualToDate.benefit,
    planBenefitsToDate: r.planToDate.benefit,
    planNpv: plan?.npv ?? scenario?.npv ?? "0",
    forecastNpv: r.forecastComparison?.npv ?? r.forecast.npv,
  };
}

export function proposalOptionOf(figures: CaseFigures): PortfolioOption {
  return figures.options.find((o) => o.scenario === figures.proposal)!;
}

// The case as the selection sees it: its options' NPV, profitability index and spend.
export function selectionCaseOf(id: string, figures: CaseFigures) {
  return {
    id,
    proposal: figures.proposal,
    options: figures.options.map((o) => ({
      scenario: o.scenario,
      npv: o.npv,
      profitabilityIndex: o.profitabilityIndex,
      spend: o.spend,
    })),
  };
}
