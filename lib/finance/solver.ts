// Root finding for IRR-type equations: f(v) = sum c_k * v^t_k with v = 1 / (1 + rate).
// Roots are located in floating point (a scan over rates for sign changes, then bisection
// inside each bracket: robust where Newton alone diverges), and the chosen root is then polished
// with Newton steps in decimal arithmetic, so the answer is exact to the engine's precision and
// does not depend on floating-point rounding beyond the starting point.
import type Decimal from "decimal.js";
import { D, ONE, ProductSum, ZERO, add, int, mul, nearDecimal, reciprocal, sub, toNum } from "./decimal";

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
// v = 1 / (1 + rate) at each grid rate, as evalBoth computes it.
const GRID_V = Float64Array.from(GRID, (x) => 1 / (1 + x));
const gridF = new Float64Array(GRID.length);
const gridS = new Float64Array(GRID.length);

// evalBoth at every grid rate, into gridF (f) and gridS (the slope's sign carrier): the very
// operations evalBoth does for each rate, two rates per pass so that their Horner chains overlap
// (each chain waits on its own last product; the processor runs the other chains meanwhile).
function evalGrid(dense: Float64Array): void {
  const n = dense.length - 1;
  const c0 = dense[0]!;
  const count = GRID.length;
  let k = 0;
  for (; k + 1 < count; k += 2) {
    const v1 = GRID_V[k]!;
    const v2 = GRID_V[k + 1]!;
    let s1 = 0;
    let d1 = 0;
    let s2 = 0;
    let d2 = 0;
    for (let t = n; t >= 1; t--) {
      const c = dense[t]!;
      const tc = t * c;
      s1 = s1 * v1 + c;
      d1 = d1 * v1 + tc;
      s2 = s2 * v2 + c;
      d2 = d2 * v2 + tc;
    }
    gridF[k] = s1 * v1 + c0;
    gridS[k] = -d1;
    gridF[k + 1] = s2 * v2 + c0;
    gridS[k + 1] = -d2;
  }
  for (; k < count; k++) {
    const v = GRID_V[k]!;
    let s = 0;
    let d = 0;
    for (let t = n; t >= 1; t--) {
      s = s * v + dense[t]!;
      d = d * v + t * dense[t]!;
    }
    gridF[k] = s * v + c0;
    gridS[k] = -d;
  }
}

// f(rate) and, in `slope`, the sign-carrying f'(rate) up to a positive factor, in one pass.
// Dense integer exponents: Horner in v = 1/(1+rate), f = P(v) = sum c v^t and f' = -P'(v) v^2,
// whose sign is that of -P'(v) (no pow in the scan); otherwise pow per term.
let slope = 0;
function evalBoth(coeffs: Float64Array, times: Float64Array, rate: number, dense: Float64Array | null): number {
  if (dense) {
    const v = 1 / (1 + rate);
    let s = 0;
    let d = 0;
    for (let t = dense.length - 1; t >= 1; t--) {
      s = s * v + dense[t]!;
      d = d * v + t * dense[t]!;
    }
    slope = -d;
    return s * v + dense[0]!;
  }
  let s = 0;
  let d = 0;
  const base = 1 + rate;
  for (let i = 0; i < coeffs.length; i++) s += coeffs[i]! * Math.pow(base, -times[i]!);
  for (let i = 0; i < coeffs.length; i++) d -= times[i]! * coeffs[i]! * Math.pow(base, -times[i]! - 1);
  slope = d;
  return s;
}

interface FloatFlows {
  coeffs: Float64Array;
  times: Float64Array;
  dense: Float64Array | null; // coefficient per integer exponent 0..max, when every exponent is one
  idx: number[]; // positions of the non-zero values
}

