// Real and nominal terms (Fisher) and optimism bias (docs/tax-and-inflation.md).
import DecimalJs from "decimal.js";
import { describe, expect, it } from "vitest";
import { computeCase } from "@/lib/finance/compute";
import { diffCaseVersions } from "@/lib/finance/diff";
import { nominalRate, realRate } from "@/lib/finance/inflation";
import { caseFile } from "../../helpers/case";

const Decimal = DecimalJs.clone({ precision: 40 });
const near = (actual: string, expected: DecimalJs.Value, digits = 25) =>
  expect(new Decimal(actual).minus(expected).abs().toNumber()).toBeLessThan(10 ** -digits);

const lines = {
  costs: [
    { name: "Build", category: "implementation-labour", amount: "250000", month: 0, riskAdjustment: "0.1" },
    { name: "Licence", category: "software", recurring: "monthly", amount: "4000", escalation: "0.03" },
    { name: "Support", category: "support-labour", labour: { hours: "20", rate: "600", people: "2" }, month: 14 },
  ],
  benefits: [
    {
      name: "Time saved",
      category: "productivity",
      recurring: "monthly",
      amount: "21000",
      startMonth: 3,
      rampMonths: 9,
      rampCurve: "s-curve",
      realisation: "0.85",
      riskAdjustment: "0.15",
    },
    { name: "Win rate", category: "revenue", recurring: "quarterly", amount: "90000", margin: "0.35", endMonth: 48 },
  ],
};

describe("inflation and real terms (Fisher)", () => {
  it("converts rates by (1 + nominal) = (1 + real)(1 + inflation)", () => {
    expect(nominalRate("0.035", "0.02").toString()).toBe("0.0557");
    expect(realRate("0.0557", "0.02").toString()).toBe("0.035");
  });

  it("real amounts at the real rate give the NPV of nominal amounts at the nominal rate", () => {
    // The same annual flows in start-month prices and in the prices they will be paid at.
    const real = caseFile({
      horizonMonths: 36,
      discountRate: "0.035",
      inflation: "0.02",
      priceBasis: "real",
      discountRateBasis: "real",
      scenarios: [
        {
          key: "a",
          name: "A",
          costs: [{ name: "Build", category: "other", amount: "50000", month: 0 }],
          benefits: [{ name: "Gain", category: "other", recurring: "annual", amount: "20000", startMonth: 12 }],
        },
      ] as never,
    });
    const nominal = caseFile({
      horizonMonths: 36,
      discountRate: "0.0557",
      inflation: "0.02",
      scenarios: [
        {
          key: "a",
          name: "A",
          costs: [{ name: "Build", category: "other", amount: "50000", month: 0 }],
          benefits: [{ name: "Gain", category: "other", schedule: { "12": "20400", "24": "20808", "36": "21224.16" } }],
        },
      ] as never,
    });
    const r = computeCase(real).scenarios[0]!;
    const n = computeCase(nominal).scenarios[0]!;
    near(r.npv, n.npv);
    // ... and both are the textbook real NPV: -50,000 + 20,000 x (1.035^-1 + 1.035^-2 + 1.035^-3).
    const f = new Decimal("1.035");
    near(r.npv, new Decimal(-50000).plus(new Decimal(20000).times(f.pow(-1).plus(f.pow(-2)).plus(f.pow(-3)))));
    // Totals are in nominal money (what will be paid), the same in both.
    near(r.totalBenefit, "62432.16");
    expect(n.totalBenefit).toBe("62432.16");
  });

  it("holds for monthly lines with ramps, escalation, margins, labour and risk adjustment", () => {
    const base = { horizonMonths: 48, scenarios: [{ key: "a", name: "A", ...lines }] as never };
    // The plain engine on the real amounts at the real rate, no inflation ...
    const plain = computeCase(caseFile({ ...base, discountRate: "0.035" })).scenarios[0]!;
    // ... equals the case stated in real terms and computed in nominal terms.
    const viaNominal = computeCase(
      caseFile({ ...base, discountRate: "0.035", inflation: "0.02", priceBasis: "real", discountRateBasis: "real" }),
    ).scenarios[0]!;
    near(viaNominal.npv, plain.npv, 20);
    near(viaNominal.pvCost, plain.pvCost, 20);
    near(viaNominal.unadjusted.npv, plain.unadjusted.npv, 20);
    // The rate stated nominal with real prices: the same as real prices at the Fisher real rate.
    const mixed = computeCase(caseFile({ ...base, discountRate: "0.0557", inflation: "0.02", priceBasis: "real" }))
      .scenarios[0]!;
    near(mixed.npv, plain.npv, 20);
    // Nominal totals exceed the real ones: inflation raises what is paid.
    expect(new Decimal(viaNominal.totalCost).gt(plain.totalCost)).toBe(true);
  });

  it("nominal prices with a nominal rate are untouched by inflation", () => {
    const base = { horizonMonths: 48, discountRate: "0.08", scenarios: [{ key: "a", name: "A", ...lines }] as never };
    const a = computeCase(caseFile(base));
    const b = computeCase(caseFile({ ...base, inflation: "0.05" }));
    expect(b).toEqual(a);
  });

  it("a real discount rate with nominal prices is made nominal", () => {
    const base = { horizonMonths: 48, scenarios: [{ key: "a", name: "A", ...lines }] as never };
    const a = computeCase(caseFile({ ...base, discountRate: "0.0557" })).scenarios[0]!;
    const b = computeCase(caseFile({ ...base, discountRate: "0.035", inflation: "0.02", discountRateBasis: "real" }))
      .scenarios[0]!;
    expect(b.npv).toBe(a.npv);
  });
});

