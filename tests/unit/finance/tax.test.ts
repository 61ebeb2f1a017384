// Tax and depreciation against hand-computed textbook cases (docs/tax-and-inflation.md).
import DecimalJs from "decimal.js";
import { describe, expect, it } from "vitest";
import { parseCaseFile } from "@/lib/case-file/parse";
import { computeCase } from "@/lib/finance/compute";
import { depreciationProfile } from "@/lib/finance/tax";
import { caseFile } from "../../helpers/case";

// The engine's precision (40 digits), so hand computations compare to the last digits.
const Decimal = DecimalJs.clone({ precision: 40 });
type Decimal = InstanceType<typeof Decimal>;

const server = { name: "Server", category: "hardware", amount: "36000", month: 0 };
const benefit = { name: "Savings", category: "cost-saving", recurring: "annual", amount: "20000", startMonth: 12 };

const single = (costs: object[], benefits: object[], extra: object = {}) =>
  computeCase(caseFile({ scenarios: [{ key: "a", name: "A", costs, benefits }] as never, ...extra }));

const near = (actual: string, expected: DecimalJs.Value, digits = 25) =>
  expect(new Decimal(actual).minus(expected).abs().lt(new Decimal(10).pow(-digits))).toBe(true);

describe("after-tax NPV with straight-line depreciation", () => {
  // 36,000 capitalised at month 0 over 3 years: 1,000 a month in months 0..35. Benefits of 20,000
  // at months 12, 24, 36; tax 25 % paid at the end of each case year.
  //   year 1 (months 0..12): 20,000 - 13 x 1,000 = 7,000 -> tax 1,750 paid at month 12
  //   year 2 (13..24):       20,000 - 12 x 1,000 = 8,000 -> 2,000 at month 24
  //   year 3 (25..36):       20,000 - 11 x 1,000 = 9,000 -> 2,250 at month 36
  const out = single([{ ...server, capitalised: { method: "straight-line", years: 3 } }], [benefit], {
    tax: { rate: "0.25", paid: "annual" },
  });
  const s = out.scenarios[0]!;

  it("pays the tax at the end of each case year", () => {
    expect(s.afterTax!.years.map((y) => [y.depreciation, y.taxableEffect, y.tax])).toEqual([
      ["1000", "-1000", "0"],
      ["12000", "8000", "1750"],
      ["12000", "8000", "2000"],
      ["11000", "9000", "2250"],
    ]);
  });

  it("gives the textbook after-tax NPV at 10 %", () => {
    const r = new Decimal("1.1");
    const npv = new Decimal(-36000)
      .plus(new Decimal(18250).div(r))
      .plus(new Decimal(18000).div(r.pow(2)))
      .plus(new Decimal(17750).div(r.pow(3)));
    near(s.afterTax!.npv, npv);
    expect(new Decimal(s.afterTax!.npv).toFixed(2)).toBe("8802.78");
    // Before tax is untouched: -36,000 + 20,000 x (1/1.1 + 1/1.21 + 1/1.331).
    near(s.npv, new Decimal(-36000).plus(new Decimal(20000).times(r.pow(-1).plus(r.pow(-2)).plus(r.pow(-3)))));
    expect(s.afterTax!.netBenefit).toBe("18000"); // 24,000 before tax less 6,000 tax
    expect(s.afterTax!.totalCost).toBe("42000"); // tax paid counts as a cost of its month
  });

  it("monthly timing pays the same tax in the month of each flow (a saving while only depreciation)", () => {
    const monthly = single([{ ...server, capitalised: { method: "straight-line", years: 3 } }], [benefit], {
      tax: { rate: "0.25", paid: "monthly" },
    }).scenarios[0]!;
    expect(monthly.afterTax!.years.map((y) => y.tax)).toEqual(["-250", "2000", "2000", "2250"]);
    // The saving of month 0 arrives at once: month 0 after tax is -36,000 + 250.
    const m = new Decimal("1.1").pow(new Decimal(-1).div(12));
    let npv = new Decimal(-35750);
    for (let k = 1; k <= 36; k++) {
      const flow = k === 12 || k === 24 ? 20000 - 4750 : k === 36 ? 20000 - 5000 : 250;
      npv = npv.plus(new Decimal(flow).times(m.pow(k)));
    }
    near(monthly.afterTax!.npv, npv, 18);
    expect(new Decimal(monthly.afterTax!.npv).toFixed(2)).toBe("9161.57");
    // Here the months with only depreciation save tax at once instead of at the year's end.
    expect(new Decimal(monthly.afterTax!.npv).gt(s.afterTax!.npv)).toBe(true);
  });

  it("expensed costs are deducted in their month; without capitalisation nothing is depreciated", () => {
    const expensed = single([server], [benefit], { tax: { rate: "0.25", paid: "annual" } }).scenarios[0]!;
    expect(expensed.afterTax!.years.map((y) => y.tax)).toEqual(["0", "-4000", "5000", "5000"]);
  });

  it("a case a year shorter than its tax year pays the last, short year at the horizon", () => {
    const short = single(
      [{ ...server, capitalised: { method: "straight-line", years: 3 } }],
      [{ ...benefit, startMonth: 12 }],
      { horizonMonths: 30, tax: { rate: "0.25", paid: "annual" } },
    ).scenarios[0]!;
    // Months 25..30: 6 x 1,000 depreciation and no benefit: -6,000 -> -1,500 paid at month 30.
    expect(short.afterTax!.years.at(-1)!.tax).toBe("-1500");
    expect(short.months.length).toBe(31);
  });
});

