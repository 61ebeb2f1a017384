// GET /cases/{caseId}/report.pdf: the board report rendered from the exported case file, with the
// compute output cached for this version. Viewers may download it; the access filter applies.
import "server-only";
import type { Actor } from "@/lib/db/access";
import { getCaseWorkspaceNameOrThrow } from "@/lib/db/cases";
import { exportCaseFile, toDownloadName } from "@/lib/services/case-file";
import { getCaseCompute } from "@/lib/services/compute-case";
import { getApprovalStatement } from "@/lib/services/versions";
import { getSnapshotOrThrow } from "@/lib/db/snapshots";
import { prepareSimulation, runSimulation } from "@/lib/services/simulate";
import { contentDisposition, etag } from "./http";

// With a simulation (iterations, seed) the report also prints that Monte Carlo run's percentiles:
// the Uncertainty tab's "report with this simulation" link passes the run it showed.
export async function renderCaseReport(actor: Actor, caseId: string, locale: string | undefined, simulation?: { iterations: number; seed: number }): Promise<Response> {
  const { caseFile, version } = await exportCaseFile(actor, caseId);
  const simulated = simulation ? await runSimulation(await prepareSimulation(actor, caseId, { ...simulation })) : null;
  const [compute, workspaceName, approval] = await Promise.all([
    getCaseCompute(actor, caseId),
    getCaseWorkspaceNameOrThrow(actor, caseId),
    getApprovalStatement(actor, caseId, version, caseFile.status ?? "draft"),
  ]);
  // Loaded on first use: every API route shares the operations list, only this one needs react-pdf.
  const { renderReportPdf } = await import("@/lib/report/render");
  const pdf = await renderReportPdf(caseFile, {
    locale: locale ?? caseFile.locale ?? "en",
    version,
    workspaceName,
    simulation: simulated,
    approval,
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

// GET /snapshots/{snapshotId}/report.pdf: exactly that version's figures, rendered from the
// snapshot's stored case file and compute output (never the live case), dated with the snapshot.
export async function renderSnapshotReport(actor: Actor, snapshotId: string, locale: string | undefined): Promise<Response> {
  const snap = await getSnapshotOrThrow(actor, snapshotId);
  const workspaceName = await getCaseWorkspaceNameOrThrow(actor, snap.caseId);
  // An approval's own snapshot names its approver; a hand-saved one of an approved version asks.
  const approval =
    snap.kind === "approval" ? { at: snap.createdAt, by: snap.createdBy } : snap.caseStatus === "approved" ? await getApprovalStatement(actor, snap.caseId, snap.caseVersion, "approved") : null;
  const { renderReportPdf } = await import("@/lib/report/render");
  const file = { ...snap.caseFile, status: snap.caseStatus };
  const pdf = await renderReportPdf(file, {
    locale: locale ?? file.locale ?? "en",
    version: snap.caseVersion,
    workspaceName,
    output: snap.computeOutput,
    generatedAt: new Date(snap.createdAt),
    approval,
  });
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      "content-type": "application/pdf",
      "content-disposition": contentDisposition(toDownloadName(`${file.name} - ${snap.name}`, "pdf")),
      "cache-control": "private, no-store",
    },
  });
}
