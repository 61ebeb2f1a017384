// Spreadsheet import: reading .xlsx and .csv, guessing columns in five languages, every problem
// named by row and column, bad files refused; the exported workbook reads back to the same case.
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { parseCaseFile, parseCaseFileText } from "@/lib/case-file/parse";
import type { CaseFile } from "@/lib/case-file/schema";
import { computeCase } from "@/lib/finance/compute";
import { workbookBuffer } from "@/lib/xlsx/export";
import { readTable, readWorkbookCase } from "@/lib/xlsx/import";
import { guessLocale, guessMapping, toLines } from "@/lib/xlsx/import-map";

const root = path.resolve(import.meta.dirname, "../../..");
function load(name: string): CaseFile {
  const parsed = parseCaseFileText(readFileSync(path.join(root, "tests/fixtures/cases", name), "utf8"));
  if (!parsed.ok) throw new Error(name);
  return parsed.value;
}
const bytes = (s: string) => new TextEncoder().encode(s);
async function xlsx(build: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet("Sheet1"));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
const options = { locale: "sv", horizon: 36, defaultKind: "cost" as const };

describe("reading the exported workbook back", () => {
  for (const name of ["every-timing.json", "demo-crm-upgrade.json", "crm-implementation.json"]) {
    it(`gives the same case file (${name})`, async () => {
      const file = load(name);
      const read = await readWorkbookCase(new Uint8Array(await workbookBuffer(file, computeCase(file))));
      expect(read.ok, JSON.stringify(!read.ok && read.problem)).toBe(true);
      const parsed = parseCaseFile(read.ok ? read.value : null);
      expect(parsed.ok, JSON.stringify(!parsed.ok && parsed.issues)).toBe(true);
      if (parsed.ok) expect(computeCase(parsed.value)).toEqual(computeCase(file));
      if (parsed.ok)
        expect(JSON.parse(JSON.stringify(parsed.value))).toEqual(JSON.parse(JSON.stringify(normalise(file))));
    }, 30_000);
  }
});

// A workbook exported before the sheet for people came first: the machine figures in "Summary",
// no yearly sheets, the id in column B of each lines sheet. It still reads back to the same case.
describe("reading a workbook exported before the Figures sheet", () => {
  it("gives the same case file", async () => {
    const file = load("every-timing.json");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await workbookBuffer(file, computeCase(file))) as unknown as ArrayBuffer);
    wb.removeWorksheet(wb.getWorksheet("Summary")!.id);
    for (const ws of [...wb.worksheets]) if (ws.name.endsWith(" years")) wb.removeWorksheet(ws.id);
    wb.getWorksheet("Figures")!.name = "Summary";
    for (const ws of wb.worksheets.filter((w) => w.name.endsWith(" lines"))) {
      const header = ws.getRow(1).values as unknown[];
      const at = header.indexOf("id");
      const ids = ws.getColumn(at).values.slice(1);
      ws.spliceColumns(at, 1);
      ws.spliceColumns(2, 0, ids);
      expect(ws.getCell("B1").value).toBe("id");
    }
    const old = new Uint8Array(await wb.xlsx.writeBuffer());
    const read = await readWorkbookCase(old);
    expect(read.ok, JSON.stringify(!read.ok && read.problem)).toBe(true);
    const parsed = parseCaseFile(read.ok ? read.value : null);
    expect(parsed.ok, JSON.stringify(!parsed.ok && parsed.issues)).toBe(true);
    if (parsed.ok)
      expect(JSON.parse(JSON.stringify(parsed.value))).toEqual(JSON.parse(JSON.stringify(normalise(file))));
  }, 30_000);
});

// The workbook holds numbers as spreadsheet numbers: "38000.50" reads back as "38000.5".
function normalise(file: CaseFile): CaseFile {
  return JSON.parse(JSON.stringify(file), (_k, v) =>
    typeof v === "string" && /^-?\d+\.\d*0$/.test(v) ? String(Number(v)) : v,
  );
}

