// GET /cases/{caseId}/report.pdf: the board report rendered from the exported case file, with the
// compute output cached for this version. Viewers may download it; the access filter applies.
import "server-only";
import type { Actor } from "@/lib/db/access";
import { getCaseWorkspaceNameOrThrow } from "@/lib/db/cases";
import { exportCaseFile, toDownloadName } from "@/lib/services/case-file";
import { getCaseCompute } from "@/lib/services/compute-case";
import { prepareSimulation, simulationOptions } from "@/lib/services/simulate";
import { renderReportInWorker } from "@/lib/workers/pool";
import { contentDisposition, etag } from "./http";

// With a simulation (iterations, seed) the report also prints that Monte Carlo run's percentiles:
// the Uncertainty tab's "report with this simulation" link passes the run it showed.
export async function renderCaseReport(actor: Actor, caseId: string, locale: string | undefined, simulation?: { iterations: number; seed: number }): Promise<Response> {
  const { caseFile, version } = await exportCaseFile(actor, caseId);
  const simulate = simulation ? simulationOptions(await prepareSimulation(actor, caseId, { ...simulation })) : undefined;
  const [compute, workspaceName] = await Promise.all([getCaseCompute(actor, caseId), getCaseWorkspaceNameOrThrow(actor, caseId)]);
  // Rendered (and simulated) in a worker thread: the request loop keeps answering meanwhile.
  const pdf = await renderReportInWorker({
    file: caseFile,
    options: {
      locale: locale ?? caseFile.locale ?? "en",
      version,
      workspaceName,
    },
    // Reuse the cached output only when it belongs to exactly this version of the case.
    outputJson: compute.version === version ? compute.outputJson : undefined,
    simulation: simulate,
  });
  return new Response(pdf as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      "content-type": "application/pdf",
      "content-disposition": contentDisposition(toDownloadName(caseFile.name, "pdf")),
      "cache-control": "private, no-store",
      etag: etag(version),
    },
  });
}
