// Inputs of the engine's golden outputs (tests/fixtures/golden, checked by golden.test.ts): every
// fixture case and a set of generated case files that reach every engine feature (labour,
// schedules, escalation, ramps of each curve, realisation, margin, intangibles, risk adjustment,
// included risks, baselines and comparisons, finance and reinvestment rates, odd horizons).
// Regenerate only from an engine whose outputs are known right:
//   npx tsx tests/unit/finance/golden-cases.ts
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import fc from "fast-check";
import { parseCaseFile } from "../../../lib/case-file/parse";
import type { CaseFile } from "../../../lib/case-file/schema";
import { syntheticCase } from "../../../bench/engine-cases";
import { computeCase } from "../../../lib/finance/compute";
import { breakEven, headlineComparison, simulate, tornado } from "../../../lib/finance/uncertainty";

export const GOLDEN_DIR = path.resolve(import.meta.dirname, "../../fixtures/golden");
const CASES_DIR = path.resolve(import.meta.dirname, "../../fixtures/cases");

const amount = fc.oneof(
  fc.integer({ min: 1, max: 2_000_000 }).map(String),
  fc.integer({ min: -50_000, max: 50_000 }).map(String),
  fc
    .tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 9999 }))
    .map(([a, b]) => `${a}.${String(b).padStart(4, "0")}`),
  fc.constantFrom("0", "0.01", "999999999999.99", "123456789.123456789"),
);
const rate = fc.constantFrom("0", "0.03", "0.08", "0.1", "0.125", "-0.02", "0.35", "0.0725");
const share = fc.constantFrom("0", "0.1", "0.25", "0.5", "0.85", "0.9", "1", "0.333333333333");
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

function lineArb(horizon: number, kind: "cost" | "benefit") {
  const month = fc.integer({ min: 0, max: horizon });
  const timing = fc.oneof(
    month.map((m) => ({ month: m })),
    fc
      .record({ recurring: fc.constantFrom("monthly", "quarterly", "annual"), a: opt(month), b: opt(month) })
      .map(({ recurring, a, b }) => {
        const out: Record<string, unknown> = { recurring };
        if (a !== undefined && b !== undefined)
          Object.assign(out, { startMonth: Math.min(a, b), endMonth: Math.max(a, b) });
        else if (a !== undefined) out.startMonth = a;
        else if (b !== undefined) out.endMonth = b;
        return out;
      }),
    fc.dictionary(month.map(String), amount, { minKeys: 1, maxKeys: 5 }).map((schedule) => ({ schedule })),
  );
  const money = fc.oneof(
    { weight: 4, arbitrary: amount.map((a) => ({ amount: a })) },
    {
      weight: 1,
      arbitrary: fc
        .record({
          hours: fc.constantFrom("0", "7.5", "40", "160"),
          rate: fc.constantFrom("850", "1200.50", "95"),
          people: fc.constantFrom("1", "2", "3.5"),
        })
        .map((labour) => ({ labour })),
    },
  );
  const costCategory = fc.constantFrom(
    "software",
    "other-licences",
    "hardware",
    "integration",
    "implementation-labour",
    "support-labour",
    "planning",
    "training",
    "change-management",
    "other",
  );
  const benefitCategory = fc.constantFrom(
    "revenue",
    "productivity",
    "cost-saving",
    "sales-cost",
    "retention",
    "inventory",
    "other",
  );
  return fc
    .record({
      timing,
      money,
      escalation: opt(fc.constantFrom("0", "0.03", "0.1", "-0.05")),
      riskAdjustment: opt(fc.constantFrom("0", "0.1", "0.15", "0.25")),
      costCategory,
      benefitCategory: opt(benefitCategory),
      intangible: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      rampMonths: opt(fc.integer({ min: 0, max: Math.min(24, horizon) })),
      rampCurve: opt(fc.constantFrom("linear", "s-curve", "step")),
      realisation: opt(share),
      margin: opt(share),
      kpi: opt(fc.constantFrom("win rate", "CSAT")),
    })
    .map((r) => {
      const line: Record<string, unknown> = { name: `${kind} line` };
      if (kind === "cost") line.category = r.costCategory;
      else if (r.benefitCategory) line.category = r.benefitCategory;
      if (kind === "benefit" && r.intangible) return { ...line, tangible: false, ...(r.kpi ? { kpi: r.kpi } : {}) };
      Object.assign(line, r.timing);
      if (!("schedule" in r.timing)) Object.assign(line, r.money);
      if (r.escalation) line.escalation = r.escalation;
      if (r.riskAdjustment) line.riskAdjustment = r.riskAdjustment;
      if (kind === "benefit") {
        if (r.rampMonths !== undefined) line.rampMonths = r.rampMonths;
        if (r.rampCurve) line.rampCurve = r.rampCurve;
        if (r.realisation) line.realisation = r.realisation;
        if (r.margin) line.margin = r.margin;
        if (r.kpi) line.kpi = r.kpi;
      }
      return line;
    });
}

