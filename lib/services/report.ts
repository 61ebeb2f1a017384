// The board report of a stored case, from ONE read of the case (with its workspace's name): the
// case file, the compute output (cached by version) and the optional simulation all come from
// that read, so the PDF shows one version of the case throughout. A snapshot's report comes from
// the snapshot alone (its stored case file and compute output), dated with the snapshot.
// Both render in a worker thread (lib/workers/pool.ts): the request loop keeps answering.
import "server-only";
import type { Actor } from "@/lib/db/access";
import { toCaseFile } from "@/lib/db/case-mappers";
import { getCaseWithWorkspaceNameOrThrow } from "@/lib/db/cases";
import { getSnapshotOrThrow } from "@/lib/db/snapshots";
import { renderReportInWorker } from "@/lib/workers/pool";
import { getReportDiscussion } from "./comments-view";
import { getComputeOfFile } from "./compute-case";
import { toDownloadName } from "./case-file";
import { prepareSimulationOf, simulationOptions } from "./simulate";
import { getApprovalStatement } from "./versions";

export async function buildCaseReport(
  actor: Actor,
  caseId: string,
  locale: string | undefined,
  simulation?: { iterations: number; seed: number },
) {
  const { detail, workspaceName } = await getCaseWithWorkspaceNameOrThrow(actor, caseId);
  const caseFile = toCaseFile(detail);
  const [compute, approval, discussion] = await Promise.all([
    getComputeOfFile(detail.id, detail.version, detail.trackingRevision, caseFile),
    getApprovalStatement(actor, caseId, detail.version, detail.status),
    getReportDiscussion(actor, caseId, caseFile.name),
  ]);
  const pdf = await renderReportInWorker({
    file: caseFile,
    options: {
      locale: locale ?? caseFile.locale ?? "en",
      version: detail.version,
      workspaceName,
      approval,
      discussion,
    },
    outputJson: compute.json,
    simulation: simulation ? simulationOptions(prepareSimulationOf(caseFile, { ...simulation })) : undefined,
  });
  return { pdf, version: detail.version, fileName: toDownloadName(caseFile.name, "pdf") };
}

export async function buildSnapshotReport(actor: Actor, snapshotId: string, locale: string | undefined) {
  const snap = await getSnapshotOrThrow(actor, snapshotId);
  // An approval's own snapshot names its approver; a hand-saved one of an approved version asks.
  const approval =
    snap.kind === "approval"
      ? { at: snap.createdAt, by: snap.createdBy }
      : snap.caseStatus === "approved"
        ? await getApprovalStatement(actor, snap.caseId, snap.caseVersion, "approved")
        : null;
  const file = { ...snap.caseFile, status: snap.caseStatus };
  const pdf = await renderReportInWorker({
    file,
    options: {
      locale: locale ?? file.locale ?? "en",
      version: snap.caseVersion,
      workspaceName: snap.workspaceName,
      generatedAt: new Date(snap.createdAt),
      approval,
    },
    outputJson: JSON.stringify(snap.computeOutput),
  });
  return { pdf, fileName: toDownloadName(`${file.name} - ${snap.name}`, "pdf") };
}
