// Currencies in the uncertainty analysis (docs/currencies.md): each currency's rates as one
// tornado driver, the break-even rate, and uncertain rates in the simulation. Hand-computed.
import { describe, expect, it } from "vitest";
import { computeCase } from "@/lib/finance/compute";
import { D } from "@/lib/finance/decimal";
import { breakEvenRate, simulate, tornado } from "@/lib/finance/uncertainty";
import { caseFile } from "../../helpers/case";

// Benefit 100,000 SEK and a 1,000 USD licence at 10 SEK in month 0 (undiscounted): NPV 90,000.
const file = (step: object = {}, extraCosts: object[] = []) =>
  caseFile({
    fx: { USD: [{ from: 0, rate: "10", ...step }] },
    scenarios: [
      {
        key: "a",
        name: "A",
        costs: [{ name: "Licence", category: "software", currency: "USD", amount: "1000", month: 0 }, ...extraCosts],
        benefits: [{ name: "Saving", category: "cost-saving", amount: "100000", month: 0 }],
      },
    ] as never,
  });

describe("a currency as one tornado driver", () => {
  it("moves every rate of the currency by the percentage", () => {
    const t = tornado(file(), { percent: "0.2", scenarioKey: "a" });
    expect(t.npv).toBe("90000");
    expect(t.currencies).toEqual([
      {
        currency: "USD",
        npvLow: "92000", // rates 20 % lower: the licence costs 8,000
        npvHigh: "88000",
        roiLow: "11.5", // (100,000 - 8,000) / 8,000
        roiHigh: new D(88000).div(12000).toString(),
        swing: "4000",
        breakEvenFactor: "10", // 100 SEK a dollar: the licence costs 100,000
      },
    ]);
    // The same bars from a compute output at hand.
    const f = file();
    expect(tornado(f, { percent: "0.2", scenarioKey: "a", output: computeCase(f) }).currencies).toEqual(t.currencies);
  });

  it("in a comparison a baseline line counts with the opposite sign", () => {
    const f = caseFile({
      fx: {
        USD: [
          { from: 0, rate: "10" },
          { from: 12, rate: "12" },
        ],
      },
      scenarios: [
        {
          key: "current",
          name: "Current",
          baseline: true,
          costs: [{ name: "Old", category: "software", currency: "USD", amount: "3000", month: 0 }],
        },
        {
          key: "new",
          name: "New",
          costs: [{ name: "New", category: "software", currency: "USD", amount: "1000", month: 0 }],
        },
      ] as never,
    });
    const t = tornado(f, { percent: "0.1", comparison: { alternative: "new", baseline: "current" } });
    expect(t.npv).toBe("20000");
    expect(t.currencies[0]).toMatchObject({ currency: "USD", npvLow: "18000", npvHigh: "22000" });
  });
});

describe("break-even rate", () => {
  it("gives the rate table at which NPV is zero", () => {
    const f = caseFile({
      fx: {
        USD: [
          { from: 0, rate: "10" },
          { from: 12, rate: "11" },
        ],
      },
      scenarios: [
        {
          key: "a",
          name: "A",
          costs: [
            { name: "Now", category: "software", currency: "USD", amount: "1000", month: 0 },
            { name: "Later", category: "software", currency: "USD", amount: "1000", month: 12 },
          ],
          benefits: [{ name: "Saving", category: "cost-saving", amount: "42000", month: 0 }],
        },
      ] as never,
    });
    const out = computeCase(f);
    const r = breakEvenRate(f, { currency: "USD", scenarioKey: "a" });
    expect(new D(r.npv).minus(out.scenarios[0]!.npv).abs().lt("1e-30")).toBe(true);
    // At the factor, the converted costs' PV equals the benefit.
    const pv = new D(10000).plus(new D(11000).times(out.scenarios[0]!.months[12]!.discountFactor));
    expect(new D(r.factor!).minus(new D(42000).div(pv)).abs().lt("1e-30")).toBe(true);
    expect(r.rates!.map((s) => s.from)).toEqual([0, 12]);
    expect(new D(r.rates![1]!.rate).minus(new D(11).times(r.factor!)).abs().lt("1e-30")).toBe(true);
    expect(breakEvenRate(f, { currency: "EUR", scenarioKey: "a" }).factor).toBeNull();
  });
});

describe("uncertain rates in the simulation", () => {
  it("a triangular rate spreads the NPV within its range; the same seed gives the same result", () => {
    const f = file({ low: "8", high: "12" });
    const a = simulate(f, { iterations: 4000, seed: 7, scenarioKey: "a" });
    expect(a.uncertainRates).toBe(1);
    expect(a.uncertainLines).toBe(0);
    const [p10, p50, p90] = [a.npv.p10, a.npv.p50, a.npv.p90].map(Number) as [number, number, number];
    // NPV = 100,000 - 1,000 x rate, rate triangular(8, 10, 12): P10 = 12 - sqrt(0.9 x 4 x 2) = 9.3,
    // so NPV P90 ~ 90,683; P50 90,000.
    expect(p10).toBeGreaterThan(88000);
    expect(p90).toBeLessThan(92000);
    expect(Math.abs(p50 - 90000)).toBeLessThan(150);
    expect(Math.abs(p90 - (100000 - 1000 * (8 + Math.sqrt(0.1 * 4 * 2))))).toBeLessThan(150);
    expect(simulate(f, { iterations: 4000, seed: 7, scenarioKey: "a" })).toEqual(a);
  });

  it("a case without rate ranges simulates exactly as without currencies", () => {
    const withFx = simulate(
      file({}, [{ name: "x", category: "training", amount: "500", month: 1, low: "100", high: "900" }]),
      {
        iterations: 500,
        seed: 3,
        scenarioKey: "a",
      },
    );
    expect(withFx.uncertainRates).toBeUndefined();
    expect(withFx.method).not.toMatch(/exchange-rate/);
  });
});
