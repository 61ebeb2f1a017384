// Goal seek and switching values (docs/tax-and-inflation.md): every answer is checked by computing
// the case again at the value found.
import fc from "fast-check";
import DecimalJs from "decimal.js";
import { describe, expect, it } from "vitest";
import type { CaseFile } from "@/lib/case-file/schema";
import { computeCase } from "@/lib/finance/compute";
import {
  GoalSeekError,
  TOLERANCE,
  goalSeek,
  metricOf,
  scopeOf,
  setInput,
  switchingValues,
  type GoalMetric,
} from "@/lib/finance/goal-seek";
import { caseFile } from "../../helpers/case";

const Decimal = DecimalJs.clone({ precision: 40 });

const two = (extra: object = {}, gain = "5000") =>
  caseFile({
    horizonMonths: 36,
    scenarios: [
      {
        key: "cur",
        name: "Current",
        baseline: true,
        costs: [{ id: "old", name: "Old", category: "software", recurring: "monthly", amount: "500" }],
      },
      {
        key: "new",
        name: "New",
        costs: [
          { id: "build", name: "Build", category: "integration", amount: "100000", month: 0 },
          { id: "lic", name: "Licence", category: "software", recurring: "monthly", amount: "800" },
        ],
        benefits: [{ id: "gain", name: "Gain", category: "other", recurring: "monthly", amount: gain, rampMonths: 6 }],
      },
    ] as never,
    ...extra,
  });

// Recomputes the case at the value found and reads the metric again.
function check(file: CaseFile, input: string, metric: GoalMetric, target: string, value: string) {
  const again = metricOf(computeCase(setInput(file, input, value)), metric, scopeOf(file));
  expect(again).not.toBeNull();
  expect(again!.minus(target).abs().lte(TOLERANCE[metric])).toBe(true);
}

describe("goal seek", () => {
  it("finds the benefit that makes payback 12 months, and recomputing reaches it", () => {
    const file = two();
    const r = goalSeek(file, { input: "gain.amount", metric: "payback", target: "12" });
    expect(r.reached).toBe(true);
    if (r.reached) check(file, "gain.amount", "payback", "12", r.value);
  });

  it("finds the discount rate at which NPV is zero: the IRR", () => {
    const file = two();
    const r = goalSeek(file, { input: "discountRate", metric: "npv", target: "0" });
    expect(r.reached).toBe(true);
    const irr = computeCase(file).comparisons[0]!.irr!;
    if (r.reached) expect(Math.abs(Number(r.value) - Number(irr))).toBeLessThan(1e-9);
  });

  it("answers clearly when no value in the range reaches the target", () => {
    const r = goalSeek(two(), { input: "gain.amount", metric: "npv", target: "1e12", low: "0", high: "1000" });
    expect(r).toMatchObject({ reached: false, low: "0", high: "1000" });
    if (!r.reached) expect(r.message).toBe("no value in [0, 1000] brings npv to 1000000000000");
  });

  it("searches months over whole numbers (the first that reaches the target)", () => {
    const file = two();
    const target = new Decimal(computeCase(setInput(file, "gain.rampMonths", 10)).comparisons[0]!.npv);
    const r = goalSeek(file, { input: "gain.rampMonths", metric: "npv", target: target.plus(1).toString() });
    expect(r).toMatchObject({ reached: true, value: "10" });
  });

  it("reaches an after-tax NPV through a capitalised cost", () => {
    const file = two({ tax: { rate: "0.25", paid: "annual" } });
    const withCap = {
      ...file,
      scenarios: file.scenarios.map((s) => ({
        ...s,
        costs: s.costs.map((l) =>
          l.id === "build" ? { ...l, capitalised: { method: "straight-line" as const, years: 3 } } : l,
        ),
      })),
    };
    const r = goalSeek(withCap, { input: "build.amount", metric: "afterTaxNpv", target: "0" });
    expect(r.reached).toBe(true);
    if (r.reached) check(withCap, "build.amount", "afterTaxNpv", "0", r.value);
  });

  it("names the field of a bad request", () => {
    expect(() => goalSeek(two(), { input: "nope.amount", metric: "npv", target: "0" })).toThrow(GoalSeekError);
    expect(() => goalSeek(two(), { input: "gain.colour", metric: "npv", target: "0" })).toThrow(/input: a line has/);
    expect(() => goalSeek(two(), { input: "gain.amount", metric: "afterTaxNpv", target: "0" })).toThrow(/^metric:/);
    expect(() => goalSeek(two(), { input: "gain.amount", metric: "npv", target: "0", scenario: "x" })).toThrow(
      /^scenario:/,
    );
    expect(() => goalSeek(two(), { input: "gain.amount", metric: "npv", target: "0", low: "5", high: "1" })).toThrow(
      /^low:/,
    );
  });

  it("recomputing at the value found reaches the target (random cases and targets)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 20000 }),
        fc.integer({ min: 10000, max: 400000 }),
        fc.constantFrom<GoalMetric>("npv", "irr", "roi", "payback", "afterTaxNpv"),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.constantFrom("gain.amount", "build.amount", "lic.amount", "discountRate"),
        (gain, build, metric, where, input) => {
          // The rate moves discounted figures only (IRR, ROI and payback do not depend on it).
          fc.pre(input !== "discountRate" || metric === "npv" || metric === "afterTaxNpv");
          const base = two({ tax: { rate: "0.2", paid: "monthly" } }, String(gain));
          const file = setInput(base, "build.amount", build);
          // A reachable target: the metric somewhere inside the input's range.
          const probe = input === "discountRate" ? new Decimal(where).times(2) : new Decimal(build).times(where * 2);
          const seen = metricOf(computeCase(setInput(file, input, probe)), metric, scopeOf(file));
          fc.pre(seen !== null);
          const target = seen!.toDecimalPlaces(6).toString();
          const r = goalSeek(file, {
            input,
            metric,
            target,
            ...(input === "discountRate" ? { low: "0", high: "2" } : { low: "0", high: String(build * 2) }),
          });
          // Payback may step over a target where the cumulative flow touches zero twice: then the
          // answer is "not reached", never a wrong value.
          if (!r.reached) return metric === "payback";
          check(file, input, metric, target, r.value);
          return true;
        },
      ),
      { numRuns: 40, seed: 24 },
    );
  }, 120_000);
});

describe("switching values", () => {
  it("the change of each of the largest lines at which the headline NPV is zero", () => {
    const file = two({
      optimismBias: { oneTimeCost: "0.2", benefitDelayMonths: 2 },
      tax: { rate: "0.2", paid: "annual" },
    });
    const sv = switchingValues(file, { count: 3 });
    expect(sv.lines.map((l) => l.id)).toEqual(["gain", "build", "lic"]);
    for (const l of sv.lines) {
      const at = setInput(file, `${l.id}.amount`, l.amount!);
      const npv = new Decimal(computeCase(at).comparisons[0]!.npv);
      expect(npv.abs().lt("1e-20")).toBe(true);
    }
    expect(Number(sv.lines[0]!.change)).toBeLessThan(0); // a benefit falls to its switching value
  });
});
