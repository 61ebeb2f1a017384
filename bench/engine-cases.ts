// Synthetic cases for the benchmarks.
import { parseCaseFile } from "../lib/case-file/parse";
import type { CaseFile } from "../lib/case-file/schema";

export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticCase(lines: number, horizon: number, scenarios: number, seed = 1): CaseFile {
  const rand = prng(seed);
  const costCats = ["software", "hardware", "integration", "implementation-labour", "support-labour", "training", "planning"];
  const benefitCats = ["revenue", "productivity", "cost-saving", "retention"];
  const line = (i: number, kind: "cost" | "benefit") => {
    const amount = String(Math.round(rand() * 100000) + 100);
    const shape = i % 5;
    const common = { name: `${kind} ${i}`, amount, low: String(Math.round(Number(amount) * 0.8)), high: String(Math.round(Number(amount) * 1.3)) };
    const timing =
      shape === 0
        ? { month: Math.floor(rand() * horizon) }
        : { recurring: (["monthly", "quarterly", "annual"] as const)[shape % 3], startMonth: 1 + Math.floor(rand() * 6), endMonth: horizon, escalation: "0.03" };
    return kind === "cost"
      ? { ...common, ...timing, category: costCats[i % costCats.length], riskAdjustment: "0.1" }
      : { ...common, ...timing, category: benefitCats[i % benefitCats.length], rampMonths: 6, rampCurve: "s-curve", realisation: "0.9", riskAdjustment: "0.15" };
  };
  const parsed = parseCaseFile({
    format: "caseboard/v1",
    name: "bench",
    currency: "SEK",
    startMonth: "2027-01",
    horizonMonths: horizon,
    discountRate: "0.1",
    scenarios: Array.from({ length: scenarios }, (_, s) => ({
      key: `s${s}`,
      name: `Scenario ${s}`,
      baseline: s === 0,
      costs: Array.from({ length: Math.ceil(lines / 2) }, (_, i) => line(i, "cost")),
      benefits: Array.from({ length: Math.floor(lines / 2) }, (_, i) => line(i, "benefit")),
    })),
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.slice(0, 3)));
  return parsed.value;
}