describe("optimism bias", () => {
  const file = (extra: object = {}) =>
    caseFile({
      horizonMonths: 36,
      scenarios: [
        {
          key: "current",
          name: "Current",
          baseline: true,
          costs: [{ name: "Old", category: "software", recurring: "monthly", amount: "500" }],
          benefits: [{ name: "Old gain", category: "other", amount: "100", month: 36 }],
        },
        {
          key: "new",
          name: "New",
          costs: [
            { name: "Build", category: "integration", amount: "1000", month: 0, riskAdjustment: "0.1" },
            { name: "Licence", category: "software", recurring: "monthly", amount: "100" },
          ],
          benefits: [
            { name: "Gain", category: "other", recurring: "monthly", amount: "1000", startMonth: 1, endMonth: 36 },
            { name: "Late", category: "other", amount: "5000", month: 35 },
          ],
        },
      ] as never,
      ...extra,
    });
  const bias = { oneTimeCost: "0.24", recurringCost: "0.10", benefitDelayMonths: 3, mitigation: "0.5" };

  it("raises costs by the mitigated uplifts and delays benefits; what passes the horizon drops out", () => {
    const out = computeCase(file({ optimismBias: bias }));
    const alt = out.scenarios[1]!;
    const ob = alt.optimismBiasAdjusted!;
    // One-time 1,000 x 1.12; recurring 36 x 100 x 1.05.
    expect(ob.totalCost).toBe("4900");
    // Monthly benefit from month 4 (33 months); the one-time benefit at 35 + 3 = 38 is gone.
    expect(ob.totalBenefit).toBe("33000");
    expect(alt.months[3]!.benefit).toBe("0");
    expect(alt.months[4]!.benefit).toBe("1000");
    // Headline: bias and risk adjustment (the build at 1,000 x 1.12 x 1.1).
    expect(alt.totalCost).toBe("5012");
    // Unadjusted: neither.
    expect(alt.unadjusted.totalCost).toBe("4600");
    expect(alt.unadjusted.totalBenefit).toBe("41000");
  });

  it("leaves the baseline alone, and the comparison carries all three", () => {
    const out = computeCase(file({ optimismBias: bias }));
    const plain = computeCase(file());
    const cur = out.scenarios[0]!;
    expect(cur.totalCost).toBe(plain.scenarios[0]!.totalCost);
    expect(cur.totalBenefit).toBe("100"); // not delayed past the horizon
    const c = out.comparisons[0]!;
    expect(c.unadjusted.npv).toBe(plain.comparisons[0]!.unadjusted.npv);
    expect(new Decimal(c.optimismBiasAdjusted!.npv).lt(c.unadjusted.npv)).toBe(true);
    expect(new Decimal(c.npv).lt(c.optimismBiasAdjusted!.npv)).toBe(true);
  });

  it("mitigation lowers the uplifts but not the delay", () => {
    const full = computeCase(file({ optimismBias: { ...bias, mitigation: "1" } })).scenarios[1]!;
    expect(full.optimismBiasAdjusted!.totalCost).toBe("4600");
    expect(full.optimismBiasAdjusted!.totalBenefit).toBe("33000");
  });

  it("a delay past the horizon drops every benefit", () => {
    const out = computeCase(file({ optimismBias: { benefitDelayMonths: 36 } })).scenarios[1]!;
    expect(out.totalBenefit).toBe("0");
    expect(out.paybackMonths).toBeNull();
  });

  it("combines with tax: after tax in all three variants", () => {
    const out = computeCase(file({ optimismBias: bias, tax: { rate: "0.2", paid: "annual" } }));
    const c = out.comparisons[0]!;
    expect(c.afterTax!.optimismBiasAdjusted).toBeDefined();
    expect(new Decimal(c.afterTax!.npv).lt(c.afterTax!.optimismBiasAdjusted!.npv)).toBe(true);
    expect(new Decimal(c.afterTax!.optimismBiasAdjusted!.npv).lt(c.afterTax!.unadjusted.npv)).toBe(true);
  });

  it("recomputing keeps the per-line results (the corrected lines are kept per line)", () => {
    const f = file({ optimismBias: bias, inflation: "0.02", priceBasis: "real" });
    const a = computeCase(f);
    const b = computeCase(f);
    expect(b.scenarios[1]!.lines[0]).toEqual(a.scenarios[1]!.lines[0]);
    expect(b).toEqual(a);
  });
});

describe("version diff of the settings", () => {
  it("names each changed tax, inflation and optimism-bias field; absent equals the default", () => {
    const base = { horizonMonths: 48, discountRate: "0.08", scenarios: [{ key: "a", name: "A", ...lines }] as never };
    const a = caseFile({ ...base, tax: { rate: "0.2", paid: "annual" }, priceBasis: "nominal" });
    const b = caseFile({
      ...base,
      tax: { rate: "0.22", paid: "annual" },
      optimismBias: { benefitDelayMonths: 3 },
    });
    const diff = diffCaseVersions({ caseFile: a, output: computeCase(a) }, { caseFile: b, output: computeCase(b) });
    expect(diff.settings.map((c) => [c.field, c.before, c.after])).toEqual([
      ["tax.rate", "0.2", "0.22"],
      ["optimismBias.benefitDelayMonths", null, 3],
    ]);
  });
});
