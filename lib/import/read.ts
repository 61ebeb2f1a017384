// Reading a file into the importer's Book (lib/import/sheet.ts): .xlsx with exceljs, .csv with
// any delimiter in UTF-8 (or UTF-16, or the Windows legacy encoding), .ods and .xls converted to
// .xlsx by LibreOffice when it is installed. Nothing in a file is executed: formulas give the
// value the file saved; a workbook saved without values is recalculated by LibreOffice (when
// present) in a separate process. Server and CLI only (Node).
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { renderText, type ImportCode, type MessageParams } from "./messages";
import type { OnProgress } from "./progress";
import { fillMerges, readSheetsStreaming } from "./xlsx-stream";
import type { Book, Sheet, SheetCell } from "./sheet";

export const MAX_WORKBOOK_BYTES = 20 * 1024 * 1024;
export const MAX_SHEET_ROWS = 100_000;

// A file that cannot be read: a code of lib/import/messages.ts, its parameters, and the sheet
// when one is to blame; the message is the English text.
export class ReadProblem extends Error {
  constructor(
    readonly code: ImportCode,
    readonly params?: MessageParams,
    readonly where?: string,
  ) {
    super(renderText({ code, params }));
  }
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array) => b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

function zipHas(bytes: Uint8Array, name: string): boolean {
  // Local file headers carry the entry names in clear: enough to tell .ods from .xlsx.
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).includes(name);
}

// recalculate: the workbook goes through LibreOffice first, which calculates the formulas the file
// saved without values (lib/import/file.ts asks for it only when such a cell is needed).
export async function readBook(
  bytes: Uint8Array,
  fileName: string,
  options: { recalculate?: boolean; onProgress?: OnProgress } = {},
): Promise<Book> {
  const total = bytes.byteLength;
  options.onProgress?.({ phase: "read", done: 0, total });
  const book = await readAny(bytes, fileName, options);
  options.onProgress?.({ phase: "read", done: total, total });
  return book;
}

async function readAny(
  bytes: Uint8Array,
  fileName: string,
  options: { recalculate?: boolean; onProgress?: OnProgress },
): Promise<Book> {
  if (bytes.byteLength > MAX_WORKBOOK_BYTES)
    throw new ReadProblem("fileTooLarge", { mb: MAX_WORKBOOK_BYTES / 1024 / 1024 });
  const ext = path.extname(fileName).toLowerCase();
  if ((isZip(bytes) && (ext === ".ods" || zipHas(bytes, "oasis.opendocument"))) || isOle(bytes) || ext === ".xls") {
    const xlsx = await convert(bytes, isZip(bytes) ? "ods" : "xls");
    return { ...(await readXlsx(xlsx, fileName, options.onProgress)), xlsx };
  }
  if (isZip(bytes))
    return readXlsx(options.recalculate ? await convert(bytes, "xlsx") : bytes, fileName, options.onProgress);
  if ([".xlsx", ".xlsm"].includes(ext)) throw new ReadProblem("notXlsx");
  return readCsv(bytes, fileName);
}

let sofficeFound: Promise<string | null> | undefined;
export function libreOffice(): Promise<string | null> {
  sofficeFound ??= new Promise((resolve) => {
    const bin = "soffice";
    execFile(bin, ["--version"], { timeout: 20_000 }, (error) => resolve(error ? null : bin));
  });
  return sofficeFound;
}

const RECALC_PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