const NO_TIMES = new Float64Array(0);
function periods(n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

// floats: the values as numbers when the caller has them (no conversion back from decimals).
function floatFlows(
  values: readonly Decimal[],
  times: readonly number[],
  floats?: readonly number[],
): FloatFlows | RootSearch {
  if (floats) {
    // The spreadsheet's periodic values as numbers: the dense grid is the values themselves.
    const dense = new Float64Array(floats.length);
    for (let i = 0; i < floats.length; i++) dense[i] = floats[i]!;
    let pos = false;
    let neg = false;
    let any = false;
    for (let i = 0; i < dense.length; i++) {
      const c = dense[i]!;
      if (c > 0) pos = any = true;
      else if (c < 0) neg = any = true;
    }
    if (!any) return { rate: null, roots: 0, reason: "zero-flows" };
    if (!pos || !neg) return { rate: null, roots: 0, reason: "no-sign-change" };
    let last = dense.length - 1;
    while (dense[last] === 0) last--;
    const trimmed = last === dense.length - 1 ? dense : dense.slice(0, last + 1);
    return { coeffs: trimmed, times: NO_TIMES, dense: trimmed, idx: [] };
  }
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) if (!values[i]!.isZero()) idx.push(i);
  if (idx.length === 0) return { rate: null, roots: 0, reason: "zero-flows" };
  const coeffs = new Float64Array(idx.length);
  const ts = new Float64Array(idx.length);
  let pos = false;
  let neg = false;
  let integer = true;
  let maxT = 0;
  for (let k = 0; k < idx.length; k++) {
    const c = floats ? floats[idx[k]!]! : toNum(values[idx[k]!]!);
    const t = times[idx[k]!]!;
    coeffs[k] = c;
    ts[k] = t;
    if (c > 0) pos = true;
    if (c < 0) neg = true;
    if (!Number.isInteger(t) || t < 0) integer = false;
    else if (t > maxT) maxT = t;
  }
  if (!pos || !neg) return { rate: null, roots: 0, reason: "no-sign-change" };
  if (integer && !times.every((t) => Number.isInteger(t) && t >= 0)) integer = false;
  let dense: Float64Array | null = null;
  if (integer) {
    dense = new Float64Array(maxT + 1);
    for (let k = 0; k < idx.length; k++) dense[ts[k]!]! += coeffs[k]!;
  }
  return { coeffs, times: ts, dense, idx };
}

// nearMinusOne: also look closer to -100 % than the scan's first rate (the spreadsheet functions;
// the case metrics keep their scan, whose results are pinned by the golden outputs: a monthly root
// there would be an annual IRR of -100 % to 40 digits).
function scanAll(flows: FloatFlows, nearMinusOne: boolean): number[] {
  const { coeffs, times, dense } = flows;
  if (dense) evalGrid(dense);
  const roots = scanRoots((x) => evalBoth(coeffs, times, x, dense), dense !== null);
  if (dense && nearMinusOne) roots.push(...rootsNearMinusOne(dense));
  return roots;
}

export function findRoot(
  values: readonly Decimal[],
  times: readonly number[],
  options: { near?: number; guess?: number; nearMinusOne?: boolean } = {},
): RootSearch {
  const flows = floatFlows(values, times);
  if (!("coeffs" in flows)) return flows;
  const roots = scanAll(flows, options.nearMinusOne === true);
  if (roots.length === 0) return { rate: null, roots: 0, reason: "no-root" };
  const target = options.near ?? options.guess ?? 0.1;
  roots.sort((a, b) => Math.abs(a - target) - Math.abs(b - target));
  return { rate: polish(values, times, roots[0]!), roots: roots.length };
}

// Roots closer to -100 % than the scan's first rate (1 + rate < 1e-6; a case numpy-financial misses:
// -3000 and tiny positive values have a root at -99.9999999 %). With w = 1 + rate and n the last
// exponent with a non-zero value, w^n f = sum c_t w^(n - t) is a polynomial in w without overflow
// (Horner from c_0), whose sign near w = 0 is that of c_n. Where the sign at the scan's first rate
// differs, a root lies between: step down a decade at a time to bracket it, then bisect.
const NEAR_MINUS_ONE = 1e-6;
function rootsNearMinusOne(dense: Float64Array): number[] {
  let n = dense.length - 1;
  while (n > 0 && dense[n] === 0) n--;
  if (n === 0) return [];
  const g = (w: number) => {
    let s = 0;
    for (let t = 0; t <= n; t++) s = s * w + dense[t]!;
    return s;
  };
  const limit = Math.sign(dense[n]!);
  let hi = NEAR_MINUS_ONE;
  const gHi = g(hi);
  if (gHi === 0 || Math.sign(gHi) === limit) return [];
  let lo = hi / 10;
  while (lo > 1e-300 && g(lo) !== 0 && Math.sign(g(lo)) !== limit) {
    hi = lo;
    lo /= 10;
  }
  if (g(lo) === 0) return [lo - 1];
  if (Math.sign(g(lo)) !== limit) return [];
  // Bisection on log w: the bracket spans a decade, so halving the exponent converges fast.
  let a = Math.log(lo);
  let b = Math.log(hi);
  const sa = Math.sign(g(lo));
  for (let it = 0; it < 200 && b - a > 1e-15; it++) {
    const mid = (a + b) / 2;
    const gm = g(Math.exp(mid));
    if (gm === 0) return [Math.exp(mid) - 1];
    if (Math.sign(gm) === sa) a = mid;
    else b = mid;
  }
  return [Math.exp((a + b) / 2) - 1];
}

