// Currencies (docs/currencies.md): hand-computed cases of the conversion month by month, and the
// validation of the rate tables by path.
import { describe, expect, it } from "vitest";
import { parseCaseFile } from "@/lib/case-file/parse";
import type { CaseFile } from "@/lib/case-file/schema";
import { computeCase } from "@/lib/finance/compute";
import { D } from "@/lib/finance/decimal";
import { convertSeries, convertTerms, rateAt, rateSteps, splitTerm } from "@/lib/finance/fx";
import { caseFile } from "../../helpers/case";

const nonZero = (values: string[]) => values.map((v, m) => [m, v] as const).filter(([, v]) => v !== "0");
const costs = (out: ReturnType<typeof computeCase>, key = "a") =>
  out.scenarios.find((s) => s.key === key)!.months.map((m) => m.cost);
const benefits = (out: ReturnType<typeof computeCase>, key = "a") =>
  out.scenarios.find((s) => s.key === key)!.months.map((m) => m.benefit);
const one = (lines: { costs?: object[]; benefits?: object[] }, extra: object = {}) =>
  computeCase(
    caseFile({
      scenarios: [{ key: "a", name: "A", costs: lines.costs ?? [], benefits: lines.benefits ?? [] }] as never,
      ...extra,
    }),
  );

describe("rate steps", () => {
  const steps = rateSteps("USD", [
    { from: 0, rate: "10" },
    { from: 13, rate: "11" },
    { from: 25, rate: "12" },
  ]);
  it("finds the rate in force at a month", () => {
    expect([0, 1, 12, 13, 24, 25, 120].map((m) => rateAt(steps, m).toString())).toEqual([
      "10",
      "10",
      "10",
      "11",
      "11",
      "12",
      "12",
    ]);
  });
  it("splits a run where the rate changes, keeping its cadence", () => {
    const pieces = splitTerm({ start: 3, end: 36, step: 3, value: new D(1) }, steps).map((p) => [
      p.term.start,
      p.term.end,
      p.step,
    ]);
    expect(pieces).toEqual([
      [3, 12, 0],
      [15, 24, 1],
      [27, 36, 2],
    ]);
    // An annual run from 12 has no occurrence in 13..23 other than 24.
    const annual = convertTerms([{ start: 12, end: 36, step: 12, value: new D(100) }], steps);
    expect(annual.map((t) => [t.start, t.end, t.value.toString()])).toEqual([
      [12, 12, "1000"],
      [24, 24, "1100"],
      [36, 36, "1200"],
    ]);
  });
});

