// Benefit realisation (docs/finance.md#benefit-realisation): a hand-calculated case, the contract's
// keys, and properties (fast-check).
import { readFileSync } from "node:fs";
import path from "node:path";
import Decimal40 from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCaseFile } from "@/lib/case-file/parse";
import { computeCase } from "@/lib/finance/compute";
import { caseFile } from "../../helpers/case";

// The engine's precision (40 digits), so hand fractions such as 61 / 3 compare to 1e-30.
const Decimal = Decimal40.clone({ precision: 40 });

const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(process.cwd(), "tests/fixtures/cases", name), "utf8")) as Record<string, unknown>;
const parsed = (json: unknown) => {
  const r = parseCaseFile(json);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};
const eq = (a: string | null | undefined, b: string) => {
  expect(a).not.toBeNull();
  expect(new Decimal(a!).minus(b).abs().lte("1e-30"), `${a} vs ${b}`).toBe(true);
};

describe("realisation: the hand-calculated case (tests/fixtures/cases/realisation-small.json)", () => {
  // Plan, months 0..3 of "upgrade": Implementation 12000 x 1.1 = 13200 at month 0; Licence 500 in
  // months 1-3; Sales 10000 x 0.5 (realisation) x 0.3 (margin) = 1500 and Saved time 800 x 0.75 =
  // 600 a month from month 1. Actual: 14000; 3 x 500; Sales (4000 + 5000 + 6000) x 0.3 = 4500;
  // Saved time not recorded.
  const out = computeCase(parsed(fixture("realisation-small.json")));
  const r = out.realisation!;

  it("has every key of the contract", () => {
    expect(Object.keys(r)).toEqual(
      expect.arrayContaining([
        "scenario",
        "actualsThrough",
        "planToDate",
        "actualToDate",
        "variance",
        "varianceShare",
        "realisedRoi",
        "forecast",
        "forecastComparison",
        "lines",
        "kpis",
      ]),
    );
    for (const k of [
      "totalCost",
      "totalBenefit",
      "netBenefit",
      "pvCost",
      "pvBenefit",
      "npv",
      "roi",
      "discountedRoi",
      "benefitCostRatio",
      "irr",
      "mirr",
      "paybackMonths",
      "discountedPaybackMonths",
      "months",
    ]) {
      expect(r.forecast).toHaveProperty(k);
    }
    expect(r.scenario).toBe("upgrade");
    expect(r.actualsThrough).toBe(3);
  });

  it("to date: plan 14700 / 6300, actual 15500 / 4500, variance +800 / -1800 / -2600", () => {
    expect(r.planToDate).toEqual({ cost: "14700", benefit: "6300", net: "-8400" });
    expect(r.actualToDate).toEqual({ cost: "15500", benefit: "4500", net: "-11000" });
    expect(r.variance).toEqual({ cost: "800", benefit: "-1800", net: "-2600" });
    eq(r.varianceShare.cost, new Decimal(800).div(14700).toString()); // 0.0544...
    eq(r.varianceShare.benefit, new Decimal(-2).div(7).toString()); // -1800 / 6300
    eq(r.varianceShare.net, new Decimal(13).div(42).toString()); // -2600 / -8400
    eq(r.realisedRoi, new Decimal(-22).div(31).toString()); // (4500 - 15500) / 15500 = -0.7097
  });

  it("forecast: actuals through month 3, then plan: cost 26000, benefit 48600, ROI 0.8692, payback 9.875", () => {
    // cost 15500 + 21 x 500; benefit 4500 + 21 x 2100. Cumulative net -11000 after month 3, +1600 a
    // month from month 4: -1400 after month 9, crossing at 9 + 1400 / 1600.
    expect(r.forecast.totalCost).toBe("26000");
    expect(r.forecast.totalBenefit).toBe("48600");
    expect(r.forecast.netBenefit).toBe("22600");
    expect(r.forecast.npv).toBe("22600"); // rate 0
    eq(r.forecast.roi, new Decimal(22600).div(26000).toString());
    eq(r.forecast.paybackMonths, "9.875");
    expect(r.forecast.months).toHaveLength(25);
    expect(r.forecast.months[0]).toMatchObject({ cost: "14000", benefit: "0" });
    expect(r.forecast.months[2]).toMatchObject({ cost: "500", benefit: "1500" });
    expect(r.forecast.months[4]).toMatchObject({ cost: "500", benefit: "2100" });
    // the plan beside it is untouched: cost 13200 + 24 x 500, benefit 24 x 2100
    const plan = out.scenarios.find((s) => s.key === "upgrade")!;
    expect(plan.totalCost).toBe("25200");
    expect(plan.totalBenefit).toBe("50400");
  });

  it("forecast against the baseline's plan: cost 2000, benefit 48600, ROI 23.3, payback 6 + 200/2600", () => {
    const c = r.forecastComparison!;
    expect(c.baseline).toBe("current");
    expect(c.totalCost).toBe("2000"); // 26000 - 24 x 1000
    expect(c.totalBenefit).toBe("48600");
    expect(c.npv).toBe("46600");
    eq(c.roi, "23.3");
    // incremental net: -14000, +1700, +2000, +2300, then +2600 a month: -200 after month 6
    eq(c.paybackMonths, new Decimal(6).plus(new Decimal(200).div(2600)).toString());
  });

  it("per line: plan, actual, variance and recorded", () => {
    expect(r.lines).toEqual([
      {
        id: "implementation",
        kind: "cost",
        name: "Implementation",
        planToDate: "13200",
        actualToDate: "14000",
        variance: "800",
        recorded: true,
      },
      {
        id: "licence",
        kind: "cost",
        name: "Licence",
        planToDate: "1500",
        actualToDate: "1500",
        variance: "0",
        recorded: true,
      },
      {
        id: "sales",
        kind: "benefit",
        name: "Sales",
        planToDate: "4500",
        actualToDate: "4500",
        variance: "0",
        recorded: true,
      },
      {
        id: "saved-time",
        kind: "benefit",
        name: "Saved time",
        planToDate: "1800",
        actualToDate: "0",
        variance: "-1800",
        recorded: false,
      },
    ]);
  });

  it("per KPI: before/after averages around go-live (month 1), latest, progress, direction", () => {
    const [win, time] = r.kpis;
    eq(win!.beforeAverage, new Decimal(61).div(3).toString()); // (18 + 22 + 21) / 3
    expect(win!.afterAverage).toBe("25");
    eq(win!.change, new Decimal(25).minus(new Decimal(61).div(3)).toString());
    expect(win!.latest).toBe("26");
    expect(win!.progress).toBe("0.6"); // (26 - 20) / (30 - 20)
    expect(win!.improved).toBe(true);
    expect(time).toMatchObject({
      beforeAverage: "10",
      afterAverage: "11",
      change: "1",
      latest: "11",
      progress: "-0.5",
      improved: false,
    });
  });

  it("adds the realisation checks: benefits 28.6 % behind, costs 5.4 % over, one line unrecorded, one KPI the wrong way", () => {
    const byId = Object.fromEntries(out.checks.map((c) => [c.id, c]));
    expect(byId["realisation-benefits-on-plan"]!.status).toBe("warn");
    expect(byId["realisation-costs-on-plan"]!.status).toBe("pass");
    expect(byId["realisation-lines-recorded"]).toMatchObject({
      status: "warn",
      lines: [{ scenario: "upgrade", kind: "benefit", index: 1, id: "saved-time" }],
    });
    expect(byId["realisation-kpis-improving"]).toMatchObject({ status: "warn", values: { wrongWay: 1 } });
  });

  it("at 10 % the forecast NPV is the forecast flows discounted by (1.1)^(-m/12)", () => {
    const out10 = computeCase(parsed({ ...fixture("realisation-small.json"), discountRate: "0.1" }));
    const f = out10.realisation!.forecast;
    const D = Decimal;
    let npv = new D(0);
    for (const m of f.months) npv = npv.plus(new D(m.net).times(new D(1.1).pow(new D(-m.month).div(12))));
    expect(new D(f.npv).minus(npv).abs().lt("1e-20")).toBe(true);
  });
});

