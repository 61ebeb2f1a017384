// Spreadsheet downloads of a stored case (viewer): the auditable workbook and the CSV exports.
//
//   exportCaseWorkbook(actor, caseId)                 -> Response (xlsx, streamed from a worker)
//   exportLinesCsv(actor, caseId, scenarioKey?)       -> Response (text/csv)
//   exportCashFlowCsv(actor, caseId, scenarioKey?)    -> Response (text/csv)
//
// All built from the exported case file (getCaseFileOrThrow: the access filter applies, an
// outsider gets 404) and the compute output cached for that version.
import "server-only";
import type { Actor } from "@/lib/db/access";
import { AppError } from "@/lib/errors";
import { computeCase } from "@/lib/finance/compute";
import { contentDisposition, etag } from "@/lib/http";
import { exportCaseFile, toDownloadName } from "@/lib/services/case-file";
import { getCaseCompute } from "@/lib/services/compute-case";
import { cashFlowCsv, linesCsv, UnknownScenario } from "@/lib/xlsx/csv";
import { exportWorkbookInWorker } from "@/lib/workers/pool";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function fileAndOutput(actor: Actor, caseId: string) {
  const { caseFile, version } = await exportCaseFile(actor, caseId);
  const compute = await getCaseCompute(actor, caseId);
  // The cached output only when it belongs to exactly this version.
  const output = compute.version === version ? compute.output : computeCase(caseFile);
  const outputJson = compute.version === version && compute.outputJson ? compute.outputJson : JSON.stringify(output);
  return { caseFile, version, output, outputJson };
}

function download(
  body: Uint8Array | string | ReadableStream<Uint8Array>,
  type: string,
  fileName: string,
  version: number,
): Response {
  return new Response(typeof body === "string" || body instanceof ReadableStream ? body : new Uint8Array(body), {
    status: 200,
    headers: {
      "content-type": type,
      "content-disposition": contentDisposition(fileName),
      "cache-control": "private, no-store",
      etag: etag(version),
    },
  });
}

export async function exportCaseWorkbook(actor: Actor, caseId: string): Promise<Response> {
  const { caseFile, version, outputJson } = await fileAndOutput(actor, caseId);
  // Written off the request loop and streamed as it is made (docs/workbook.md).
  const body = await exportWorkbookInWorker({ file: caseFile, outputJson });
  return download(body, XLSX_TYPE, toDownloadName(caseFile.name, "xlsx"), version);
}

async function csvOf(make: () => Promise<string>): Promise<string> {
  try {
    return await make();
  } catch (error) {
    if (error instanceof UnknownScenario)
      throw new AppError("validation", "unknown scenario", {
        fieldErrors: [{ path: "scenario", message: error.message }],
      });
    throw error;
  }
}

export async function exportLinesCsv(actor: Actor, caseId: string, scenarioKey?: string): Promise<Response> {
  const { caseFile, version } = await exportCaseFile(actor, caseId);
  const text = await csvOf(() => linesCsv(caseFile, scenarioKey));
  return download(
    text,
    "text/csv; charset=utf-8",
    toDownloadName(`${caseFile.name} ${scenarioKey ?? caseFile.scenarios[0]!.key} lines`, "csv"),
    version,
  );
}

export async function exportCashFlowCsv(actor: Actor, caseId: string, scenarioKey?: string): Promise<Response> {
  const { caseFile, version, output } = await fileAndOutput(actor, caseId);
  const text = await csvOf(() => cashFlowCsv(caseFile, output, scenarioKey));
  return download(
    text,
    "text/csv; charset=utf-8",
    toDownloadName(`${caseFile.name} ${scenarioKey ?? caseFile.scenarios[0]!.key} cash flow`, "csv"),
    version,
  );
}
