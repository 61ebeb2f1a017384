// Reading an .xlsx for the importer with exceljs's streaming reader: rows arrive one at a time
// and become the importer's plain cells at once, so a 100,000-row sheet never exists as exceljs's
// workbook model (docs/import.md#files). Sheets keep the workbook's order and visibility. The
// streaming reader skips merged ranges, so each sheet's <mergeCells> is read from its part with
// saxes (the XML parser exceljs itself uses). Server and CLI only (Node streams).
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { unzipSync, zipSync, type Unzipped } from "fflate";
import { SaxesParser } from "saxes";
import type { Sheet, SheetCell } from "./sheet";

export interface StreamReadOptions {
  maxRows: number;
  tooManyRows: (sheet: string) => Error;
  cellOf: (cell: ExcelJS.Cell) => SheetCell | undefined;
  onBytes?: (done: number, total: number) => void;
}

interface ReaderInternals {
  model?: { sheets?: { name: string; id: number; rId: string; state?: string }[] };
  workbookRels?: { Id: string; Target: string }[];
}

const CHUNK = 64 * 1024;

// The file's bytes as a stream of chunks, counting what the unzipper has taken (the progress).
function chunks(bytes: Uint8Array, onBytes?: (done: number, total: number) => void): Readable {
  let at = 0;
  return new Readable({
    read() {
      if (at >= bytes.byteLength) return void this.push(null);
      const end = Math.min(bytes.byteLength, at + CHUNK);
      this.push(Buffer.from(bytes.buffer, bytes.byteOffset + at, end - at));
      at = end;
      onBytes?.(at, bytes.byteLength);
    },
  });
}

// Returns null when the streaming reader finds no worksheet it can name (a file laid out unlike
// Excel's and LibreOffice's); the caller then loads the whole workbook with exceljs.
export async function readSheetsStreaming(bytes: Uint8Array, options: StreamReadOptions): Promise<Sheet[] | null> {
  const { input, parts } = readerOrder(bytes);
  // Progress in bytes of the file as given (a re-packed file is longer: its share is scaled).
  const onBytes = options.onBytes;
  const told = onBytes
    ? (done: number, total: number) => onBytes(Math.round((done / total) * bytes.byteLength), bytes.byteLength)
    : undefined;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(chunks(input, told), {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  const found: { name: string; hidden: boolean; rows: Sheet["rows"] }[] = [];
  for await (const worksheet of reader) {
    const ws = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { name?: string; state?: string };
    const rows: Sheet["rows"] = [];
    for await (const row of ws) {
      if (row.number > options.maxRows + 50) throw options.tooManyRows(ws.name ?? "");
      const cells: (SheetCell | undefined)[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        cells[c - 1] = options.cellOf(cell);
      });
      rows[row.number - 1] = cells;
    }
    for (let r = 0; r < rows.length; r++) rows[r] ??= [];
    if (!ws.name) return null;
    found.push({ name: ws.name, hidden: ws.state !== undefined && ws.state !== "visible", rows });
  }
  const internals = reader as unknown as ReaderInternals;
  const order = (internals.model?.sheets ?? []).map((s) => s.name);
  if (found.length === 0 || order.length === 0) return null;
  found.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  const merges = mergesOf(parts ?? bytes, internals);
  return found.map((s) => {
    fillMerges(s.rows, merges.get(s.name) ?? []);
    return { name: s.name, rows: s.rows, ...(s.hidden ? { hidden: true } : {}) };
  });
}

// The streaming reader wants the workbook, its relationships, styles and shared strings before
// the sheets: it parks sheets that come earlier in temporary files and reads them at the end, and
// a file written with the workbook part last (exceljs's own writer does so) was seen to end the
// read before that part under load, leaving the sheets unnamed. Such a file is re-packed with those
// parts first (stored, not compressed: a copy, no deflate work) before it is streamed.
const FIRST = ["xl/_rels/workbook.xml.rels", "xl/workbook.xml", "xl/styles.xml", "xl/sharedStrings.xml"];
const SHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;
function readerOrder(bytes: Uint8Array): { input: Uint8Array; parts: Unzipped | null } {
  const names: string[] = [];
  unzipSync(bytes, {
    filter: (f) => {
      names.push(f.name);
      return false;
    },
  });
  const firstSheet = names.findIndex((n) => SHEET_PART.test(n));
  if (firstSheet < 0 || FIRST.every((n) => !names.includes(n) || names.indexOf(n) < firstSheet))
    return { input: bytes, parts: null };
  const parts = unzipSync(bytes);
  const ordered: Unzipped = {};
  for (const n of FIRST) if (parts[n]) ordered[n] = parts[n];
  for (const [n, data] of Object.entries(parts)) if (!n.endsWith("/") && !(n in ordered)) ordered[n] = data;
  return { input: zipSync(ordered, { level: 0 }), parts };
}

// Each sheet's merged ranges ("B3:D3"), by sheet name: the workbook's relationships name each
// sheet's part; only the part's <mergeCell> elements are read.
function mergesOf(source: Uint8Array | Unzipped, internals: ReaderInternals): Map<string, string[]> {
  const partOf = new Map<string, string>();
  for (const s of internals.model?.sheets ?? []) {
    const target = internals.workbookRels?.find((r) => r.Id === s.rId)?.Target;
    if (target) partOf.set(target.replace(/^\/?(xl\/)?/, "xl/"), s.name);
  }
  const parts = source instanceof Uint8Array ? unzipSync(source, { filter: (f) => partOf.has(f.name) }) : source;
  const out = new Map<string, string[]>();
  for (const [part, data] of Object.entries(parts)) {
    if (!partOf.has(part)) continue;
    // <mergeCells> follows <sheetData>: skip the rows (the bulk of the part) before parsing.
    const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("utf8");
    const from = text.indexOf("<mergeCells");
    if (from < 0) continue;
    const to = text.indexOf("</mergeCells>", from);
    if (to < 0) continue;
    const refs: string[] = [];
    const parser = new SaxesParser();
    parser.on("opentag", (node) => {
      if (node.name === "mergeCell" && typeof node.attributes.ref === "string") refs.push(node.attributes.ref);
    });
    parser.write(text.slice(from, to + "</mergeCells>".length)).close();
    out.set(partOf.get(part)!, refs);
  }
  return out;
}

function letters(s: string): number {
  let n = 0;
  for (const ch of s) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

// A merged label fills its range (a title over the table, a scenario over its column group);
// numbers stay in their first cell only, so nothing is counted twice.
export function fillMerges(rows: Sheet["rows"], merges: readonly string[]) {
  for (const range of merges) {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
    if (!m) continue;
    const [c1, r1, c2, r2] = [letters(m[1]!), Number(m[2]) - 1, letters(m[3]!), Number(m[4]) - 1];
    const top = rows[r1]?.[c1];
    if (!top || typeof top.value !== "string") continue;
    for (let r = r1; r <= r2; r++)
      for (let c = c1; c <= c2; c++) {
        if (r === r1 && c === c1) continue;
        (rows[r] ??= [])[c] = { value: top.value, merged: true };
      }
  }
}
