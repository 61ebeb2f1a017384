// Reading spreadsheets for import (server and CLI; exceljs and @fast-csv/parse, no Next, no Prisma).
//
//   readTable(bytes, fileName)        an .xlsx or .csv -> Table (header + data rows), or a FileProblem
//   readWorkbookCase(bytes)           a workbook exported by Caseboard -> a case file (unvalidated
//                                     object; the caller parses it), or a FileProblem
//
// Refused, with the row and column where there is one, nothing read further: a file that is not a
// spreadsheet, more than 20 MB, more than 100,000 rows, merged cells. Formulas and dates are kept
// as markers so the mapping step names them in the columns they land in (lib/xlsx/import-map.ts).
import ExcelJS from "exceljs";
import { parseString } from "@fast-csv/parse";
import { ASSUMPTION_FIELDS, INPUT_FIELDS, KPI_FIELDS, RISK_FIELDS, SCENARIO_TABLE_HEADER } from "./export";
import { columnLetter, guessMapping, toLines, type Cell, type ImportProblem, type Table } from "./import-map";

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 100_000;

export interface FileProblem {
  code: "notSpreadsheet" | "tooLarge" | "tooManyRows" | "merged" | "empty" | "notWorkbook" | "invalid";
  row?: number;
  column?: string;
  message: string;
  problems?: ImportProblem[];
}

export type ReadResult<T> = { ok: true; value: T } | { ok: false; problem: FileProblem };

const fail = <T>(problem: FileProblem): ReadResult<T> => ({ ok: false, problem });

function isZip(bytes: Uint8Array) {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

// An .xlsx: the named sheet, else the first lines sheet of an exported workbook, else the first.
export async function readTable(
  bytes: Uint8Array,
  fileName = "",
  options: { sheet?: string } = {},
): Promise<ReadResult<Table>> {
  if (bytes.length > MAX_IMPORT_BYTES)
    return fail({ code: "tooLarge", message: `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB` });
  if (isZip(bytes) || /\.xlsx$/i.test(fileName)) {
    const wb = await loadWorkbook(bytes);
    if (!wb.ok) return wb;
    const ws =
      options.sheet !== undefined
        ? wb.value.getWorksheet(options.sheet)
        : (wb.value.worksheets.find((s) => / lines$/.test(s.name)) ?? wb.value.worksheets[0]);
    if (!ws) return fail({ code: "empty", message: "the workbook has no sheet" });
    return sheetTable(ws);
  }
  return readCsv(bytes);
}

async function loadWorkbook(bytes: Uint8Array): Promise<ReadResult<ExcelJS.Workbook>> {
  if (bytes.length > MAX_IMPORT_BYTES)
    return fail({ code: "tooLarge", message: `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB` });
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    return fail({ code: "notSpreadsheet", message: "the file is not a spreadsheet (.xlsx or .csv)" });
  }
  return { ok: true, value: wb };
}

function cellOf(cell: ExcelJS.Cell): Cell {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return { date: v.toISOString().slice(0, 10) };
  if (typeof v === "object") {
    if ("formula" in v || "sharedFormula" in v) {
      // The value the file saved (Excel's and LibreOffice's last calculation) is the cell's value;
      // only a formula saved without one is reported.
      // cell.result, not value.result: exceljs drops a falsy result (0, FALSE) from the value's copy.
      const result = (cell.result ?? (v as ExcelJS.CellFormulaValue).result) as unknown;
      if (typeof result === "number" || typeof result === "string" || typeof result === "boolean") return result;
      if (result instanceof Date) return { date: result.toISOString().slice(0, 10) };
      return {
        formula: String(
          (v as ExcelJS.CellFormulaValue).formula ?? (v as ExcelJS.CellSharedFormulaValue).sharedFormula ?? "",
        ),
      };
    }
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("text" in v && typeof (v as { text: unknown }).text === "string") return (v as { text: string }).text;
    if ("error" in v) return String((v as ExcelJS.CellErrorValue).error);
  }
  return String(v);
}

