// Sensitivity, break-even and Monte Carlo (finance.md "Uncertainty"). Every line's value is its
// amount times a fixed monthly shape, so NPV and the totals are linear in each line's amount:
// the tornado and break-even are exact decimal arithmetic on per-line PVs, and the simulation
// only needs per-line totals and PVs (in Float64Array: said in its output).
import type Decimal from "decimal.js";
import type { CaseFile } from "@/lib/case-file/schema";
import { discountSums, expandScenario, gridOf } from "./compute";
import { D, ONE, ZERO } from "./decimal";
import { perOccurrence } from "./expand";
import type { ComputeOutput } from "./types";

function pickScenario(file: CaseFile, key?: string) {
  const s = key ? file.scenarios.find((x) => x.key === key) : (file.scenarios.find((x) => x.baseline !== true) ?? file.scenarios[0]);
  if (!s) throw new Error(`no scenario "${key}"`);
  return s;
}

interface LineContribution {
  kind: "cost" | "benefit";
  index: number;
  name: string;
  sign: Decimal; // +1 benefit, -1 cost
  pv: Decimal; // risk-adjusted PV of the line
  total: Decimal; // risk-adjusted total
  amount: Decimal; // the likely amount per occurrence
  low: Decimal | null;
  high: Decimal | null;
}

function contributions(file: CaseFile, scenarioKey?: string) {
  const scenario = pickScenario(file, scenarioKey);
  const grid = gridOf(file);
  // Per-line totals and PVs are enough (no monthly grid): the scenario's sums are their sums.
  const flows = expandScenario(file, scenario, grid, discountSums(grid), false);
  let pvCost = flows.expectedRiskPv;
  let pvBenefit = ZERO;
  let totalCost = flows.expectedRiskCost;
  let totalBenefit = ZERO;
  for (const l of flows.lines) {
    const pv = l.pvRaw.times(l.adjust);
    const total = l.totalRaw.times(l.adjust);
    if (l.kind === "cost") {
      pvCost = pvCost.plus(pv);
      totalCost = totalCost.plus(total);
    } else {
      pvBenefit = pvBenefit.plus(pv);
      totalBenefit = totalBenefit.plus(total);
    }
  }
  const lines: LineContribution[] = flows.lines
    .filter((l) => l.terms.length > 0)
    .map((l) => ({
      kind: l.kind,
      index: l.index,
      name: l.line.name,
      sign: l.kind === "benefit" ? ONE : ONE.neg(),
      pv: l.pvRaw.times(l.adjust),
      total: l.totalRaw.times(l.adjust),
      amount: l.line.schedule ? ZERO : perOccurrence(l.line),
      low: l.line.low !== undefined ? new D(l.line.low) : null,
      high: l.line.high !== undefined ? new D(l.line.high) : null,
    }));
  return { scenario, lines, pvCost, pvBenefit, totalCost, totalBenefit };
}

export interface TornadoBar {
  kind: "cost" | "benefit";
  index: number;
  name: string;
  npvLow: string; // NPV with the line's amount lowered by the percentage
  npvHigh: string; // ... raised
  roiLow: string | null;
  roiHigh: string | null;
  swing: string; // |npvHigh - npvLow|
}

// From a compute output already at hand (the app caches it per case version), the tornado needs
// no expansion at all: each bar is the line's PV times the percentage.
function contributionsFromOutput(file: CaseFile, output: ComputeOutput, scenarioKey?: string) {
  const scenario = pickScenario(file, scenarioKey);
  const result = output.scenarios.find((s) => s.key === scenario.key)!;
  const lines: LineContribution[] = result.lines
    .filter((l) => l.tangible && l.total !== "0")
    .map((l) => ({
      kind: l.kind,
      index: l.index,
      name: l.name,
      sign: l.kind === "benefit" ? ONE : ONE.neg(),
      pv: new D(l.pv),
      total: new D(l.total),
      amount: ZERO,
      low: null,
      high: null,
    }));
  return { scenario, lines, pvCost: new D(result.pvCost), pvBenefit: new D(result.pvBenefit), totalCost: new D(result.totalCost), totalBenefit: new D(result.totalBenefit) };
}

export function tornado(file: CaseFile, options: { percent?: DecimalInputLike; scenarioKey?: string; output?: ComputeOutput } = {}) {
  const p = new D(options.percent ?? "0.2");
  const c = options.output ? contributionsFromOutput(file, options.output, options.scenarioKey) : contributions(file, options.scenarioKey);
  const npv = c.pvBenefit.minus(c.pvCost);
  const roi = (tb: Decimal, tc: Decimal) => (tc.gt(0) ? tb.minus(tc).div(tc).toString() : null);
  const bars: (TornadoBar & { _swing: Decimal })[] = c.lines.map((l) => {
    const dNpv = l.pv.times(p).times(l.sign);
    const dTotal = l.total.times(p);
    const [tbLow, tcLow] = l.kind === "benefit" ? [c.totalBenefit.minus(dTotal), c.totalCost] : [c.totalBenefit, c.totalCost.minus(dTotal)];
    const [tbHigh, tcHigh] = l.kind === "benefit" ? [c.totalBenefit.plus(dTotal), c.totalCost] : [c.totalBenefit, c.totalCost.plus(dTotal)];
    const swing = dNpv.abs().times(2);
    return {
      kind: l.kind,
      index: l.index,
      name: l.name,
      npvLow: npv.minus(dNpv).toString(),
      npvHigh: npv.plus(dNpv).toString(),
      roiLow: roi(tbLow, tcLow),
      roiHigh: roi(tbHigh, tcHigh),
      swing: swing.toString(),
      _swing: swing,
    };
  });
  bars.sort((a, b) => b._swing.comparedTo(a._swing));
  return {
    scenario: c.scenario.key,
    percent: p.toString(),
    npv: npv.toString(),
    bars: bars.map(({ _swing, ...bar }) => bar),
  };
}

