// A lean .xlsx reader for the importer: the cells' values only (a formula's saved result, shared
// strings, dates by their number format, the number format's percent and currency), merged
// ranges, hidden sheets. It unzips with fflate and scans each sheet's XML once with regular
// expressions, building the importer's plain cells directly: no object per cell style, no
// workbook model. A 100,000-row sheet reads in a fraction of the time and memory exceljs's
// whole-workbook load takes (docs/import.md#speed). A file it cannot make sense of (no workbook
// part, a missing sheet part) is left to exceljs by the caller. Node or browser; no I/O.
import { unzipSync } from "fflate";
import type { OnProgress } from "./progress";
import type { Book, Sheet, SheetCell } from "./sheet";

export class LeanReadFailed extends Error {}

// exceljs's table of built-in number formats (the ones with a format code of their own).
const BUILTIN_FORMATS: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: 'm/d/yy "h":mm',
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00 ;(#,##0.00)",
  40: "#,##0.00 ;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]+/.test(format.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

const ENTITY = /&(?:(amp)|(lt)|(gt)|(quot)|(apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
function decode(text: string): string {
  if (text.indexOf("&") < 0) return text;
  return text.replace(ENTITY, (_, amp, lt, gt, quot, apos, dec: string, hex: string) =>
    amp
      ? "&"
      : lt
        ? "<"
        : gt
          ? ">"
          : quot
            ? '"'
            : apos
              ? "'"
              : String.fromCodePoint(dec ? Number(dec) : parseInt(hex, 16)),
  );
}

// Every <t> of a string item (<si> or <is>), phonetic runs (<rPh>) left out.
const T_TEXT = /<(?:\w+:)?t(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g;
function stringItem(xml: string): string {
  const body = xml.indexOf("<rPh") >= 0 ? xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, "") : xml;
  let out = "";
  for (const m of body.matchAll(T_TEXT)) out += m[1] ?? "";
  return decode(out);
}

// V8 keeps a substring of 13 characters or more as a slice of its parent: a string kept with the
// book (a formula, a text cell) is copied so the sheet's XML can be collected after reading.
function flat(text: string): string {
  return text.length < 13 ? text : text.split("").join("");
}

const ATTRIBUTES = new Map<string, RegExp>();
function attr(attrs: string, name: string): string | undefined {
  let re = ATTRIBUTES.get(name);
  if (!re) ATTRIBUTES.set(name, (re = new RegExp(`(?:^|\\s)${name}="([^"]*)"`)));
  const m = re.exec(attrs);
  return m ? decode(m[1]!) : undefined;
}

function letters(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) n = n * 26 + (s.charCodeAt(i) - 64);
  return n - 1;
}

function columnName(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

interface Style {
  percent: boolean;
  date: boolean;
  currency?: string;
}

export interface LeanOptions {
  maxRows: number; // a sheet with more rows is refused by tooMany (its name)
  tooMany: (sheet: string) => Error;
  currencyOfFormat: (format: string | undefined) => string | undefined;
  onProgress?: OnProgress;
}

const text = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : "");

export function readXlsxLean(bytes: Uint8Array, fileName: string, options: LeanOptions): Book {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) =>
        /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|styles\.xml|worksheets\/[^/]+\.xml)$/.test(
          f.name,
        ),
    });
  } catch {
    throw new LeanReadFailed("not a zip");
  }
  const workbook = text(files["xl/workbook.xml"]);
  if (!workbook) throw new LeanReadFailed("no workbook part");
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(workbook);
  const rels = new Map<string, string>();
  for (const m of text(files["xl/_rels/workbook.xml.rels"]).matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const id = attr(m[1]!, "Id");
    const target = attr(m[1]!, "Target");
    if (id && target) rels.set(id, target.replace(/^\/?xl\//, "").replace(/^\//, ""));
  }

  const shared: string[] = [];
  for (const m of text(files["xl/sharedStrings.xml"]).matchAll(
    /<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g,
  ))
    shared.push(flat(stringItem(m[1] ?? "")));
  delete files["xl/sharedStrings.xml"];

  const styles = text(files["xl/styles.xml"]);
  const formats = new Map<number, string>();
  for (const m of styles.matchAll(/<(?:\w+:)?numFmt\b([^>]*)\/?>/g)) {
    const id = attr(m[1]!, "numFmtId");
    const code = attr(m[1]!, "formatCode");
    if (id !== undefined && code !== undefined) formats.set(Number(id), code);
  }
  const xfs: Style[] = [];
  const cellXfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(styles)?.[1] ?? "";
  for (const m of cellXfs.matchAll(/<(?:\w+:)?xf\b([^>]*?)\/?>/g)) {
    const id = Number(attr(m[1]!, "numFmtId") ?? 0);
    const format = formats.get(id) ?? BUILTIN_FORMATS[id];
    const currency = options.currencyOfFormat(format);
    xfs.push({
      percent: !!format && format.includes("%"),
      date: isDateFormat(format),
      ...(currency ? { currency } : {}),
    });
  }

  const entries = [...workbook.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)].map((m) => ({
    name: attr(m[1]!, "name") ?? "",
    state: attr(m[1]!, "state"),
    part: rels.get(attr(m[1]!, "r:id") ?? "") ?? "",
  }));
  const total = entries.reduce((n, e) => n + (files[`xl/${e.part}`]?.byteLength ?? 0), 0);
  let before = 0;
  const sheets: Sheet[] = [];
  for (const entry of entries) {
    const part = files[`xl/${entry.part}`];
    if (!part) throw new LeanReadFailed(`no part for sheet ${entry.name}`);
    const size = part.byteLength;
    const xml = text(part);
    delete files[`xl/${entry.part}`];
    const rows = readSheet(xml, entry.name, shared, xfs, date1904, options, (done) =>
      options.onProgress?.({
        phase: "read",
        done: Math.round(((before + (done / xml.length) * size) / total) * bytes.byteLength),
        total: bytes.byteLength,
      }),
    );
    before += size;
    sheets.push({ name: entry.name, rows, ...(entry.state && entry.state !== "visible" ? { hidden: true } : {}) });
  }
  return { fileName, sheets };
}

