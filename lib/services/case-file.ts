// Export and import of whole cases as case files ("caseboard/v1", docs/case-file.md).
//
//   exportCaseFile(actor, caseId)                         viewer -> { caseFile, version, fileName }
//   importCaseFile(actor, workspaceRef, json, options?)   editor -> WriteResult<CaseDetailDTO>
//       json: the parsed body; every problem comes back as 422 with its case-file path and nothing
//       is stored; a valid file becomes a new case in one transaction (all or nothing).
import "server-only";
import { parseCaseFile } from "@/lib/case-file/parse";
import type { CaseFile } from "@/lib/case-file/schema";
import type { Actor } from "@/lib/db/access";
import type { CaseDetailDTO, WriteResult } from "@/lib/db/case-mappers";
import { createCaseFromFile, getCaseFileOrThrow } from "@/lib/db/cases";
import { AppError } from "@/lib/errors";
import { MAX_LINES_PER_CASE } from "@/lib/validation/case";

export function toDownloadName(name: string, extension: string): string {
  const base = name
    .normalize("NFKC")
    .replace(/[\u0000-\u001f\u007f"\\/:*?<>|\u202a-\u202e\u2066-\u2069]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 120);
  return `${base || "case"}.${extension}`;
}

export async function exportCaseFile(
  actor: Actor,
  caseId: string,
): Promise<{ caseFile: CaseFile; version: number; fileName: string }> {
  const { caseFile, version } = await getCaseFileOrThrow(actor, caseId);
  return { caseFile, version, fileName: toDownloadName(caseFile.name, "caseboard.json") };
}

export async function importCaseFile(
  actor: Actor,
  workspaceRef: string,
  json: unknown,
  options: { name?: string } = {},
): Promise<WriteResult<CaseDetailDTO>> {
  const parsed = parseCaseFile(json);
  if (!parsed.ok) throw new AppError("validation", "the case file is not valid", { fieldErrors: parsed.issues });
  const lines = parsed.value.scenarios.reduce((n, s) => n + s.costs.length + s.benefits.length, 0);
  if (lines > MAX_LINES_PER_CASE) {
    throw new AppError("validation", "the case file has too many lines", {
      fieldErrors: [{ path: "scenarios", message: `${lines} lines; a case holds at most ${MAX_LINES_PER_CASE}` }],
    });
  }
  const file = options.name ? { ...parsed.value, name: options.name } : parsed.value;
  return createCaseFromFile(actor, workspaceRef, file, "case.import");
}
