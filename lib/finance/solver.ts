// Root finding for IRR-type equations: f(v) = sum c_k * v^t_k with v = 1 / (1 + rate).
// Roots are located in floating point (a scan over rates for sign changes, then bisection
// inside each bracket: robust where Newton alone diverges), and the chosen root is then polished
// with Newton steps in decimal arithmetic, so the answer is exact to the engine's precision and
// does not depend on floating-point rounding beyond the starting point.
import type Decimal from "decimal.js";
import { D, ONE, ZERO, add, int, mul } from "./decimal";

export interface RootSearch {
  rate: Decimal | null; // the root (per unit of time of the exponents), or null
  roots: number; // how many distinct roots were found in the scanned range
  reason?: "no-sign-change" | "no-root" | "zero-flows";
}

// Rates scanned: -99.99 % .. +100,000 % per period, dense near zero where real IRRs live.
const GRID: number[] = (() => {
  const g: number[] = [];
  for (let x = -0.999999; x < -0.99; x += 0.0005) g.push(x);
  for (let x = -0.99; x < -0.5; x += 0.01) g.push(x);
  for (let x = -0.5; x < 1; x += 0.005) g.push(x);
  for (let x = 1; x < 10; x += 0.1) g.push(x);
  for (let x = 10; x <= 1e6; x *= 1.1) g.push(x);
  return g;
})();

function evalFloat(coeffs: Float64Array, times: Float64Array, rate: number, dense: Float64Array | null): number {
  if (dense) {
    // Horner in v = 1/(1+rate) over the dense integer grid: no pow in the scan.
    const v = 1 / (1 + rate);
    let s = 0;
    for (let t = dense.length - 1; t >= 0; t--) s = s * v + dense[t]!;
    return s;
  }
  let s = 0;
  const base = 1 + rate;
  for (let i = 0; i < coeffs.length; i++) s += coeffs[i]! * Math.pow(base, -times[i]!);
  return s;
}

// The sign of f'(rate): f' = -sum t c (1 + rate)^(-t - 1); on the dense grid, with P(v) = sum c v^t,
// f' = -P'(v) v^2, so its sign is that of -P'(v).
function evalSlope(coeffs: Float64Array, times: Float64Array, rate: number, dense: Float64Array | null): number {
  if (dense) {
    const v = 1 / (1 + rate);
    let s = 0;
    for (let t = dense.length - 1; t >= 1; t--) s = s * v + t * dense[t]!;
    return -s;
  }
  let s = 0;
  const base = 1 + rate;
  for (let i = 0; i < coeffs.length; i++) s -= times[i]! * coeffs[i]! * Math.pow(base, -times[i]! - 1);
  return s;
}

export function findRoot(
  values: readonly Decimal[],
  times: readonly number[],
  options: { near?: number; guess?: number } = {},
): RootSearch {
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) if (!values[i]!.isZero()) idx.push(i);
  if (idx.length === 0) return { rate: null, roots: 0, reason: "zero-flows" };
  const coeffs = new Float64Array(idx.map((i) => values[i]!.toNumber()));
  const ts = new Float64Array(idx.map((i) => times[i]!));
  let pos = false;
  let neg = false;
  for (const c of coeffs) {
    if (c > 0) pos = true;
    if (c < 0) neg = true;
  }
  if (!pos || !neg) return { rate: null, roots: 0, reason: "no-sign-change" };

  const integer = times.every((t) => Number.isInteger(t) && t >= 0);
  let dense: Float64Array | null = null;
  if (integer) {
    dense = new Float64Array(Math.max(...idx.map((i) => times[i]!)) + 1);
    for (let k = 0; k < idx.length; k++) dense[ts[k]!]! += coeffs[k]!;
  }
  const roots = scanRoots(
    (x) => evalFloat(coeffs, ts, x, dense),
    (x) => evalSlope(coeffs, ts, x, dense),
  );
  if (roots.length === 0) return { rate: null, roots: 0, reason: "no-root" };
  const target = options.near ?? options.guess ?? 0.1;
  roots.sort((a, b) => Math.abs(a - target) - Math.abs(b - target));
  return { rate: polish(values, times, roots[0]!), roots: roots.length };
}