describe("realisation: null and refusals", () => {
  it("is null without actualsThrough and leaves the checks as they were", () => {
    const json = fixture("realisation-small.json");
    delete json.actualsThrough;
    const scenarios = (json.scenarios as { costs?: { actuals?: unknown }[]; benefits?: { actuals?: unknown }[] }[]).map(
      (s) => ({
        ...s,
        costs: (s.costs ?? []).map(({ actuals: _a, ...l }) => l),
        benefits: (s.benefits ?? []).map(({ actuals: _a, ...l }) => l),
      }),
    );
    const out = computeCase(parsed({ ...json, scenarios }));
    expect(out.realisation).toBeNull();
    expect(out.checks.some((c) => c.id.startsWith("realisation"))).toBe(false);
  });

  it("refuses actuals after actualsThrough, on an intangible line, on the baseline, a KPI month twice and non-decimal values, naming the path", () => {
    type Lines = { actuals?: Record<string, string> }[];
    type Json = {
      scenarios: { costs: Lines; benefits: Lines }[];
      kpis: { actuals: { month: number; value: string }[] }[];
    };
    const bad = (mutate: (j: Json) => void) => {
      const j = fixture("realisation-small.json") as unknown as Json;
      mutate(j);
      const r = parseCaseFile(j);
      return r.ok ? [] : r.issues.map((i) => i.path);
    };
    expect(bad((j) => (j.scenarios[1]!.costs[1]!.actuals!["4"] = "500"))).toContain("scenarios[1].costs[1].actuals.4");
    expect(bad((j) => (j.scenarios[1]!.benefits[2]!.actuals = { "1": "5" }))).toContain(
      "scenarios[1].benefits[2].actuals",
    );
    expect(bad((j) => (j.scenarios[0]!.costs[0]!.actuals = { "1": "1000" }))).toContain(
      "scenarios[0].costs[0].actuals",
    );
    expect(bad((j) => j.kpis[0]!.actuals.push({ month: 3, value: "1" }))).toContain("kpis[0].actuals[6].month");
    expect(bad((j) => (j.scenarios[1]!.costs[0]!.actuals!["0"] = "12,5"))).toContain("scenarios[1].costs[0].actuals.0");
    expect(bad(() => {})).toEqual([]);
  });
});

