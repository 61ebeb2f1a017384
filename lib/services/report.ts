// The board report of a stored case, from ONE read of the case (with its workspace's name): the
// case file, the compute output (cached by version) and the optional simulation all come from
// that read, so the PDF shows one version of the case throughout.
import "server-only";
import type { Actor } from "@/lib/db/access";
import { toCaseFile } from "@/lib/db/case-mappers";
import { getCaseWithWorkspaceNameOrThrow } from "@/lib/db/cases";
import { getComputeOfFile } from "./compute-case";
import { toDownloadName } from "./case-file";
import { renderReportInWorker } from "@/lib/workers/pool";
import { prepareSimulationOf, simulationOptions } from "./simulate";

export async function buildCaseReport(actor: Actor, caseId: string, locale: string | undefined, simulation?: { iterations: number; seed: number }) {
  const { detail, workspaceName } = await getCaseWithWorkspaceNameOrThrow(actor, caseId);
  const caseFile = toCaseFile(detail);
  const output = await getComputeOfFile(detail.id, detail.version, caseFile);
  // Rendered (and simulated) in a worker thread (lib/workers/pool.ts): the request loop keeps
  // answering meanwhile.
  const pdf = await renderReportInWorker({
    file: caseFile,
    options: { locale: locale ?? caseFile.locale ?? "en", version: detail.version, workspaceName, output },
    simulation: simulation ? simulationOptions(prepareSimulationOf(caseFile, { ...simulation })) : undefined,
  });
  return { pdf, version: detail.version, fileName: toDownloadName(caseFile.name, "pdf") };
}
