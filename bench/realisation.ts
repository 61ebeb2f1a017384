// Benefit realisation benchmark (docs/finance.md#benefit-realisation): compute of a 1,000-line, 120-month case with 60 months
// of actuals on every line of the chosen scenario, beside the same case without actuals
// (target: under 1.3x). npx tsx bench/realisation.ts
import { mkdirSync, writeFileSync } from "node:fs";
import type { CaseFile } from "../lib/case-file/schema";
import { computeCase } from "../lib/finance/compute";
import { prng, syntheticCase, unseen } from "./engine-cases";

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

const ACTUALS_THROUGH = 60;
const plain = syntheticCase(1000, 120, 2);
// Every line of the alternative ("s1", the headline's and so the default chosen scenario) records
// an amount in each of months 0..60: 61,000 actuals, around the line's own amount.
const rand = prng(7);
const withActuals: CaseFile = {
  ...plain,
  actualsThrough: ACTUALS_THROUGH,
  scenarios: plain.scenarios.map((s) =>
    s.key !== "s1"
      ? s
      : {
          ...s,
          costs: s.costs.map((l) => ({ ...l, actuals: months(l.amount ?? "1000") })),
          benefits: s.benefits.map((l) => ({ ...l, actuals: months(l.amount ?? "1000") })),
        },
  ),
};
function months(amount: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (let m = 0; m <= ACTUALS_THROUGH; m++) out[String(m)] = (Number(amount) * (0.8 + rand() * 0.4)).toFixed(2);
  return out;
}
if (computeCase(withActuals).realisation?.lines.length !== 1000) throw new Error("the bench case has no realisation");

const results: Record<string, unknown> = {};
// Copies the engine has never seen (it keeps per-line results by object).
const plainCopies = unseen(plain);
const realCopies = unseen(withActuals);
plainCopies.prepare(13);
realCopies.prepare(13);
const base = time(() => computeCase(plainCopies.take()), 10);
const real = time(() => computeCase(realCopies.take()), 10);
results["compute 1,000 lines x 120 months x 2 scenarios, no actuals (ms)"] = base;
results["the same with 60 months of actuals on all 1,000 lines of the chosen scenario (ms)"] = real;
results["ratio with / without actuals, p50 (target < 1.3)"] = +(real.p50 / base.p50).toFixed(3);

console.table(results);
mkdirSync("bench-results", { recursive: true });
writeFileSync("bench-results/realisation.json", JSON.stringify(results, null, 2));