const caseArb = fc
  .record({
    horizon: fc.oneof(fc.constantFrom(12, 24, 36, 60, 120), fc.integer({ min: 1, max: 120 })),
    discountRate: rate,
    financeRate: opt(rate),
    reinvestRate: opt(rate),
    scenarioCount: fc.integer({ min: 1, max: 3 }),
    baselineAt: fc.nat(),
  })
  .chain(({ horizon, discountRate, financeRate, reinvestRate, scenarioCount, baselineAt }) => {
    const scenario = fc.record({
      costs: fc.array(lineArb(horizon, "cost"), { maxLength: 8 }),
      benefits: fc.array(lineArb(horizon, "benefit"), { maxLength: 8 }),
    });
    const risk = fc.record({
      title: fc.constant("risk"),
      likelihood: fc.integer({ min: 1, max: 5 }),
      impact: fc.integer({ min: 1, max: 5 }),
      probability: share,
      costImpact: amount,
      includeInCosts: fc.boolean(),
      scenario: opt(fc.integer({ min: 0, max: scenarioCount - 1 }).map((i) => `s${i}`)),
      month: opt(fc.integer({ min: 0, max: horizon })),
    });
    return fc
      .record({
        scenarios: fc.array(scenario, { minLength: scenarioCount, maxLength: scenarioCount }),
        risks: fc.array(risk, { maxLength: 3 }),
      })
      .map(({ scenarios, risks }) => ({
        format: "caseboard/v1",
        name: "Generated",
        currency: "SEK",
        startMonth: "2027-01",
        horizonMonths: horizon,
        discountRate,
        ...(financeRate ? { financeRate } : {}),
        ...(reinvestRate ? { reinvestRate } : {}),
        scenarios: scenarios.map((s, i) => ({
          key: `s${i}`,
          name: `Scenario ${i}`,
          ...(scenarioCount > 1 && i === baselineAt % scenarioCount ? { baseline: true } : {}),
          ...s,
        })),
        risks: risks.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined))),
      }));
  });

export function parsed(input: unknown): CaseFile {
  const result = parseCaseFile(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
  return result.value;
}

// What the golden files record for one case: the compute output and the uncertainty figures built
// on the engine's internals (tornado from the file and from the output, break-even of each line of
// the first scenario, a short seeded simulation).
export function goldenOutputs(file: CaseFile) {
  const output = computeCase(file);
  const comparison = headlineComparison(file);
  const first = file.scenarios.find((s) => s.baseline !== true) ?? file.scenarios[0]!;
  return {
    output,
    tornado: tornado(file, { comparison }),
    tornadoFromOutput: tornado(file, { comparison, output }),
    breakEven: [
      ...first.costs.map((_, index) => ({ kind: "cost" as const, index })),
      ...first.benefits.map((_, index) => ({ kind: "benefit" as const, index })),
    ].map((t) => breakEven(file, { ...t, scenarioKey: first.key, comparison })),
    simulate: simulate(file, { iterations: 200, seed: 7, comparison }),
  };
}

export function fixtureInputs(): { name: string; input: unknown }[] {
  return readdirSync(CASES_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({
      name: f.replace(/\.json$/, ""),
      input: JSON.parse(readFileSync(path.join(CASES_DIR, f), "utf8")) as unknown,
    }));
}

// Generated inputs: case files (stored in the golden file, so a new fast-check cannot change them)
// and the benchmark's synthetic cases, named by their parameters.
export type GeneratedInput =
  { file: unknown } | { synthetic: [lines: number, horizon: number, scenarios: number, seed: number] };

export function generatedInputs(): GeneratedInput[] {
  return [
    ...fc.sample(caseArb, { numRuns: 150, seed: 16016 }).map((file) => ({ file })),
    { synthetic: [100, 60, 2, 1] },
    { synthetic: [40, 120, 3, 2] },
    { synthetic: [300, 36, 2, 3] },
  ];
}

export function generatedFile(input: GeneratedInput): CaseFile {
  return "file" in input ? parsed(input.file) : syntheticCase(...input.synthetic);
}

// Every key path of a JSON value, array indices as [] ("output.scenarios[].lines[].pv").
export function keyPaths(value: unknown, prefix = "", out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keyPaths(v, `${prefix}[]`, out);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.add(`${prefix}.${k}`);
      keyPaths(v, `${prefix}.${k}`, out);
    }
  }
  return out;
}

// The value with only the key paths the golden files know: fields added to the output later (a
// line's id, say) are not results that could change, and every recorded field still compares.
export function project(value: unknown, known: Set<string>, prefix = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => project(v, known, `${prefix}[]`));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      if (known.has(`${prefix}.${k}`)) out[k] = project(v, known, `${prefix}.${k}`);
    return out;
  }
  return value;
}

// SHA-256 of each part of the outputs (each scenario, comparison and uncertainty figure apart, so
// a difference names its place); the generated cases' outputs are too big to store whole.
export function digests(outputs: ReturnType<typeof goldenOutputs>, known?: Set<string>): Record<string, string> {
  const value = (known ? project(outputs, known) : outputs) as ReturnType<typeof goldenOutputs>;
  const hash = (v: unknown) => createHash("sha256").update(JSON.stringify(v)).digest("hex");
  const { scenarios, comparisons, ...rest } = value.output;
  const out: Record<string, string> = { output: hash(rest) };
  scenarios.forEach((s, i) => (out[`scenarios[${i}]`] = hash(s)));
  comparisons.forEach((c, i) => (out[`comparisons[${i}]`] = hash(c)));
  for (const key of ["tornado", "tornadoFromOutput", "breakEven", "simulate"] as const) out[key] = hash(value[key]);
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  for (const { name, input } of fixtureInputs()) {
    writeFileSync(path.join(GOLDEN_DIR, `${name}.json`), JSON.stringify(goldenOutputs(parsed(input))) + "\n");
  }
  const known = new Set<string>();
  const cases = generatedInputs().map((input) => {
    const outputs = goldenOutputs(generatedFile(input));
    keyPaths(outputs, "", known);
    return { input, digests: digests(outputs) };
  });
  writeFileSync(
    path.join(GOLDEN_DIR, "generated.json"),
    `{"keyPaths":${JSON.stringify([...known].sort())},"cases":[\n${cases.map((c) => JSON.stringify(c)).join(",\n")}\n]}\n`,
  );
}
