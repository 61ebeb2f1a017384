// The headline pair is the case's stated proposal (chosenScenario) against the baseline; without
// one, the first alternative. A case whose proposal is the first alternative computes exactly as
// before (the goldens keep that; here the three-scenario fixture shows the move).
import { describe, expect, it } from "vitest";
import { parseCaseFile } from "@/lib/case-file/parse";
import type { CaseFile } from "@/lib/case-file/schema";
import { computeCase } from "@/lib/finance/compute";
import { headlineFigures } from "@/lib/finance/diff";
import { headlineKeys, headlineResults } from "@/lib/finance/headline";
import { headlineComparison } from "@/lib/finance/uncertainty";
import everyTiming from "@/tests/fixtures/cases/every-timing.json";

const parse = (raw: unknown): CaseFile => {
  const parsed = parseCaseFile(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
};

const flags = [{ key: "current", baseline: true }, { key: "replace" }, { key: "upgrade" }];

describe("headlineKeys honours the stated proposal", () => {
  it("without a proposal: the first alternative against the baseline", () => {
    expect(headlineKeys(flags)).toEqual({ alternative: "replace", baseline: "current" });
    expect(headlineKeys(flags, null)).toEqual({ alternative: "replace", baseline: "current" });
  });

  it("with a proposal: that alternative against the baseline", () => {
    expect(headlineKeys(flags, "upgrade")).toEqual({ alternative: "upgrade", baseline: "current" });
  });

  it("a proposal naming the baseline or an unknown key states nothing: the default rule", () => {
    expect(headlineKeys(flags, "current")).toEqual({ alternative: "replace", baseline: "current" });
    expect(headlineKeys(flags, "gone")).toEqual({ alternative: "replace", baseline: "current" });
  });

  it("a single scenario stays alone", () => {
    expect(headlineKeys([{ key: "only" }], "only")).toEqual({ alternative: "only", baseline: null });
  });

  it("the figures, the checks and the uncertainty pair follow the proposal", () => {
    const file = parse(everyTiming);
    const before = computeCase(file);
    const chosen = { ...file, chosenScenario: "upgrade" };
    const after = computeCase(chosen);
    const moved = headlineResults(after.scenarios, after.comparisons, "upgrade");
    expect(moved.primary.key).toBe("upgrade");
    expect(moved.comparison).toMatchObject({ alternative: "upgrade", baseline: "current" });
    expect(headlineFigures(chosen, after).npv).toBe(moved.comparison!.npv);
    expect(headlineFigures(file, before).npv).toBe(before.comparisons.find((c) => c.alternative === "replace")!.npv);
    expect(headlineComparison(chosen)).toEqual({ alternative: "upgrade", baseline: "current" });
    // The checks judge the proposal: its payback, named.
    const payback = after.checks.find((c) => c.id === "payback-12-months")!;
    expect(payback.values.paybackMonths).toBe(moved.comparison!.paybackMonths);
    expect(payback.message).toContain(moved.primary.name);
    // Stating the first alternative changes nothing.
    expect(computeCase({ ...file, chosenScenario: "replace" }).checks).toEqual(before.checks);
  });
});
