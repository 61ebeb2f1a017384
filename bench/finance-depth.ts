// Tax, real terms and optimism bias (docs/tax-and-inflation.md): compute of a 1,000-line,
// 120-month, 2-scenario case plain and with all three set (a tenth of the costs capitalised), cold
// (a copy the engine has never seen) and after a one-line edit (the per-line memo must still
// apply); and a goal seek (benefit amount for payback 24 months) on a 100-line case.
// npx tsx bench/finance-depth.ts
import { mkdirSync, writeFileSync } from "node:fs";
import type { CaseFile } from "../lib/case-file/schema";
import { withStableIds } from "../lib/case-file/ids";
import { mapLineById } from "../lib/case-file/line";
import { computeCase } from "../lib/finance/compute";
import { goalSeek } from "../lib/finance/goal-seek";
import { syntheticCase, unseen } from "./engine-cases";

function time(fn: () => unknown, runs: number) {
  for (let i = 0; i < Math.min(2, runs); i++) fn(); // warm up
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

function withDepth(file: CaseFile): CaseFile {
  return {
    ...file,
    tax: { rate: "0.206", paid: "annual" },
    inflation: "0.02",
    priceBasis: "real",
    discountRateBasis: "real",
    optimismBias: { oneTimeCost: "0.24", recurringCost: "0.1", benefitDelayMonths: 3, mitigation: "0.5" },
    scenarios: file.scenarios.map((s) => ({
      ...s,
      costs: s.costs.map((l, i) =>
        i % 10 === 0 ? { ...l, capitalised: { method: "straight-line" as const, years: 5 } } : l,
      ),
    })),
  };
}

const results: Record<string, unknown> = {};
const plain = syntheticCase(1000, 120, 2);
const deep = withDepth(plain);
const plainCopies = unseen(plain);
const deepCopies = unseen(deep);
plainCopies.prepare(8);
deepCopies.prepare(8);
const cold = time(() => computeCase(plainCopies.take()), 6);
const coldDeep = time(() => computeCase(deepCopies.take()), 6);
results["compute 1,000 lines x 120 months x 2 scenarios, plain, cold (ms)"] = cold;
results["the same with tax, real terms and optimism bias, cold (ms)"] = coldDeep;
results["ratio with / without, cold p50"] = +(coldDeep.p50 / cold.p50).toFixed(2);

// One-line edits on a case the engine has seen: only the edited line is expanded again.
let held = withStableIds(deep);
computeCase(held);
const target = held.scenarios[1]!.costs[1]!.id!;
let k = 0;
const edit = time(() => {
  held = mapLineById(held, target, (l) => ({ ...l, amount: String(1000 + ++k) }))!;
  return computeCase(held);
}, 10);
results["with all three, recompute after a one-line edit (ms)"] = edit;

const small = withStableIds(withDepth(syntheticCase(100, 36, 2, 3)));
const benefit = small.scenarios.find((s) => s.baseline !== true)!.benefits.find((b) => b.amount && !b.labour)!;
let evaluations = 0;
const seek = time(() => {
  const r = goalSeek(small, { input: `${benefit.id}.amount`, metric: "npv", target: "0" });
  evaluations = r.evaluations;
}, 5);
results["goal seek npv = 0 on a benefit amount, 100 lines x 36 months, all three set (ms)"] = seek;
results["... evaluations"] = evaluations;

console.table(results);
mkdirSync("bench-results", { recursive: true });
writeFileSync("bench-results/finance-depth.json", JSON.stringify(results, null, 2));
