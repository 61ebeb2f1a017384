// The workbook's formulas, recalculated by a real spreadsheet engine (LibreOffice headless), give
// the engine's figures: every Figures cell equals the compute output (1e-6 relative, IRR 1e-6
// absolute, empty where the output says null); the people's Summary shows the Figures' values (a
// reason where a figure is empty) and each yearly sheet's totals are the flows' sums of the year. The workbooks are written WITHOUT cached values,
// so every number LibreOffice prints comes from the formulas over the visible inputs.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCaseFile, parseCaseFileText } from "@/lib/case-file/parse";
import type { CaseFile } from "@/lib/case-file/schema";
import { computeCase } from "@/lib/finance/compute";
import type { Metrics } from "@/lib/finance/types";
import { ACTUALS_COLUMNS, REALISATION_HEADER, SUMMARY_COLUMNS, workbookBuffer } from "@/lib/xlsx/export";
import { translator, yearRanges } from "@/lib/xlsx/people";
import { csvNumber, expectMetricsSheet, recalculate } from "../helpers/libreoffice";

const root = path.resolve(import.meta.dirname, "../..");
function load(name: string): CaseFile {
  const parsed = parseCaseFileText(readFileSync(path.join(root, "tests/fixtures/cases", name), "utf8"));
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}

async function compare(file: CaseFile, results: boolean) {
  const output = computeCase(file);
  const sheets = await recalculate(await workbookBuffer(file, output, { results }));
  const expected: [string, Metrics][] = [
    ...output.scenarios.map((s) => [s.key, s] as [string, Metrics]),
    ...output.comparisons.map((c) => [`${c.alternative}-vs-${c.baseline}`, c] as [string, Metrics]),
  ];
  const compared = expectMetricsSheet(sheets.get("Figures"), expected);
  peopleSeeTheFigures(file, sheets, expected.length);
  return { output, sheets, compared };
}

// Summary (for people): row 5 heads one column a stream, rows 6.. the metrics in the Figures'
// column order, each the Figures cell's value after recalculation, or a reason where it is empty.
// Each "<key> years" sheet: the totals of a year equal the sum of that year's months of the flows
// sheet's cost and benefit rows.
function peopleSeeTheFigures(file: CaseFile, sheets: Map<string, string[][]>, streams: number) {
  const figures = sheets.get("Figures")!;
  const people = sheets.get("Summary")!;
  const tr = translator(file.locale ?? "en");
  expect(people[0]![0]).toBe(file.name);
  expect(people[4]![0]).toBe(tr("workbook.figure"));
  SUMMARY_COLUMNS.slice(1).forEach((column, m) => {
    const row = people[5 + m]!;
    expect(row[0]).toBe(tr(`workbook.${column}`));
    for (let j = 0; j < streams; j++) {
      const want = csvNumber(figures[j + 1]![m + 1]!);
      const got = row[j + 1]!;
      const where = `Summary ${column} of ${figures[j + 1]![0]}: ${got}, Figures ${want}`;
      if (want === null) expect(got.length, where).toBeGreaterThan(3);
      else expect(Math.abs(csvNumber(got)! - want), where).toBeLessThanOrEqual(Math.max(1e-9 * Math.abs(want), 1e-9));
    }
  });
  const years = yearRanges(file.horizonMonths);
  // The Summary's yearly blocks, one per stream in the Figures' order: the cumulative net at the
  // last year is the stream's net benefit, and the years' costs add up to its total cost.
  const cumulative = people.filter((r) => r[0] === tr("workbook.cumulative"));
  const costs = people.filter((r) => r[0] === tr("workbook.cost"));
  expect(cumulative.length).toBe(streams);
  for (let j = 0; j < streams; j++) {
    const net = csvNumber(figures[j + 1]![SUMMARY_COLUMNS.indexOf("netBenefit")]!)!;
    const total = csvNumber(figures[j + 1]![SUMMARY_COLUMNS.indexOf("totalCost")]!)!;
    expect(Math.abs(csvNumber(cumulative[j]![years.length]!)! - net)).toBeLessThanOrEqual(
      Math.max(1e-9 * Math.abs(net), 1e-6),
    );
    const yearly = costs[j]!.slice(1, years.length + 1).reduce((a, v) => a + (csvNumber(v) ?? 0), 0);
    expect(Math.abs(yearly - total)).toBeLessThanOrEqual(Math.max(1e-9 * Math.abs(total), 1e-6));
  }
  for (const scenario of file.scenarios) {
    const sheet = sheets.get(`${scenario.key} years`)!;
    const flows = sheets.get(`${scenario.key} flows`)!;
    const stream = (label: string) =>
      flows
        .find((r) => r[0] === "" && r[1] === label)!
        .slice(12)
        .map((v) => csvNumber(v) ?? 0);
    const total = (label: string) =>
      sheet
        .find((r) => r[0] === label)!
        .slice(3)
        .map((v) => csvNumber(v) ?? 0);
    for (const [label, row] of [
      [tr("workbook.totalCosts"), "cost"],
      [tr("workbook.totalBenefits"), "benefit"],
    ] as const) {
      const months = stream(row);
      const got = total(label);
      expect(got.length).toBe(years.length);
      years.forEach(([a, b], k) => {
        const want = months.slice(a, b + 1).reduce((x, y) => x + y, 0);
        expect(Math.abs(got[k]! - want), `${scenario.key} years ${label} year ${k}`).toBeLessThanOrEqual(
          Math.max(1e-9 * Math.abs(want), 1e-6),
        );
      });
    }
  }
}

