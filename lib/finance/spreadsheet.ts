// Spreadsheet-compatible functions with Excel's conventions, for users and tests. Arguments may
// be numbers, decimal strings or Decimals; results are Decimals. Where Excel answers #NUM! or
// #DIV/0!, these throw a FinanceError carrying the reason.
import type Decimal from "decimal.js";
import { FinanceError } from "@/lib/errors";
import { D, ONE, ZERO, fromNumber, type DecimalInput } from "./decimal";
import { paybackOf } from "./metrics";
import { findRootExcel, findRootPeriods, type RootSearch } from "./solver";

const d = (v: DecimalInput) => {
  try {
    const x = typeof v === "number" ? fromNumber(v) : new D(v);
    if (!x.isFinite()) throw new Error();
    return x;
  } catch {
    throw new FinanceError("#VALUE!", `not a number: ${String(v)}`);
  }
};
const list = (values: readonly DecimalInput[]) => values.map(d);

// NPV: the first value is discounted one period (Excel's NPV).
export function npv(rate: DecimalInput, values: readonly DecimalInput[]): Decimal {
  const r = d(rate);
  if (r.eq(-1)) throw new FinanceError("#DIV/0!", "rate of -1 divides by zero");
  const f = ONE.plus(r);
  let acc = ZERO;
  let disc = ONE;
  for (const v of list(values)) {
    disc = disc.div(f);
    acc = acc.plus(v.times(disc));
  }
  return acc;
}

export interface RootResult {
  value: Decimal;
  severalRoots: boolean;
}

function solved(root: RootSearch): RootResult {
  if (root.rate === null) {
    const reason =
      root.reason === "no-sign-change"
        ? "the values need at least one positive and one negative"
        : "no rate makes the value zero";
    throw new FinanceError("#NUM!", reason);
  }
  return { value: root.rate, severalRoots: root.roots > 1 };
}

// IRR of periodic values, as Excel finds it: Newton's method from the guess (default 10 %), so with
// several roots the answer is the root Excel answers (-50, -100, 600, 300, -100 gives 185.4 %, not
// the -76.9 % nearer the guess); polished to the engine's precision. Where Excel's iteration fails
// but a root exists, the root nearest the guess (Excel answers #NUM!); none where no rate makes the
// value zero (#NUM!, where a spreadsheet may return its last iterate). irrDetailed also counts the
// roots in the scanned range and flags several.
export function irr(values: readonly DecimalInput[], guess: DecimalInput = 0.1): Decimal {
  return irrOf(values, guess, false).value;
}
export function irrDetailed(values: readonly DecimalInput[], guess: DecimalInput = 0.1): RootResult {
  return irrOf(values, guess, true);
}
function irrOf(values: readonly DecimalInput[], guess: DecimalInput, count: boolean): RootResult {
  // Numbers are handed to the float search as they are (no round trip through decimals).
  const floats = values.every((x) => typeof x === "number") ? (values as readonly number[]) : undefined;
  return solved(
    findRootExcel(
      floats ? numberList(floats) : list(values),
      typeof guess === "number" ? guess : d(guess).toNumber(),
      count,
      floats,
    ),
  );
}

// list(values) for numbers: the same Decimals and the same error, in one loop.
function numberList(values: readonly number[]): Decimal[] {
  const out = new Array<Decimal>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) throw new FinanceError("#VALUE!", `not a number: ${String(v)}`);
    out[i] = fromNumber(v);
  }
  return out;
}

function dayNumber(date: string | Date): number {
  const t = typeof date === "string" ? Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date) : date.getTime();
  if (!Number.isFinite(t)) throw new FinanceError("#VALUE!", `not a date: ${String(date)}`);
  return Math.floor(t / 86_400_000);
}

// XNPV: actual/365 from the first date; the first value is not discounted.
export function xnpv(rate: DecimalInput, values: readonly DecimalInput[], dates: readonly (string | Date)[]): Decimal {
  if (values.length !== dates.length) throw new FinanceError("#NUM!", "values and dates differ in length");
  const r = d(rate);
  if (r.lte(-1)) throw new FinanceError("#NUM!", "rate must be greater than -1");
  const days = dates.map(dayNumber);
  const base = ONE.plus(r);
  return list(values).reduce((acc, v, i) => acc.plus(v.div(base.pow(new D(days[i]! - days[0]!).div(365)))), ZERO);
}

