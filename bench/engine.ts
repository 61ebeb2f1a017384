// Engine benchmarks (issue 3 / quality.md "Speed"): npx tsx bench/engine.ts
import { mkdirSync, writeFileSync } from "node:fs";
import * as formulajs from "@formulajs/formulajs";
import { prng, syntheticCase } from "./engine-cases";
import { computeCase } from "../lib/finance/compute";
import { irr, xirr } from "../lib/finance/spreadsheet";
import { simulate, tornado } from "../lib/finance/uncertainty";

function time(fn: () => unknown, runs: number) {
  for (let i = 0; i < Math.min(3, runs); i++) fn(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!;
  return { runs, p50: +q(0.5).toFixed(2), p95: +q(0.95).toFixed(2), max: +samples[samples.length - 1]!.toFixed(2) };
}

const results: Record<string, unknown> = {};
const small = syntheticCase(100, 60, 2);
results["compute 100 lines x 60 months x 2 scenarios (ms, target < 10)"] = time(() => computeCase(small), 50);
const large = syntheticCase(1000, 120, 3);
const rssBefore = process.memoryUsage().rss;
let peak = rssBefore;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
results["compute 1,000 lines x 120 months x 3 scenarios (ms, target < 250)"] = time(() => {
  computeCase(large);
  peak = Math.max(peak, process.memoryUsage().rss);
}, 10);
clearInterval(timer);
results["peak RSS during the large compute (MB, target < 300)"] = Math.round(peak / 1024 / 1024);
const tornadoCase = syntheticCase(1000, 60, 1);
const tornadoOutput = computeCase(tornadoCase);
results["tornado over 1,000 lines from the cached compute output (ms, target < 20)"] = time(() => tornado(tornadoCase, { output: tornadoOutput }), 20);
results["tornado over 1,000 lines from the case file alone (ms)"] = time(() => tornado(tornadoCase), 20);
const mcCase = syntheticCase(200, 60, 1);
results["Monte Carlo 10,000 iterations x 200 lines x 60 months (ms, target < 1000)"] = time(() => simulate(mcCase, { iterations: 10_000, seed: 42 }), 5);

// irr and xirr against formulajs on the same 10,000 random series.
const rand = prng(99);
const series: number[][] = [];
for (let i = 0; i < 10_000; i++) {
  const n = 3 + Math.floor(rand() * 20);
  const v = [-Math.round(1000 + rand() * 100000)];
  for (let k = 1; k < n; k++) v.push(Math.round((rand() - 0.25) * 40000));
  series.push(v);
}
const dates = (n: number) => Array.from({ length: n }, (_, k) => new Date(Date.UTC(2027, 0, 1) + k * 86_400_000 * (30 + ((k * 7) % 5))));
function compare(name: string, ours: (v: number[]) => number | null, theirs: (v: number[]) => number | null) {
  let agree = 0;
  let bothNone = 0;
  let oursNone = 0;
  let theirsNone = 0;
  let tOurs = 0;
  let tTheirs = 0;
  for (const v of series) {
    let t = performance.now();
    const a = ours(v);
    tOurs += performance.now() - t;
    t = performance.now();
    const b = theirs(v);
    tTheirs += performance.now() - t;
    if (a === null) oursNone++;
    if (b === null) theirsNone++;
    if (a === null && b === null) bothNone++;
    else if (a !== null && b !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a))) agree++;
  }
  const withAnswers = series.length - bothNone;
  results[`${name} vs formulajs on 10,000 random series`] = {
    agreeTo1e9: `${((agree / Math.max(1, withAnswers)) * 100).toFixed(2)} % of series where either answers`,
    noAnswerCaseboard: oursNone,
    noAnswerFormulajs: theirsNone,
    usPerCallCaseboard: +((tOurs / series.length) * 1000).toFixed(1),
    usPerCallFormulajs: +((tTheirs / series.length) * 1000).toFixed(1),
  };
}
const safe = (f: () => number) => {
  try {
    const r = f();
    return Number.isFinite(r) ? r : null;
  } catch {
    return null;
  }
};
compare("irr", (v) => safe(() => irr(v).toNumber()), (v) => safe(() => formulajs.IRR(v) as number));
compare("xirr", (v) => safe(() => xirr(v, dates(v.length)).toNumber()), (v) => safe(() => formulajs.XIRR(v, dates(v.length)) as number));

console.table(Object.fromEntries(Object.entries(results).map(([k, v]) => [k, typeof v === "object" ? JSON.stringify(v) : v])));
mkdirSync("bench-results", { recursive: true });
writeFileSync("bench-results/engine.json", JSON.stringify(results, null, 2));