describe("the workbook recalculated by LibreOffice", () => {
  it("reproduces every figure of the demo case", async () => {
    const { compared } = await compare(load("demo-crm-upgrade.json"), false);
    expect(compared).toBeGreaterThan(25);
  });

  it("reproduces the Forrester TEI reproduction", async () => {
    const { output, compared } = await compare(load("forrester-tei-salesloft.json"), false);
    expect(compared).toBe(11);
    expect(output.scenarios[0]!.irr).not.toBeNull();
  });

  it("reproduces a case with every timing option, ramp curve, labour, escalation and an expected risk cost", async () => {
    const file = load("every-timing.json");
    const { output, sheets, compared } = await compare(file, false);
    expect(compared).toBeGreaterThan(40);
    // Nulls are empty cells: the baseline has no IRR and no payback.
    expect(output.scenarios[0]!.irr).toBeNull();
    // The line rows too: each month of each line equals the engine's (via its yearly totals).
    const flows = sheets.get("replace flows")!;
    const replace = output.scenarios.find((s) => s.key === "replace")!;
    for (const line of replace.lines.filter((l) => l.tangible)) {
      const row = flows.find((r) => r[1] === line.name)!;
      const months = row.slice(12).map((v) => csvNumber(v) ?? 0);
      const total = months.reduce((a, b) => a + b, 0);
      expect(Math.abs(total - Number(line.total)), line.name).toBeLessThanOrEqual(
        1e-6 * Math.max(1, Math.abs(Number(line.total))),
      );
    }
  });

  // Flows with two IRRs (10 % and 20 % a year): the engine reports the root nearest the discount
  // rate; the workbook starts Excel's IRR from the monthly equivalent of that rate and lands on
  // the same root here. (Not guaranteed in general: Newton's iteration may reach another root.)
  it("picks the same IRR as the engine when the flows have two roots", async () => {
    for (const rate of ["0.08", "0.25", "0.5"]) {
      const parsed = parseCaseFile({
        format: "caseboard/v1",
        name: "two roots",
        currency: "SEK",
        startMonth: "2027-01",
        horizonMonths: 24,
        discountRate: rate,
        scenarios: [
          {
            key: "s",
            name: "s",
            costs: [{ name: "c", category: "other", schedule: { "0": "100000", "24": "132000" } }],
            benefits: [{ name: "b", schedule: { "12": "230000" } }],
          },
        ],
      });
      if (!parsed.ok) throw new Error("invalid");
      const { output } = await compare(parsed.value, false);
      expect(output.scenarios[0]!.irrNote).toBe("several-roots");
    }
  });

  it("writes the engine's figures as cached values too (viewers that do not recalculate)", async () => {
    const { compared } = await compare(load("every-timing.json"), true);
    expect(compared).toBeGreaterThan(40);
  });

  // Benefit realisation: the Actuals sheet's per-line to-date figures and the Realisation block,
  // recalculated from the recorded actuals and the plan's flows, equal the engine's `realisation`.
  it("reproduces the realisation figures of a case with actuals", async () => {
    for (const name of ["realisation-small.json", "demo-realisation.json", "currencies"]) {
      const file = name === "currencies" ? parseCaseFile(currencyCase(true)) : { ok: true as const, value: load(name) };
      if (!file.ok) throw new Error(JSON.stringify(file.issues));
      const { output, sheets } = await compare(file.value, false);
      const realisation = output.realisation!;
      expect(realisation, name).not.toBeNull();
      const close = (got: string | undefined, want: string | null, where: string) => {
        if (want === null) return expect(got ?? "", where).toBe("");
        const g = csvNumber(got ?? "");
        expect(g, `${where}: sheet ${got}, engine ${want}`).not.toBeNull();
        expect(Math.abs(g! - Number(want)), `${where}: sheet ${got}, engine ${want}`).toBeLessThanOrEqual(
          Math.max(1e-6 * Math.abs(Number(want)), 1e-9),
        );
      };
      const actuals = sheets.get("Actuals")!;
      expect(actuals[0]!.slice(0, ACTUALS_COLUMNS.length)).toEqual([...ACTUALS_COLUMNS]);
      expect(actuals[0]!.length).toBe(ACTUALS_COLUMNS.length + realisation.actualsThrough + 1);
      const col = (c: (typeof ACTUALS_COLUMNS)[number]) => ACTUALS_COLUMNS.indexOf(c);
      for (const line of realisation.lines) {
        const row = actuals.find((r) => r[col("kind")] === line.kind && r[col("id")] === line.id);
        expect(row, `${name} ${line.id}`).toBeDefined();
        for (const c of ["planToDate", "actualToDate", "variance"] as const)
          close(row![col(c)], line[c], `${name} ${line.id}.${c}`);
      }
      const block = sheets.get("Realisation")!;
      expect(block[0]).toEqual([...REALISATION_HEADER]);
      const figure = (k: string) => block.find((r) => r[0] === k)!;
      for (const k of ["planToDate", "actualToDate", "variance", "varianceShare"] as const) {
        for (const c of ["cost", "benefit", "net"] as const)
          close(figure(k)[REALISATION_HEADER.indexOf(c)], realisation[k][c], `${name} ${k}.${c}`);
      }
      close(figure("realisedRoi")[1], realisation.realisedRoi, `${name} realisedRoi`);
      expect(realisation.realisedRoi).not.toBeNull();
      // The forecast (actuals through actualsThrough, the plan after): the Summary's formulas
      // over the Forecast sheet's stream.
      for (const column of SUMMARY_COLUMNS.slice(1)) {
        const want = realisation.forecast[column as keyof Metrics] as string | null;
        const got = figure(column)[1];
        if (column === "irr" && want !== null)
          expect(
            Math.abs(csvNumber(got!)! - Number(want)),
            `${name} forecast.irr: ${got} vs ${want}`,
          ).toBeLessThanOrEqual(1e-6);
        else close(got, want, `${name} forecast.${column}`);
      }
      expect(realisation.forecast.npv).not.toBe(output.scenarios.find((s) => s.key === realisation.scenario)!.npv);
    }
  });
});