// Properties ------------------------------------------------------------------------------------
const amount = fc.integer({ min: 1, max: 200_000 }).map(String);
const costLine = fc.record({
  name: fc.constant("c"),
  category: fc.constantFrom("software", "hardware", "training"),
  amount,
  recurring: fc.constantFrom("monthly", "quarterly", "annual"),
  startMonth: fc.integer({ min: 0, max: 6 }),
  escalation: fc.constantFrom("0", "0.03"),
});
const benefitLine = fc.record({
  name: fc.constant("b"),
  category: fc.constant("revenue"),
  recurring: fc.constantFrom("monthly", "quarterly"),
  amount,
  startMonth: fc.integer({ min: 1, max: 12 }),
  // ramps whose shares terminate within the 10 decimals an amount may carry
  rampMonths: fc.constantFrom(0, 2, 4, 5),
  realisation: fc.constantFrom("1", "0.8", "0.5"),
  margin: fc.constantFrom("1", "0.5", "0.25"),
});
const arb = fc.record({
  costs: fc.array(costLine, { minLength: 1, maxLength: 4 }),
  benefits: fc.array(benefitLine, { minLength: 1, maxLength: 4 }),
  through: fc.integer({ min: 0, max: 24 }),
});
const runs = { numRuns: 50, seed: 20261129 };
const close = (a: string | null, b: string | null) => {
  if (a === null || b === null) return a === b;
  const x = new Decimal(a);
  const y = new Decimal(b);
  return x
    .minus(y)
    .abs()
    .lte(Decimal.max(x.abs(), y.abs(), 1).times("1e-25"));
};