function sheetTable(ws: ExcelJS.Worksheet): ReadResult<Table> {
  if (ws.rowCount > MAX_IMPORT_ROWS + 1)
    return fail({
      code: "tooManyRows",
      row: MAX_IMPORT_ROWS + 2,
      message: `sheet "${ws.name}" has more than ${MAX_IMPORT_ROWS.toLocaleString("en")} rows`,
    });
  const merges = ((ws.model as unknown as { merges?: string[] }).merges ?? []).filter(Boolean);
  if (merges.length > 0) {
    const [first] = merges[0]!.split(":");
    const m = /^([A-Z]+)(\d+)$/.exec(first!);
    return fail({
      code: "merged",
      row: m ? Number(m[2]) : undefined,
      column: m?.[1],
      message: `sheet "${ws.name}" has merged cells (${merges[0]}): unmerge them, one value a cell`,
    });
  }
  const width = ws.columnCount;
  const header: string[] = [];
  const headerRow = ws.getRow(1);
  for (let c = 1; c <= width; c++) {
    const v = cellOf(headerRow.getCell(c));
    header.push(v === null ? "" : typeof v === "object" ? ("formula" in v ? `=${v.formula}` : v.date) : String(v));
  }
  const rows: Cell[][] = [];
  const rowNumbers: number[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: Cell[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellOf(row.getCell(c)));
    rows.push(cells);
    rowNumbers.push(r);
  }
  return { ok: true, value: { sheet: ws.name, header, rows, rowNumbers } };
}

