// Currencies (docs/currencies.md). A line may carry its own currency; the case's `fx` table gives
// dated plan rates (1 unit of the currency = rate units of the reporting currency, a step function
// on the month grid) and `fxActuals` the rates of months that have happened. Pure decimal.js.
//
//   lineRates(file, line)        the plan rates of a line's currency (null: the reporting currency)
//   rateAt(steps, month)         the plan rate in force at a month
//   convertTerms(terms, steps)   a line's runs in its currency -> runs in the reporting currency,
//                                split where the rate changes (exact: each run times its rate)
//   actualRateAt(file, cur, m)   the actual rate of a month, else the plan rate
//   convertSeries(...)           a case's monthly series into a workspace's reporting currency
import type Decimal from "decimal.js";
import type { FxStep } from "@/lib/case-file/fx";
import type { BenefitLine, CaseFile, CostLine } from "@/lib/case-file/schema";
import { D, mul, parse } from "./decimal";
import type { Term } from "./expand";

export interface RateSteps {
  currency: string;
  from: number[]; // ascending, from[0] = 0
  rates: Decimal[];
}

export class FxError extends Error {}

// Parsed once per rate array (case files are never changed in place: an edit of the rates makes a
// new array), so the engine's per-line memo can compare rate tables by identity.
const stepsCache = new WeakMap<readonly FxStep[], RateSteps>();

export function rateSteps(currency: string, steps: readonly FxStep[]): RateSteps {
  let out = stepsCache.get(steps);
  if (!out || out.currency !== currency) {
    out = { currency, from: steps.map((s) => s.from), rates: steps.map((s) => parse(s.rate)) };
    stepsCache.set(steps, out);
  }
  return out;
}

type LineLike = Pick<CostLine | BenefitLine, "name"> & { currency?: string };

// The line's currency when it differs from the reporting currency, else null.
export function foreignCurrency(file: Pick<CaseFile, "currency">, line: LineLike): string | null {
  const c = line.currency;
  return c === undefined || c === file.currency ? null : c;
}

export function lineRates(file: Pick<CaseFile, "currency" | "fx">, line: LineLike): RateSteps | null {
  const currency = foreignCurrency(file, line);
  if (currency === null) return null;
  const steps = file.fx?.[currency];
  // The schema refuses such a file with the line's path; a hand-built one gets a clear error.
  if (!steps || steps.length === 0)
    throw new FxError(`"${line.name}" is in ${currency} but the case has no ${currency} rate (fx.${currency})`);
  return rateSteps(currency, steps);
}

// Index of the step in force at a month: the last with from <= month (months before the first
// step, which the schema puts at 0, take the first).
export function stepIndex(steps: RateSteps, month: number): number {
  const from = steps.from;
  let lo = 0;
  let hi = from.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (from[mid]! <= month) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function rateAt(steps: RateSteps, month: number): Decimal {
  return steps.rates[stepIndex(steps, month)]!;
}

// A run's occurrences within each rate step: [piece, step index] in month order.
export function splitTerm(t: Term, steps: RateSteps): { term: Term; step: number }[] {
  const first = stepIndex(steps, t.start);
  const last = stepIndex(steps, t.end);
  if (first === last) return [{ term: t, step: first }];
  const out: { term: Term; step: number }[] = [];
  for (let i = first; i <= last; i++) {
    const segStart = i === first ? t.start : steps.from[i]!;
    const segEnd = i === last ? t.end : steps.from[i + 1]! - 1;
    const s = segStart <= t.start ? t.start : t.start + Math.ceil((segStart - t.start) / t.step) * t.step;
    const e = t.start + Math.floor((Math.min(t.end, segEnd) - t.start) / t.step) * t.step;
    if (s <= e) out.push({ term: { start: s, end: e, step: t.step, value: t.value }, step: i });
  }
  return out;
}

// The runs of a line in the reporting currency: every occurrence times the plan rate of its month.
export function convertTerms(terms: readonly Term[], steps: RateSteps): Term[] {
  const out: Term[] = [];
  for (const t of terms) {
    for (const { term, step } of splitTerm(t, steps)) out.push({ ...term, value: mul(term.value, steps.rates[step]!) });
  }
  return out;
}

// The rate an actual of a month is converted at: the recorded actual rate, else the plan rate.
export function actualRateAt(file: Pick<CaseFile, "fxActuals">, steps: RateSteps, month: number): Decimal {
  const recorded = file.fxActuals?.[steps.currency]?.[String(month)];
  return recorded !== undefined ? parse(recorded) : rateAt(steps, month);
}

// The currencies a case's lines use besides its own, in first-use order.
export function caseCurrencies(file: Pick<CaseFile, "currency" | "scenarios">): string[] {
  const seen = new Set<string>();
  for (const s of file.scenarios)
    for (const l of [...s.costs, ...s.benefits]) {
      const c = foreignCurrency(file, l);
      if (c !== null) seen.add(c);
    }
  return [...seen];
}

// ---- The workspace's reporting currency (portfolio) ----
// A workspace's own rates are dated by calendar month ("YYYY-MM"), since its cases start in
// different months: 1 unit of the currency = rate units of the workspace's currency from that
// month on. Months before a currency's first entry take the first entry's rate.
export interface WorkspaceRates {
  currency: string;
  rates: Record<string, readonly { from: string; rate: string }[]>;
}

function monthsSince(startMonth: string, month: string): number {
  const [y0, m0] = startMonth.split("-").map(Number);
  const [y1, m1] = month.split("-").map(Number);
  return (y1! - y0!) * 12 + (m1! - m0!);
}

// A case's monthly series (index = case month 0..H, in the case's currency) in the workspace's
// reporting currency, month by month at the workspace's rates. Calendar months as the portfolio
// maps them (docs/portfolio.md): months 0 and 1 are the start month, month m >= 1 is
// startMonth + (m - 1). Exact; throws FxError when the workspace has no rate for the case's currency.
export function convertSeries(
  series: readonly Decimal[],
  from: { currency: string; startMonth: string },
  to: WorkspaceRates,
): Decimal[] {
  if (from.currency === to.currency) return series.slice();
  const table = to.rates[from.currency];
  if (!table || table.length === 0)
    throw new FxError(
      `the workspace has no ${from.currency} rate to ${to.currency} (add it in the workspace settings)`,
    );
  const sorted = [...table].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const steps: RateSteps = {
    currency: from.currency,
    // A rate from calendar month startMonth + k applies from case month k + 1 (k >= 1), and from
    // month 0 when it starts at or before the start month.
    from: sorted.map((s) => {
      const k = monthsSince(from.startMonth, s.from);
      return k >= 1 ? k + 1 : Math.min(k + 1, 0);
    }),
    rates: sorted.map((s) => new D(s.rate)),
  };
  return series.map((v, m) => (v.isZero() ? v : mul(v, rateAt(steps, m))));
}
