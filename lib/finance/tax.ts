// Tax and depreciation (docs/tax-and-inflation.md). Pure decimal.js on the monthly grid.
//
//   capitalFlows(lines, horizon, adjusted)   months 0..H: the capitalised costs and their depreciation
//   taxFlows(tax, cost, benefit, capital)    months 0..H: the tax paid (negative: a saving)
//   afterTaxMetrics(grid, cost, benefit, tax) the metric keys on the flows after tax
//
// Taxable effect of a month = benefits - expensed costs - depreciation, where the expensed costs
// are the costs that are not capitalised. Tax = rate x taxable effect. A negative tax is a saving
// against the company's other profits (the usual capital-budgeting assumption). Everything here is
// linear in the flows, so the tax of "alternative minus baseline" is the difference of their taxes.
import type Decimal from "decimal.js";
import type { Capitalised, CostLine, TaxSettings } from "@/lib/case-file/schema";
import type { ExpandedLine } from "./flows";
import { ONE, ZERO, add, mul, parse, sub } from "./decimal";
import { computeStream, yearOfMonth, type Grid } from "./metrics";
import type { Metrics, TaxYearRow } from "./types";

const zeros = (horizon: number) => new Array<Decimal>(horizon + 1).fill(ZERO);

// The share of a flow depreciated in each month after it falls (index 0 = the month of the flow),
// kept per method: every flow of every line with the same method has the same profile.
const profiles = new Map<string, Decimal[]>();

export function depreciationProfile(method: Capitalised): Decimal[] {
  const key = method.method === "straight-line" ? `sl|${method.years}` : `db|${method.rate}|${method.years}`;
  let out = profiles.get(key);
  if (out) return out;
  const life = 12 * method.years;
  out = [];
  if (method.method === "straight-line") {
    const part = ONE.div(life);
    for (let k = 0; k < life; k++) out.push(part);
  } else {
    // Declining balance: rate/12 of the remaining value each month, until straight-line over the
    // months left of the life gives more; from then on straight-line (the switch), so the value
    // is fully written off at the end of the life.
    const monthly = parse(method.rate).div(12);
    let remaining: Decimal = ONE;
    let straight: Decimal | null = null;
    for (let k = 0; k < life; k++) {
      if (straight === null) {
        const db = remaining.times(monthly);
        const sl = remaining.div(life - k);
        if (sl.gt(db)) straight = sl;
        else {
          out.push(db);
          remaining = remaining.minus(db);
          continue;
        }
      }
      out.push(straight);
    }
  }
  if (profiles.size > 256) profiles.clear();
  profiles.set(key, out);
  return out;
}

export interface CapitalFlows {
  capital: Decimal[]; // the capitalised part of the costs, month by month
  depreciation: Decimal[];
}

// The capitalised costs of a scenario's lines and their depreciation, months 0..H; months past the
// horizon are not counted. `adjusted`: the risk-adjusted flows (else the unadjusted ones).
export function capitalFlows(lines: readonly ExpandedLine[], horizon: number, adjusted: boolean): CapitalFlows {
  const capital = zeros(horizon);
  const depreciation = zeros(horizon);
  for (const l of lines) {
    if (l.kind !== "cost") continue;
    const method = (l.line as CostLine).capitalised;
    if (!method) continue;
    const profile = depreciationProfile(method);
    for (let i = 0; i < l.terms.length; i++) {
      const t = l.terms[i]!;
      const v = adjusted ? l.adjusted[i]! : t.value;
      for (let f = t.start; f <= Math.min(t.end, horizon); f += t.step) {
        capital[f] = add(capital[f]!, v);
        const last = Math.min(horizon - f, profile.length - 1);
        for (let k = 0; k <= last; k++) depreciation[f + k] = add(depreciation[f + k]!, mul(v, profile[k]!));
      }
    }
  }
  return { capital, depreciation };
}

// The month in which the tax of month m is paid: m itself, or the end of its case year (months
// 12, 24, ...; month 0 belongs to the first year). A last, shorter year pays at the horizon: the
// case settles what it owes within its own months.
export function taxMonth(m: number, paid: TaxSettings["paid"], horizon: number): number {
  if (paid === "monthly") return m;
  return Math.min(Math.max(1, yearOfMonth(m)) * 12, horizon);
}

export interface TaxFlows {
  taxable: Decimal[]; // the taxable effect of each month
  tax: Decimal[]; // the tax paid in each month
}

export function taxFlows(
  settings: TaxSettings,
  cost: readonly Decimal[],
  benefit: readonly Decimal[],
  flows: CapitalFlows,
): TaxFlows {
  const horizon = cost.length - 1;
  const rate = parse(settings.rate);
  const taxable = zeros(horizon);
  const tax = zeros(horizon);
  for (let m = 0; m <= horizon; m++) {
    const expensed = sub(cost[m]!, flows.capital[m]!);
    taxable[m] = sub(sub(benefit[m]!, expensed), flows.depreciation[m]!);
    const at = taxMonth(m, settings.paid, horizon);
    if (!taxable[m]!.isZero()) tax[at] = add(tax[at]!, mul(rate, taxable[m]!));
  }
  return { taxable, tax };
}

// The metric keys after tax. A tax paid counts as a cost of its month, a tax saving as a benefit of
// its month, so PV(costs) and PV(benefits) stay sums of payments and receipts (ROI and the
// benefit-cost ratio keep their meaning); NPV, IRR and paybacks are those of net flow - tax.
export function afterTaxMetrics(
  grid: Grid,
  cost: readonly Decimal[],
  benefit: readonly Decimal[],
  tax: readonly Decimal[],
): Metrics {
  const c = cost.map((v, m) => (tax[m]!.gt(0) ? add(v, tax[m]!) : v));
  const b = benefit.map((v, m) => (tax[m]!.lt(0) ? sub(v, tax[m]!) : v));
  return computeStream(grid, c, b, false).metrics;
}

// Depreciation, taxable effect and tax by year (year 0 = month 0 alone, year k = months
// 12k-11 .. 12k), the table a report's tax page shows.
export function taxYears(flows: CapitalFlows, tax: TaxFlows): TaxYearRow[] {
  const horizon = tax.tax.length - 1;
  const rows = Array.from({ length: yearOfMonth(horizon) + 1 }, () => ({
    depreciation: ZERO,
    taxable: ZERO,
    tax: ZERO,
  }));
  for (let m = 0; m <= horizon; m++) {
    const row = rows[yearOfMonth(m)]!;
    row.depreciation = add(row.depreciation, flows.depreciation[m]!);
    row.taxable = add(row.taxable, tax.taxable[m]!);
    row.tax = add(row.tax, tax.tax[m]!);
  }
  return rows.map((r, year) => ({
    year,
    depreciation: r.depreciation.toString(),
    taxableEffect: r.taxable.toString(),
    tax: r.tax.toString(),
  }));
}

export function minusFlows(a: readonly Decimal[], b: readonly Decimal[]): Decimal[] {
  return a.map((v, i) => sub(v, b[i]!));
}
