import { readFileSync } from "node:fs";
import path from "node:path";
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { parseCaseFile } from "@/lib/case-file/parse";
import { computeCase } from "@/lib/finance/compute";
import { rampFactor } from "@/lib/finance/expand";
import { caseFile } from "../../helpers/case";

const months = (out: ReturnType<typeof computeCase>, key = "a", field: "cost" | "benefit" = "cost") =>
  out.scenarios.find((s) => s.key === key)!.months.map((m) => m[field]);
const nonZero = (values: string[]) => values.map((v, m) => [m, v] as const).filter(([, v]) => v !== "0");
const one = (costs: object[], benefits: object[] = [], extra: object = {}) =>
  computeCase(caseFile({ scenarios: [{ key: "a", name: "A", costs, benefits }] as never, ...extra }));

describe("line expansion (docs/finance.md#lines)", () => {
  it("puts a one-time amount in its month; month 0 is undiscounted", () => {
    const out = one([{ name: "x", category: "hardware", amount: "1000", month: 0 }]);
    expect(nonZero(months(out))).toEqual([[0, "1000"]]);
    expect(out.scenarios[0]!.pvCost).toBe("1000");
  });

  it("annual from 12 to 36 falls in months 12, 24 and 36; quarterly 3 to 12 in 3, 6, 9, 12", () => {
    const out = one([
      { name: "annual", category: "software", recurring: "annual", amount: "100", startMonth: 12, endMonth: 36 },
      { name: "quarterly", category: "software", recurring: "quarterly", amount: "1", startMonth: 3, endMonth: 12 },
    ]);
    expect(nonZero(months(out))).toEqual([
      [3, "1"],
      [6, "1"],
      [9, "1"],
      [12, "101"],
      [24, "100"],
      [36, "100"],
    ]);
  });

  it("escalates per whole year since the line's start: 1000 at 10 % gives 1000, 1100, 1210", () => {
    const out = one([
      {
        name: "x",
        category: "software",
        recurring: "annual",
        amount: "1000",
        startMonth: 12,
        endMonth: 36,
        escalation: "0.10",
      },
    ]);
    expect(nonZero(months(out))).toEqual([
      [12, "1000"],
      [24, "1100"],
      [36, "1210"],
    ]);
    const monthly = one([
      {
        name: "m",
        category: "software",
        recurring: "monthly",
        amount: "100",
        startMonth: 1,
        endMonth: 25,
        escalation: "0.5",
      },
    ]);
    const m = months(monthly);
    expect([m[1], m[12], m[13], m[24], m[25]]).toEqual(["100", "100", "150", "150", "225"]);
  });

  it("takes explicit schedules and labour lines (hours x rate x people)", () => {
    const out = one([
      { name: "s", category: "other", schedule: { "0": "1000", "12": "2000" } },
      { name: "l", category: "training", labour: { hours: "20", rate: "450", people: "12" }, month: 3 },
    ]);
    expect(nonZero(months(out))).toEqual([
      [0, "1000"],
      [3, "108000"],
      [12, "2000"],
    ]);
  });

  it("ramps benefits linearly, by step and along an s-curve reaching 1 at R", () => {
    expect(rampFactor(1, 4, "linear").toString()).toBe("0.25");
    expect(rampFactor(4, 4, "linear").toString()).toBe("1");
    expect(rampFactor(3, 4, "step").toString()).toBe("0");
    expect(rampFactor(4, 4, "step").toString()).toBe("1");
    expect(rampFactor(2, 4, "s-curve").toString()).toBe("0.5");
    expect(rampFactor(1, 4, "s-curve").lt(rampFactor(1, 4, "linear"))).toBe(true);
    const out = one(
      [],
      [
        {
          name: "b",
          category: "productivity",
          recurring: "monthly",
          amount: "600",
          startMonth: 4,
          endMonth: 12,
          rampMonths: 3,
        },
      ],
    );
    const b = months(out, "a", "benefit");
    expect([b[3], b[4], b[5], b[6], b[7]]).toEqual(["0", "200", "400", "600", "600"]);
  });

  it("applies realisation and revenue margin, and risk adjustment down for benefits, up for costs", () => {
    const out = one(
      [{ name: "c", category: "software", amount: "1000", month: 0, riskAdjustment: "0.10" }],
      [
        {
          name: "r",
          category: "revenue",
          amount: "1000",
          month: 12,
          margin: "0.35",
          realisation: "0.5",
          riskAdjustment: "0.2",
        },
      ],
    );
    const s = out.scenarios[0]!;
    expect(s.totalCost).toBe("1100");
    expect(s.unadjusted.totalCost).toBe("1000");
    expect(s.totalBenefit).toBe("140");
    expect(s.unadjusted.totalBenefit).toBe("175");
  });

  it("lists intangible benefits with their KPI and gives them no money", () => {
    const out = one(
      [{ name: "c", category: "software", amount: "10", month: 0 }],
      [{ name: "Insight", tangible: false, kpi: "CSAT" }],
      {
        kpis: [{ name: "CSAT", baseline: "70", target: "80" }],
      },
    );
    const line = out.scenarios[0]!.lines.find((l) => l.kind === "benefit")!;
    expect(line).toMatchObject({ name: "Insight", tangible: false, kpi: "CSAT", total: "0" });
    expect(out.scenarios[0]!.totalBenefit).toBe("0");
  });

  it("adds the expected cost of included risks to risk-adjusted costs only", () => {
    const out = one([{ name: "c", category: "software", amount: "1000", month: 0 }], [], {
      risks: [
        {
          title: "r",
          likelihood: 3,
          impact: 3,
          probability: "0.25",
          costImpact: "400",
          includeInCosts: true,
          month: 2,
        },
      ],
    });
    expect(out.scenarios[0]!.totalCost).toBe("1100");
    expect(out.scenarios[0]!.unadjusted.totalCost).toBe("1000");
    expect(out.scenarios[0]!.months[2]!.cost).toBe("100");
  });
});