describe("conversion month by month (hand-computed)", () => {
  const fx = {
    fx: {
      USD: [
        { from: 0, rate: "10" },
        { from: 13, rate: "11" },
      ],
    },
  };

  it("step rates: 100 USD a month, 10 SEK until month 12, 11 SEK from 13", () => {
    const out = one(
      { costs: [{ name: "Licences", category: "software", currency: "USD", recurring: "monthly", amount: "100" }] },
      { ...fx, horizonMonths: 24 },
    );
    const c = costs(out);
    expect(c.slice(1, 13).every((v) => v === "1000")).toBe(true);
    expect(c.slice(13, 25).every((v) => v === "1100")).toBe(true);
    expect(out.scenarios[0]!.totalCost).toBe("25200"); // 12 x 1000 + 12 x 1100
    expect(out.scenarios[0]!.lines[0]!.total).toBe("25200");
    expect(out.scenarios[0]!.lines[0]!.years).toEqual(["0", "12000", "13200"]);
    // PV: each month's SEK at its discount factor.
    const df = out.scenarios[0]!.months.map((m) => new D(m.discountFactor));
    let pv = new D(0);
    for (let m = 1; m <= 24; m++) pv = pv.plus(new D(m <= 12 ? 1000 : 1100).times(df[m]!));
    expect(new D(out.scenarios[0]!.pvCost).minus(pv).abs().lt("1e-30")).toBe(true);
  });

  it("escalation in the line's currency, then converted: 1000 USD +10 % a year at 10, 10 and 12", () => {
    const out = one(
      {
        costs: [
          {
            name: "Support",
            category: "software",
            currency: "USD",
            recurring: "annual",
            amount: "1000",
            startMonth: 12,
            endMonth: 36,
            escalation: "0.10",
          },
        ],
      },
      {
        fx: {
          USD: [
            { from: 0, rate: "10" },
            { from: 24, rate: "12" },
          ],
        },
      },
    );
    // USD 1000, 1100, 1210 -> SEK 10000, 13200, 14520
    expect(nonZero(costs(out))).toEqual([
      [12, "10000"],
      [24, "13200"],
      [36, "14520"],
    ]);
    expect(out.scenarios[0]!.totalCost).toBe("37720");
  });

  it("risk adjustment applies to the converted flow: 1000 USD + 10 % at 10.45 = 11495", () => {
    const out = one(
      {
        costs: [
          {
            name: "Implementation",
            category: "implementation-labour",
            currency: "USD",
            amount: "1000",
            month: 0,
            riskAdjustment: "0.10",
          },
        ],
      },
      { fx: { USD: [{ from: 0, rate: "10.45" }] } },
    );
    expect(out.scenarios[0]!.totalCost).toBe("11495");
    expect(out.scenarios[0]!.unadjusted.totalCost).toBe("10450");
    expect(out.scenarios[0]!.lines[0]!.totalUnadjusted).toBe("10450");
  });

  it("revenue at its margin and realisation, converted: 1000 EUR x 0.35 x 0.9 at 11.5", () => {
    const out = one(
      {
        benefits: [
          {
            name: "Win rate",
            category: "revenue",
            currency: "EUR",
            recurring: "monthly",
            amount: "1000",
            startMonth: 1,
            endMonth: 3,
            margin: "0.35",
            realisation: "0.9",
            riskAdjustment: "0.2",
          },
        ],
      },
      { fx: { EUR: [{ from: 0, rate: "11.5" }] } },
    );
    // 1000 x 0.35 x 0.9 = 315 EUR = 3622.5 SEK; risk-adjusted x 0.8 = 2898
    expect(nonZero(benefits(out))).toEqual([
      [1, "2898"],
      [2, "2898"],
      [3, "2898"],
    ]);
    expect(out.scenarios[0]!.unadjusted.totalBenefit).toBe("10867.5");
  });

  it("a scheduled line and a labour line convert each month at its rate", () => {
    const out = one(
      {
        costs: [
          { name: "Table", category: "other", currency: "USD", schedule: { "0": "100", "13": "200" } },
          {
            name: "Consultants",
            category: "implementation-labour",
            currency: "USD",
            labour: { hours: "10", rate: "150", people: "2" },
            month: 14,
          },
        ],
      },
      fx,
    );
    expect(nonZero(costs(out))).toEqual([
      [0, "1000"],
      [13, "2200"],
      [14, "33000"],
    ]);
  });

  it("the comparison is computed on converted flows: SEK baseline against a USD alternative", () => {
    const out = computeCase(
      caseFile({
        ...fx,
        scenarios: [
          {
            key: "current",
            name: "Current",
            baseline: true,
            costs: [{ name: "Old licence", category: "software", amount: "12000", month: 12 }],
          },
          {
            key: "new",
            name: "New",
            costs: [{ name: "New licence", category: "software", currency: "USD", amount: "1000", month: 12 }],
          },
        ] as never,
      }),
    );
    const cmp = out.comparisons[0]!;
    expect(cmp.totalCost).toBe("-2000"); // 10,000 SEK - 12,000 SEK
    expect(cmp.months[12]!.cost).toBe("-2000");
  });

  it("a line in the case's own currency, or a case without rates, computes as before", () => {
    const plain = one({ costs: [{ name: "x", category: "software", recurring: "monthly", amount: "100" }] });
    const same = one(
      { costs: [{ name: "x", category: "software", currency: "SEK", recurring: "monthly", amount: "100" }] },
      fx,
    );
    expect(same.scenarios[0]!.npv).toBe(plain.scenarios[0]!.npv);
    expect(same.scenarios[0]!.months).toEqual(plain.scenarios[0]!.months);
  });

  it("a new rate table recomputes lines the engine has already seen", () => {
    const file = caseFile({
      ...fx,
      scenarios: [
        {
          key: "a",
          name: "A",
          costs: [{ name: "x", category: "software", currency: "USD", amount: "100", month: 13 }],
        },
      ] as never,
    });
    expect(computeCase(file).scenarios[0]!.totalCost).toBe("1100");
    const moved: CaseFile = {
      ...file,
      fx: {
        USD: [
          { from: 0, rate: "10" },
          { from: 13, rate: "11.2" },
        ],
      },
    };
    expect(computeCase(moved).scenarios[0]!.totalCost).toBe("1120");
    expect(computeCase(file).scenarios[0]!.totalCost).toBe("1100");
  });
});

