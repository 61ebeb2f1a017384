"use server";
// Spreadsheet import from the case page (components/lines/import-lines.tsx); a new case from a
// workbook is the import wizard's (lib/actions/import-workbook.ts). Reading a file never writes; the import writes every line in one
// version or none (lib/db/lines.ts importLines), each line checked again by the case-file rules.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { costLineSchema, benefitLineSchema } from "@/lib/case-file/schema";
import { getCaseVersionOrThrow } from "@/lib/db/cases";
import { importLines } from "@/lib/db/lines";
import { AppError } from "@/lib/errors";
import { MAX_LINES_PER_CASE } from "@/lib/validation/case";
import { MAX_IMPORT_BYTES, readTable, type FileProblem } from "@/lib/xlsx/import";
import { guessMapping, type Table, type Target } from "@/lib/xlsx/import-map";
import { runAction } from "./result";

const uuid = z.uuid();

function fileOf(form: FormData): File {
  const file = form.get("file");
  if (!(file instanceof File))
    throw new AppError("validation", "choose a file", { fieldErrors: [{ path: "file", message: "choose a file" }] });
  return file;
}

async function bytesOf(file: File): Promise<Uint8Array | FileProblem> {
  if (file.size > MAX_IMPORT_BYTES)
    return { code: "tooLarge", message: `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB` };
  return new Uint8Array(await file.arrayBuffer());
}

export type ReadOutcome = { ok: true; table: Table; mapping: Target[] } | { ok: false; problem: FileProblem };

// The file's header and rows for the mapping step (at most a case's worth of rows; a longer
// file can never be imported and says so).
export async function readSpreadsheetAction(form: FormData) {
  return runAction(async (): Promise<ReadOutcome> => {
    const { actor } = await requireActor();
    await getCaseVersionOrThrow(actor, uuid.parse(form.get("caseId")));
    const bytes = await bytesOf(fileOf(form));
    if (!(bytes instanceof Uint8Array)) return { ok: false, problem: bytes };
    const read = await readTable(bytes, fileOf(form).name);
    if (!read.ok) return { ok: false, problem: read.problem };
    const table = read.value;
    const filled = table.rows.filter((r) => r.some((c) => c !== null && c !== ""));
    if (filled.length > MAX_LINES_PER_CASE)
      return {
        ok: false,
        problem: {
          code: "tooManyRows",
          row: MAX_LINES_PER_CASE + 2,
          message: `${filled.length} rows; a case holds at most ${MAX_LINES_PER_CASE} lines`,
        },
      };
    if (filled.length === 0)
      return { ok: false, problem: { code: "empty", message: "the file has no rows below its header" } };
    return { ok: true, table, mapping: guessMapping(table.header) };
  });
}

const importSchema = z.strictObject({
  caseId: uuid,
  version: z.int().min(1),
  scenarioId: uuid,
  costs: z.array(costLineSchema).max(MAX_LINES_PER_CASE),
  benefits: z.array(benefitLineSchema).max(MAX_LINES_PER_CASE),
});

export async function importLinesAction(input: {
  caseId: string;
  version: number;
  scenarioId: string;
  costs: unknown[];
  benefits: unknown[];
}) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const body = importSchema.parse(input);
    const r = await importLines(actor, body.caseId, body.version, body);
    revalidatePath("/w/[slug]/cases/[caseId]", "layout");
    return { version: r.version, added: r.data.length };
  });
}