// Newton in decimal from a float root. With v = 1/(1+r): f(r) = sum c v^t and
// f'(r) = -(sum t c v^t) v, so each term costs two products. The float root is accurate to about
// 1e-15, so two quadratic steps reach the engine's precision.
function polish(values: readonly Decimal[], times: readonly number[], start: number): Decimal {
  let r = new D(start);
  const integer = times.every((t) => Number.isInteger(t));
  for (let it = 0; it < 4; it++) {
    const base = ONE.plus(r);
    if (base.lte(0)) break;
    const inv = ONE.div(base);
    let f = ZERO;
    let g = ZERO;
    let pow = ONE;
    let lastT = 0;
    for (let i = 0; i < values.length; i++) {
      const c = values[i]!;
      const t = times[i]!;
      if (integer) {
        while (lastT < t) {
          pow = mul(pow, inv);
          lastT++;
        }
      }
      if (c.isZero()) continue;
      const cd = integer ? mul(c, pow) : c.times(base.pow(-t));
      f = add(f, cd);
      if (t !== 0) g = add(g, t === 1 ? cd : integer ? mul(cd, int(t)) : cd.times(t));
    }
    if (g.isZero()) break;
    const step = mul(f, base).div(g); // f / f'(r) = f / (-g / base)
    r = add(r, step);
    if (step.abs().lt("1e-30")) break;
  }
  return r;
}

const POLISH_TOLERANCE = new D("1e-30");

// XIRR-type equations: sum c_k (1 + rate)^(-p_k / perUnit) = 0 with integer p_k >= 0 (days, with
// perUnit = 365). The roots are located as in findRoot (same scan over the rate per unit, same
// bisection; float exp/log instead of pow), then polished in decimals on the rate per PERIOD,
// d = (1 + rate)^(1 / perUnit) - 1, where every exponent is an integer: each Newton step costs a
// few products per value (powers of 1 / (1 + d) by squaring over the gaps between periods) instead
// of a fractional decimal power (ln and exp) per value. The exponents are exact too (p / 365, not
// a float approximation of it). The answer is (1 + d)^perUnit - 1.
export function findRootPeriods(values: readonly Decimal[], periods: readonly number[], perUnit: number, options: { guess?: number } = {}): RootSearch {
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) if (!values[i]!.isZero()) idx.push(i);
  if (idx.length === 0) return { rate: null, roots: 0, reason: "zero-flows" };
  if (!periods.every((p) => Number.isInteger(p) && p >= 0)) throw new Error("periods must be non-negative integers");
  const coeffs = new Float64Array(idx.map((i) => values[i]!.toNumber()));
  const expo = new Float64Array(idx.map((i) => periods[i]! / perUnit));
  let pos = false;
  let neg = false;
  for (const c of coeffs) {
    if (c > 0) pos = true;
    if (c < 0) neg = true;
  }
  if (!pos || !neg) return { rate: null, roots: 0, reason: "no-sign-change" };
  const evalAt = (rate: number) => {
    const lb = Math.log1p(rate);
    let s = 0;
    for (let i = 0; i < coeffs.length; i++) s += coeffs[i]! * Math.exp(-expo[i]! * lb);
    return s;
  };
  const roots = scanRoots(evalAt, (rate) => {
    const lb = Math.log1p(rate);
    let s = 0;
    for (let i = 0; i < coeffs.length; i++) s -= expo[i]! * coeffs[i]! * Math.exp(-(expo[i]! + 1) * lb);
    return s;
  });
  if (roots.length === 0) return { rate: null, roots: 0, reason: "no-root" };
  const target = options.guess ?? 0.1;
  roots.sort((a, b) => Math.abs(a - target) - Math.abs(b - target));
  const perPeriod = Math.expm1(Math.log1p(roots[0]!) / perUnit);
  const order = idx.slice().sort((a, b) => periods[a]! - periods[b]!);
  const d = polishSparse(
    order.map((i) => values[i]!),
    order.map((i) => periods[i]!),
    perPeriod,
  );
  return { rate: ONE.plus(d).pow(perUnit).minus(1), roots: roots.length };
}