const ROW = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
const CELL = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const PROGRESS_EVERY = 5000; // rows

function readSheet(
  xml: string,
  name: string,
  shared: string[],
  xfs: Style[],
  date1904: boolean,
  options: LeanOptions,
  progress: (done: number) => void,
): Sheet["rows"] {
  const rows: Sheet["rows"] = [];
  const masters = new Map<string, string>(); // shared formula index -> its master's address
  const start = xml.search(/<(?:\w+:)?sheetData\b/);
  const end = xml.search(/<\/(?:\w+:)?sheetData>/);
  const data = start < 0 ? "" : xml.slice(start, end < 0 ? undefined : end);
  let r = -1;
  let count = 0;
  for (const rm of data.matchAll(ROW)) {
    const rAttr = attr(rm[1]!, "r");
    r = rAttr ? Number(rAttr) - 1 : r + 1;
    if (r > options.maxRows + 50) throw options.tooMany(name);
    if (++count % PROGRESS_EVERY === 0) progress(rm.index ?? 0);
    const body = rm[2];
    if (!body) continue;
    let c = -1;
    let cells: (SheetCell | undefined)[] | undefined;
    for (const cm of body.matchAll(CELL)) {
      const attrs = cm[1]!;
      const ref = attr(attrs, "r");
      c = ref ? letters(/^[A-Z]+/.exec(ref)?.[0] ?? "A") : c + 1;
      const inner = cm[2];
      if (!inner) continue;
      const cell = readCell(attrs, inner, shared, xfs, date1904, masters, `${columnName(c)}${r + 1}`);
      if (cell) (cells ??= [])[c] = cell;
    }
    if (cells) rows[r] = cells;
  }
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  // A merged label fills its range (a title over the table, a scenario over its column group);
  // numbers stay in their first cell only, so nothing is counted twice.
  for (const m of xml.matchAll(/<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g)) {
    const [c1, r1, c2, r2] = [letters(m[1]!), Number(m[2]) - 1, letters(m[3]!), Number(m[4]) - 1];
    const top = rows[r1]?.[c1];
    if (!top || typeof top.value !== "string") continue;
    for (let rr = r1; rr <= r2; rr++)
      for (let cc = c1; cc <= c2; cc++) {
        if (rr === r1 && cc === c1) continue;
        (rows[rr] ??= [])[cc] = { value: top.value, merged: true };
      }
  }
  return rows;
}

const F = /<(?:\w+:)?f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?f>)/;
const V = /<(?:\w+:)?v\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?v>)/;
const IS = /<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/;

function readCell(
  attrs: string,
  inner: string,
  shared: string[],
  xfs: Style[],
  date1904: boolean,
  masters: Map<string, string>,
  address: string,
): SheetCell | undefined {
  const type = attr(attrs, "t") ?? "n";
  const s = attr(attrs, "s");
  const style = s === undefined ? undefined : xfs[Number(s)];
  // Plain cells as small literal objects (a 100,000-row sheet holds a million of them).
  const styled = (cell: SheetCell): SheetCell => {
    if (style?.percent) cell.percent = true;
    if (style?.currency) cell.currency = style.currency;
    return cell;
  };
  const fm = inner.indexOf("<f") >= 0 || /<\w+:f\b/.test(inner) ? F.exec(inner) : null;
  const vm = V.exec(inner);
  const raw = vm ? decode(vm[1] ?? "") : undefined;
  let value: SheetCell["value"] | undefined;
  if (type === "inlineStr") {
    const is = IS.exec(inner);
    value = is ? flat(stringItem(is[1]!)) : undefined;
  } else if (raw === undefined) value = undefined;
  else if (type === "s") value = shared[Number(raw)] ?? "";
  else if (type === "str" || type === "e") value = flat(raw);
  else if (type === "b") value = raw === "1" || raw === "true";
  else if (type === "d") value = new Date(raw);
  else {
    // As exceljs reads a number (parseFloat): a written "NaN" stays a number that is not finite.
    value = raw.trim() === "" ? raw : parseFloat(raw);
    if (typeof value === "number" && style?.date)
      value = new Date(Math.round((value - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
  }
  if (fm) {
    const fAttrs = fm[1] ?? "";
    // A copy, not a slice of the sheet's XML (a slice would keep the whole XML alive with the book).
    let formula = flat(decode(fm[2] ?? ""));
    if (attr(fAttrs, "t") === "shared") {
      const si = attr(fAttrs, "si") ?? "";
      if (attr(fAttrs, "ref") !== undefined) masters.set(si, address);
      else if (!formula) formula = masters.get(si) ?? "";
    }
    return styled({ value: value === undefined ? null : value, formula });
  }
  if (value === undefined || value === null) return undefined;
  return styled({ value });
}
