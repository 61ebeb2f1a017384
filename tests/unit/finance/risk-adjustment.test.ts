// What risk does to the money (lib/finance/risk-adjustment.ts): the line factor and whether a
// register risk counts in a scenario, and each rule's spreadsheet formula giving the same answer
// on every combination of inputs (evaluated here by a small interpreter of the few functions
// the formulas use; tests/integration/xlsx-recalc.test.ts does the same with LibreOffice).
import { describe, expect, it } from "vitest";
import {
  expectedRiskCost,
  expectedRiskCostFormula,
  riskAppliesTo,
  riskFactor,
  riskFactorFormula,
  type RegisterRisk,
} from "@/lib/finance/risk-adjustment";

type Cell = string | number | boolean | null;

// Evaluates IF, N, AND, OR, NOT, =, <>, * and + / - over the named cells (spreadsheet semantics
// for these: an empty cell is "" in a comparison and 0 in N()).
function evaluate(formula: string, cells: Record<string, Cell>): number | boolean | string {
  let js = formula;
  for (const [ref, value] of Object.entries(cells))
    js = js.split(ref).join(value === null ? '""' : JSON.stringify(value));
  js = js.replace(/<>/g, "!=").replace(/(?<![<>!=])=(?!=)/g, "==");
  const fns = {
    IF: (c: unknown, a: unknown, b: unknown) => (c ? a : b),
    N: (v: unknown) => (typeof v === "number" ? v : typeof v === "boolean" ? Number(v) : 0),
    AND: (...v: unknown[]) => v.every(Boolean),
    OR: (...v: unknown[]) => v.some(Boolean),
    NOT: (v: unknown) => !v,
  };
  return new Function(...Object.keys(fns), `return ${js};`)(...Object.values(fns));
}

describe("the line's risk-adjustment factor", () => {
  it("raises a cost and lowers a benefit by the adjustment; absent or zero is 1", () => {
    expect(riskFactor("cost", "0.15").toString()).toBe("1.15");
    expect(riskFactor("benefit", "0.15").toString()).toBe("0.85");
    expect(riskFactor("benefit", "-0.1").toString()).toBe("1.1");
    expect(riskFactor("cost", undefined).toString()).toBe("1");
    expect(riskFactor("benefit", "0").toString()).toBe("1");
    expect(riskFactor("cost", "0.123456789012").toString()).toBe("1.123456789012");
  });

  it("and its formula gives the same number for every kind and adjustment", () => {
    const f = riskFactorFormula("$K", "$RA");
    for (const kind of ["cost", "benefit"] as const)
      for (const ra of [null, 0, 0.15, -0.25, 0.5, 2]) {
        const expected = riskFactor(kind, ra === null ? undefined : String(ra)).toNumber();
        expect(evaluate(f, { $K: kind, $RA: ra }), `${kind} ${ra}`).toBeCloseTo(expected, 12);
      }
  });
});

describe("a register risk in a scenario", () => {
  const alt: { key: string; baseline?: boolean } = { key: "alt" };
  const base = { key: "base", baseline: true };
  const quantified: RegisterRisk = { includeInCosts: true, probability: "0.25", costImpact: "40000", month: 6 };

  it("belongs to its named scenario, else to every scenario but the baseline, or to the only one", () => {
    expect(riskAppliesTo({ scenario: "alt" }, alt, 2)).toBe(true);
    expect(riskAppliesTo({ scenario: "alt" }, base, 2)).toBe(false);
    expect(riskAppliesTo({ scenario: "base" }, base, 2)).toBe(true);
    expect(riskAppliesTo({}, alt, 2)).toBe(true);
    expect(riskAppliesTo({}, base, 2)).toBe(false);
    expect(riskAppliesTo({}, base, 1)).toBe(true);
  });

  it("adds probability x impact in its month only when included, quantified and within the horizon", () => {
    expect(expectedRiskCost(quantified, alt, 2, 36)).toEqual({ month: 6, cost: expect.anything() });
    expect(expectedRiskCost(quantified, alt, 2, 36)!.cost.toString()).toBe("10000");
    expect(expectedRiskCost({ ...quantified, month: undefined }, alt, 2, 36)!.month).toBe(0);
    expect(expectedRiskCost({ ...quantified, includeInCosts: false }, alt, 2, 36)).toBeNull();
    expect(expectedRiskCost({ ...quantified, probability: undefined }, alt, 2, 36)).toBeNull();
    expect(expectedRiskCost({ ...quantified, costImpact: undefined }, alt, 2, 36)).toBeNull();
    expect(expectedRiskCost(quantified, base, 2, 36)).toBeNull();
    expect(expectedRiskCost(quantified, alt, 2, 5)).toBeNull();
  });

  it("and its formula gives the same expected cost for every combination", () => {
    const cells = { includeInCosts: "$INC", probability: "$P", costImpact: "$CI", scenario: "$S" };
    for (const scenario of [alt, base])
      for (const count of [1, 2])
        for (const include of [true, false, null])
          for (const p of [null, 0.25])
            for (const ci of [null, 40000])
              for (const named of [null, "alt", "base"]) {
                const risk: RegisterRisk = {
                  ...(include !== null ? { includeInCosts: include } : {}),
                  ...(p !== null ? { probability: String(p) } : {}),
                  ...(ci !== null ? { costImpact: String(ci) } : {}),
                  ...(named !== null ? { scenario: named } : {}),
                };
                const expected = expectedRiskCost(risk, scenario, count, 36)?.cost.toNumber() ?? 0;
                const f = expectedRiskCostFormula(cells, scenario.key, "$BASE", count);
                const got = evaluate(f, {
                  $INC: include,
                  $P: p,
                  $CI: ci,
                  $S: named,
                  $BASE: scenario.baseline === true,
                });
                expect(got, JSON.stringify({ risk, scenario, count })).toBe(expected);
              }
  });
});
