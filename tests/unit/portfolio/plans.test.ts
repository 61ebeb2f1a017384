import { describe, expect, it } from "vitest";
import { comparePlan, doubleCountingFlags } from "@/lib/portfolio/plans";

describe("double counting", () => {
  it("flags two funded cases claiming one benefit category tied to one KPI (case and spaces aside)", () => {
    const flags = doubleCountingFlags([
      {
        id: "a",
        claims: [
          { category: "revenue", kpi: "Win rate" },
          { category: "productivity", kpi: "Time" },
        ],
      },
      { id: "b", claims: [{ category: "revenue", kpi: " win RATE " }] },
      { id: "c", claims: [{ category: "productivity", kpi: "Win rate" }] },
    ]);
    expect(flags).toEqual([{ category: "revenue", kpi: "Win rate", cases: ["a", "b"] }]);
    expect(
      doubleCountingFlags([
        {
          id: "a",
          claims: [
            { category: "x", kpi: "k" },
            { category: "x", kpi: "K" },
          ],
        },
      ]),
    ).toEqual([]);
  });
});

describe("a plan against now", () => {
  it("compares plan NPV with the forecast of live cases and the plan's NPV now otherwise, per case and in total", () => {
    const c = comparePlan(
      [
        { id: "live", name: "Live", scenario: "go", npv: "100" },
        { id: "moved", name: "Moved", scenario: "up", npv: "50" },
        { id: "gone", name: "Gone", scenario: "x", npv: "10" },
      ],
      [
        {
          id: "live",
          name: "Live now",
          status: "live",
          scenarioNpv: { go: "100" },
          realisation: { scenario: "go", forecastNpv: "80", benefitsToDate: "30", planBenefitsToDate: "40" },
        },
        { id: "moved", name: "Moved", status: "approved", scenarioNpv: { up: "65" }, realisation: null },
      ],
    );
    expect(c.rows).toEqual([
      {
        id: "live",
        name: "Live now",
        scenario: "go",
        status: "live",
        planNpv: "100",
        forecastNpv: "80",
        change: "-20",
        benefitsToDate: "30",
        planBenefitsToDate: "40",
      },
      {
        id: "moved",
        name: "Moved",
        scenario: "up",
        status: "approved",
        planNpv: "50",
        forecastNpv: "65",
        change: "15",
        benefitsToDate: null,
        planBenefitsToDate: null,
      },
      {
        id: "gone",
        name: "Gone",
        scenario: "x",
        status: null,
        planNpv: "10",
        forecastNpv: null,
        change: null,
        benefitsToDate: null,
        planBenefitsToDate: null,
      },
    ]);
    // The gone case counts at its plan figure in the forecast total (nothing newer is known).
    expect(c.total).toEqual({
      planNpv: "160",
      forecastNpv: "155",
      change: "-5",
      benefitsToDate: "30",
      planBenefitsToDate: "40",
    });
  });
});
