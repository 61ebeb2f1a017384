// A new case from another person's workbook (docs/import.md), for the API and the wizard:
//   previewWorkbookImport(actor, workspaceRef, input)   editor -> the preview (nothing written)
//   importWorkbookCase(actor, workspaceRef, input)      editor -> the new case, all or nothing
// The file is read, guessed and checked in a worker thread (lib/workers/pool.ts); a problem with
// the file or the mapping is a 422 naming its sheet and cell (fieldErrors: path = the cell, message
// in the asked language; details.problems: each problem's stable code and parameters); a valid
// result becomes a case through the case-file import (one transaction). onProgress hears the
// worker's phases; signal cancels the work (nothing is written).
import "server-only";
import type { Actor } from "@/lib/db/access";
import { hasRole } from "@/lib/db/access";
import type { CaseDetailDTO, WriteResult } from "@/lib/db/case-mappers";
import { listWorkspacesForUser } from "@/lib/db/workspaces";
import { ndjsonResponse } from "./ndjson";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/config";
import { renderText, type ImportMessage, type Problem } from "@/lib/import/messages";
import type { ImportPreview } from "@/lib/import/workbook";
import { importCaseFile } from "@/lib/services/case-file";
import type { ImportProgress } from "@/lib/workers/tasks";
import { importWorkbookInWorker } from "@/lib/workers/pool";

export interface WorkbookImportInput {
  bytes: Uint8Array;
  fileName: string;
  mapping?: unknown;
  sheet?: string | string[];
  currency?: string;
  locale?: Locale; // the language of the messages (default English)
}

export interface WorkbookImportRun {
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
}

async function assertEditor(actor: Actor, workspaceRef: string) {
  const workspace = (await listWorkspacesForUser(actor)).find((w) => w.slug === workspaceRef || w.id === workspaceRef);
  if (!workspace) throw new AppError("not_found", "Workspace not found");
  if (!hasRole(workspace.role, "editor")) throw new AppError("forbidden", "importing a case needs the editor role");
}

// A message as the answer carries it: the stable code, place and parameters, the text in the locale.
export function localized<T extends ImportMessage>(m: T, locale: Locale | undefined): T {
  return locale && locale !== "en" ? { ...m, message: renderText(m, locale) } : m;
}

function refusal(message: string, problems: Problem[], locale: Locale | undefined, details: object = {}) {
  const shown = problems.map((p) => localized(p, locale));
  return new AppError("validation", message, {
    fieldErrors: shown.map((p) => ({ path: p.where, message: p.message })),
    details: { ...details, problems: shown },
  });
}

export async function previewWorkbookImport(
  actor: Actor,
  workspaceRef: string,
  input: WorkbookImportInput,
  run: WorkbookImportRun = {},
): Promise<ImportPreview> {
  await assertEditor(actor, workspaceRef);
  const outcome = await importWorkbookInWorker(
    {
      bytes: input.bytes,
      fileName: input.fileName,
      options: {
        ...(input.mapping !== undefined ? { mapping: input.mapping } : {}),
        ...(input.sheet !== undefined ? { sheet: input.sheet } : {}),
        ...(input.currency !== undefined ? { currency: input.currency } : {}),
      },
    },
    run,
  );
  if (!outcome.ok) throw refusal("the workbook could not be read", outcome.problems, input.locale);
  return localizePreview(outcome.preview, input.locale);
}

function localizePreview(preview: ImportPreview, locale: Locale | undefined): ImportPreview {
  if (!locale || locale === "en") return preview;
  return {
    ...preview,
    notes: preview.notes.map((n) => localized(n, locale)),
    problems: preview.problems.map((p) => localized(p, locale)),
    sheetFigures: preview.sheetFigures.map((f) =>
      f.whyCodes
        ? {
            ...f,
            whyCodes: f.whyCodes.map((w) => localized(w, locale)),
            why: f.whyCodes.map((w) => renderText(w, locale)).join("; "),
          }
        : f,
    ),
  };
}

export async function importWorkbookCase(
  actor: Actor,
  workspaceRef: string,
  input: WorkbookImportInput,
): Promise<WriteResult<{ case: CaseDetailDTO; notes: ImportMessage[]; preview: Omit<ImportPreview, "file"> }>> {
  const preview = await previewWorkbookImport(actor, workspaceRef, input);
  if (preview.problems.length > 0 || !preview.file)
    throw refusal("the workbook could not be imported; nothing was written", preview.problems, undefined, {
      notes: preview.notes,
      mapping: preview.mapping,
    });
  const { file, ...rest } = preview;
  const created = await importCaseFile(actor, workspaceRef, file);
  return { ...created, data: { case: created.data, notes: preview.notes, preview: rest } };
}

// The preview as a stream (NDJSON), for a page that shows progress: progress lines
// {"type":"progress","phase":"read"|"guess"|"build","done":n,"total":m} as the worker goes, then
// one {"type":"result","data":preview} line, or one {"type":"error","error":{code,message,
// fieldErrors,details}} line (the same body a 422 carries). Access is checked before the stream
// starts, so a viewer or an outsider gets their status. The client going away cancels the work.
export async function workbookPreviewStream(
  actor: Actor,
  workspaceRef: string,
  input: WorkbookImportInput,
): Promise<Response> {
  await assertEditor(actor, workspaceRef);
  return ndjsonResponse(
    async (send, signal) => {
      const { file: _file, ...preview } = await previewWorkbookImport(actor, workspaceRef, input, {
        signal,
        onProgress: (p) => send({ type: "progress", ...p }),
      });
      send({ type: "result", data: preview });
    },
    { label: "import-workbook preview", failure: "the import failed; it has been logged" },
  );
}
