// The import mapping: how a workbook's sheets, columns and rows become a case. The importer
// guesses one (lib/import/guess.ts); `caseboard import --print-mapping` prints it, `--mapping`
// takes it back edited, the API takes it as a form field and the wizard edits the same object.
// Columns are letters and rows are the sheet's own row numbers, as a person reads them.
import { z } from "zod";

const column = () => z.string().regex(/^[A-Z]{1,3}$/, 'a column letter such as "C"');
const rowNumber = () => z.int().min(1).max(1_048_576);
const scenarioKey = () => z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "letters, digits, - and _ (at most 64)");

export const LAYOUTS = ["periods-in-columns", "periods-in-rows", "line-per-row", "flat-list"] as const;
export type Layout = (typeof LAYOUTS)[number];
export const SKIP_REASONS = ["total", "subtotal", "derived", "section", "empty", "excluded", "notMoney"] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const periodColumnSchema = z.strictObject({
  column: column(),
  label: z.string().max(200),
  from: z.int().min(0).max(120),
  to: z.int().min(0).max(120),
  scenario: scenarioKey().optional(), // column groups: this column belongs to one scenario
});

export const rowSchema = z.strictObject({
  row: rowNumber(),
  name: z.string().max(500).optional(),
  kind: z.enum(["cost", "benefit"]).optional(),
  category: z.string().max(40).optional(),
  scenario: scenarioKey().optional(), // absent: shared by every scenario
  skip: z.enum(SKIP_REASONS).optional(),
});

export const flowColumnSchema = z.strictObject({
  column: column(),
  name: z.string().max(500),
  kind: z.enum(["cost", "benefit"]),
  category: z.string().max(40).optional(),
  scenario: scenarioKey().optional(),
  skip: z.enum(SKIP_REASONS).optional(),
});

export const sheetMappingSchema = z.strictObject({
  sheet: z.string().min(1).max(100),
  layout: z.enum(LAYOUTS),
  headerRow: rowNumber(),
  lastRow: rowNumber().optional(),
  scenario: scenarioKey().optional(), // every line of the sheet goes to this scenario
  columns: z
    .strictObject({
      name: column().optional(),
      type: column().optional(),
      category: column().optional(),
      scenario: column().optional(),
      amount: column().optional(),
      unitPrice: column().optional(),
      units: column().optional(),
      period: column().optional(), // periods-in-rows: the column of the periods
    })
    .default({}),
  // line-per-row: the case-file field each column holds (Caseboard's own lines sheet and alike).
  fields: z.record(column(), z.string().max(40)).optional(),
  periods: z.array(periodColumnSchema).max(400).default([]), // periods-in-columns
  periodRows: z
    .array(
      z.strictObject({
        row: rowNumber(),
        label: z.string().max(200),
        from: z.int().min(0).max(120),
        to: z.int().min(0).max(120),
      }),
    )
    .max(400)
    .optional(),
  flows: z.array(flowColumnSchema).max(200).optional(), // periods-in-rows: one line per column
  rows: z.array(rowSchema).max(200_000).optional(),
  // How lines without a type column, section or sign are taken.
  defaultKind: z.enum(["cost", "benefit"]).default("cost"),
  negativeIs: z.enum(["cost", "sign"]).default("cost"),
});

export const mappingSchema = z.strictObject({
  format: z.literal("caseboard/import-mapping").default("caseboard/import-mapping"),
  name: z.string().trim().min(1).max(200),
  currency: z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as SEK"),
  startMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as "YYYY-MM"'),
  discountRate: z.string().regex(/^-?\d+(\.\d+)?$/, 'a share such as "0.035"'),
  horizonMonths: z.int().min(1).max(120).optional(),
  convention: z.enum(["end", "spread"]).default("end"),
  scale: z.string().regex(/^\d+$/).default("1"), // "1000" when the sheet says £000 or tkr
  locale: z.enum(["en", "sv", "nb", "fr", "zh"]).optional(), // the case's language, from the sheet's words
  scenarios: z
    .array(
      z.strictObject({ key: scenarioKey(), name: z.string().trim().min(1).max(200), baseline: z.boolean().optional() }),
    )
    .min(1)
    .max(20),
  chosenScenario: scenarioKey().optional(),
  sheets: z.array(sheetMappingSchema).min(1).max(50),
});

export type Mapping = z.infer<typeof mappingSchema>;
export type SheetMapping = z.infer<typeof sheetMappingSchema>;
export type RowMapping = z.infer<typeof rowSchema>;
export type PeriodColumn = z.infer<typeof periodColumnSchema>;
export type FlowColumn = z.infer<typeof flowColumnSchema>;
