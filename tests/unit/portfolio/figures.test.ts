import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { computeCase } from "@/lib/finance/compute";
import { D as Dec } from "@/lib/finance/decimal";
import { CurrencyMismatch } from "@/lib/portfolio/currency";
import {
  byCalendarYear,
  calendarMonthOf,
  calendarYearOf,
  caseFigures,
  proposalOptionOf,
} from "@/lib/portfolio/figures";
import { caseFile } from "../../helpers/case";

const cost = (amount: string, month: number) => ({ name: `c${month}`, category: "hardware", amount, month });
const benefit = (amount: string, start: number, end: number) => ({
  name: "b",
  category: "productivity",
  recurring: "monthly",
  amount,
  startMonth: start,
  endMonth: end,
});

const D = (v: string) => new Dec(v);

describe("calendar mapping", () => {
  it("puts months 0 and 1 in the start month, month m in start + (m - 1)", () => {
    expect(calendarMonthOf("2027-01", 0)).toBe("2027-01");
    expect(calendarMonthOf("2027-01", 1)).toBe("2027-01");
    expect(calendarMonthOf("2027-01", 2)).toBe("2027-02");
    expect(calendarMonthOf("2027-01", 12)).toBe("2027-12");
    expect(calendarMonthOf("2027-01", 13)).toBe("2028-01");
    expect(calendarMonthOf("2027-01", 24)).toBe("2028-12");
    expect(calendarMonthOf("2027-01", 25)).toBe("2029-01");
  });

  it("maps months 0..12 to the start year and 13..24 to the next for a January start", () => {
    for (let m = 0; m <= 12; m++) expect(calendarYearOf("2027-01", m)).toBe(2027);
    for (let m = 13; m <= 24; m++) expect(calendarYearOf("2027-01", m)).toBe(2028);
  });

  it("handles a mid-year start: July 2027 ends its first calendar year at month 6", () => {
    expect(calendarMonthOf("2027-07", 0)).toBe("2027-07");
    expect(calendarMonthOf("2027-07", 6)).toBe("2027-12");
    expect(calendarMonthOf("2027-07", 7)).toBe("2028-01");
    expect(calendarYearOf("2027-07", 18)).toBe(2028);
    expect(calendarYearOf("2027-07", 19)).toBe(2029);
    expect(calendarMonthOf("2027-12", 1)).toBe("2027-12");
    expect(calendarMonthOf("2027-12", 2)).toBe("2028-01");
  });

  it("sums a monthly series by calendar year, every year listed", () => {
    const monthly = Array.from({ length: 37 }, (_, m) => new Decimal(m === 0 ? 1000 : m));
    // 2027-07 start: months 0..6 are 2027 (1000 + 1..6), 7..18 are 2028, 19..30 2029, 31..36 2030.
    expect(byCalendarYear("2027-07", monthly)).toEqual({
      "2027": String(1000 + 21),
      "2028": String([...Array(12)].reduce((s, _, i) => s + 7 + i, 0)),
      "2029": String([...Array(12)].reduce((s, _, i) => s + 19 + i, 0)),
      "2030": String([...Array(6)].reduce((s, _, i) => s + 31 + i, 0)),
    });
    expect(byCalendarYear("2027-01", [new Decimal(5)])).toEqual({ "2027": "5" });
  });
});

