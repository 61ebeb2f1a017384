import Decimal from "decimal.js";

// The engine's own Decimal: 40 significant digits (finance.md asks for at least 34), half-even
// rounding, and plain notation in strings so outputs never read "1e+21". A clone, so nothing
// else that uses decimal.js is affected.
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -60, toExpPos: 60 });
export type D = Decimal;
export type DecimalInput = Decimal.Value;

export const ZERO = new D(0);
export const ONE = new D(1);

export function sum(values: readonly Decimal[]): Decimal {
  let acc = ZERO;
  for (const v of values) acc = acc.plus(v);
  return acc;
}

// Shortcuts that skip decimal.js work where the answer is known without it. Every engine value is
// already rounded to the engine's precision (inputs have at most 26 digits, results are rounded),
// so x + 0 and x - 0 are x, 0 + y is y and 0 - y is -y exactly: the results are the very values
// decimal.js would return. Zero plus zero goes through decimal.js, for its sign-of-zero rule.
export function add(a: Decimal, b: Decimal): Decimal {
  if (b.isZero()) return a.isZero() ? a.plus(b) : a;
  if (a.isZero()) return b;
  return a.plus(b);
}

export function sub(a: Decimal, b: Decimal): Decimal {
  if (b.isZero()) return a.isZero() ? a.minus(b) : a;
  if (a.isZero()) return b.neg();
  return a.minus(b);
}

// toString without the work for zeros (decimal.js prints both +0 and -0 as "0").
export function str(d: Decimal): string {
  return d.isZero() ? "0" : d.toString();
}

// A value as the first arithmetic operation would see it: rounded to the engine's precision.
// (Parsed case files never need it: amounts have at most 26 significant digits.)
export function rounded(d: Decimal): Decimal {
  return d.isFinite() && d.precision() > D.precision ? d.plus(0) : d;
}

// Small non-negative integers as Decimals, made once: x.times(int(n)) is x.times(n) without
// converting the number on every call.
const INTS: Decimal[] = [];
export function int(n: number): Decimal {
  if (!Number.isInteger(n) || n < 0 || n > 4096) return new D(n);
  return (INTS[n] ??= new D(n));
}
