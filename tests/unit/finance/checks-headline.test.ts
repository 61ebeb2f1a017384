// The health checks judge the figures the headline shows (lib/finance/headline.ts): with a
// baseline, the benefit-cost ratio is the incremental comparison's PV benefits over PV costs (what
// the overview explains as "PV benefits X - PV costs Y"), not the alternative's own totals.
import { describe, expect, it } from "vitest";
import { parseCaseFile } from "@/lib/case-file/parse";
import type { CaseFile } from "@/lib/case-file/schema";
import { computeCase } from "@/lib/finance/compute";
import { D } from "@/lib/finance/decimal";
import { headlineKeys, headlineResults } from "@/lib/finance/headline";
import { headlineComparison } from "@/lib/finance/uncertainty";
import upgrade from "@/tests/fixtures/cases/crm-upgrade.json";
import implementation from "@/tests/fixtures/cases/crm-implementation.json";

const parse = (raw: unknown): CaseFile => {
  const parsed = parseCaseFile(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
};

describe("the checks and the headline judge one pair", () => {
  it("with a baseline, the benefit-cost ratio is the incremental comparison's (the upgrade template: about 2.9, not 1.21)", () => {
    const out = computeCase(parse(upgrade));
    const { primary, comparison, source } = headlineResults(out.scenarios, out.comparisons);
    expect(comparison).not.toBeNull();
    expect(source).toBe(comparison);
    const check = out.checks.find((c) => c.id === "benefit-cost-ratio")!;
    expect(check.values.pvBenefit).toBe(comparison!.pvBenefit);
    expect(check.values.pvCost).toBe(comparison!.pvCost);
    expect(new D(check.values.ratio as string).toDecimalPlaces(2).toString()).toBe(
      new D(comparison!.pvBenefit).div(comparison!.pvCost).toDecimalPlaces(2).toString(),
    );
    expect(new D(check.values.ratio as string).toDecimalPlaces(1).toString()).toBe("2.9");
    // The alternative's own ratio is a different figure (what the check used to judge).
    expect(new D(primary.pvBenefit).div(primary.pvCost).toDecimalPlaces(2).toString()).toBe("1.21");
    expect(check.status).toBe("pass");
    expect(check.message).toMatch(/against the baseline/);
  });

  it("without a baseline, the check judges the scenario's own figures", () => {
    const out = computeCase(parse(implementation));
    const { primary, comparison } = headlineResults(out.scenarios, out.comparisons);
    expect(comparison).toBeNull();
    const check = out.checks.find((c) => c.id === "benefit-cost-ratio")!;
    expect(check.values.pvBenefit).toBe(primary.pvBenefit);
    expect(check.values.pvCost).toBe(primary.pvCost);
  });

  it("the uncertainty analysis, the case pages and the realisation default share the rule", () => {
    const file = parse(upgrade);
    const keys = headlineKeys(file.scenarios);
    expect(headlineComparison(file)).toEqual({ alternative: keys.alternative, baseline: keys.baseline });
    const out = computeCase(file);
    const pair = headlineResults(out.scenarios, out.comparisons);
    expect([pair.primary.key, pair.baseline?.key]).toEqual([keys.alternative, keys.baseline]);
    expect(headlineComparison(parse(implementation))).toBeNull();
  });
});
