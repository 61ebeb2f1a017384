import Decimal from "decimal.js";

// The engine's own Decimal: 40 significant digits (finance.md asks for at least 34), half-even
// rounding, and plain notation in strings so outputs never read "1e+21". A clone, so nothing
// else that uses decimal.js is affected.
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -60, toExpPos: 60 });
export type D = Decimal;
export type DecimalInput = Decimal.Value;

export const ZERO = new D(0);
export const ONE = new D(1);

export function dec(value: Decimal.Value): Decimal {
  return new D(value);
}

export function sum(values: readonly Decimal[]): Decimal {
  let acc = ZERO;
  for (const v of values) acc = acc.plus(v);
  return acc;
}