// CSV: UTF-8 (a BOM is dropped), the separator that the header uses most (; , or tab).
async function readCsv(bytes: Uint8Array): Promise<ReadResult<Table>> {
  let textContent: string;
  try {
    textContent = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail({ code: "notSpreadsheet", message: "the file is not a spreadsheet (.xlsx or .csv in UTF-8)" });
  }
  if (textContent.includes("\u0000"))
    return fail({ code: "notSpreadsheet", message: "the file is not a spreadsheet (.xlsx or .csv in UTF-8)" });
  textContent = textContent.replace(/^\uFEFF/, "");
  if (textContent.trim() === "") return fail({ code: "empty", message: "the file is empty" });
  const firstLine = textContent.split(/\r?\n/, 1)[0]!;
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const delimiter = [";", "\t", ","].reduce((best, d) => (count(d) > count(best) ? d : best), ",");
  const raw: string[][] = [];
  let tooMany = false;
  try {
    await new Promise<void>((resolve, reject) => {
      const stream = parseString<string[], string[]>(textContent, { headers: false, delimiter, ignoreEmpty: false });
      stream
        .on("data", (row: string[]) => {
          if (raw.length > MAX_IMPORT_ROWS) {
            tooMany = true;
            return;
          }
          raw.push(row);
        })
        .on("error", reject)
        .on("end", () => resolve());
    });
  } catch (error) {
    return fail({
      code: "notSpreadsheet",
      row: raw.length + 1,
      message: `row ${raw.length + 1}: the file is not valid CSV (${(error as Error).message})`,
    });
  }
  if (tooMany || raw.length > MAX_IMPORT_ROWS + 1)
    return fail({
      code: "tooManyRows",
      row: MAX_IMPORT_ROWS + 2,
      message: `the file has more than ${MAX_IMPORT_ROWS.toLocaleString("en")} rows`,
    });
  const [header = [], ...rest] = raw;
  return {
    ok: true,
    value: {
      header: header.map((h) => h.trim()),
      rows: rest.map((r) => r.map((c) => (c === "" ? null : c))),
      rowNumbers: rest.map((_, i) => i + 2),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// A whole workbook exported by Caseboard back into a case file.

function fieldTable(
  ws: ExcelJS.Worksheet | undefined,
  fields: readonly string[],
  numeric: readonly string[],
): Record<string, unknown>[] {
  if (!ws) return [];
  const t = sheetTable(ws);
  if (!t.ok) throw new WorkbookError(t.problem);
  const index = new Map(t.value.header.map((h, i) => [h, i]));
  return t.value.rows
    .filter((r) => r.some((c) => c !== null && c !== ""))
    .map((r) => {
      const item: Record<string, unknown> = {};
      for (const f of fields) {
        const i = index.get(f);
        if (i === undefined) continue;
        const v = r[i];
        if (v === null || v === undefined || v === "") continue;
        if (f === "actuals" && typeof v === "string") item[f] = kpiActuals(v);
        else item[f] = numeric.includes(f) && typeof v === "number" ? String(v) : v;
      }
      return item;
    });
}

// "-2:71;0:72.5" -> [{ month: -2, value: "71" }, { month: 0, value: "72.5" }] (KPI actuals).
function kpiActuals(text: string): { month: number; value: string }[] | string {
  const out: { month: number; value: string }[] = [];
  for (const part of text.split(";")) {
    if (part.trim() === "") continue;
    const m = /^\s*(-?\d{1,3})\s*:\s*(-?\d+(?:\.\d+)?)\s*$/.exec(part);
    if (!m) return text; // left as written: the case-file rules then name it
    out.push({ month: Number(m[1]), value: m[2]! });
  }
  return out;
}

class WorkbookError extends Error {
  constructor(readonly problem: FileProblem) {
    super(problem.message);
  }
}

export async function readWorkbookCase(bytes: Uint8Array): Promise<ReadResult<Record<string, unknown>>> {
  const loaded = await loadWorkbook(bytes);
  if (!loaded.ok) return loaded;
  const wb = loaded.value;
  const inputs = wb.getWorksheet("Inputs");
  if (!inputs)
    return fail({
      code: "notWorkbook",
      message: 'the workbook has no "Inputs" sheet: it was not exported by Caseboard',
    });
  try {
    const file: Record<string, unknown> = {};
    let r = 2;
    for (; r <= inputs.rowCount; r++) {
      const key = inputs.getCell(r, 1).value;
      if (key === null || key === undefined || key === "") break;
      if (!(INPUT_FIELDS as readonly string[]).includes(String(key))) continue;
      const v = cellOf(inputs.getCell(r, 2));
      if (v === null) continue;
      file[String(key)] = String(key).endsWith("Rate") ? String(v) : v;
    }
    // The scenario table: its header row, then one row a scenario.
    while (r <= inputs.rowCount && inputs.getCell(r, 1).value !== SCENARIO_TABLE_HEADER[0]) r++;
    const horizon = Number(file.horizonMonths);
    const scenarios: Record<string, unknown>[] = [];
    const problems: ImportProblem[] = [];
    for (r = r + 1; r <= inputs.rowCount; r++) {
      const key = inputs.getCell(r, 1).value;
      if (key === null || key === undefined || key === "") break;
      const linesSheet = wb.getWorksheet(String(inputs.getCell(r, 4).value ?? ""));
      const scenario: Record<string, unknown> = { key: String(key), name: String(inputs.getCell(r, 2).value ?? key) };
      if (cellOf(inputs.getCell(r, 3)) === true) scenario.baseline = true;
      scenario.costs = [];
      scenario.benefits = [];
      if (linesSheet) {
        const t = sheetTable(linesSheet);
        if (!t.ok) throw new WorkbookError(t.problem);
        const result = toLines(t.value, guessMapping(t.value.header), {
          locale: "en",
          horizon: Number.isInteger(horizon) ? horizon : 120,
          ...(Number.isInteger(Number(file.actualsThrough)) && file.actualsThrough !== undefined
            ? { actualsThrough: Number(file.actualsThrough) }
            : {}),
          defaultKind: "cost",
        });
        // The sheet is named here; the row and column stay in their own fields (named once).
        problems.push(...result.problems.map((p) => ({ ...p, message: `sheet "${linesSheet.name}": ${p.message}` })));
        scenario.costs = result.costs;
        scenario.benefits = result.benefits;
      }
      scenarios.push(scenario);
    }
    if (problems.length > 0)
      return fail({
        code: "invalid",
        row: problems[0]!.row,
        column: problems[0]!.column,
        message: problems[0]!.message,
        problems,
      });
    file.scenarios = scenarios;
    file.risks = fieldTable(wb.getWorksheet("Risks"), RISK_FIELDS, ["probability", "costImpact"]);
    file.kpis = fieldTable(wb.getWorksheet("KPIs"), KPI_FIELDS, ["baseline", "target"]);
    file.assumptions = fieldTable(wb.getWorksheet("Assumptions"), ASSUMPTION_FIELDS, []);
    return { ok: true, value: file };
  } catch (error) {
    if (error instanceof WorkbookError) return fail(error.problem);
    throw error;
  }
}

export { columnLetter };