describe("a case's figures", () => {
  const twoAlternatives = caseFile({
    startMonth: "2027-07",
    horizonMonths: 24,
    scenarios: [
      { key: "keep", name: "Keep", baseline: true, costs: [cost("100", 6), cost("100", 7)], benefits: [] },
      {
        key: "cheap",
        name: "Cheap",
        costs: [cost("500", 0), { ...cost("10", 6), riskAdjustment: "0.5" }],
        benefits: [benefit("40", 1, 24)],
      },
      { key: "big", name: "Big", costs: [cost("2000", 0), cost("50", 7)], benefits: [benefit("150", 1, 24)] },
    ] as never,
  });

  it("gives each alternative's incremental risk-adjusted figures and spend by calendar year", () => {
    const out = computeCase(twoAlternatives);
    const f = caseFigures(out, { currency: "SEK", startMonth: "2027-07" }, "SEK");
    expect(f.baseline).toBe("keep");
    expect(f.options.map((o) => o.scenario)).toEqual(["cheap", "big"]);
    const cheap = f.options[0]!;
    const cmp = out.comparisons.find((c) => c.alternative === "cheap")!;
    expect(cheap.npv).toBe(cmp.npv);
    expect(cheap.pvCost).toBe(cmp.pvCost);
    expect(cheap.irr).toBe(cmp.irr);
    expect(cheap.roi).toBe(cmp.roi);
    expect(cheap.paybackMonths).toBe(cmp.paybackMonths);
    expect(cheap.profitabilityIndex).toBe(D(cmp.npv).div(cmp.pvCost).toString());
    // 2027: 500 + 15 (risk-adjusted 10 at month 6) - 100 (baseline month 6); 2028: -100 (month 7).
    expect(cheap.spend).toEqual({ "2027": "415", "2028": "-100", "2029": "0" });
    const big = f.options[1]!;
    expect(big.spend).toEqual({ "2027": "1900", "2028": "-50", "2029": "0" });
  });

  it("proposes the highest incremental NPV, or the chosen scenario when set", () => {
    const out = computeCase(twoAlternatives);
    const best = caseFigures(out, { currency: "SEK", startMonth: "2027-07" }, "SEK");
    const byNpv = [...best.options].sort((a, b) => new Decimal(b.npv).cmp(a.npv))[0]!;
    expect(best.proposal).toBe(byNpv.scenario);
    const other = best.options.find((o) => o.scenario !== byNpv.scenario)!.scenario;
    expect(caseFigures(out, { currency: "SEK", startMonth: "2027-07", chosenScenario: other }, "SEK").proposal).toBe(
      other,
    );
    // A chosen baseline proposes nothing new: the best alternative stands in.
    expect(caseFigures(out, { currency: "SEK", startMonth: "2027-07", chosenScenario: "keep" }, "SEK").proposal).toBe(
      byNpv.scenario,
    );
  });

  it("proposes a single scenario on its own flows; profitability index null when PV of costs is not positive", () => {
    const single = caseFile({
      scenarios: [{ key: "only", name: "Only", costs: [], benefits: [benefit("10", 1, 36)] }] as never,
    });
    const out = computeCase(single);
    const f = caseFigures(out, { currency: "SEK", startMonth: "2027-01" }, "SEK");
    expect(f.baseline).toBeNull();
    expect(f.proposal).toBe("only");
    const o = proposalOptionOf(f);
    expect(o.npv).toBe(out.scenarios[0]!.npv);
    expect(o.pvCost).toBe("0");
    expect(o.profitabilityIndex).toBeNull();
    expect(o.spend).toEqual({ "2027": "0", "2028": "0", "2029": "0" });
  });

  it("carries the realisation of a live case", () => {
    const live = caseFile({
      actualsThrough: 2,
      scenarios: [
        { key: "keep", name: "Keep", baseline: true, costs: [], benefits: [] },
        {
          key: "go",
          name: "Go",
          costs: [{ ...cost("100", 0), actuals: { "0": "120" } }],
          benefits: [{ ...benefit("30", 1, 36), actuals: { "1": "20", "2": "25" } }],
        },
      ] as never,
    });
    const out = computeCase(live);
    const f = caseFigures(out, { currency: "SEK", startMonth: "2027-01" }, "SEK");
    expect(f.realisation).toMatchObject({
      scenario: "go",
      actualsThrough: 2,
      benefitsToDate: "45",
      planBenefitsToDate: "60",
      varianceToDate: "-35",
      realisedRoi: new Decimal(45 - 120).div(120).toString(),
      planNpv: out.comparisons[0]!.npv,
      forecastNpv: out.realisation!.forecastComparison!.npv,
    });
  });

  it("refuses a case in another currency than the reporting one, naming both", () => {
    const out = computeCase(twoAlternatives);
    expect(() => caseFigures(out, { currency: "SEK", startMonth: "2027-07" }, "EUR")).toThrow(CurrencyMismatch);
    expect(() => caseFigures(out, { currency: "SEK", startMonth: "2027-07" }, "EUR")).toThrow(/SEK.*EUR/);
  });

  it("converts a case in another currency at the workspace's dated rates, month by month", () => {
    const out = computeCase(twoAlternatives);
    const own = caseFigures(out, { currency: "SEK", startMonth: "2027-07" }, "SEK");
    // One rate throughout: every money figure scales by it exactly; rates, ratios and months do not.
    const flat = caseFigures(out, { currency: "SEK", startMonth: "2027-07" }, "EUR", {
      SEK: [{ from: "2020-01", rate: "0.085" }],
    });
    expect(flat.currency).toBe("EUR");
    for (const [i, o] of flat.options.entries()) {
      const base = own.options[i]!;
      expect(new Decimal(o.npv).minus(new Decimal(base.npv).times("0.085")).abs().lt("1e-9")).toBe(true);
      expect(new Decimal(o.pvCost).minus(new Decimal(base.pvCost).times("0.085")).abs().lt("1e-9")).toBe(true);
      expect(o.irr).toEqual(base.irr);
      expect(o.paybackMonths).toEqual(base.paybackMonths);
      for (const [year, v] of Object.entries(base.spend))
        expect(new Decimal(o.spend[year]!).minus(new Decimal(v).times("0.085")).abs().lt("1e-9")).toBe(true);
    }
    // A step in the rate from January 2028 (month 7 of a case starting July 2027) moves the 2028 spend only.
    const step = caseFigures(out, { currency: "SEK", startMonth: "2027-07" }, "EUR", {
      SEK: [
        { from: "2020-01", rate: "0.085" },
        { from: "2028-01", rate: "0.1" },
      ],
    });
    const o = step.options[0]!;
    const base = own.options[0]!;
    expect(new Decimal(o.spend["2027"]!).minus(new Decimal(base.spend["2027"]!).times("0.085")).abs().lt("1e-9")).toBe(
      true,
    );
    if (base.spend["2028"] && !new Decimal(base.spend["2028"]).isZero())
      expect(new Decimal(o.spend["2028"]!).minus(new Decimal(base.spend["2028"]!).times("0.1")).abs().lt("1e-9")).toBe(
        true,
      );
  });
});