describe("a case with lines in other currencies, recalculated by LibreOffice", () => {
  it("converts each month at the Rates sheet's step in force, as the engine does", async () => {
    const parsed = parseCaseFile(currencyCase());
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const { sheets, compared } = await compare(parsed.value, false);
    expect(compared).toBeGreaterThan(25);
    expect(sheets.get("Rates")![0]!.slice(0, 3)).toEqual(["currency", "from", "rate"]);
  });
});

// USD and EUR lines (step rates, escalation, risk adjustment, schedule, margin, ramp, a foreign
// baseline); with actuals, a USD line's actuals at recorded and plan rates.
function currencyCase(withActuals = false): unknown {
  const file = {
    format: "caseboard/v1",
    name: "Currencies",
    currency: "SEK",
    startMonth: "2027-01",
    horizonMonths: 36,
    discountRate: "0.08",
    fx: {
      USD: [
        { from: 0, rate: "10.45" },
        { from: 13, rate: "10.80" },
        { from: 25, rate: "11.2" },
      ],
      EUR: [{ from: 0, rate: "11.5" }],
    },
    scenarios: [
      {
        key: "current",
        name: "Current",
        baseline: true,
        costs: [
          {
            name: "Legacy",
            category: "software",
            currency: "EUR",
            recurring: "annual",
            amount: "9000",
            startMonth: 12,
          },
        ],
      },
      {
        key: "upgrade",
        name: "Upgrade",
        costs: [
          { name: "Setup", category: "implementation-labour", amount: "300000", month: 0, riskAdjustment: "0.1" },
          {
            name: "Licences",
            category: "software",
            currency: "USD",
            recurring: "monthly",
            amount: "4200",
            startMonth: 1,
            escalation: "0.03",
            riskAdjustment: "0.05",
          },
          { name: "Table", category: "other", currency: "USD", schedule: { "6": "1000", "20": "2000" } },
        ],
        benefits: [
          {
            name: "Win rate",
            category: "revenue",
            currency: "EUR",
            recurring: "quarterly",
            amount: "30000",
            margin: "0.35",
            startMonth: 3,
            rampMonths: 6,
          },
          { name: "Time saved", category: "productivity", recurring: "monthly", amount: "25000", startMonth: 4 },
        ],
      },
    ],
  } as unknown as Record<string, unknown> & { scenarios: { costs: Record<string, unknown>[] }[] };
  if (withActuals) {
    file.actualsThrough = 14;
    file.chosenScenario = "upgrade";
    file.fxActuals = { USD: { "1": "10.6", "2": "10.2", "14": "11.4" }, EUR: { "3": "12" } };
    file.scenarios[1]!.costs[1]!.actuals = { "1": "4400", "2": "4100", "13": "4300", "14": "4350" };
    file.scenarios[1]!.costs[0]!.actuals = { "0": "320000" };
  }
  return file;
}
