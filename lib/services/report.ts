// The board report of a stored case, from ONE read of the case (with its workspace's name): the
// case file, the compute output (cached by version) and the optional simulation all come from
// that read, so the PDF shows one version of the case throughout. A snapshot's report comes from
// the snapshot alone (its stored case file and compute output), dated with the snapshot.
// The slide deck (docs/board-pack.md) comes from the same task, with the workspace's template.
// Both render in a worker thread (lib/workers/pool.ts): the request loop keeps answering.
import "server-only";
import type { Actor } from "@/lib/db/access";
import { toCaseFile } from "@/lib/db/case-mappers";
import { getCaseWithWorkspaceNameOrThrow } from "@/lib/db/cases";
import { getSnapshotOrThrow } from "@/lib/db/snapshots";
import { getDeckThemeOfCase } from "@/lib/db/deck-templates";
import { renderDeckInWorker, renderReportInWorker } from "@/lib/workers/pool";
import type { RenderReportTask } from "@/lib/workers/tasks";
import { getReportDiscussion } from "./comments-view";
import { getComputeOfFile } from "./compute-case";
import { toDownloadName } from "./case-file";
import { prepareSimulationOf, simulationOptions } from "./simulate";
import { getApprovalStatement } from "./versions";

// One read of the case gives the task both renderers take: the PDF report and the slide deck.
async function prepareCaseReport(
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
  const task: RenderReportTask = {
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
  };
  return { task, version: detail.version, name: caseFile.name };
}

export async function buildCaseReport(
  actor: Actor,
  caseId: string,
  locale: string | undefined,
  simulation?: { iterations: number; seed: number },
) {
  const { task, version, name } = await prepareCaseReport(actor, caseId, locale, simulation);
  const pdf = await renderReportInWorker(task);
  return { pdf, version, fileName: toDownloadName(name, "pdf") };
}

// The board pack: the same task, the workspace's slide template (when its owners uploaded one).
export async function buildCaseDeck(
  actor: Actor,
  caseId: string,
  locale: string | undefined,
  simulation?: { iterations: number; seed: number },
) {
  const [{ task, version, name }, template] = await Promise.all([
    prepareCaseReport(actor, caseId, locale, simulation),
    getDeckThemeOfCase(actor, caseId),
  ]);
  const pptx = await renderDeckInWorker({ ...task, template });
  return { pptx, version, fileName: toDownloadName(name, "pptx") };
}

async function prepareSnapshotReport(actor: Actor, snapshotId: string, locale: string | undefined) {
  const snap = await getSnapshotOrThrow(actor, snapshotId);
  // An approval's own snapshot names its approver; a hand-saved one of an approved version asks.
  const approval =
    snap.kind === "approval"
      ? { at: snap.createdAt, by: snap.createdBy }
      : snap.caseStatus === "approved"
        ? await getApprovalStatement(actor, snap.caseId, snap.caseVersion, "approved")
        : null;
  const file = { ...snap.caseFile, status: snap.caseStatus };
  const task: RenderReportTask = {
    file,
    options: {
      locale: locale ?? file.locale ?? "en",
      version: snap.caseVersion,
      workspaceName: snap.workspaceName,
      generatedAt: new Date(snap.createdAt),
      approval,
    },
    outputJson: JSON.stringify(snap.computeOutput),
  };
  return { task, name: `${file.name} - ${snap.name}`, caseId: snap.caseId };
}

export async function buildSnapshotReport(actor: Actor, snapshotId: string, locale: string | undefined) {
  const { task, name } = await prepareSnapshotReport(actor, snapshotId, locale);
  const pdf = await renderReportInWorker(task);
  return { pdf, fileName: toDownloadName(name, "pdf") };
}

export async function buildSnapshotDeck(actor: Actor, snapshotId: string, locale: string | undefined) {
  const { task, name, caseId } = await prepareSnapshotReport(actor, snapshotId, locale);
  const pptx = await renderDeckInWorker({ ...task, template: await getDeckThemeOfCase(actor, caseId) });
  return { pptx, fileName: toDownloadName(name, "pptx") };
}