type DecimalInputLike = string | number | Decimal;

// The relative change of one line's amount that brings NPV to zero (-0.25 = 25 % lower).
export function breakEven(file: CaseFile, target: { scenarioKey?: string; kind: "cost" | "benefit"; index: number }) {
  const c = contributions(file, target.scenarioKey);
  const line = c.lines.find((l) => l.kind === target.kind && l.index === target.index);
  const npv = c.pvBenefit.minus(c.pvCost);
  if (!line || line.pv.isZero()) return { scenario: c.scenario.key, npv: npv.toString(), change: null, reason: "the line has no present value" };
  const change = npv.neg().div(line.pv.times(line.sign));
  return { scenario: c.scenario.key, npv: npv.toString(), change: change.toString(), amountAtBreakEven: line.amount.times(ONE.plus(change)).toString() };
}

// mulberry32: a small, well-known seeded PRNG; the same seed gives the same sequence everywhere.
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function triangular(u: number, low: number, mode: number, high: number): number {
  if (high <= low) return mode;
  const f = (mode - low) / (high - low);
  return u < f ? low + Math.sqrt(u * (high - low) * (mode - low)) : high - Math.sqrt((1 - u) * (high - low) * (high - mode));
}

function percentile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export interface SimulationResult {
  scenario: string;
  iterations: number;
  seed: number;
  uncertainLines: number;
  method: string;
  npv: { p10: string; p50: string; p90: string; mean: string };
  roi: { p10: string | null; p50: string | null; p90: string | null };
  probabilityNpvPositive: string;
  histogram: { from: string; to: string; count: number }[];
}

export function simulate(
  file: CaseFile,
  options: { iterations?: number; seed?: number; scenarioKey?: string; bins?: number; onProgress?: (done: number, total: number) => void } = {},
): SimulationResult {
  const iterations = options.iterations ?? 10_000;
  const seed = options.seed ?? 42;
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > 1_000_000) throw new Error("iterations must be 1..1,000,000");
  const c = contributions(file, options.scenarioKey);
  const uncertain = c.lines.filter((l) => (l.low !== null || l.high !== null) && !l.amount.isZero());
  const n = uncertain.length;
  const low = new Float64Array(n);
  const mode = new Float64Array(n);
  const high = new Float64Array(n);
  const pvPer = new Float64Array(n); // signed PV per unit of relative change
  const totalPer = new Float64Array(n);
  const isCost = new Uint8Array(n);
  uncertain.forEach((l, i) => {
    const amount = l.amount.toNumber();
    low[i] = (l.low ?? l.amount).toNumber() / amount;
    high[i] = (l.high ?? l.amount).toNumber() / amount;
    mode[i] = 1;
    if (low[i]! > high[i]!) [low[i], high[i]] = [high[i]!, low[i]!];
    pvPer[i] = l.pv.times(l.sign).toNumber();
    totalPer[i] = l.total.toNumber();
    isCost[i] = l.kind === "cost" ? 1 : 0;
  });
  const baseNpv = c.pvBenefit.minus(c.pvCost).toNumber();
  const baseTb = c.totalBenefit.toNumber();
  const baseTc = c.totalCost.toNumber();
  const npvs = new Float64Array(iterations);
  const rois = new Float64Array(iterations);
  const rand = prng(seed);
  let positive = 0;
  let sumNpv = 0;
  for (let it = 0; it < iterations; it++) {
    let npv = baseNpv;
    let tb = baseTb;
    let tc = baseTc;
    for (let i = 0; i < n; i++) {
      const factor = triangular(rand(), low[i]!, mode[i]!, high[i]!) - 1;
      npv += factor * pvPer[i]!;
      if (isCost[i]) tc += factor * totalPer[i]!;
      else tb += factor * totalPer[i]!;
    }
    npvs[it] = npv;
    rois[it] = tc > 0 ? (tb - tc) / tc : NaN;
    if (npv > 0) positive++;
    sumNpv += npv;
    if (options.onProgress && (it + 1) % 1000 === 0) options.onProgress(it + 1, iterations);
  }
  npvs.sort();
  const roiSorted = rois.filter((r) => !Number.isNaN(r)).sort();
  const bins = options.bins ?? 20;
  const min = npvs[0]!;
  const max = npvs[iterations - 1]!;
  const width = max > min ? (max - min) / bins : 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of npvs) counts[Math.min(bins - 1, Math.floor((v - min) / width))]!++;
  const f = (x: number) => new D(x.toPrecision(15)).toString();
  return {
    scenario: c.scenario.key,
    iterations,
    seed,
    uncertainLines: n,
    method:
      "triangular(low, likely, high) per line with a seeded mulberry32 PRNG; NPV and ROI are linear in each line's amount, so each draw rescales the line's exact PV and total; sampling arithmetic in float64 (Float64Array), results rounded to 15 significant digits",
    npv: { p10: f(percentile(npvs, 0.1)), p50: f(percentile(npvs, 0.5)), p90: f(percentile(npvs, 0.9)), mean: f(sumNpv / iterations) },
    roi:
      roiSorted.length > 0
        ? { p10: f(percentile(roiSorted, 0.1)), p50: f(percentile(roiSorted, 0.5)), p90: f(percentile(roiSorted, 0.9)) }
        : { p10: null, p50: null, p90: null },
    probabilityNpvPositive: new D(positive).div(iterations).toString(),
    histogram: counts.map((count, i) => ({ from: f(min + i * width), to: f(min + (i + 1) * width), count })),
  };
}