describe("realisation properties", { timeout: 60_000 }, () => {
  it("a forecast whose actuals equal the plan (no risk adjustment) has the plan's metrics and months", () => {
    fc.assert(
      fc.property(arb, ({ costs, benefits, through }) => {
        // First the plan, then each line's planned months 0..A recorded as its actuals (in the
        // amount's terms: the planned benefit divided by its margin, which the engine applies again).
        const plain = caseFile({ horizonMonths: 24, scenarios: [{ key: "a", name: "A", costs, benefits }] as never });
        const planOut = computeCase(
          caseFile({
            horizonMonths: 24,
            actualsThrough: through,
            scenarios: [{ key: "a", name: "A", costs, benefits }] as never,
          }),
        );
        const lineMonths = (kind: "cost" | "benefit", j: number) => {
          const one = {
            ...plain,
            scenarios: [
              {
                key: "a",
                name: "A",
                costs: kind === "cost" ? [costs[j]] : [],
                benefits: kind === "benefit" ? [benefits[j]] : [],
              },
            ],
          } as never;
          return computeCase(one).scenarios[0]!.months.map((m) => (kind === "cost" ? m.cost : m.benefit));
        };
        const withActuals = (kind: "cost" | "benefit", lines: object[]) =>
          lines.map((l, j) => {
            const months = lineMonths(kind, j);
            const actuals: Record<string, string> = {};
            for (let m = 0; m <= through; m++)
              if (months[m] !== "0")
                actuals[String(m)] = new Decimal(months[m]!).div((l as { margin?: string }).margin ?? "1").toString();
            return { ...l, actuals };
          });
        const out = computeCase(
          caseFile({
            horizonMonths: 24,
            actualsThrough: through,
            scenarios: [
              { key: "a", name: "A", costs: withActuals("cost", costs), benefits: withActuals("benefit", benefits) },
            ] as never,
          }),
        );
        const plan = planOut.scenarios[0]!;
        const f = out.realisation!.forecast;
        for (const k of [
          "totalCost",
          "totalBenefit",
          "npv",
          "roi",
          "irr",
          "paybackMonths",
          "discountedPaybackMonths",
        ] as const) {
          if (!close(f[k], plan[k])) throw new Error(`${k}: ${f[k]} vs ${plan[k]}`);
        }
        f.months.forEach((m, i) => {
          if (!close(m.net, plan.months[i]!.net)) throw new Error(`month ${i}: ${m.net} vs ${plan.months[i]!.net}`);
        });
        const v = out.realisation!.variance;
        return close(v.cost, "0") && close(v.benefit, "0");
      }),
      runs,
    );
  });

  it("no actuals recorded: realised ROI is null; zero benefits against some cost: -100 %", () => {
    fc.assert(
      fc.property(arb, ({ costs, benefits, through }) => {
        const none = computeCase(
          caseFile({
            horizonMonths: 24,
            actualsThrough: through,
            scenarios: [{ key: "a", name: "A", costs, benefits }] as never,
          }),
        ).realisation!;
        if (none.realisedRoi !== null || none.actualToDate.cost !== "0" || none.actualToDate.benefit !== "0")
          return false;
        if (none.lines.some((l) => l.recorded)) return false;
        const zeros = { "0": "0" };
        const spent = computeCase(
          caseFile({
            horizonMonths: 24,
            actualsThrough: through,
            scenarios: [
              {
                key: "a",
                name: "A",
                costs: costs.map((c, i) => ({ ...c, actuals: i === 0 ? { "0": c.amount } : zeros })),
                benefits: benefits.map((b) => ({ ...b, actuals: zeros })),
              },
            ] as never,
          }),
        ).realisation!;
        return spent.realisedRoi === "-1" && spent.lines.every((l) => l.recorded);
      }),
      runs,
    );
  });

  it("months beyond actualsThrough are refused by the schema", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 1, max: 24 }), (through, ahead) => {
        const month = Math.min(24, through + ahead);
        const r = parseCaseFile({
          format: "caseboard/v1",
          name: "x",
          currency: "SEK",
          startMonth: "2027-01",
          horizonMonths: 24,
          discountRate: "0.1",
          actualsThrough: through,
          scenarios: [
            {
              key: "a",
              name: "A",
              costs: [{ name: "c", category: "software", amount: "1", month: 0, actuals: { [String(month)]: "1" } }],
            },
          ],
        });
        return !r.ok && r.issues.some((i) => i.path === `scenarios[0].costs[0].actuals.${month}`);
      }),
      runs,
    );
  });
});
