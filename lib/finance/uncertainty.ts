// Sensitivity, break-even and Monte Carlo (docs/finance.md#uncertainty). Every line's value is its
// amount times a fixed monthly shape, so NPV and the totals are linear in each line's amount:
// the tornado and break-even are exact decimal arithmetic on per-line PVs, and the simulation
// only needs per-line totals and PVs (in Float64Array: said in its output).
import type Decimal from "decimal.js";
import type { CaseFile, Scenario } from "@/lib/case-file/schema";
import { discountSums, expandScenario, gridOf, type ScenarioFlows } from "./compute";
import { D, ONE, ZERO, add, sub } from "./decimal";
import { perOccurrence } from "./expand";
import { stepIndex } from "./fx";
import type { Grid } from "./metrics";
import type { ExpandedLine } from "./compute";
import { headlineKeys } from "./headline";
import type { ComputeOutput } from "./types";

// Two modes (docs/finance.md#uncertainty): a scenario on its own (its own NPV), or a
// comparison, "alternative minus baseline" (the incremental NPV the case pages headline). In the
// incremental mode the lines of BOTH scenarios are varied: a baseline line counts with the opposite
// sign (the current CRM's licence rising makes the upgrade more attractive). NPV stays linear in
// each line's amount, so everything below is the same exact arithmetic with a side of +1 or -1.

export interface Comparison {
  alternative: string; // scenario key
  baseline: string; // scenario key
}

function pickScenario(file: CaseFile, key?: string) {
  const wanted = key ?? headlineKeys(file.scenarios, file.chosenScenario).alternative;
  const s = file.scenarios.find((x) => x.key === wanted);
  if (!s) throw new Error(`no scenario "${key}"`);
  return s;
}

// The pair the case headlines (its proposal, else the first non-baseline scenario, against the
// baseline; lib/finance/headline.ts), or null when the case has no baseline to compare with.
export function headlineComparison(file: CaseFile): Comparison | null {
  const { alternative, baseline } = headlineKeys(file.scenarios, file.chosenScenario);
  return baseline === null ? null : { alternative, baseline };
}

function pickComparison(file: CaseFile, comparison: Comparison) {
  const alternative = pickScenario(file, comparison.alternative);
  const baseline = pickScenario(file, comparison.baseline);
  if (alternative.key === baseline.key)
    throw new Error(`a comparison needs two scenarios, not "${alternative.key}" twice`);
  return { alternative, baseline };
}

interface LineContribution {
  scenario: string; // key of the scenario the line belongs to
  scenarioName: string;
  kind: "cost" | "benefit";
  index: number;
  name: string;
  sign: Decimal; // +1 benefit, -1 cost
  side: Decimal; // +1 a line of the scenario (or the alternative), -1 a line of the baseline
  pv: Decimal; // risk-adjusted PV of the line
  total: Decimal; // risk-adjusted total
  amount: Decimal; // the likely amount per occurrence
  low: Decimal | null;
  high: Decimal | null;
  currency: string | null; // a line in another currency than the case's
  // A foreign line's risk-adjusted PV and total within each step of its currency's rate table.
  steps?: { pv: Decimal[]; total: Decimal[] };
}

interface Contributions {
  scenario: Scenario; // the scenario, or the alternative of a comparison
  baseline: Scenario | null; // set in the incremental mode
  lines: LineContribution[];
  // The quantity's sums: the scenario's own, or alternative minus baseline.
  pvCost: Decimal;
  pvBenefit: Decimal;
  totalCost: Decimal;
  totalBenefit: Decimal;
}

function scenarioContributions(file: CaseFile, scenario: Scenario, side: Decimal, withGrids = false) {
  const grid = gridOf(file);
  // Per-line totals and PVs are enough (no monthly grid): the scenario's sums are their sums.
  const flows = expandScenario(file, scenario, grid, discountSums(grid), withGrids);
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
      scenario: scenario.key,
      scenarioName: scenario.name,
      kind: l.kind,
      index: l.index,
      name: l.line.name,
      sign: l.kind === "benefit" ? ONE : ONE.neg(),
      side,
      pv: l.pvRaw.times(l.adjust),
      total: l.totalRaw.times(l.adjust),
      amount: l.line.schedule ? ZERO : perOccurrence(l.line),
      low: l.line.low !== undefined ? new D(l.line.low) : null,
      high: l.line.high !== undefined ? new D(l.line.high) : null,
      currency: l.fx?.rates.currency ?? null,
      ...(l.fx ? { steps: stepShares(l, grid) } : {}),
    }));
  return { flows, lines, pvCost, pvBenefit, totalCost, totalBenefit };
}