// LibreOffice, headless, in its own profile folder: .ods/.xls -> .xlsx, and an .xlsx saved without
// formula values -> one with them (LibreOffice calculates cells it has no value for on load).
async function convert(bytes: Uint8Array, ext: string): Promise<Uint8Array> {
  const bin = await libreOffice();
  if (!bin) throw new ReadProblem(ext === "xlsx" ? "noFormulaValues" : "needsLibreOffice", { ext: `.${ext}` });
  const dir = await mkdtemp(path.join(os.tmpdir(), "caseboard-import-"));
  try {
    // A profile that recalculates every formula on load (LibreOffice otherwise keeps the file's
    // saved values, which is what is missing).
    await mkdir(path.join(dir, "profile/user"), { recursive: true });
    await writeFile(path.join(dir, "profile/user/registrymodifications.xcu"), RECALC_PROFILE);
    const input = path.join(dir, `in.${ext}`);
    const outDir = path.join(dir, "out");
    await writeFile(input, bytes);
    await new Promise<void>((resolve, reject) =>
      execFile(
        bin,
        [
          `-env:UserInstallation=file://${dir}/profile`,
          "--headless",
          "--convert-to",
          "xlsx",
          "--outdir",
          outDir,
          input,
        ],
        { timeout: 120_000 },
        (error) =>
          error ? reject(new ReadProblem("libreOfficeFailed", { detail: error.message.split("\n")[0]! })) : resolve(),
      ),
    );
    return new Uint8Array(await readFile(path.join(outDir, "in.xlsx")));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const CURRENCY_SIGNS: [RegExp, string][] = [
  [/£|GBP/, "GBP"],
  [/€|EUR/, "EUR"],
  [/US\$|\$|USD/, "USD"],
  [/¥|CNY|RMB|元/, "CNY"],
  [/SEK|kr-41D|kr-sv/i, "SEK"],
  [/NOK|kr-414|kr-nb|kr-nn/i, "NOK"],
  [/DKK/, "DKK"],
  [/"kr"|kr\b/, "SEK"],
];

function currencyOfFormat(format: string | undefined): string | undefined {
  if (!format) return undefined;
  return CURRENCY_SIGNS.find(([re]) => re.test(format))?.[1];
}

export function cellOf(cell: ExcelJS.Cell): SheetCell | undefined {
  const v = cell.value;
  if (v === null || v === undefined) return undefined;
  const fmt = cell.numFmt;
  const base: Omit<SheetCell, "value"> = {};
  if (fmt && /%/.test(fmt)) base.percent = true;
  const currency = currencyOfFormat(fmt);
  if (currency) base.currency = currency;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return { ...base, value: v };
  if (v instanceof Date) return { ...base, value: v };
  if (typeof v === "object") {
    if ("formula" in v || "sharedFormula" in v) {
      const f = v as ExcelJS.CellFormulaValue & { sharedFormula?: string };
      // cell.result, not value.result: exceljs drops a falsy result (0, FALSE) from the value's copy.
      const result = (cell.result ?? f.result) as unknown;
      const formula = String(f.formula ?? f.sharedFormula ?? "");
      let value: SheetCell["value"] = null;
      // exceljs's streaming reader parses an error result ("#DIV/0!") as a number: NaN. Its text
      // is gone; the cell still reads as an error, never as an amount or as "no saved value".
      if (typeof result === "number" && Number.isNaN(result)) value = "#ERROR!";
      else if (typeof result === "number" || typeof result === "string" || typeof result === "boolean") value = result;
      else if (result instanceof Date) value = result;
      else if (result && typeof result === "object" && "error" in result)
        value = String((result as { error: string }).error);
      return { ...base, value, formula };
    }
    if ("richText" in v) return { ...base, value: v.richText.map((r) => r.text).join("") };
    if ("text" in v && typeof (v as { text: unknown }).text === "string")
      return { ...base, value: (v as { text: string }).text };
    if ("error" in v) return { ...base, value: String((v as ExcelJS.CellErrorValue).error) };
  }
  return { ...base, value: String(v) };
}

// exceljs's streaming reader first (lib/import/xlsx-stream.ts: rows become plain cells as they
// arrive, a fraction of the whole-workbook load's time and memory); that load for a file whose
// sheets the streaming reader cannot name.
async function readXlsx(bytes: Uint8Array, fileName: string, onProgress?: OnProgress): Promise<Book> {
  const total = bytes.byteLength;
  let sheets: Sheet[] | null = null;
  try {
    sheets = await readSheetsStreaming(bytes, {
      maxRows: MAX_SHEET_ROWS,
      tooManyRows: (sheet) => new ReadProblem("tooManyRows", { max: MAX_SHEET_ROWS }, sheet),
      cellOf,
      onBytes: (done) => onProgress?.({ phase: "read", done, total }),
    });
  } catch (error) {
    if (error instanceof ReadProblem) throw error;
    sheets = null;
  }
  if (sheets && sheets.length > 0) return { fileName, sheets };
  return readXlsxWithExcelJs(bytes, fileName);
}

export async function readXlsxWithExcelJs(bytes: Uint8Array, fileName: string): Promise<Book> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new ReadProblem("notSpreadsheet");
  }
  const sheets: Sheet[] = [];
  for (const ws of wb.worksheets) {
    if (ws.rowCount > MAX_SHEET_ROWS + 50) throw new ReadProblem("tooManyRows", { max: MAX_SHEET_ROWS }, ws.name);
    const rows: Sheet["rows"] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: (SheetCell | undefined)[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const sc = cellOf(cell);
        cells[c - 1] = sc;
      });
      rows[r - 1] = cells;
    });
    for (let r = 0; r < rows.length; r++) rows[r] ??= [];
    // A merged label fills its range; numbers stay in their first cell (lib/import/xlsx-stream.ts).
    fillMerges(rows, ((ws.model as unknown as { merges?: string[] }).merges ?? []).filter(Boolean));
    sheets.push({ name: ws.name, rows, ...(ws.state && ws.state !== "visible" ? { hidden: true } : {}) });
  }
  if (sheets.length === 0) throw new ReadProblem("noSheets");
  return { fileName, sheets };
}

