// A file as uploaded or named on the command line -> the import preview (lib/import/workbook.ts).
// Node only (reads with exceljs, LibreOffice for .ods/.xls and for formulas saved without values).
// A workbook exported by Caseboard comes back whole (settings, scenarios, lines, risks, KPIs)
// through its own reader unless a mapping is given.
import { parseCaseFile } from "@/lib/case-file/parse";
import { readWorkbookCase } from "@/lib/xlsx/import";
import { importMessage } from "./messages";
import { libreOffice, readBook } from "./read";
import type { Book } from "./sheet";
import { importBook, previewOfFile, type ImportOptions, type ImportPreview } from "./workbook";

export async function importFile(
  bytes: Uint8Array,
  fileName: string,
  options: ImportOptions = {},
): Promise<ImportPreview> {
  const onProgress = options.onProgress;
  let book = await readBook(bytes, fileName, { onProgress });
  if (options.mapping === undefined && isCaseboardExport(book)) {
    const read = await readWorkbookCase(book.xlsx ?? bytes);
    if (read.ok) {
      const parsed = parseCaseFile(read.value);
      if (parsed.ok) return previewOfFile(book, parsed.value, options);
    }
  }
  let preview = importBook(book, options);
  // Formulas the file saved without values: LibreOffice calculates them, then the import runs again.
  if (preview.problems.some((p) => p.code === "formulaNoValue") && (await libreOffice())) {
    book = await readBook(bytes, fileName, { recalculate: true, onProgress });
    preview = importBook(book, options);
    if (!preview.problems.some((p) => p.code === "formulaNoValue")) preview.notes.push(importMessage("recalculated"));
  }
  return preview;
}

function isCaseboardExport(book: Book): boolean {
  const inputs = book.sheets.find((s) => s.name === "Inputs");
  if (!inputs) return false;
  const keys = new Set(inputs.rows.map((r) => r?.[0]?.value));
  return keys.has("discountRate") && keys.has("horizonMonths") && keys.has("startMonth");
}
