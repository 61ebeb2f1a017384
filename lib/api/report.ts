// GET /cases/{caseId}/report.pdf: the board report rendered from the exported case file, with the
// compute output cached for this version. Viewers may download it; the access filter applies.
import "server-only";
import type { Actor } from "@/lib/db/access";
import { getCaseWorkspaceNameOrThrow } from "@/lib/db/cases";
import { exportCaseFile, toDownloadName } from "@/lib/services/case-file";
import { getCaseCompute } from "@/lib/services/compute-case";
import { contentDisposition, etag } from "./http";

export async function renderCaseReport(actor: Actor, caseId: string, locale: string | undefined): Promise<Response> {
  const { caseFile, version } = await exportCaseFile(actor, caseId);
  const [compute, workspaceName] = await Promise.all([getCaseCompute(actor, caseId), getCaseWorkspaceNameOrThrow(actor, caseId)]);
  // Loaded on first use: every API route shares the operations list, only this one needs react-pdf.
  const { renderReportPdf } = await import("@/lib/report/render");
  const pdf = await renderReportPdf(caseFile, {
    locale: locale ?? caseFile.locale ?? "en",
    version,
    workspaceName,
    // Reuse the cached output only when it belongs to exactly this version of the case.
    output: compute.version === version ? compute.output : undefined,
  });
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      "content-type": "application/pdf",
      "content-disposition": contentDisposition(toDownloadName(caseFile.name, "pdf")),
      "cache-control": "private, no-store",
      etag: etag(version),
    },
  });
}
