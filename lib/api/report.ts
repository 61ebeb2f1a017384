// GET /cases/{caseId}/report.pdf: the board report rendered from the exported case file.
import "server-only";
import type { Actor } from "@/lib/db/access";
import { exportCaseFile } from "@/lib/services/case-file";
import { HttpError } from "./http";

export async function renderCaseReport(actor: Actor, caseId: string, _locale: string | undefined): Promise<Response> {
  // The access check runs first, so an outsider learns nothing even while rendering is unavailable.
  await exportCaseFile(actor, caseId);
  throw new HttpError(503, "unavailable", "PDF reports are not available in this build yet");
}