export function xirr(
  values: readonly DecimalInput[],
  dates: readonly (string | Date)[],
  guess: DecimalInput = 0.1,
): Decimal {
  if (values.length !== dates.length) throw new FinanceError("#NUM!", "values and dates differ in length");
  const days = dates.map(dayNumber);
  if (days.some((x) => x < days[0]!)) throw new FinanceError("#NUM!", "a date precedes the first date");
  const root = findRootPeriods(
    list(values),
    days.map((x) => x - days[0]!),
    365,
    { guess: d(guess).toNumber() },
  );
  return solved(root).value;
}

// MIRR: negatives discounted at the finance rate, positives compounded at the reinvestment rate.
export function mirr(values: readonly DecimalInput[], financeRate: DecimalInput, reinvestRate: DecimalInput): Decimal {
  const v = list(values);
  const n = v.length - 1;
  const fin = ONE.plus(d(financeRate));
  const re = ONE.plus(d(reinvestRate));
  let pvNeg = ZERO;
  let fvPos = ZERO;
  v.forEach((x, i) => {
    if (x.isNegative()) pvNeg = pvNeg.plus(x.div(fin.pow(i)));
    else fvPos = fvPos.plus(x.times(re.pow(n - i)));
  });
  if (pvNeg.isZero() || fvPos.isZero() || n < 1)
    throw new FinanceError("#DIV/0!", "needs at least one positive and one negative value");
  return fvPos.div(pvNeg.neg()).pow(new D(1).div(n)).minus(1);
}

// PV, FV, PMT: Excel's sign convention (money paid out is negative); type 1 = payments at the start.
export function pv(
  rate: DecimalInput,
  nper: DecimalInput,
  pmt: DecimalInput,
  fvValue: DecimalInput = 0,
  type: 0 | 1 = 0,
): Decimal {
  const r = d(rate);
  const n = d(nper);
  const p = d(pmt);
  const f = d(fvValue);
  if (r.isZero()) return p.times(n).plus(f).neg();
  const g = ONE.plus(r).pow(n);
  return p
    .times(ONE.plus(r.times(type)))
    .times(g.minus(1))
    .div(r)
    .plus(f)
    .neg()
    .div(g);
}

export function fv(
  rate: DecimalInput,
  nper: DecimalInput,
  pmt: DecimalInput,
  pvValue: DecimalInput = 0,
  type: 0 | 1 = 0,
): Decimal {
  const r = d(rate);
  const n = d(nper);
  const p = d(pmt);
  const v = d(pvValue);
  if (r.isZero()) return v.plus(p.times(n)).neg();
  const g = ONE.plus(r).pow(n);
  return v
    .times(g)
    .plus(
      p
        .times(ONE.plus(r.times(type)))
        .times(g.minus(1))
        .div(r),
    )
    .neg();
}

export function pmt(
  rate: DecimalInput,
  nper: DecimalInput,
  pvValue: DecimalInput,
  fvValue: DecimalInput = 0,
  type: 0 | 1 = 0,
): Decimal {
  const r = d(rate);
  const n = d(nper);
  const v = d(pvValue);
  const f = d(fvValue);
  if (n.isZero()) throw new FinanceError("#NUM!", "nper must not be zero");
  if (r.isZero()) return v.plus(f).neg().div(n);
  const g = ONE.plus(r).pow(n);
  return v
    .times(g)
    .plus(f)
    .times(r)
    .neg()
    .div(ONE.plus(r.times(type)).times(g.minus(1)));
}

// Periods until the cumulative value reaches zero, linearly interpolated; #N/A when never.
export function payback(values: readonly DecimalInput[]): Decimal {
  const p = paybackOf(list(values));
  if (p === null) throw new FinanceError("#N/A", "the cumulative value never reaches zero");
  return p;
}

export function discountedPayback(rate: DecimalInput, values: readonly DecimalInput[]): Decimal {
  const f = ONE.plus(d(rate));
  let disc = ONE;
  const discounted = list(values).map((v, i) => {
    if (i > 0) disc = disc.div(f);
    return v.times(disc);
  });
  const p = paybackOf(discounted);
  if (p === null) throw new FinanceError("#N/A", "the cumulative discounted value never reaches zero");
  return p;
}