// The comparison's sums exactly as computeCase computes them (computeStream on the month-by-month
// differences, same operations in the same order), so the incremental base is the headline's
// figure to the last digit, not just to 30-odd digits.
function incrementalSums(file: CaseFile, alt: ScenarioFlows, base: ScenarioFlows) {
  const df = gridOf(file).discountFactors;
  let totalCost = ZERO;
  let totalBenefit = ZERO;
  let pvCost = ZERO;
  let pvBenefit = ZERO;
  for (let m = 0; m <= file.horizonMonths; m++) {
    const c = sub(alt.cost[m]!, base.cost[m]!);
    const b = sub(alt.benefit[m]!, base.benefit[m]!);
    totalCost = add(totalCost, c);
    totalBenefit = add(totalBenefit, b);
    pvCost = add(pvCost, c.isZero() ? ZERO : c.times(df[m]!));
    pvBenefit = add(pvBenefit, b.isZero() ? ZERO : b.times(df[m]!));
  }
  return { totalCost, totalBenefit, pvCost, pvBenefit };
}

function contributions(
  file: CaseFile,
  target: { scenarioKey?: string; comparison?: Comparison | null },
): Contributions {
  if (target.comparison) {
    const { alternative, baseline } = pickComparison(file, target.comparison);
    const a = scenarioContributions(file, alternative, ONE, true);
    const b = scenarioContributions(file, baseline, ONE.neg(), true);
    return {
      scenario: alternative,
      baseline,
      lines: [...a.lines, ...b.lines],
      ...incrementalSums(file, a.flows, b.flows),
    };
  }
  const scenario = pickScenario(file, target.scenarioKey);
  const { lines, pvCost, pvBenefit, totalCost, totalBenefit } = scenarioContributions(file, scenario, ONE);
  return { scenario, baseline: null, lines, pvCost, pvBenefit, totalCost, totalBenefit };
}

