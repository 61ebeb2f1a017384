// The streaming .xlsx reader (exceljs's WorkbookReader, merges read with saxes) gives the importer
// the same cells as exceljs's whole-workbook load, for every fixture workbook: sheets in the
// workbook's order, hidden sheets marked, formulas with their saved values, merged labels filling
// their ranges, percent and currency formats. (An empty string cell and no cell read the same.)
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { cellOf } from "@/lib/import/read";
import type { Sheet } from "@/lib/import/sheet";
import { fillMerges, readSheetsStreaming } from "@/lib/import/xlsx-stream";
import * as W from "@/tests/fixtures/workbooks";
import * as P from "@/tests/fixtures/workbooks-public";

// exceljs's in-memory load, cell for cell as the importer used to read it.
async function loaded(bytes: Uint8Array): Promise<Sheet[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const rows: Sheet["rows"] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: Sheet["rows"][number] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const v = cellOf(cell);
        if (v && v.value !== "") cells[c - 1] = v;
      });
      rows[r - 1] = cells;
    });
    for (let r = 0; r < rows.length; r++) rows[r] ??= [];
    fillMerges(rows, ((ws.model as unknown as { merges?: string[] }).merges ?? []).filter(Boolean));
    return { name: ws.name, rows, ...(ws.state && ws.state !== "visible" ? { hidden: true } : {}) };
  });
}

const plain = (sheets: Sheet[] | null) =>
  JSON.parse(JSON.stringify(sheets, (_, v) => (v && typeof v === "object" && v.value === "" ? undefined : v)));
const options = { maxRows: 100_000, tooManyRows: (s: string) => new Error(`too many rows in ${s}`), cellOf };

const makers = { ...W, ...P } as Record<string, unknown>;
const workbooks = Object.entries(makers).filter(
  ([name, make]) => typeof make === "function" && name !== "csvQuarterly",
);

describe("the streaming .xlsx reader", () => {
  it.each(workbooks)("reads %s as the whole-workbook load does", async (_, make) => {
    const bytes = await (make as () => Promise<Uint8Array>)();
    const streamed = await readSheetsStreaming(bytes, options);
    expect(streamed).not.toBeNull();
    expect(plain(streamed)).toEqual(plain(await loaded(bytes)));
  });

  it("keeps the workbook's sheet order and hidden sheets, and fills merged labels", async () => {
    const bytes = await P.twoHeaderRows();
    const sheets = (await readSheetsStreaming(bytes, options))!;
    expect(sheets.map((s) => [s.name, s.hidden === true])).toEqual([
      ["Lists", true],
      ["Model", false],
    ]);
    const council = (await readSheetsStreaming(await W.councilBusinessCase(), options))!;
    const cover = council.find((s) => s.name === "Cover")!;
    expect(cover.rows[2]![5]).toEqual({
      value: "Digital Customer Services Programme - Outline Business Case",
      merged: true,
    });
  });

  it("reports its progress in bytes and refuses a sheet with too many rows", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Big");
    for (let r = 1; r <= 200; r++) ws.getCell(r, 1).value = r;
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const seen: number[] = [];
    await readSheetsStreaming(bytes, { ...options, onBytes: (done, total) => seen.push(done / total) });
    expect(seen.at(-1)).toBe(1);
    await expect(readSheetsStreaming(bytes, { ...options, maxRows: 100 })).rejects.toThrow("too many rows in Big");
  });
});
