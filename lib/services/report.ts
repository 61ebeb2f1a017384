// The board report of a stored case, from ONE read of the case (with its workspace's name): the
// case file, the compute output (cached by version) and the optional simulation all come from
// that read, so the PDF shows one version of the case throughout.
import "server-only";
import type { Actor } from "@/lib/db/access";
import { toCaseFile } from "@/lib/db/case-mappers";
import { getCaseWithWorkspaceNameOrThrow } from "@/lib/db/cases";
import { getComputeOfFile } from "./compute-case";
import { toDownloadName } from "./case-file";
import { prepareSimulationOf, runSimulation } from "./simulate";

export async function buildCaseReport(actor: Actor, caseId: string, locale: string | undefined, simulation?: { iterations: number; seed: number }) {
  const { detail, workspaceName } = await getCaseWithWorkspaceNameOrThrow(actor, caseId);
  const caseFile = toCaseFile(detail);
  const simulated = simulation ? await runSimulation(prepareSimulationOf(caseFile, { ...simulation })) : null;
  const output = await getComputeOfFile(detail.id, detail.version, caseFile);
  // Loaded on first use: every API route shares the operations list, only this one needs react-pdf.
  const { renderReportPdf } = await import("@/lib/report/render");
  const pdf = await renderReportPdf(caseFile, { locale: locale ?? caseFile.locale ?? "en", version: detail.version, workspaceName, simulation: simulated, output });
  return { pdf, version: detail.version, fileName: toDownloadName(caseFile.name, "pdf") };
}
