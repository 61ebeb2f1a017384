"use server";
// "New case from a workbook" (components/import/workbook-wizard.tsx): the preview of a workbook
// with a guessed or edited mapping (nothing written), then the case created from it, all or
// nothing. The file is sent again with the confirmation, so the server never keeps an upload.
import { getLocale } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { toLocale } from "@/lib/import/messages";
import { MAX_WORKBOOK_BYTES } from "@/lib/import/read";
import type { ImportPreview } from "@/lib/import/workbook";
import { importWorkbookCase, previewWorkbookImport, type WorkbookImportInput } from "@/lib/services/import-workbook";
import { runAction } from "./result";

const formSchema = z.strictObject({
  workspace: z.string().min(1).max(200),
  mapping: z.string().max(5_000_000).optional(),
  sheet: z.string().max(100).optional(),
});

async function inputOf(form: FormData): Promise<{ workspace: string; input: WorkbookImportInput }> {
  const file = form.get("file");
  if (!(file instanceof File))
    throw new AppError("validation", "choose a file", { fieldErrors: [{ path: "file", message: "choose a file" }] });
  if (file.size > MAX_WORKBOOK_BYTES)
    throw new AppError("validation", "the file is too large", {
      fieldErrors: [{ path: "file", message: `the file is larger than ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB` }],
    });
  const fields = formSchema.parse({
    workspace: form.get("workspace") ?? undefined,
    mapping: form.get("mapping") ?? undefined,
    sheet: form.get("sheet") ?? undefined,
  });
  const input: WorkbookImportInput = { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name };
  if (fields.mapping !== undefined) {
    try {
      input.mapping = JSON.parse(fields.mapping);
    } catch {
      throw new AppError("validation", "the mapping is not valid", {
        fieldErrors: [{ path: "mapping", message: "not valid JSON" }],
      });
    }
  }
  if (fields.sheet) input.sheet = fields.sheet;
  return { workspace: fields.workspace, input };
}

export type WorkbookPreviewDTO = Omit<ImportPreview, "file">;

export async function previewWorkbookAction(form: FormData) {
  return runAction(async (): Promise<WorkbookPreviewDTO> => {
    const { actor } = await requireActor();
    const { workspace, input } = await inputOf(form);
    const { file: _file, ...preview } = await previewWorkbookImport(actor, workspace, input);
    return preview;
  });
}

export async function importWorkbookAction(form: FormData) {
  return runAction(async (): Promise<{ caseId: string }> => {
    const { actor } = await requireActor();
    const { workspace, input } = await inputOf(form);
    // A refusal's problems in the interface language (the wizard shows them as they come).
    input.locale = toLocale(await getLocale().catch(() => "en"));
    const r = await importWorkbookCase(actor, workspace, input);
    revalidatePath("/w/[slug]", "layout");
    return { caseId: r.caseId };
  });
}
