// The importer's view of a workbook: sheets of plain cells (the value a person sees: a formula's
// cached result, a merged label over its whole range), so layout detection never meets exceljs.
// Plain data (structured-clone safe): a worker thread can hand it back. Pure.
import { D } from "@/lib/finance/decimal";

type Decimal = InstanceType<typeof D>;

export interface SheetCell {
  value: string | number | boolean | Date | null;
  formula?: string; // without "="; value is its cached result (null when the file saved none)
  percent?: boolean; // the number format shows a percentage
  currency?: string; // ISO code read from the number format (£, €, $, kr, ¥)
  merged?: boolean; // a copy of a merged range's top-left label
}

export interface Sheet {
  name: string;
  rows: (SheetCell | undefined)[][]; // rows[r][c], 0-based
  hidden?: boolean;
}

export interface Book {
  fileName: string;
  sheets: Sheet[];
  xlsx?: Uint8Array; // the .xlsx LibreOffice made of an .ods or .xls
}

export function columnLetter(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

// "Model!D7" (quoted when the name needs it, as Excel writes references).
export function cellRef(sheet: string, row: number, column: number): string {
  return `${sheetRef(sheet)}!${columnLetter(column)}${row + 1}`;
}
export function sheetRef(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

export function cellAt(sheet: Sheet, r: number, c: number): SheetCell | undefined {
  return sheet.rows[r]?.[c];
}

export function textOf(cell: SheetCell | undefined): string {
  const v = cell?.value;
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

export function width(sheet: Sheet): number {
  let w = 0;
  for (const row of sheet.rows) if (row && row.length > w) w = row.length;
  return w;
}

// A number a person wrote: a numeric cell, or text such as "1 250,50", "1,250.50", "£1,250",
// "(1,250)" (accountants' negative), "12 %" (a share), "-" or "–" (nothing). Returns a decimal or
// null; "percent" says the text or the format showed a percentage.
const CURRENCY_PREFIX = /^(?:[£€$¥]|us\$|kr\.?|sek|nok|dkk|eur|usd|gbp|cny|rmb)\s*/iu;
const CURRENCY_SUFFIX = /\s*(?:[£€$¥元]|kr\.?|:-|sek|nok|dkk|eur|usd|gbp|cny|rmb)$/iu;

export function numberOf(cell: SheetCell | undefined): { value: Decimal; percent: boolean } | null {
  const v = cell?.value;
  if (v === null || v === undefined || typeof v === "boolean" || v instanceof Date) return null;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return null;
    // A double's 15 significant digits are what the file meant; the rest is binary noise.
    return { value: new D(v.toPrecision(15)), percent: cell?.percent === true };
  }
  let t = v.trim();
  if (t === "" || /^[-–—]$/.test(t)) return null;
  let negative = false;
  const paren = /^\((.*)\)$/.exec(t);
  if (paren) {
    negative = true;
    t = paren[1]!.trim();
  }
  const percent = /%\s*$/.test(t);
  t = t
    .replace(/%\s*$/, "")
    .replace(CURRENCY_PREFIX, "")
    .replace(CURRENCY_SUFFIX, "")
    .replace(/[\s\u00a0\u202f']/g, "");
  if (/^[-−]/.test(t)) {
    negative = !negative;
    t = t.slice(1);
  }
  if (!/^[\d.,]+$/.test(t)) return null;
  const lastDot = t.lastIndexOf(".");
  const lastComma = t.lastIndexOf(",");
  let normalised: string;
  if (lastDot >= 0 && lastComma >= 0)
    normalised = lastDot > lastComma ? t.replace(/,/g, "") : t.replace(/\./g, "").replace(",", ".");
  else if (lastComma >= 0)
    // "1,250" (thousands) vs "12,5" (decimal): three digits after a single comma read as thousands.
    normalised = /^\d{1,3}(,\d{3})+$/.test(t) ? t.replace(/,/g, "") : t.replace(",", ".");
  else normalised = /^\d{1,3}(\.\d{3}){2,}$/.test(t) ? t.replace(/\./g, "") : t;
  if (!/^\d*\.?\d+$|^\d+\.$/.test(normalised)) return null;
  // "4 %" is the share 0.04, as a percentage-formatted cell holding 0.04 is.
  const value = percent ? new D(normalised).div(100) : new D(normalised);
  return { value: negative ? value.neg() : value, percent };
}

export function isNumeric(cell: SheetCell | undefined): boolean {
  const v = cell?.value;
  if (typeof v === "number") return Number.isFinite(v);
  return typeof v === "string" && numberOf(cell) !== null;
}

export function isTextCell(cell: SheetCell | undefined): boolean {
  const v = cell?.value;
  return typeof v === "string" && v.trim() !== "" && numberOf(cell) === null;
}