describe("metrics (docs/finance.md#metrics-of-a-scenario)", () => {
  it("seed 001: a gain of 100,000 on a cost of 20,000 is an ROI of 4", () => {
    const out = one(
      [{ name: "CRM", category: "software", amount: "20000", month: 0 }],
      [{ name: "Sales", category: "revenue", amount: "120000", month: 12 }],
    );
    expect(out.scenarios[0]!.roi).toBe("5");
    const gain = one(
      [{ name: "CRM", category: "software", amount: "20000", month: 0 }],
      [{ name: "Sales", category: "revenue", amount: "100000", month: 12 }],
    );
    // ROI = (benefit - cost) / cost: (100,000 - 20,000) / 20,000 = 4
    expect(gain.scenarios[0]!.roi).toBe("4");
  });

  it("seed 003: 30 % a year pays back in a little over three years", () => {
    const out = one(
      [{ name: "CRM", category: "software", amount: "100000", month: 0 }],
      [{ name: "Profit", category: "productivity", recurring: "monthly", amount: "2500", startMonth: 1, endMonth: 60 }],
      { horizonMonths: 60 },
    );
    const s = out.scenarios[0]!;
    expect(s.annualisedRoi).toBe("0.1"); // (150,000 - 100,000) / 5 years / 100,000
    expect(new Decimal(s.paybackMonths!).div(12).toFixed(2)).toBe("3.33");
  });

  it("discounts month m by (1 + r)^(-m/12) and interpolates payback inside the month", () => {
    const out = one(
      [{ name: "c", category: "software", amount: "1000", month: 0 }],
      [{ name: "b", category: "productivity", amount: "1210", month: 24 }],
    );
    const s = out.scenarios[0]!;
    expect(new Decimal(s.months[12]!.discountFactor).toFixed(30)).toBe(
      new (Decimal.clone({ precision: 50 }))(1).div("1.1").toFixed(30),
    );
    expect(new Decimal(s.pvBenefit).toFixed(20)).toBe("1000.00000000000000000000");
    expect(new Decimal(s.npv).abs().lt("1e-25")).toBe(true);
    expect(new Decimal(s.irr!).toFixed(20)).toBe("0.10000000000000000000");
    expect(new Decimal(s.paybackMonths!).toFixed(18)).toBe(
      new Decimal(23).plus(new Decimal(1000).div(1210)).toFixed(18),
    );
    expect(s.benefitCostRatio).not.toBeNull();
  });

  it("gives IRR none with a reason where there is no sign change, and null paybacks when never", () => {
    const out = one([{ name: "c", category: "software", amount: "1000", month: 0 }]);
    const s = out.scenarios[0]!;
    expect(s.irr).toBeNull();
    expect(s.irrNote).toBe("no-sign-change");
    expect(s.paybackMonths).toBeNull();
    expect(s.mirr).toBeNull();
  });

  it("flags several IRR roots and reports the one nearest the discount rate", () => {
    // -100, +230, -132 over two years: roots at 10 % and 20 % a year.
    const out = one(
      [{ name: "a", category: "other", schedule: { "0": "100", "24": "132" } }],
      [{ name: "b", category: "other", amount: "230", month: 12 }],
      { discountRate: "0.12" },
    );
    const s = out.scenarios[0]!;
    expect(s.irrNote).toBe("several-roots");
    expect(new Decimal(s.irr!).toFixed(12)).toBe("0.100000000000");
  });

  it("builds yearly tables: year 0 is month 0, year k sums months 12k-11 .. 12k", () => {
    const out = one([
      { name: "m", category: "software", recurring: "monthly", amount: "10", startMonth: 0, endMonth: 30 },
    ]);
    expect(out.scenarios[0]!.years.map((y) => y.cost)).toEqual(["10", "120", "120", "60"]);
    const line = out.scenarios[0]!.lines[0]!;
    expect(line.years).toEqual(["10", "120", "120", "60"]);
  });

  it("compares each alternative with the baseline on incremental flows", () => {
    const out = computeCase(
      caseFile({
        scenarios: [
          {
            key: "old",
            name: "Old",
            baseline: true,
            costs: [
              {
                name: "licence",
                category: "software",
                recurring: "annual",
                amount: "100",
                startMonth: 12,
                endMonth: 36,
              },
            ],
          },
          {
            key: "new",
            name: "New",
            costs: [
              { name: "project", category: "implementation-labour", amount: "150", month: 0 },
              {
                name: "licence",
                category: "software",
                recurring: "annual",
                amount: "50",
                startMonth: 12,
                endMonth: 36,
              },
            ],
          },
        ] as never,
      }),
    );
    const cmp = out.comparisons[0]!;
    expect(cmp).toMatchObject({ baseline: "old", alternative: "new", totalCost: "0" });
    expect(cmp.months.map((m) => m.cost).filter((c) => c !== "0")).toEqual(["150", "-50", "-50", "-50"]);
    expect(cmp.roi).toBeNull(); // no incremental investment over the horizon
    expect(cmp.paybackMonths).toBe("36");
  });
});