// CSV: the encoding (a BOM, else UTF-8 if valid, else GB 18030 where the bytes read as Chinese,
// else Windows-1252, which covers Swedish, Norwegian and French files saved by Excel), then the delimiter used most consistently over the
// first lines (; , tab or |), then RFC 4180 quoting.
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    // Chinese Excel saves CSV in GB 18030 (GBK): taken when every byte above ASCII pairs up in
    // the GB 2312 range (0xA1-0xFE twice), which Swedish, Norwegian and French text in
    // Windows-1252 does not do (their letters stand alone between ASCII ones: "År", "för").
    if (pairsAsGb2312(bytes)) {
      try {
        return new TextDecoder("gb18030", { fatal: true }).decode(bytes);
      } catch {
        // not GB 18030 after all
      }
    }
    // Windows-1252 never fails and is right for the other four languages.
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

function pairsAsGb2312(bytes: Uint8Array): boolean {
  let pairs = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    const next = bytes[i + 1];
    if (b < 0xa1 || b > 0xfe || next === undefined || next < 0xa1 || next > 0xfe) return false;
    pairs++;
    i++;
  }
  return pairs > 0;
}

export function parseCsv(text: string): string[][] {
  const sample = text.split(/\r?\n/, 20).filter((l) => l.trim() !== "");
  const delimiters = [";", ",", "\t", "|"];
  const score = (d: string) => {
    const counts = sample.map((l) => splitLine(l, d).length - 1);
    const nonZero = counts.filter((n) => n > 0);
    if (nonZero.length === 0) return 0;
    const mode = [...new Set(nonZero)].sort(
      (a, b) => nonZero.filter((n) => n === b).length - nonZero.filter((n) => n === a).length,
    )[0]!;
    return nonZero.filter((n) => n === mode).length * 10 + mode;
  };
  const delimiter = delimiters.reduce((best, d) => (score(d) > score(best) ? d : best), ",");
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      if (rows.length > MAX_SHEET_ROWS + 50) throw new ReadProblem("tooManyRows", { max: MAX_SHEET_ROWS });
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function splitLine(line: string, d: string): string[] {
  return line.split(d);
}

function readCsv(bytes: Uint8Array, fileName: string): Book {
  const text = decodeText(bytes);
  if (text.includes("\u0000")) throw new ReadProblem("notSpreadsheet");
  if (text.trim() === "") throw new ReadProblem("emptyFile");
  const rows = parseCsv(text).map((r) =>
    r.map((c): SheetCell | undefined => {
      // A spreadsheet's CSV protection ("'-1200", written so no formula runs) reads back as its value.
      const v = c.trim().replace(/^'(?=[=+\-@])/, "");
      return v === "" ? undefined : { value: v };
    }),
  );
  const name = path.basename(fileName, path.extname(fileName)) || "CSV";
  return { fileName, sheets: [{ name, rows }] };
}