export interface TornadoBar {
  scenario: string; // key of the scenario the line belongs to (in a comparison: alternative or baseline)
  scenarioName: string;
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
// no expansion at all: each bar is the line's PV times the percentage. In a comparison the base is
// the output's comparison itself (so the tornado's base NPV is the headline's, to the digit).
function outputLines(file: CaseFile, output: ComputeOutput, scenario: Scenario, side: Decimal) {
  const result = output.scenarios.find((s) => s.key === scenario.key);
  if (!result) throw new Error(`the output has no scenario "${scenario.key}"`);
  const lines: LineContribution[] = result.lines
    .filter((l) => l.tangible && l.total !== "0")
    .map((l) => ({
      scenario: scenario.key,
      scenarioName: scenario.name,
      kind: l.kind,
      index: l.index,
      name: l.name,
      sign: l.kind === "benefit" ? ONE : ONE.neg(),
      side,
      pv: new D(l.pv),
      total: new D(l.total),
      amount: ZERO,
      low: null,
      high: null,
      currency: l.currency ?? null,
    }));
  return { result, lines };
}

function contributionsFromOutput(
  file: CaseFile,
  output: ComputeOutput,
  target: { scenarioKey?: string; comparison?: Comparison | null },
): Contributions {
  if (target.comparison) {
    const { alternative, baseline } = pickComparison(file, target.comparison);
    const a = outputLines(file, output, alternative, ONE);
    const b = outputLines(file, output, baseline, ONE.neg());
    const c = output.comparisons.find((x) => x.alternative === alternative.key && x.baseline === baseline.key);
    const sums = c
      ? {
          pvCost: new D(c.pvCost),
          pvBenefit: new D(c.pvBenefit),
          totalCost: new D(c.totalCost),
          totalBenefit: new D(c.totalBenefit),
        }
      : {
          pvCost: new D(a.result.pvCost).minus(b.result.pvCost),
          pvBenefit: new D(a.result.pvBenefit).minus(b.result.pvBenefit),
          totalCost: new D(a.result.totalCost).minus(b.result.totalCost),
          totalBenefit: new D(a.result.totalBenefit).minus(b.result.totalBenefit),
        };
    return { scenario: alternative, baseline, lines: [...a.lines, ...b.lines], ...sums };
  }
  const scenario = pickScenario(file, target.scenarioKey);
  const { result, lines } = outputLines(file, output, scenario, ONE);
  return {
    scenario,
    baseline: null,
    lines,
    pvCost: new D(result.pvCost),
    pvBenefit: new D(result.pvBenefit),
    totalCost: new D(result.totalCost),
    totalBenefit: new D(result.totalBenefit),
  };
}

export interface TornadoResult {
  scenario: string; // the scenario, or the comparison's alternative
  baseline?: string; // only in the incremental mode
  percent: string;
  npv: string; // the base: the scenario's NPV, or the incremental NPV (alternative minus baseline)
  bars: TornadoBar[];
  currencies: CurrencyBar[]; // each foreign currency's rates as one driver (docs/currencies.md)
}

// options.comparison: the incremental mode (NPV and ROI of alternative minus baseline, the lines of
// both scenarios varied); otherwise options.scenarioKey's own NPV (default: the first non-baseline).
export function tornado(
  file: CaseFile,
  options: {
    percent?: DecimalInputLike;
    scenarioKey?: string;
    comparison?: Comparison | null;
    output?: ComputeOutput;
  } = {},
): TornadoResult {
  const p = new D(options.percent ?? "0.2");
  const c = options.output ? contributionsFromOutput(file, options.output, options) : contributions(file, options);
  const npv = c.pvBenefit.minus(c.pvCost);
  const roi = (tb: Decimal, tc: Decimal) => (tc.gt(0) ? tb.minus(tc).div(tc).toString() : null);
  const bars: (TornadoBar & { _swing: Decimal })[] = c.lines.map((l) => {
    const dNpv = l.pv.times(p).times(l.sign).times(l.side);
    const dTotal = l.total.times(p).times(l.side);
    const [tbLow, tcLow] =
      l.kind === "benefit" ? [c.totalBenefit.minus(dTotal), c.totalCost] : [c.totalBenefit, c.totalCost.minus(dTotal)];
    const [tbHigh, tcHigh] =
      l.kind === "benefit" ? [c.totalBenefit.plus(dTotal), c.totalCost] : [c.totalBenefit, c.totalCost.plus(dTotal)];
    const swing = dNpv.abs().times(2);
    return {
      scenario: l.scenario,
      scenarioName: l.scenarioName,
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
  // Stable sort: equal swings keep the alternative's lines first, each scenario in line order.
  bars.sort((a, b) => b._swing.comparedTo(a._swing));
  return {
    scenario: c.scenario.key,
    ...(c.baseline ? { baseline: c.baseline.key } : {}),
    percent: p.toString(),
    npv: npv.toString(),
    bars: bars.map(({ _swing, ...bar }) => bar),
    currencies: currencyBars(c, p, npv, roi),
  };
}

type DecimalInputLike = string | number | Decimal;

export interface BreakEvenResult {
  scenario: string; // the scenario, or the comparison's alternative
  baseline?: string; // only in the incremental mode
  npv: string; // the quantity before the change (scenario NPV or incremental NPV)
  change: string | null;
  amountAtBreakEven?: string;
  reason?: string;
}

// The relative change of one line's amount that brings NPV to zero (-0.25 = 25 % lower). In the
// incremental mode (target.comparison) the quantity is NPV(alternative) - NPV(baseline) and the
// line may belong to either scenario: target.scenarioKey names it (default: the alternative).
export function breakEven(
  file: CaseFile,
  target: { scenarioKey?: string; comparison?: Comparison | null; kind: "cost" | "benefit"; index: number },
): BreakEvenResult {
  const c = contributions(
    file,
    target.comparison ? { comparison: target.comparison } : { scenarioKey: target.scenarioKey },
  );
  const lineScenario = target.comparison ? (target.scenarioKey ?? c.scenario.key) : c.scenario.key;
  const line = c.lines.find((l) => l.scenario === lineScenario && l.kind === target.kind && l.index === target.index);
  const npv = c.pvBenefit.minus(c.pvCost);
  const head = { scenario: c.scenario.key, ...(c.baseline ? { baseline: c.baseline.key } : {}), npv: npv.toString() };
  if (!line || line.pv.isZero()) return { ...head, change: null, reason: "the line has no present value" };
  const change = npv.neg().div(line.pv.times(line.sign).times(line.side));
  return { ...head, change: change.toString(), amountAtBreakEven: line.amount.times(ONE.plus(change)).toString() };
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
  return u < f
    ? low + Math.sqrt(u * (high - low) * (mode - low))
    : high - Math.sqrt((1 - u) * (high - low) * (high - mode));
}

function percentile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export interface SimulationResult {
  scenario: string; // the scenario, or the comparison's alternative
  baseline?: string; // only in the incremental mode: the figures are alternative minus baseline
  iterations: number;
  seed: number;
  uncertainLines: number;
  uncertainRates?: number; // rate steps with a low/high range (only when there are any)
  method: string;
  npv: { p10: string; p50: string; p90: string; mean: string };
  roi: { p10: string | null; p50: string | null; p90: string | null };
  probabilityNpvPositive: string;
  histogram: { from: string; to: string; count: number }[];
}

export interface SimulateOptions {
  iterations?: number;
  seed?: number;
  scenarioKey?: string;
  // The incremental mode: NPV(alternative) - NPV(baseline), and ROI of the incremental flows as
  // computeCase's comparison defines it ((incremental benefit - incremental cost) / incremental
  // cost, none when the incremental cost is not positive); the lines of both scenarios are drawn.
  comparison?: Comparison | null;
  bins?: number;
  onProgress?: (done: number, total: number) => void;
}

// Everything a run needs, in floats: per uncertain line its range relative to the likely amount
// and its signed PV and total per unit of relative change.
function plan(file: CaseFile, options: SimulateOptions) {
  const iterations = options.iterations ?? 10_000;
  const seed = options.seed ?? 42;
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > 1_000_000)
    throw new Error("iterations must be 1..1,000,000");
  const c = contributions(
    file,
    options.comparison ? { comparison: options.comparison } : { scenarioKey: options.scenarioKey },
  );
  const uncertain = c.lines.filter((l) => (l.low !== null || l.high !== null) && !l.amount.isZero());
  const rates = rateDrivers(file, c.lines);
  const n = uncertain.length;
  const low = new Float64Array(n);
  const mode = new Float64Array(n);
  const high = new Float64Array(n);
  const pvPer = new Float64Array(n); // signed PV per unit of relative change
  const totalPer = new Float64Array(n); // signed (by side) total per unit of relative change
  const isCost = new Uint8Array(n);
  uncertain.forEach((l, i) => {
    const amount = l.amount.toNumber();
    low[i] = (l.low ?? l.amount).toNumber() / amount;
    high[i] = (l.high ?? l.amount).toNumber() / amount;
    mode[i] = 1;
    if (low[i]! > high[i]!) [low[i], high[i]] = [high[i]!, low[i]!];
    pvPer[i] = l.pv.times(l.sign).times(l.side).toNumber();
    totalPer[i] = l.total.times(l.side).toNumber();
    isCost[i] = l.kind === "cost" ? 1 : 0;
  });
  return {
    c,
    iterations,
    seed,
    bins: options.bins ?? 20,
    n,
    low,
    mode,
    high,
    pvPer,
    totalPer,
    isCost,
    baseNpv: c.pvBenefit.minus(c.pvCost).toNumber(),
    baseTb: c.totalBenefit.toNumber(),
    baseTc: c.totalCost.toNumber(),
    rates,
  };
}

type Plan = ReturnType<typeof plan>;

// The sampling state; run(until) draws iterations [done, until) in order, so running it in one go
// or in chunks draws the same numbers in the same order: the same answer.
function sampler(p: Plan) {
  const npvs = new Float64Array(p.iterations);
  const rois = new Float64Array(p.iterations);
  const rand = prng(p.seed);
  const state = { done: 0, positive: 0, sumNpv: 0 };
  const { n, low, mode, high, pvPer, totalPer, isCost, baseNpv, baseTb, baseTc, rates } = p;
  const run = (until: number, onThousand?: (done: number) => void) => {
    for (let it = state.done; it < until; it++) {
      let npv = baseNpv;
      let tb = baseTb;
      let tc = baseTc;
      for (let i = 0; i < n; i++) {
        const factor = triangular(rand(), low[i]!, mode[i]!, high[i]!) - 1;
        npv += factor * pvPer[i]!;
        if (isCost[i]) tc += factor * totalPer[i]!;
        else tb += factor * totalPer[i]!;
      }
      // Uncertain rates draw after the lines, so a case without them draws as before.
      for (let j = 0; j < rates.n; j++) {
        const factor = triangular(rand(), rates.low[j]!, 1, rates.high[j]!) - 1;
        npv += factor * rates.pv[j]!;
        tc += factor * rates.cost[j]!;
        tb += factor * rates.benefit[j]!;
      }
      npvs[it] = npv;
      rois[it] = tc > 0 ? (tb - tc) / tc : NaN;
      if (npv > 0) state.positive++;
      state.sumNpv += npv;
      state.done = it + 1;
      if (onThousand && (it + 1) % 1000 === 0) onThousand(it + 1);
    }
  };
  return { npvs, rois, state, run };
}

const METHOD =
  "triangular(low, likely, high) per line with a seeded mulberry32 PRNG; NPV and ROI are linear in each line's amount, so each draw rescales the line's exact PV and total; sampling arithmetic in float64 (Float64Array), results rounded to 15 significant digits";
const METHOD_INCREMENTAL = `incremental: NPV(alternative) - NPV(baseline) and the ROI of the incremental flows (alternative minus baseline), the lines of both scenarios drawn (a baseline line with the opposite sign); ${METHOD}`;

function summarise(p: Plan, s: ReturnType<typeof sampler>): SimulationResult {
  const { iterations, bins, c } = p;
  const npvs = s.npvs;
  npvs.sort();
  const roiSorted = s.rois.filter((r) => !Number.isNaN(r)).sort();
  const min = npvs[0]!;
  const max = npvs[iterations - 1]!;
  const width = max > min ? (max - min) / bins : 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of npvs) counts[Math.min(bins - 1, Math.floor((v - min) / width))]!++;
  const f = (x: number) => new D(x.toPrecision(15)).toString();
  return {
    scenario: c.scenario.key,
    ...(c.baseline ? { baseline: c.baseline.key } : {}),
    iterations,
    seed: p.seed,
    uncertainLines: p.n,
    ...(p.rates.n > 0 ? { uncertainRates: p.rates.n } : {}),
    method: (c.baseline ? METHOD_INCREMENTAL : METHOD) + (p.rates.n > 0 ? METHOD_RATES : ""),
    npv: {
      p10: f(percentile(npvs, 0.1)),
      p50: f(percentile(npvs, 0.5)),
      p90: f(percentile(npvs, 0.9)),
      mean: f(s.state.sumNpv / iterations),
    },
    roi:
      roiSorted.length > 0
        ? { p10: f(percentile(roiSorted, 0.1)), p50: f(percentile(roiSorted, 0.5)), p90: f(percentile(roiSorted, 0.9)) }
        : { p10: null, p50: null, p90: null },
    probabilityNpvPositive: new D(s.state.positive).div(iterations).toString(),
    histogram: counts.map((count, i) => ({ from: f(min + i * width), to: f(min + (i + 1) * width), count })),
  };
}

// Synchronous: holds the event loop for the whole run (onProgress every 1,000 iterations).
export function simulate(file: CaseFile, options: SimulateOptions = {}): SimulationResult {
  const p = plan(file, options);
  const s = sampler(p);
  const onProgress = options.onProgress;
  s.run(p.iterations, onProgress ? (done) => onProgress(done, p.iterations) : undefined);
  return summarise(p, s);
}

export class SimulationAborted extends Error {
  constructor() {
    super("the simulation was cancelled");
  }
}

const yieldToEventLoop = () =>
  new Promise<void>((resolve) => (typeof setImmediate === "function" ? setImmediate(resolve) : setTimeout(resolve, 0)));

// The same run as simulate() (identical result for the same inputs), drawn in chunks of `chunk`
// iterations with a turn of the event loop between chunks, so a server streaming its progress can
// send each line as it happens and serve other requests meanwhile. onProgress after every chunk;
// a signal that aborts stops the run at the next chunk boundary (SimulationAborted).
export async function simulateAsync(
  file: CaseFile,
  options: Omit<SimulateOptions, "onProgress"> & {
    chunk?: number;
    onProgress?: (done: number, total: number) => void | Promise<void>;
    signal?: AbortSignal;
  } = {},
): Promise<SimulationResult> {
  const chunk = options.chunk ?? 1_000;
  if (!Number.isInteger(chunk) || chunk < 1) throw new Error("chunk must be a whole number from 1");
  const p = plan(file, options);
  const s = sampler(p);
  while (s.state.done < p.iterations) {
    if (options.signal?.aborted) throw new SimulationAborted();
    s.run(Math.min(p.iterations, s.state.done + chunk));
    await options.onProgress?.(s.state.done, p.iterations);
    await yieldToEventLoop();
  }
  if (options.signal?.aborted) throw new SimulationAborted();
  return summarise(p, s);
}

// ---- Currencies as drivers (docs/currencies.md) ----
// Moving every rate of a currency by a factor k moves each of its lines' converted flows by k, so
// NPV and the totals stay linear in k: NPV(k) = NPV + (k - 1) x (signed PV of the currency's lines).

export interface CurrencyBar {
  currency: string;
  npvLow: string; // every rate of the currency lowered by the percentage
  npvHigh: string;
  roiLow: string | null;
  roiHigh: string | null;
  swing: string;
  // The factor on all the currency's rates that brings NPV to zero (null: its lines have no PV),
  // e.g. 1.25 = rates 25 % higher.
  breakEvenFactor: string | null;
}

interface CurrencyExposure {
  currency: string;
  pv: Decimal; // signed (benefit +, cost -) and sided (baseline -) PV of the currency's lines
  cost: Decimal; // sided totals
  benefit: Decimal;
}

function exposures(lines: readonly LineContribution[]): CurrencyExposure[] {
  const out = new Map<string, CurrencyExposure>();
  for (const l of lines) {
    if (l.currency === null) continue;
    let e = out.get(l.currency);
    if (!e) out.set(l.currency, (e = { currency: l.currency, pv: ZERO, cost: ZERO, benefit: ZERO }));
    e.pv = e.pv.plus(l.pv.times(l.sign).times(l.side));
    if (l.kind === "cost") e.cost = e.cost.plus(l.total.times(l.side));
    else e.benefit = e.benefit.plus(l.total.times(l.side));
  }
  return [...out.values()];
}

function currencyBars(
  c: Contributions,
  p: Decimal,
  npv: Decimal,
  roi: (tb: Decimal, tc: Decimal) => string | null,
): CurrencyBar[] {
  return exposures(c.lines)
    .map((e) => {
      const dNpv = e.pv.times(p);
      const end = (k: Decimal) => roi(c.totalBenefit.plus(e.benefit.times(k)), c.totalCost.plus(e.cost.times(k)));
      return {
        currency: e.currency,
        npvLow: npv.minus(dNpv).toString(),
        npvHigh: npv.plus(dNpv).toString(),
        roiLow: end(p.neg()),
        roiHigh: end(p),
        swing: dNpv.abs().times(2).toString(),
        breakEvenFactor: e.pv.isZero() ? null : ONE.minus(npv.div(e.pv)).toString(),
      };
    })
    .sort((a, b) => new D(b.swing).comparedTo(a.swing));
}

export interface BreakEvenRateResult {
  currency: string;
  npv: string;
  factor: string | null; // on every rate of the currency; null: its lines have no present value
  rates: { from: number; rate: string }[] | null; // the plan's rate table times the factor
  reason?: string;
}

// The rates of one currency at which the scenario's NPV (or the comparison's incremental NPV) is
// zero: the plan's dated rates all times one factor.
export function breakEvenRate(
  file: CaseFile,
  target: { currency: string; scenarioKey?: string; comparison?: Comparison | null },
): BreakEvenRateResult {
  const c = contributions(
    file,
    target.comparison ? { comparison: target.comparison } : { scenarioKey: target.scenarioKey },
  );
  const npv = c.pvBenefit.minus(c.pvCost);
  const e = exposures(c.lines).find((x) => x.currency === target.currency);
  if (!e || e.pv.isZero())
    return {
      currency: target.currency,
      npv: npv.toString(),
      factor: null,
      rates: null,
      reason: `no line in ${target.currency} has a present value`,
    };
  const factor = ONE.minus(npv.div(e.pv));
  const table = file.fx?.[target.currency] ?? [];
  return {
    currency: target.currency,
    npv: npv.toString(),
    factor: factor.toString(),
    rates: table.map((s) => ({ from: s.from, rate: new D(s.rate).times(factor).toString() })),
  };
}

const METHOD_RATES =
  "; each exchange-rate step with a low/high range is drawn triangular(low, rate, high) once per iteration and scales the converted flows of that currency in that step";

// A foreign line's risk-adjusted PV and total per step of its rate table: its converted runs each
// lie within one step (lib/finance/fx.ts convertTerms splits them there).
function stepShares(l: ExpandedLine, grid: Grid): { pv: Decimal[]; total: Decimal[] } {
  const rates = l.fx!.rates;
  const pv = rates.from.map(() => ZERO);
  const total = rates.from.map(() => ZERO);
  const sums = discountSums(grid);
  for (let i = 0; i < l.terms.length; i++) {
    const t = l.terms[i]!;
    const v = l.adjusted[i]!;
    const k = stepIndex(rates, t.start);
    const arr = sums[t.step];
    const factor = arr[t.end]!.minus(t.start - t.step >= 0 ? arr[t.start - t.step]! : ZERO);
    pv[k] = pv[k]!.plus(v.times(factor));
    total[k] = total[k]!.plus(v.times((t.end - t.start) / t.step + 1));
  }
  return { pv, total };
}

// The simulation's rate drivers: each step of a currency's table with a low or high, as a factor
// range around 1 (low / rate .. high / rate), with the signed PV and sided totals it scales.
function rateDrivers(file: CaseFile, lines: readonly LineContribution[]) {
  const drivers: { low: number; high: number; pv: number; cost: number; benefit: number }[] = [];
  for (const [currency, table] of Object.entries(file.fx ?? {})) {
    table.forEach((step, k) => {
      if (step.low === undefined && step.high === undefined) return;
      const rate = new D(step.rate);
      let pv = ZERO;
      let cost = ZERO;
      let benefit = ZERO;
      for (const l of lines) {
        if (l.currency !== currency || !l.steps) continue;
        pv = pv.plus(l.steps.pv[k]!.times(l.sign).times(l.side));
        if (l.kind === "cost") cost = cost.plus(l.steps.total[k]!.times(l.side));
        else benefit = benefit.plus(l.steps.total[k]!.times(l.side));
      }
      if (pv.isZero() && cost.isZero() && benefit.isZero()) return;
      drivers.push({
        low: new D(step.low ?? step.rate).div(rate).toNumber(),
        high: new D(step.high ?? step.rate).div(rate).toNumber(),
        pv: pv.toNumber(),
        cost: cost.toNumber(),
        benefit: benefit.toNumber(),
      });
    });
  }
  return {
    n: drivers.length,
    low: Float64Array.from(drivers, (d) => d.low),
    high: Float64Array.from(drivers, (d) => d.high),
    pv: Float64Array.from(drivers, (d) => d.pv),
    cost: Float64Array.from(drivers, (d) => d.cost),
    benefit: Float64Array.from(drivers, (d) => d.benefit),
  };
}
