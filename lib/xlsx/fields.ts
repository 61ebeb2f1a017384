// The columns of a lines sheet, shared by the workbook export, the CSV export and the importer,
// made from the line field table (lib/case-file/line-fields.ts): "kind" and "id", then each field's
// header(s) in the table's order (labour's as labour.hours ...). A field the table marks
// "whenUsed" (the line's currency) gets its column only in a sheet where some line has it, after
// the others, so a file without it exports exactly as before; the schedule is one column a month
// in a workbook ("schedule.0" ...) and one "schedule" column in a CSV.
import { LINE_FIELD_NAMES, lineFieldSpec, type LineFieldName, type LineTable } from "@/lib/case-file/line-fields";

type HeaderOf<S extends string> = {
  [F in LineFieldName]: LineTable[F]["sheet"] extends S ? LineTable[F]["columns"][number]["header"] : never;
}[LineFieldName];

const headers = (sheet: "always" | "whenUsed") =>
  LINE_FIELD_NAMES.filter((f) => lineFieldSpec(f).sheet === sheet).flatMap((f) =>
    lineFieldSpec(f).columns.map((c) => c.header),
  );

export type LineField = "kind" | "id" | HeaderOf<"always">;
export type OptionalLineField = HeaderOf<"whenUsed">;
export type SheetLineField = LineField | OptionalLineField;

export const LINE_FIELDS = ["kind", "id", ...headers("always")] as readonly LineField[];
export const OPTIONAL_LINE_FIELDS = headers("whenUsed") as readonly OptionalLineField[];

// The field (case-file name) a header belongs to: "labour.rate" -> labour.
const FIELD_OF_HEADER = new Map<string, LineFieldName>(
  LINE_FIELD_NAMES.flatMap((f) => lineFieldSpec(f).columns.map((c) => [c.header, f] as const)),
);
export const fieldOfHeader = (header: string): LineFieldName | undefined => FIELD_OF_HEADER.get(header);

// Number cells: decimals (labour's three parts too) and months.
export const NUMERIC_LINE_FIELDS = new Set<SheetLineField>(
  [...LINE_FIELDS, ...OPTIONAL_LINE_FIELDS].filter((h) => {
    const v = FIELD_OF_HEADER.get(h) && lineFieldSpec(FIELD_OF_HEADER.get(h)!).value;
    return v === "decimal" || v === "labour" || v === "month";
  }),
);
// Shares and yearly rates: a percentage format in the workbook, "5 %" on import.
export const RATE_LINE_FIELDS = new Set<SheetLineField>(
  [...LINE_FIELDS, ...OPTIONAL_LINE_FIELDS].filter(
    (h) => FIELD_OF_HEADER.has(h) && lineFieldSpec(FIELD_OF_HEADER.get(h)!).rate,
  ),
);

// The columns of one sheet's lines: the fixed ones, then each optional one some line has.
export function sheetLineFields(lines: readonly object[]): SheetLineField[] {
  const used = OPTIONAL_LINE_FIELDS.filter((h) =>
    lines.some((l) => (l as Record<string, unknown>)[FIELD_OF_HEADER.get(h)!] !== undefined),
  );
  return [...LINE_FIELDS, ...used];
}