describe("a CSV with a Swedish header and decimal commas", () => {
  const csv =
    "Namn;Belopp;Kategori;Frekvens;Startmånad;Slutmånad;Riskjustering\r\nLicenser;1 250,50;software;månadsvis;1;12;5 %\r\nUtbildning;30000;training;engång;;;\r\nFel;12,3,4;software;monthly;1;48;\r\n";

  it("guesses the columns and the locale, reads the numbers, names each problem by row and column", async () => {
    const table = await readTable(bytes(csv), "lines.csv");
    expect(table.ok).toBe(true);
    if (!table.ok) return;
    expect(guessMapping(table.value.header)).toEqual([
      "name",
      "amount",
      "category",
      "recurring",
      "startMonth",
      "endMonth",
      "riskAdjustment",
    ]);
    expect(guessLocale(table.value.header, "en")).toBe("sv");
    const result = toLines(table.value, guessMapping(table.value.header), options);
    expect(result.costs[0]).toEqual({
      name: "Licenser",
      amount: "1250.5",
      category: "software",
      recurring: "monthly",
      startMonth: 1,
      endMonth: 12,
      riskAdjustment: "0.05",
    });
    expect(result.costs[1]).toEqual({ name: "Utbildning", amount: "30000", category: "training", month: 0 });
    expect(result.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [4, "B (Belopp)", "number"],
      [4, "F (Slutmånad)", "month"],
    ]);
  });

  it("lets the user correct a mapping: a column guessed wrong is read as the chosen field", async () => {
    const table = await readTable(bytes("Post;Summa;Typ\r\nKonsulter;100;nytta\r\n"), "x.csv");
    if (!table.ok) throw new Error("unreadable");
    const mapping = guessMapping(table.value.header);
    expect(mapping).toEqual(["name", "amount", "kind"]);
    const result = toLines(table.value, mapping, options);
    expect(result.benefits).toEqual([{ name: "Konsulter", amount: "100", month: 0 }]);
    const corrected = toLines(table.value, ["name", "amount", null], options);
    expect(corrected.costs).toEqual([{ name: "Konsulter", amount: "100", category: "other", month: 0 }]);
  });
});

describe("bad input", () => {
  it("refuses a file that is not a spreadsheet", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0xff, 0xfe]);
    for (const [data, name] of [
      [png, "x.csv"],
      [png, "x.xlsx"],
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "x.xlsx"],
    ] as const) {
      const r = await readTable(data, name);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problem.code).toBe("notSpreadsheet");
    }
  });

  it("refuses more than 20 MB and more than 100,000 rows", async () => {
    const big = await readTable(new Uint8Array(20 * 1024 * 1024 + 1), "big.csv");
    expect(!big.ok && big.problem.code).toBe("tooLarge");
    const rows = await readTable(bytes("name,amount\n" + "x,1\n".repeat(100_001)), "rows.csv");
    expect(!rows.ok && rows.problem.code).toBe("tooManyRows");
    expect(!rows.ok && rows.problem.message).toMatch(/100,000 rows/);
    const ok = await readTable(bytes("name,amount\n" + "x,1\n".repeat(6000)), "rows.csv");
    expect(ok.ok).toBe(true);
    if (ok.ok)
      expect(toLines(ok.value, guessMapping(ok.value.header), options).problems[0]).toMatchObject({ code: "tooMany" });
  }, 30_000);

  it("reads a formula's saved value; names the cell of a formula without one, a date in a text column and merged cells", async () => {
    const withFormula = await xlsx((ws) => {
      ws.addRow(["name", "amount", "month"]);
      ws.addRow(["Licences", 100, 0]);
      ws.addRow(["Support", { formula: "B2*2", result: 200 }, 0]);
      ws.addRow(["Hosting", { formula: "B2*3" }, 0]);
      ws.addRow([new Date(Date.UTC(2027, 0, 1)), 5, 0]);
    });
    const t = await readTable(withFormula, "x.xlsx");
    if (!t.ok) throw new Error(t.problem.message);
    const r = toLines(t.value, guessMapping(t.value.header), options);
    expect(r.costs.map((l) => [l.name, l.amount])).toEqual([
      ["Licences", "100"],
      ["Support", "200"],
    ]);
    expect(r.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [4, "B (amount)", "formula"],
      [5, "A (name)", "date"],
    ]);
    const merged = await xlsx((ws) => {
      ws.addRow(["name", "amount"]);
      ws.addRow(["Licences", 100]);
      ws.mergeCells("A3:B3");
    });
    const m = await readTable(merged, "m.xlsx");
    expect(!m.ok && m.problem).toMatchObject({ code: "merged", row: 3, column: "A" });
  });
});