describe("validation of rates (by path)", () => {
  const base = {
    format: "caseboard/v1",
    name: "x",
    currency: "SEK",
    startMonth: "2027-01",
    horizonMonths: 36,
    discountRate: "0.1",
  };
  const problems = (extra: object, costs: object[] = []) => {
    const r = parseCaseFile({ ...base, ...extra, scenarios: [{ key: "a", name: "A", costs }] });
    return r.ok ? [] : r.issues;
  };

  it("a flow in a currency without a rate names the line and the month", () => {
    const issues = problems({}, [
      { name: "Licences", category: "software", currency: "USD", recurring: "monthly", amount: "4200", startMonth: 3 },
    ]);
    expect(issues).toEqual([
      {
        path: "scenarios[0].costs[0].currency",
        message: expect.stringMatching(/"Licences".*USD.*month 3.*no USD rate/),
      },
    ]);
  });

  it("refuses bad tables with every problem by path", () => {
    const issues = problems(
      {
        actualsThrough: 2,
        fx: {
          USD: [
            { from: 1, rate: "10" },
            { from: 1, rate: "-2" },
            { from: 40, rate: "11" },
          ],
          eur: [{ from: 0, rate: "11" }],
          SEK: [{ from: 0, rate: "1" }],
          NOK: [{ from: 0, rate: "1", low: "2" }],
        },
        fxActuals: { USD: { "3": "10", x: "1" }, EUR: { "1": "0" } },
      },
      [],
    ).map((i) => i.path);
    expect(issues).toEqual(expect.arrayContaining(["fx.USD[1].rate", "fx.eur", "fxActuals.USD.x", "fxActuals.EUR.1"]));
    // Cross-field rules run once the types are right.
    const cross = problems(
      {
        actualsThrough: 2,
        fx: {
          USD: [
            { from: 1, rate: "10" },
            { from: 1, rate: "12" },
            { from: 40, rate: "11" },
          ],
          SEK: [{ from: 0, rate: "1" }],
          NOK: [{ from: 0, rate: "1", low: "2" }],
        },
        fxActuals: { USD: { "3": "10" } },
      },
      [],
    ).map((i) => i.path);
    expect(cross).toEqual(
      expect.arrayContaining([
        "fx.USD[0].from",
        "fx.USD[1].from",
        "fx.USD[2].from",
        "fx.SEK",
        "fx.NOK[0].low",
        "fxActuals.USD.3",
      ]),
    );
  });

  it("accepts the spec's example", () => {
    expect(
      problems(
        {
          fx: {
            USD: [
              { from: 0, rate: "10.45" },
              { from: 13, rate: "10.80" },
            ],
          },
          actualsThrough: 2,
          fxActuals: { USD: { "1": "10.52", "2": "10.61" } },
        },
        [
          {
            name: "Licences",
            category: "software",
            currency: "USD",
            recurring: "monthly",
            amount: "4200",
            startMonth: 1,
            endMonth: 36,
          },
        ],
      ),
    ).toEqual([]);
  });
});

describe("a case's series in the workspace's reporting currency", () => {
  it("converts each case month at the workspace's calendar-dated rate", () => {
    const series = [new D(100), new D(100), new D(0), new D(100)];
    const out = convertSeries(
      series,
      { currency: "USD", startMonth: "2027-11" },
      {
        currency: "SEK",
        rates: {
          USD: [
            { from: "2028-01", rate: "11" },
            { from: "2020-01", rate: "10" },
          ],
        },
      },
    );
    // Months 0 and 1 are 2027-11, month 2 is 2027-12 (zero), month 3 is 2028-01: at 10, 10, -, 11
    expect(out.map(String)).toEqual(["1000", "1000", "0", "1100"]);
    expect(() =>
      convertSeries(series, { currency: "EUR", startMonth: "2027-01" }, { currency: "SEK", rates: {} }),
    ).toThrow(/no EUR rate/);
    expect(
      convertSeries(series, { currency: "SEK", startMonth: "2027-01" }, { currency: "SEK", rates: {} }).map(String),
    ).toEqual(["100", "100", "0", "100"]);
  });
});