describe("published examples", () => {
  // Forrester, "The Total Economic Impact of SalesLoft" (2019), Financial Summary, Cash Flow Table
  // (risk-adjusted), 10 % discount rate: total costs ($53,150) initial, ($666,715), ($636,772),
  // ($647,783); PV ($1,672,201). Total benefits $0, $1,606,511, $3,061,331, $4,229,760; PV
  // $7,168,371. NPV $5,496,170; ROI 329 %. TEI puts year k's flows at its end: months 12k.
  it("reproduces a Forrester TEI three-year risk-adjusted table", () => {
    const tei = JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, "../../fixtures/cases/forrester-tei-salesloft.json"), "utf8"),
    );
    const parsed = parseCaseFile(tei);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const s = computeCase(parsed.value).scenarios[0]!;
    expect(new Decimal(s.pvCost).toFixed(0)).toBe("1672201");
    expect(new Decimal(s.pvBenefit).toFixed(0)).toBe("7168371");
    expect(new Decimal(s.npv).toFixed(0)).toBe("5496170");
    expect(new Decimal(s.discountedRoi!).times(100).toFixed(0)).toBe("329");
    expect(s.totalCost).toBe("2004420");
    expect(s.totalBenefit).toBe("8897602");
  });
});

describe("health checks", () => {
  it("carry an id, a status and the numbers in the message", () => {
    const demo = JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, "../../fixtures/cases/demo-crm-upgrade.json"), "utf8"),
    );
    const parsed = parseCaseFile(demo);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const checks = computeCase(parsed.value).checks;
    expect(checks.map((c) => c.id)).toEqual([
      "benefit-cost-ratio",
      "payback-12-months",
      "deployment-6-months",
      "business-vs-it-costs",
      "maintenance-share",
      "intangibles-have-kpis",
      "high-risks-mitigated",
      "baseline-exists",
    ]);
    for (const c of checks) expect(["pass", "warn"]).toContain(c.status);
    expect(checks[0]!.message).toMatch(/\d/);
  });

  it("warn when an intangible benefit has no KPI and a high risk has no owner", () => {
    const out = one(
      [{ name: "c", category: "software", amount: "10", month: 0 }],
      [{ name: "Insight", tangible: false }],
      {
        risks: [{ title: "Big", likelihood: 5, impact: 4 }],
      },
    );
    const byId = Object.fromEntries(out.checks.map((c) => [c.id, c.status]));
    expect(byId["intangibles-have-kpis"]).toBe("warn");
    expect(byId["high-risks-mitigated"]).toBe("warn");
  });
});