// Excel's IRR (spreadsheet-compatible irr): Newton's method on the rate from the guess, at most 20
// steps, done when a step is below 1e-7 (Excel's "accurate within 0.00001 percent"). Where it
// settles, the iteration is carried on to the float's own precision and the point is checked to be
// a root (the value changes sign across it, or is zero to rounding); null where Excel would answer
// #NUM! or stop on a point that is no root.
function excelNewton(
  values: readonly Decimal[],
  times: readonly number[],
  floats: readonly number[] | undefined,
  guess: number,
): RootSearch | { float: number; flows: FloatFlows } {
  const flows = floatFlows(values, times, floats);
  if (!("coeffs" in flows)) return flows;
  const dense = flows.dense!;
  const { coeffs, times: ts } = flows;
  let x = guess;
  let settled = false;
  for (let it = 0; it < 20; it++) {
    if (!(x > -1)) break;
    const f = evalBoth(coeffs, ts, x, dense);
    // f'(x) = -P'(v) v^2 with v = 1 / (1 + x); evalBoth left -P'(v) in `slope`.
    const v = 1 / (1 + x);
    const fp = slope * v * v;
    if (!Number.isFinite(f) || !Number.isFinite(fp) || fp === 0) break;
    const next = x - f / fp;
    if (Math.abs(next - x) < 1e-7) {
      x = next;
      settled = true;
      break;
    }
    x = next;
  }
  if (!settled || !(x > -1) || !Number.isFinite(x)) return { rate: null, roots: 0, reason: "no-root" };
  // Newton settles only on a root (near a point where f is not zero, f / f' does not shrink), so
  // a settled iteration needs no further check; otherwise f must change sign across the point.
  let converged = false;
  for (let it = 0; it < 8; it++) {
    const f = evalBoth(coeffs, ts, x, dense);
    const v = 1 / (1 + x);
    const fp = slope * v * v;
    if (f === 0) {
      converged = true;
      break;
    }
    if (fp === 0 || !Number.isFinite(fp)) break;
    const next = x - f / fp;
    if (!(next > -1)) break;
    const done = Math.abs(next - x) <= 1e-14 * Math.max(1, Math.abs(x));
    x = next;
    if (done) {
      converged = true;
      break;
    }
  }
  const f0 = converged ? 0 : evalBoth(coeffs, ts, x, dense);
  if (f0 !== 0) {
    const h = 1e-9 * Math.max(Math.abs(x), 1e-3);
    const fa = evalBoth(coeffs, ts, x - h, dense);
    const fb = evalBoth(coeffs, ts, x + h, dense);
    if (!(Math.sign(fa) !== Math.sign(fb) || Math.sign(fa) === 0 || Math.sign(fb) === 0))
      return { rate: null, roots: 0, reason: "no-root" };
  }
  return { float: x, flows };
}

// The spreadsheet IRR: the root Excel's Newton reaches from the guess, polished in decimals; where
// Newton fails but a root exists, the root nearest the guess (Excel would answer #NUM!). With
// `count`, the roots in the scanned range are counted (several roots are flagged).
// floats: the values as numbers, where the caller has them.
export function findRootExcel(
  values: readonly Decimal[],
  guess: number,
  count: boolean,
  floats?: readonly number[],
): RootSearch {
  // The periods 0, 1, 2, ...: only the decimal values' float search and the fallback read them.
  const times = floats ? null : periods(values.length);
  const newton = excelNewton(values, times ?? [], floats, guess);
  if (!("float" in newton)) {
    if (newton.reason !== "no-root") return newton;
    return findRoot(values, times ?? periods(values.length), { guess, nearMinusOne: true });
  }
  let roots = 1;
  if (count) {
    const found = scanAll(newton.flows, true);
    const x = newton.float;
    roots = found.length + (found.some((r) => Math.abs(r - x) <= 1e-6 * Math.max(1, Math.abs(x))) ? 0 : 1);
  }
  return { rate: polishNewton(values, newton.flows.dense!, newton.float), roots };
}

