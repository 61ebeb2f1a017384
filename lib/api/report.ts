// GET /cases/{caseId}/report.pdf: the board report rendered from the exported case file, with the
// compute output cached for this version. Viewers may download it; the access filter applies.
import "server-only";
import type { Actor } from "@/lib/db/access";
import { getCaseWorkspaceNameOrThrow } from "@/lib/db/cases";
import { exportCaseFile, toDownloadName } from "@/lib/services/case-file";
import { getReportDiscussion } from "@/lib/services/comments-view";
import { getCaseCompute } from "@/lib/services/compute-case";
import { prepareSimulation, runSimulation } from "@/lib/services/simulate";
import { contentDisposition, etag } from "./http";

// With a simulation (iterations, seed) the report also prints that Monte Carlo run's percentiles:
// the Uncertainty tab's "report with this simulation" link passes the run it showed.
export async function renderCaseReport(actor: Actor, caseId: string, locale: string | undefined, simulation?: { iterations: number; seed: number }): Promise<Response> {
  const { caseFile, version } = await exportCaseFile(actor, caseId);
  const simulated = simulation ? await runSimulation(await prepareSimulation(actor, caseId, { ...simulation })) : null;
  const [compute, workspaceName, discussion] = await Promise.all([getCaseCompute(actor, caseId), getCaseWorkspaceNameOrThrow(actor, caseId), getReportDiscussion(actor, caseId, caseFile.name)]);
  // Loaded on first use: every API route shares the operations list, only this one needs react-pdf.
  const { renderReportPdf } = await import("@/lib/report/render");
  const pdf = await renderReportPdf(caseFile, {
    locale: locale ?? caseFile.locale ?? "en",
    version,
    workspaceName,
    simulation: simulated,
    // Reuse the cached output only when it belongs to exactly this version of the case.
    output: compute.version === version ? compute.output : undefined,
    discussion,
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