// Scan the rate grid for sign changes of f and bisect each bracket. A cell whose ends have the same
// sign can still hold two roots (f dips across zero and back between two grid rates): where the
// slope changes sign inside such a cell, the turning point is located by bisection on the slope,
// and if f has the other sign there, each half is a bracket of its own.
function scanRoots(f: (rate: number) => number, slope: (rate: number) => number): number[] {
  const roots: number[] = [];
  const bisect = (lo: number, hi: number, flo: number) => {
    for (let it = 0; it < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); it++) {
      const mid = (lo + hi) / 2;
      const fm = f(mid);
      if (fm === 0) {
        lo = hi = mid;
        break;
      }
      if (Math.sign(fm) === Math.sign(flo)) {
        lo = mid;
        flo = fm;
      } else hi = mid;
    }
    return (lo + hi) / 2;
  };
  let prevX = GRID[0]!;
  let prevF = f(prevX);
  let prevS = slope(prevX);
  for (let k = 1; k < GRID.length; k++) {
    const x = GRID[k]!;
    const fx = f(x);
    const sx = slope(x);
    if (fx === 0) {
      roots.push(x);
    } else if (prevF !== 0 && Math.sign(fx) !== Math.sign(prevF) && Number.isFinite(fx) && Number.isFinite(prevF)) {
      roots.push(bisect(prevX, x, prevF));
    } else if (prevF !== 0 && Number.isFinite(fx) && Number.isFinite(prevF) && Number.isFinite(sx) && Number.isFinite(prevS) && sx !== 0 && prevS !== 0 && Math.sign(sx) !== Math.sign(prevS)) {
      // Same sign at both ends, turning inside: find the turning point.
      let lo = prevX;
      let hi = x;
      const slo = prevS;
      for (let it = 0; it < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); it++) {
        const mid = (lo + hi) / 2;
        const sm = slope(mid);
        if (sm === 0) {
          lo = hi = mid;
          break;
        }
        if (Math.sign(sm) === Math.sign(slo)) lo = mid;
        else hi = mid;
      }
      const xc = (lo + hi) / 2;
      const fc = f(xc);
      if (fc === 0) roots.push(xc);
      else if (Number.isFinite(fc) && Math.sign(fc) !== Math.sign(prevF)) {
        roots.push(bisect(prevX, xc, prevF));
        roots.push(bisect(xc, x, fc));
      }
    }
    prevX = x;
    prevF = fx;
    prevS = sx;
  }
  return roots;
}

// Newton in decimal on sum c_k v^p_k, v = 1 / (1 + r), p_k sorted ascending integers (sparse).
function polishSparse(values: readonly Decimal[], periods: readonly number[], start: number): Decimal {
  let r = new D(start);
  for (let it = 0; it < 4; it++) {
    const base = ONE.plus(r);
    if (base.lte(0)) break;
    const inv = ONE.div(base);
    // inv^gap from the squares inv^(2^j), made once per step and shared by every gap.
    const squares: Decimal[] = [inv];
    const gaps = new Map<number, Decimal>();
    const gapPower = (gap: number) => {
      let out: Decimal | null = null;
      for (let j = 0, rest = gap; rest > 0; j++, rest = Math.floor(rest / 2)) {
        if (j >= squares.length) squares.push(mul(squares[j - 1]!, squares[j - 1]!));
        if (rest % 2 === 1) out = out ? mul(out, squares[j]!) : squares[j]!;
      }
      return out!;
    };
    let f = ZERO;
    let g = ZERO;
    let pow = ONE;
    let lastP = 0;
    for (let i = 0; i < values.length; i++) {
      const p = periods[i]!;
      if (p > lastP) {
        const gap = p - lastP;
        let step = gaps.get(gap);
        if (!step) gaps.set(gap, (step = gapPower(gap)));
        pow = lastP === 0 ? step : mul(pow, step);
        lastP = p;
      }
      const cd = mul(values[i]!, pow);
      f = add(f, cd);
      if (p !== 0) g = add(g, p === 1 ? cd : mul(cd, int(p)));
    }
    if (g.isZero()) break;
    const step = mul(f, base).div(g);
    r = add(r, step);
    if (step.abs().lt(POLISH_TOLERANCE)) break;
  }
  return r;
}