// Newton's method in decimal from a float root of sum c_t v^t, t = 0, 1, ..., v = 1 / (1 + r):
// with f = sum c v^t and g = sum t c v^t, f'(r) = -g v, so a step is s = f (1 + r) / g. From a
// float root good to about 1e-16 (relative to 1 + r) the step is about as small, and the error
// left after it is K s^2 with K = f'' / (2 f'), which a float evaluation gives to far more digits
// than needed: adding it reaches the engine's precision in one decimal evaluation (two products and
// two sums per value). Poorer starts (near a double root, or next to -100 %) take plain steps first.
const sumF = new ProductSum();
const sumG = new ProductSum();
function polishNewton(values: readonly Decimal[], floats: Float64Array, start: number): Decimal {
  let r = nearDecimal(start);
  const pows: Decimal[] = [ONE];
  for (let it = 0; it < 8; it++) {
    const base = add(ONE, r);
    if (base.isNeg() || base.isZero()) break; // base <= 0
    const inv = reciprocal(base, 2);
    // The powers first, to place the sums' top word above every term.
    let top = Math.floor(values[0]!.e / 7);
    for (let t = 1; t < values.length; t++) {
      const pow = t === 1 ? inv : mul(pows[t - 1]!, inv);
      pows[t] = pow;
      const c = values[t]!;
      if (!c.isZero()) top = Math.max(top, Math.floor(c.e / 7) + Math.floor(pow.e / 7));
    }
    // Headroom: a word for each product's carry, for t x c and for the sum of the terms.
    top += 4;
    sumF.reset(top);
    sumG.reset(top);
    sumF.add(values[0]!, ONE, 1);
    for (let t = 1; t < values.length; t++) {
      const c = values[t]!;
      if (c.isZero()) continue;
      sumF.add(c, pows[t]!, 1);
      sumG.add(c, pows[t]!, t);
    }
    const f = sumF.result();
    const g = sumG.result();
    if (g.isZero()) break;
    // The step needs about 25 digits (it is some 1e-16 of 1 + r): 1 / g to 30 is plenty.
    const step = mul(mul(f, base), reciprocal(g, 1));
    // |step| / (1 + r) from the decimal exponents: about 1e-16 after a good float root.
    if (step.isZero() || step.e - base.e < -13) {
      // K = f''(r) / (2 f'(r)) in floats at r: f' = -v G, f'' = v^2 H (G = sum t c v^t,
      // H = sum t (t + 1) c v^t), so K = -v H / (2 G); the root is r + s - K s^2.
      const v = 1 / (1 + start);
      let G = 0;
      let H = 0;
      let p = 1;
      for (let t = 1; t < floats.length; t++) {
        p *= v;
        G += t * floats[t]! * p;
        H += t * (t + 1) * floats[t]! * p;
      }
      const K = (-v * H) / (2 * G);
      r = add(r, step);
      if (Number.isFinite(K) && K !== 0 && !step.isZero()) r = sub(r, mul(mul(step, step), nearDecimal(K)));
      break;
    }
    r = add(r, step);
  }
  return r;
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
    if (step.abs().lt(POLISH_TOLERANCE)) break;
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
export function findRootPeriods(
  values: readonly Decimal[],
  periods: readonly number[],
  perUnit: number,
  options: { guess?: number } = {},
): RootSearch {
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
  const roots = scanRoots((rate) => {
    const lb = Math.log1p(rate);
    let d = 0;
    for (let i = 0; i < coeffs.length; i++) d -= expo[i]! * coeffs[i]! * Math.exp(-(expo[i]! + 1) * lb);
    slope = d;
    return evalAt(rate);
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
// f sets `slope` (the sign of f' at the same rate) as it answers.
// gridDone: gridF and gridS already hold f and the slope at the grid rates (evalGrid).
function scanRoots(f: (rate: number) => number, gridDone = false): number[] {
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
  let prevF = gridDone ? gridF[0]! : f(prevX);
  let prevS = gridDone ? gridS[0]! : slope;
  for (let k = 1; k < GRID.length; k++) {
    const x = GRID[k]!;
    let fx: number;
    let sx: number;
    if (gridDone) {
      fx = gridF[k]!;
      sx = gridS[k]!;
    } else {
      fx = f(x);
      sx = slope;
    }
    if (fx === 0) {
      roots.push(x);
    } else if (prevF !== 0 && Math.sign(fx) !== Math.sign(prevF) && Number.isFinite(fx) && Number.isFinite(prevF)) {
      roots.push(bisect(prevX, x, prevF));
    } else if (
      prevF !== 0 &&
      Number.isFinite(fx) &&
      Number.isFinite(prevF) &&
      Number.isFinite(sx) &&
      Number.isFinite(prevS) &&
      sx !== 0 &&
      prevS !== 0 &&
      Math.sign(sx) !== Math.sign(prevS)
    ) {
      // Same sign at both ends, turning inside: find the turning point.
      let lo = prevX;
      let hi = x;
      const slo = prevS;
      for (let it = 0; it < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); it++) {
        const mid = (lo + hi) / 2;
        f(mid);
        const sm = slope;
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
