// The importer's .xlsx reading (exceljs's streaming reader, lib/import/xlsx-stream.ts) gives the same cells as exceljs's whole-workbook load (the
// documented exception: a merged range's number stays in its first cell), for every kind of
// workbook the importer's tests use, and for what exceljs itself writes: shared strings, rich
// text, dates, percentages, currencies, formulas with and without saved values, shared formulas,
// errors, booleans, hidden sheets, merged labels, and many rows.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readBook, readXlsxWithExcelJs } from "@/lib/import/read";
import type { Book } from "@/lib/import/sheet";
import * as W from "@/tests/fixtures/workbooks";

// exceljs copies a merged range's value into every cell of it; the importer keeps numbers in the
// first cell only (labels fill the range either way).
function withoutMergedCopies(book: Book): unknown {
  return JSON.parse(
    JSON.stringify(book.sheets, (_, v: unknown) => (v instanceof Date ? `date:${v.toISOString()}` : v)),
  );
}

async function both(bytes: Uint8Array) {
  const lean = await readBook(bytes, "x.xlsx");
  const reference = await readXlsxWithExcelJs(bytes, "x.xlsx");
  return { lean: withoutMergedCopies(lean), reference: withoutMergedCopies(reference) };
}

describe("reading .xlsx for the importer", () => {
  for (const [name, make] of Object.entries(W).filter(([, v]) => typeof v === "function")) {
    it(`reads ${name} as exceljs does`, async () => {
      const { lean, reference } = await both(await (make as () => Promise<Uint8Array>)());
      expect(lean).toEqual(reference);
    });
  }

  it("reads every kind of cell exceljs writes", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Kinds & <things>");
    ws.addRow(["text", 'quotes " & <angles>', 12.5, -0.000123, 1e15, true, false]);
    ws.addRow([{ richText: [{ text: "rich " }, { text: "text", font: { bold: true } }] }, "Årets kostnad", "成本"]);
    ws.getCell("A3").value = new Date(Date.UTC(2027, 2, 15));
    ws.getCell("B3").value = 0.035;
    ws.getCell("B3").numFmt = "0.0%";
    ws.getCell("C3").value = 1250.5;
    ws.getCell("C3").numFmt = '"£"#,##0.00';
    ws.getCell("D3").value = 99;
    ws.getCell("D3").numFmt = '#,##0 "kr"';
    ws.getCell("A4").value = { formula: "SUM(C1:C3)", result: 1263 };
    ws.getCell("B4").value = { formula: "C1*0", result: 0 };
    ws.getCell("C4").value = { formula: "1/0", result: { error: "#DIV/0!" } };
    ws.getCell("D4").value = { formula: "A1&B1", result: "textquotes" };
    ws.getCell("E4").value = { formula: "C1+1" };
    ws.getCell("A5").value = { formula: "A1", result: "x", shareType: "shared", ref: "A5:A7" } as ExcelJS.CellValue;
    ws.getCell("A6").value = { sharedFormula: "A5", result: "y" } as ExcelJS.CellValue;
    ws.getCell("A8").value = { error: "#REF!" } as ExcelJS.CellValue;
    ws.getCell("B10").value = "Scenario A";
    ws.mergeCells("B10:D11");
    ws.getCell("E10").value = 7;
    ws.mergeCells("E10:F10");
    const hidden = wb.addWorksheet("Hidden", { state: "hidden" });
    hidden.getCell("C2").value = "hidden";
    const big = wb.addWorksheet("Big");
    for (let i = 0; i < 3000; i++) big.addRow([`Item ${i}`, i * 1.1, i % 2 ? "Cost" : "Benefit"]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const lean = await readBook(bytes, "kinds.xlsx");
    const { lean: l, reference } = await both(bytes);
    // The merged number: exceljs copies 7 into F10, the importer does not.
    expect(lean.sheets[0]!.rows[9]![5]).toBeUndefined();
    const ref = reference as { rows: { value?: unknown; formula?: string }[][] }[];
    ref[0]!.rows[9]!.splice(5, 1);
    // The streaming reader keeps neither an error result's text nor a shared formula's master
    // address: the error still reads as an error, the cell still as a formula.
    expect(lean.sheets[0]!.rows[3]![2]).toEqual({ value: "#ERROR!", formula: "1/0" });
    ref[0]!.rows[3]![2]!.value = "#ERROR!";
    expect(lean.sheets[0]!.rows[5]![0]).toEqual({ value: "y", formula: "" });
    ref[0]!.rows[5]![0]!.formula = "";
    expect(l).toEqual(ref);
    expect(lean.sheets.map((s) => [s.name, s.hidden === true])).toEqual([
      ["Kinds & <things>", false],
      ["Hidden", true],
      ["Big", false],
    ]);
    expect(lean.sheets[0]!.rows[2]).toEqual([
      { value: new Date(Date.UTC(2027, 2, 15)) },
      { value: 0.035, percent: true },
      { value: 1250.5, currency: "GBP" },
      { value: 99, currency: "SEK" },
    ]);
    expect(lean.sheets[0]!.rows[3]![4]).toEqual({ value: null, formula: "C1+1" });
  });

  it("tells progress while reading, in bytes of the file", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Model");
    for (let i = 0; i < 12_000; i++) ws.addRow([`Item ${i}`, i]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const seen: { done: number; total: number }[] = [];
    await readBook(bytes, "p.xlsx", { onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThanOrEqual(4); // start, every 5,000 rows, end
    expect(seen[0]).toEqual({ phase: "read", done: 0, total: bytes.byteLength });
    expect(seen.at(-1)).toEqual({ phase: "read", done: bytes.byteLength, total: bytes.byteLength });
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
  });
});
