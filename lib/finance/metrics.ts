// Metrics of one stream of monthly costs and benefits (docs/finance.md#metrics-of-a-scenario).
import type Decimal from "decimal.js";
import { D, ONE, ZERO, add, int, mul, neg, pow, str, sub, toNum } from "./decimal";
import { findRoot } from "./solver";
import type { Metrics, MonthRow, YearRow } from "./types";

export interface Grid {
  horizon: number;
  discountFactors: Decimal[]; // (1 + r)^(-m/12), m = 0..horizon
  rate: Decimal;
  financeRate: Decimal;
  reinvestRate: Decimal;
  financeDiscount: Decimal[]; // (1 + finance rate)^(-m/12)
  reinvestGrowth: Decimal[]; // (1 + reinvestment rate)^(k/12)
}

function powers(base: Decimal, horizon: number): Decimal[] {
  const out: Decimal[] = [ONE];
  for (let m = 1; m <= horizon; m++) out.push(mul(out[m - 1]!, base));
  return out;
}

export function makeGrid(horizon: number, rate: Decimal, financeRate: Decimal, reinvestRate: Decimal): Grid {
  const twelfth = new D(1).div(12);
  const discountFactors = powers(ONE.plus(rate).pow(twelfth.neg()), horizon);
  const financeDiscount = financeRate.eq(rate)
    ? discountFactors
    : powers(ONE.plus(financeRate).pow(twelfth.neg()), horizon);
  const reinvestGrowth = powers(ONE.plus(reinvestRate).pow(twelfth), horizon);
  return { horizon, discountFactors, rate, financeRate, reinvestRate, financeDiscount, reinvestGrowth };
}

const s = str;
const sOrNull = (d: Decimal | null) => (d === null ? null : str(d));

// The discount factors' strings, once per grid (every scenario and comparison prints them).
const factorStrings = new WeakMap<Grid, string[]>();
function discountFactorStrings(grid: Grid): string[] {
  let out = factorStrings.get(grid);
  if (!out) factorStrings.set(grid, (out = grid.discountFactors.map(str)));
  return out;
}

// First time the cumulative flow reaches zero, interpolated inside the month (flows sit at month
// ends). When the cumulative flow is never negative, it is the month of the first positive flow.
export function paybackOf(flows: readonly Decimal[]): Decimal | null {
  let cum = ZERO;
  let everNegative = false;
  for (let m = 0; m < flows.length; m++) {
    const f = flows[m]!;
    const next = add(cum, f);
    if (next.isNegative() && !next.isZero()) everNegative = true;
    else if (everNegative) {
      // cum < 0 <= next, f > 0: crossing between m - 1 and m
      return int(m - 1).plus(neg(cum).div(f));
    }
    cum = next;
  }
  if (everNegative) return null;
  const first = flows.findIndex((f) => !f.isZero() && !f.isNegative());
  return first === -1 ? null : int(first);
}

export function irrOf(net: readonly Decimal[], rate: Decimal): { irr: Decimal | null; note: Metrics["irrNote"] } {
  const times = net.map((_, m) => m);
  const nearMonthly = Math.pow(1 + toNum(rate), 1 / 12) - 1;
  const root = findRoot(net, times, { near: nearMonthly });
  if (root.rate === null) return { irr: null, note: root.reason ?? "no-root" };
  const annual = ONE.plus(root.rate).pow(12).minus(1);
  return { irr: annual, note: root.roots > 1 ? "several-roots" : null };
}

// MIRR on the monthly grid: negative flows discounted to month 0 at the finance rate, positive
// flows compounded to the horizon at the reinvestment rate, both annual effective rates.
// 12 / n, once per horizon.
const exponents = new Map<number, Decimal>();
function mirrExponent(n: number): Decimal {
  let e = exponents.get(n);
  if (!e) exponents.set(n, (e = new D(12).div(n)));
  return e;
}

export function mirrOf(net: readonly Decimal[], grid: Grid): Decimal | null {
  const n = net.length - 1;
  if (n < 1) return null;
  let pvNeg = ZERO;
  let fvPos = ZERO;
  for (let m = 0; m <= n; m++) {
    const f = net[m]!;
    if (f.isZero()) continue;
    if (f.isNegative()) pvNeg = add(pvNeg, mul(f, grid.financeDiscount[m]!));
    else fvPos = add(fvPos, mul(f, grid.reinvestGrowth[n - m]!));
  }
  if (pvNeg.isZero() || fvPos.isZero()) return null;
  return pow(fvPos.div(pvNeg.neg()), mirrExponent(n)).minus(1);
}