describe("declining balance with the switch to straight-line", () => {
  // 60 % a year is 5 % a month of the remaining value; with a life of 2 years (24 months) the
  // straight-line share of what remains, 1/(24 - k), first exceeds 5 % at k = 5 (1/19).
  //   k: 0 600, 1 570, 2 541.5, 3 514.425, 4 488.70375, then 9,285.37125 / 19 = 488.70375 a month.
  const method = { method: "declining-balance" as const, rate: "0.6", years: 2 };

  it("has the hand-computed profile and writes the value off within the life", () => {
    const p = depreciationProfile(method).map((d) => d.times(12000).toString());
    expect(p.slice(0, 6)).toEqual(["600", "570", "541.5", "514.425", "488.70375", "488.70375"]);
    expect(p.slice(5).every((d) => d === "488.70375")).toBe(true);
    expect(p).toHaveLength(24);
    expect(
      depreciationProfile(method)
        .reduce((a, b) => a.plus(b), new Decimal(0))
        .toString(),
    ).toBe("1");
  });

  it("depreciates a capitalised flow by it in the compute output", () => {
    const out = single([{ ...server, amount: "12000", capitalised: method }], [], {
      tax: { rate: "0.5", paid: "monthly" },
    }).scenarios[0]!;
    expect(out.afterTax!.years.map((y) => y.depreciation)).toEqual(["600", "6024.25875", "5375.74125", "0"]);
    expect(out.afterTax!.years.map((y) => y.tax)).toEqual(["-300", "-3012.129375", "-2687.870625", "0"]);
  });

  it("stops counting at the horizon (months past it are not counted)", () => {
    const out = single([{ ...server, amount: "12000", month: 12, capitalised: method }], [], {
      horizonMonths: 24,
      tax: { rate: "0.5", paid: "monthly" },
    }).scenarios[0]!;
    // Months 12..24: k = 0..12 of the profile, 600 + 570 + 541.5 + 514.425 + 9 x 488.70375.
    const expected = new Decimal("2225.925").plus(new Decimal("488.70375").times(9));
    const total = out.afterTax!.years.reduce((a, y) => a.plus(y.depreciation), new Decimal(0));
    expect(total.toString()).toBe(expected.toString());
    expect(out.afterTax!.years[1]!.depreciation).toBe("600");
  });

  it("refuses a declining balance without its rate, naming the field", () => {
    const parsed = parseCaseFile({
      format: "caseboard/v1",
      name: "x",
      currency: "SEK",
      startMonth: "2027-01",
      horizonMonths: 12,
      discountRate: "0.1",
      scenarios: [
        {
          key: "a",
          name: "A",
          costs: [{ ...server, capitalised: { method: "declining-balance", years: 2 } }],
        },
      ],
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.map((i) => i.path)).toContain("scenarios[0].costs[0].capitalised.rate");
  });
});

describe("tax beside the other figures", () => {
  const file = (extra: object = {}) =>
    caseFile({
      scenarios: [
        {
          key: "current",
          name: "Current",
          baseline: true,
          costs: [{ name: "Old licence", category: "software", recurring: "monthly", amount: "500" }],
        },
        {
          key: "new",
          name: "New",
          costs: [
            { ...server, riskAdjustment: "0.1", capitalised: { method: "straight-line", years: 3 } },
            { name: "Licence", category: "software", recurring: "monthly", amount: "300" },
          ],
          benefits: [{ ...benefit, riskAdjustment: "0.2" }],
        },
      ] as never,
      ...extra,
    });

  it("a case without tax has no afterTax and computes exactly as before", () => {
    const out = computeCase(file());
    expect(out.scenarios.every((s) => !("afterTax" in s))).toBe(true);
    expect(out.comparisons.every((c) => !("afterTax" in c))).toBe(true);
  });

  it("the comparison's tax is the tax of the incremental flows (alternative minus baseline)", () => {
    const out = computeCase(file({ tax: { rate: "0.2", paid: "annual" } }));
    const [cur, alt] = out.scenarios;
    const c = out.comparisons[0]!;
    expect(c.afterTax!.years.map((y) => y.tax)).toEqual(
      alt!.afterTax!.years.map((y, i) => new Decimal(y.tax).minus(cur!.afterTax!.years[i]!.tax).toString()),
    );
    near(c.afterTax!.npv, new Decimal(alt!.afterTax!.npv).minus(cur!.afterTax!.npv));
    // Before tax stays as it was.
    const before = computeCase(file());
    expect(c.npv).toBe(before.comparisons[0]!.npv);
  });

  it("after tax exists risk-adjusted and unadjusted", () => {
    const alt = computeCase(file({ tax: { rate: "0.2", paid: "annual" } })).scenarios[1]!;
    // Unadjusted: the server at 36,000 (not 39,600) and full benefits: a larger after-tax NPV.
    expect(new Decimal(alt.afterTax!.unadjusted.npv).gt(alt.afterTax!.npv)).toBe(true);
    const noRisk = computeCase(
      caseFile({
        scenarios: [
          {
            key: "new",
            name: "New",
            costs: [
              { ...server, capitalised: { method: "straight-line", years: 3 } },
              { name: "Licence", category: "software", recurring: "monthly", amount: "300" },
            ],
            benefits: [benefit],
          },
        ] as never,
        tax: { rate: "0.2", paid: "annual" },
      }),
    ).scenarios[0]!;
    expect(alt.afterTax!.unadjusted.npv).toBe(noRisk.afterTax!.npv);
  });
});
