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
  const text = numberText(v);
  if (!text) return null;
  // "4 %" is the share 0.04, as a percentage-formatted cell holding 0.04 is.
  const value = text.percent ? new D(text.digits).div(100) : new D(text.digits);
  return { value: text.negative ? value.neg() : value, percent: text.percent };
}

// Text written as a number -> its digits ("1250.50"), sign and percent, or null.
const PLAIN_NUMBER = /^(-?)(\d+)(?:([.,])(\d+))?$/;
const NUMBER_START = /^\s*[\d(+\-−–—.,£€$¥'\u00a0\u202fukrsndegcKRSNDEGCU]/;

function numberText(v: string): { digits: string; negative: boolean; percent: boolean } | null {
  // Most text ("Item 12 licence") fails on its first character: no regular expression work then.
  if (!NUMBER_START.test(v)) return null;
  // Plain digits with at most one separator ("1234,56", "-12", "1,250"): the rules below, directly.
  const plain = PLAIN_NUMBER.exec(v);
  if (plain) {
    const [, sign, whole, separator, fraction] = plain;
    const thousands = separator === "," && whole!.length <= 3 && fraction!.length === 3;
    const digits = fraction === undefined ? whole! : thousands ? whole! + fraction : `${whole}.${fraction}`;
    return { digits, negative: sign === "-", percent: false };
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
  return { digits: normalised, negative, percent };
}

// The fast path of the importer's arithmetic (guess.ts, build.ts): an amount as a whole number of
// millionths when that is exactly the amount numberOf reads (a double's 15 significant digits, or
// the text's digits) and a double holds it exactly (below 10^15 millionths); null otherwise (not a
// number, a percentage, more than six decimals, too large), and the caller uses decimals. Sums of
// such integers are exact while they stay below Number.MAX_SAFE_INTEGER, which callers check.
export const MICRO = 1_000_000;
const MICRO_LIMIT = 1e15;

export function microOf(cell: SheetCell | undefined): number | null {
  const v = cell?.value;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return null;
    const m = Math.round(v * MICRO);
    // m / 10^6 has at most 15 significant digits and rounds to v: it is v's 15-digit decimal.
    return Math.abs(m) < MICRO_LIMIT && m / MICRO === v ? m : null;
  }
  if (typeof v !== "string") return null;
  const text = numberText(v);
  if (!text || text.percent) return null;
  const [whole = "", fraction = ""] = text.digits.split(".");
  const extra = fraction.slice(6);
  if (extra !== "" && !/^0+$/.test(extra)) return null;
  const digits = (whole + fraction.slice(0, 6).padEnd(6, "0")).replace(/^0+(?=\d)/, "");
  if (digits.length > 15) return null;
  const m = Number(digits);
  return text.negative && m !== 0 ? -m : m;
}

// Millionths -> the decimal's text ("-1234.5"), exact.
export function microText(m: number): string {
  const negative = m < 0;
  const digits = String(Math.abs(m)).padStart(7, "0");
  const whole = digits.slice(0, -6);
  const fraction = digits.slice(-6).replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

// Whether a cell holds a number, without making its decimal (a big sheet asks for every cell).
export function isNumeric(cell: SheetCell | undefined): boolean {
  const v = cell?.value;
  if (typeof v === "number") return Number.isFinite(v);
  return typeof v === "string" && numberText(v) !== null;
}

export function isTextCell(cell: SheetCell | undefined): boolean {
  const v = cell?.value;
  return typeof v === "string" && v.trim() !== "" && numberText(v) === null;
}