export interface StreamResult {
  metrics: Metrics;
  months: MonthRow[];
  years: YearRow[];
}

export function yearOfMonth(m: number): number {
  return m === 0 ? 0 : Math.ceil(m / 12);
}

export function computeStream(
  grid: Grid,
  cost: readonly Decimal[],
  benefit: readonly Decimal[],
  withTables = true,
): StreamResult {
  const { discountFactors: df, horizon } = grid;
  let totalCost = ZERO;
  let totalBenefit = ZERO;
  let pvCost = ZERO;
  let pvBenefit = ZERO;
  const net: Decimal[] = [];
  const discounted: Decimal[] = [];
  const pvc: Decimal[] = [];
  const pvb: Decimal[] = [];
  for (let m = 0; m <= horizon; m++) {
    const c = cost[m]!;
    const b = benefit[m]!;
    totalCost = add(totalCost, c);
    totalBenefit = add(totalBenefit, b);
    const pc = c.isZero() ? ZERO : mul(c, df[m]!);
    const pb = b.isZero() ? ZERO : mul(b, df[m]!);
    pvc.push(pc);
    pvb.push(pb);
    pvCost = add(pvCost, pc);
    pvBenefit = add(pvBenefit, pb);
    net.push(sub(b, c));
    discounted.push(sub(pb, pc));
  }
  const netBenefit = sub(totalBenefit, totalCost);
  const npv = sub(pvBenefit, pvCost);
  const { irr, note } = irrOf(net, grid.rate);
  const years = horizon / 12;
  const metrics: Metrics = {
    totalCost: s(totalCost),
    totalBenefit: s(totalBenefit),
    netBenefit: s(netBenefit),
    pvCost: s(pvCost),
    pvBenefit: s(pvBenefit),
    npv: s(npv),
    roi: totalCost.gt(0) ? s(netBenefit.div(totalCost)) : null,
    discountedRoi: pvCost.gt(0) ? s(npv.div(pvCost)) : null,
    benefitCostRatio: pvCost.gt(0) ? s(pvBenefit.div(pvCost)) : null,
    irr: sOrNull(irr),
    mirr: sOrNull(mirrOf(net, grid)),
    paybackMonths: sOrNull(paybackOf(net)),
    discountedPaybackMonths: sOrNull(paybackOf(discounted)),
    annualisedRoi: totalCost.gt(0) ? s(netBenefit.div(years).div(totalCost)) : null,
    irrNote: note,
  };
  if (!withTables) return { metrics, months: [], years: [] };

  const months: MonthRow[] = [];
  const dfStrings = discountFactorStrings(grid);
  let cum = ZERO;
  let dcum = ZERO;
  for (let m = 0; m <= horizon; m++) {
    cum = add(cum, net[m]!);
    dcum = add(dcum, discounted[m]!);
    months.push({
      month: m,
      cost: s(cost[m]!),
      benefit: s(benefit[m]!),
      net: s(net[m]!),
      cumulative: s(cum),
      discountFactor: dfStrings[m]!,
      discountedNet: s(discounted[m]!),
      discountedCumulative: s(dcum),
    });
  }
  const yearCount = yearOfMonth(horizon);
  const acc = Array.from({ length: yearCount + 1 }, () => ({
    cost: ZERO,
    benefit: ZERO,
    pvCost: ZERO,
    pvBenefit: ZERO,
  }));
  for (let m = 0; m <= horizon; m++) {
    const y = acc[yearOfMonth(m)]!;
    y.cost = add(y.cost, cost[m]!);
    y.benefit = add(y.benefit, benefit[m]!);
    y.pvCost = add(y.pvCost, pvc[m]!);
    y.pvBenefit = add(y.pvBenefit, pvb[m]!);
  }
  return {
    metrics,
    months,
    years: acc.map((y, year) => ({
      year,
      cost: s(y.cost),
      benefit: s(y.benefit),
      net: s(sub(y.benefit, y.cost)),
      pvCost: s(y.pvCost),
      pvBenefit: s(y.pvBenefit),
    })),
  };
}
