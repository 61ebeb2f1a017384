// The workbook for people (docs/workbook.md), read back with exceljs: Summary first in the case's
// language with formulas over Figures, Figures with the contract's columns, a yearly sheet of SUM
// formulas per scenario, ids last, every sheet frozen, printable on A4 landscape, and no number
// wider than its column (a spreadsheet shows ### there).
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCaseFileText } from "@/lib/case-file/parse";
import type { CaseFile } from "@/lib/case-file/schema";
import { computeCase } from "@/lib/finance/compute";
import { SUMMARY_COLUMNS, workbookBuffer } from "@/lib/xlsx/export";
import { decisionSentence, translator, yearRanges } from "@/lib/xlsx/people";
import { formatted } from "@/lib/xlsx/sheet-buffer";

const root = path.resolve(import.meta.dirname, "../../..");
function load(name: string): CaseFile {
  const parsed = parseCaseFileText(readFileSync(path.join(root, "tests/fixtures/cases", name), "utf8"));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

async function book(file: CaseFile): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await workbookBuffer(file, computeCase(file))) as unknown as ArrayBuffer);
  return wb;
}

const resultOf = (cell: ExcelJS.Cell): unknown => {
  const v = cell.value as unknown;
  return v !== null && typeof v === "object" && "result" in v ? (v as { result: unknown }).result : v;
};

describe("the workbook for people", () => {
  let file: CaseFile;
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    file = load("every-timing.json");
    wb = await book(file);
  });

  it("asks Excel and LibreOffice to recalculate every formula on opening", async () => {
    const parts = unzipSync(new Uint8Array(await workbookBuffer(file, computeCase(file))));
    expect(strFromU8(parts["xl/workbook.xml"]!)).toMatch(/<calcPr calcId="\d+" fullCalcOnLoad="1"\/>/);
  });

  it("opens on Summary; Figures holds the contract's machine columns", () => {
    expect(wb.worksheets[0]!.name).toBe("Summary");
    const figures = wb.getWorksheet("Figures")!;
    expect((figures.getRow(1).values as unknown[]).slice(1)).toEqual([...SUMMARY_COLUMNS]);
    expect(figures.getCell("A2").value).toBe(file.scenarios[0]!.key);
  });

  it("shows each figure as a formula over Figures, with a reason where a figure is empty", () => {
    const summary = wb.getWorksheet("Summary")!;
    const output = computeCase(file);
    const tr = translator(file.locale ?? "en");
    expect(summary.getCell("A1").value).toBe(file.name);
    expect(summary.getCell("A2").value).toBe(decisionSentence(file, output, file.locale ?? "en"));
    expect(summary.getCell("A2").value).toMatch(new RegExp(`^${file.scenarios[1]!.name} `));
    expect(summary.getCell("A5").value).toBe(tr("workbook.figure"));
    expect(summary.getCell("B5").value).toBe(file.scenarios[0]!.name);
    const npvRow = 6 + SUMMARY_COLUMNS.indexOf("npv") - 1;
    expect(summary.getCell(npvRow, 1).value).toBe(tr("workbook.npv"));
    const npv = summary.getCell(npvRow, 3).value as ExcelJS.CellFormulaValue;
    expect(npv.formula).toBe("'Figures'!$G$3");
    expect(npv.result).toBeCloseTo(Number(output.scenarios[1]!.npv), 6);
    // The baseline has no IRR: the cell says why, in words.
    expect(output.scenarios[0]!.irr).toBeNull();
    const irr = summary.getCell(6 + SUMMARY_COLUMNS.indexOf("irr") - 1, 2).value as ExcelJS.CellFormulaValue;
    expect(irr.formula).toBe(`IF('Figures'!$K$2="","${tr("workbook.noSignChange")}",'Figures'!$K$2)`);
    expect(irr.result).toBe(tr("workbook.noSignChange"));
  });

  it("has a yearly sheet per scenario: every cell a SUM of the flows sheet's months of its year", () => {
    const years = yearRanges(file.horizonMonths);
    const tr = translator(file.locale ?? "en");
    for (const scenario of file.scenarios) {
      const ws = wb.getWorksheet(`${scenario.key} years`)!;
      expect(ws.getCell("A1").value).toBe(tr("workbook.line"));
      expect(ws.getCell("D1").value).toBe(tr("workbook.year", { year: 0 }));
      expect(ws.getCell(1, 3 + years.length).value).toBe(tr("workbook.year", { year: years.length - 1 }));
      const cell = ws.getCell(2, 5).value as ExcelJS.CellFormulaValue; // line 1, year 1
      expect(cell.formula).toBe(`SUM('${scenario.key} flows'!$N$2:$Y$2)`);
      // Year 0 is month 0 alone.
      expect((ws.getCell(2, 4).value as ExcelJS.CellFormulaValue).formula).toBe(
        `SUM('${scenario.key} flows'!$M$2:$M$2)`,
      );
    }
    expect(years[1]).toEqual([1, 12]);
  });

  it("puts the id last on a lines sheet, hidden on the registers", () => {
    for (const scenario of file.scenarios) {
      const ws = wb.getWorksheet(`${scenario.key} lines`)!;
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      expect(header.at(-1)).toBe("id");
      expect(header.slice(0, 2)).toEqual(["kind", "name"]);
    }
    // The registers keep the id first (formulas point there) but hidden.
    for (const name of ["Risks", "KPIs", "Assumptions"]) {
      const ws = wb.getWorksheet(name)!;
      expect(ws.getCell("A1").value, name).toBe("id");
      expect(ws.getColumn(1).hidden, name).toBe(true);
    }
  });

  it("freezes the header row of every sheet and sets A4 landscape, one page wide, with print titles", () => {
    for (const ws of wb.worksheets) {
      expect(ws.views[0], ws.name).toMatchObject({ state: "frozen" });
      expect((ws.views[0] as { ySplit?: number }).ySplit, ws.name).toBeGreaterThanOrEqual(1);
      expect(ws.pageSetup, ws.name).toMatchObject({
        paperSize: 9,
        orientation: "landscape",
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      });
      expect(ws.pageSetup.printTitlesRow, ws.name).toMatch(/^\d+:\d+$/);
    }
  });

  it("makes every number column at least as wide as its longest formatted value", () => {
    let checked = 0;
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell, c) => {
          const v = resultOf(cell);
          if (typeof v !== "number") return;
          const shown = formatted(v, cell.numFmt);
          expect(ws.getColumn(c).width ?? 0, `${ws.name}!${cell.address} shows ${shown}`).toBeGreaterThanOrEqual(
            shown.length,
          );
          checked++;
        }),
      );
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