describe("uncertainty", () => {
  const demo = () => {
    const parsed = parseCaseFile(
      JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../fixtures/cases/demo-crm-upgrade.json"), "utf8")),
    );
    if (!parsed.ok) throw new Error("demo case invalid");
    return parsed.value;
  };

  it("tornado: each bar moves NPV by the line's PV times the percentage, sorted by swing, same from a cached output", async () => {
    const { tornado } = await import("@/lib/finance/uncertainty");
    const file = demo();
    const out = computeCase(file);
    const t = tornado(file, { percent: "0.1", scenarioKey: "upgrade" });
    expect(tornado(file, { percent: "0.1", scenarioKey: "upgrade", output: out }).bars).toEqual(t.bars);
    const upgrade = out.scenarios.find((s) => s.key === "upgrade")!;
    expect(t.npv).toBe(upgrade.npv);
    const swings = t.bars.map((b) => new Decimal(b.swing));
    for (let i = 1; i < swings.length; i++) expect(swings[i - 1]!.gte(swings[i]!)).toBe(true);
    const top = t.bars[0]!;
    const line = upgrade.lines.find((l) => l.kind === top.kind && l.index === top.index)!;
    expect(new Decimal(top.swing).div(new Decimal(line.pv).times("0.2")).minus(1).abs().lt("1e-15")).toBe(true);
  });

  it("break-even: changing the line by the answer brings NPV to zero", async () => {
    const { breakEven } = await import("@/lib/finance/uncertainty");
    const file = demo();
    const be = breakEven(file, { scenarioKey: "upgrade", kind: "benefit", index: 1 });
    expect(be.change).not.toBeNull();
    const line = file.scenarios[1]!.benefits[1]!;
    const changed = structuredClone(file);
    changed.scenarios[1]!.benefits[1] = {
      ...line,
      amount: new Decimal(line.amount!).times(new Decimal(1).plus(be.change!)).toString(),
    };
    const npv = computeCase(changed).scenarios[1]!.npv;
    expect(new Decimal(npv).abs().lt("1e-6")).toBe(true);
  });

  it("Monte Carlo: same seed, same result; percentiles ordered; says it samples in float64", async () => {
    const { simulate } = await import("@/lib/finance/uncertainty");
    const a = simulate(demo(), { iterations: 3000, seed: 11 });
    expect(simulate(demo(), { iterations: 3000, seed: 11 })).toEqual(a);
    expect(simulate(demo(), { iterations: 3000, seed: 12 })).not.toEqual(a);
    expect(Number(a.npv.p10)).toBeLessThanOrEqual(Number(a.npv.p50));
    expect(Number(a.npv.p50)).toBeLessThanOrEqual(Number(a.npv.p90));
    expect(a.uncertainLines).toBeGreaterThan(3);
    expect(a.method).toMatch(/Float64Array/);
    const p = Number(a.probabilityNpvPositive);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
  });
});
