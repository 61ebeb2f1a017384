// Root finding for IRR-type equations: f(v) = sum c_k * v^t_k with v = 1 / (1 + rate).
// Roots are located in floating point (a scan over rates for sign changes, then bisection
// inside each bracket: robust where Newton alone diverges), and the chosen root is then polished
// with Newton steps in decimal arithmetic, so the answer is exact to the engine's precision and
// does not depend on floating-point rounding beyond the starting point.
import type Decimal from "decimal.js";
import { D, ONE, ZERO, int } from "./decimal";

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
  const roots: number[] = [];
  let prevX = GRID[0]!;
  let prevF = evalFloat(coeffs, ts, prevX, dense);
  for (let k = 1; k < GRID.length; k++) {
    const x = GRID[k]!;
    const f = evalFloat(coeffs, ts, x, dense);
    if (f === 0) {
      roots.push(x);
    } else if (prevF !== 0 && Math.sign(f) !== Math.sign(prevF) && Number.isFinite(f) && Number.isFinite(prevF)) {
      let lo = prevX;
      let hi = x;
      let flo = prevF;
      for (let it = 0; it < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); it++) {
        const mid = (lo + hi) / 2;
        const fm = evalFloat(coeffs, ts, mid, dense);
        if (fm === 0) {
          lo = hi = mid;
          break;
        }
        if (Math.sign(fm) === Math.sign(flo)) {
          lo = mid;
          flo = fm;
        } else hi = mid;
      }
      roots.push((lo + hi) / 2);
    }
    prevX = x;
    prevF = f;
  }
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
          pow = pow.times(inv);
          lastT++;
        }
      }
      if (c.isZero()) continue;
      const cd = c.times(integer ? pow : base.pow(-t));
      f = f.plus(cd);
      if (t !== 0) g = g.plus(t === 1 ? cd : cd.times(integer ? int(t) : t));
    }
    if (g.isZero()) break;
    const step = f.times(base).div(g); // f / f'(r) = f / (-g / base)
    r = r.plus(step);
    if (step.abs().lt("1e-30")) break;
  }
  return r;
}
