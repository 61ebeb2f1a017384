// Cell helpers shared by the workbook's sheet builders (export.ts, people.ts, tax-sheet.ts via
// export.ts): A1 references, formulas with their cached values, number formats, header rows.
import { AsyncLocalStorage } from "node:async_hooks";
import type ExcelJS from "exceljs";
import type Decimal from "decimal.js";
import type { BufferedCell, SheetBuffer } from "./sheet-buffer";

// The machine figures' columns (sheet Figures): the contract of docs/case-file.md#the-workbook.
export const SUMMARY_COLUMNS = [
  "key",
  "totalCost",
  "totalBenefit",
  "netBenefit",
  "pvCost",
  "pvBenefit",
  "npv",
  "roi",
  "discountedRoi",
  "benefitCostRatio",
  "irr",
  "paybackMonths",
] as const;

// Where a stream's rows are on its sheet (streamBlock in export.ts).
export interface StreamRows {
  sheet: string;
  cost: number;
  benefit: number;
  net: number;
  pvCost: number;
  pvBenefit: number;
  discountedNet: number;
  cumulative: number;
  firstColumn: number; // column of month 0
  negative: number;
  payback: number;
  firstPositive: number;
}

export function columnName(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
export const ref = (sheet: string, cell: string) => `'${sheet.replace(/'/g, "''")}'!${cell}`;
export const num = (v: string | number | Decimal) => (typeof v === "number" ? v : Number(v.toString()));

export type Cached = number | string | boolean;
// Tests write workbooks without the cached values, to prove a spreadsheet engine derives every
// figure from the formulas alone. The choice belongs to one export, which awaits between sheets:
// it travels with that export's async context, so exports running side by side keep their own.
const results = new AsyncLocalStorage<boolean>();
export function withResults<T>(on: boolean, run: () => Promise<T>): Promise<T> {
  return results.run(on, run);
}
export const writesResults = () => results.getStore() ?? true;
export function formula(cell: BufferedCell, f: string, result: Cached) {
  cell.value = (writesResults() ? { formula: f, result } : { formula: f }) as ExcelJS.CellFormulaValue;
}

// Number formats: the currency's minor unit, the code where the case's locale puts it.
const SYMBOL_AFTER = new Set(["sv", "nb", "fr"]);
export function moneyFormat(currency: string, locale: string): string {
  let digits = 2;
  try {
    digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    digits = 2;
  }
  const n = digits > 0 ? `#,##0.${"0".repeat(digits)}` : "#,##0";
  const signed = (s: string) => `${s};-${s}`;
  return SYMBOL_AFTER.has(locale) ? signed(`${n} "${currency}"`) : signed(`"${currency}" ${n}`);
}
export const PERCENT = "0.00%";
export const FACTOR = "0.000000000";
export const MONTHS = "0.00";
export const MONTHS_SHORT = "0.0";

export function header(ws: SheetBuffer, names: readonly string[], xSplit = 0) {
  const row = ws.getRow(1);
  names.forEach((n, i) => (row.getCell(i + 1).value = n));
  row.font = { bold: true };
  row.fill = HEADER_FILL;
  ws.views = [{ state: "frozen", xSplit, ySplit: 1 }];
  ws.pageSetup.printTitlesRow = "1:1";
}
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } };
