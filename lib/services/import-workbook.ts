// A new case from another person's workbook (docs/import.md), for the API and the wizard:
//   previewWorkbookImport(actor, workspaceRef, input)   editor -> the preview (nothing written)
//   importWorkbookCase(actor, workspaceRef, input)      editor -> the new case, all or nothing
// The file is read, guessed and checked in a worker thread (lib/workers/pool.ts); a problem with
// the file or the mapping is a 422 naming its sheet and cell; a valid result becomes a case through
// the case-file import (one transaction).
import "server-only";
import type { Actor } from "@/lib/db/access";
import { hasRole } from "@/lib/db/access";
import type { CaseDetailDTO, WriteResult } from "@/lib/db/case-mappers";
import { listWorkspacesForUser } from "@/lib/db/workspaces";
import { AppError } from "@/lib/errors";
import type { ImportPreview } from "@/lib/import/workbook";
import { importCaseFile } from "@/lib/services/case-file";
import { importWorkbookInWorker } from "@/lib/workers/pool";

export interface WorkbookImportInput {
  bytes: Uint8Array;
  fileName: string;
  mapping?: unknown;
  sheet?: string | string[];
  currency?: string;
}

async function assertEditor(actor: Actor, workspaceRef: string) {
  const workspace = (await listWorkspacesForUser(actor)).find((w) => w.slug === workspaceRef || w.id === workspaceRef);
  if (!workspace) throw new AppError("not_found", "Workspace not found");
  if (!hasRole(workspace.role, "editor")) throw new AppError("forbidden", "importing a case needs the editor role");
}

export async function previewWorkbookImport(
  actor: Actor,
  workspaceRef: string,
  input: WorkbookImportInput,
): Promise<ImportPreview> {
  await assertEditor(actor, workspaceRef);
  const outcome = await importWorkbookInWorker({
    bytes: input.bytes,
    fileName: input.fileName,
    options: {
      ...(input.mapping !== undefined ? { mapping: input.mapping } : {}),
      ...(input.sheet !== undefined ? { sheet: input.sheet } : {}),
      ...(input.currency !== undefined ? { currency: input.currency } : {}),
    },
  });
  if (!outcome.ok)
    throw new AppError("validation", "the workbook could not be read", {
      fieldErrors: outcome.problems.map((p) => ({ path: p.where, message: p.message })),
    });
  return outcome.preview;
}

export async function importWorkbookCase(
  actor: Actor,
  workspaceRef: string,
  input: WorkbookImportInput,
): Promise<WriteResult<{ case: CaseDetailDTO; notes: string[]; preview: Omit<ImportPreview, "file"> }>> {
  const preview = await previewWorkbookImport(actor, workspaceRef, input);
  if (preview.problems.length > 0 || !preview.file)
    throw new AppError("validation", "the workbook could not be imported; nothing was written", {
      fieldErrors: preview.problems.map((p) => ({ path: p.where, message: p.message })),
      details: { notes: preview.notes, mapping: preview.mapping },
    });
  const { file, ...rest } = preview;
  const created = await importCaseFile(actor, workspaceRef, file);
  return { ...created, data: { case: created.data, notes: preview.notes, preview: rest } };
}