describe("the case's language", () => {
  it("labels the Summary and the yearly sheets in Swedish or French, English otherwise", async () => {
    for (const [locale, figure, cost, year0] of [
      ["sv", "Nyckeltal", "Total kostnad", "År 0"],
      ["fr", "Indicateur", "Coût total", "Année 0"],
      ["en", "Figure", "Total cost", "Year 0"],
    ] as const) {
      const file = { ...load("demo-crm-upgrade.json"), locale };
      const wb = await book(file);
      const summary = wb.getWorksheet("Summary")!;
      expect(summary.getCell("A5").value).toBe(figure);
      expect(summary.getCell(6, 1).value).toBe(cost);
      expect(summary.getCell(6, 2).numFmt).toContain(`"${file.currency}"`);
      expect(wb.getWorksheet(`${file.scenarios[0]!.key} years`)!.getCell("D1").value).toBe(year0);
    }
  });
});

describe("exports side by side", () => {
  it("keep their own choice of cached values", async () => {
    const file = load("demo-crm-upgrade.json");
    const output = computeCase(file);
    const [bare, cached] = await Promise.all([
      workbookBuffer(file, output, { results: false }),
      workbookBuffer(file, output, { results: true }),
    ]);
    // A cell of the last sheets written (each export awaits between sheets).
    const lastFlows = `${file.scenarios.at(-1)!.key} flows`;
    const cellOf = async (bytes: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      return wb.getWorksheet(lastFlows)!.getCell("B2").value as ExcelJS.CellFormulaValue;
    };
    expect((await cellOf(bare)).formula).toBeDefined();
    expect((await cellOf(bare)).result).toBeUndefined();
    expect((await cellOf(cached)).result).toBe(file.scenarios.at(-1)!.costs[0]!.name);
  });
});

describe("formatted", () => {
  it("shows numbers as the sheet's formats do", () => {
    expect(formatted(1234567.891, '#,##0.00 "SEK";-#,##0.00 "SEK"')).toBe("SEK 1,234,567.89");
    expect(formatted(-1234.5, '"USD" #,##0.00;-"USD" #,##0.00')).toBe("-USD 1,234.50");
    expect(formatted(0.1234, "0.00%")).toBe("12.34%");
    expect(formatted(12.5, "0.0")).toBe("12.5");
  });
});
