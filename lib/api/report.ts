// GET /cases/{caseId}/report.pdf: the board report (lib/services/report.ts, one read of the case).
// Viewers may download it; the access filter applies.
import "server-only";
import type { Actor } from "@/lib/db/access";
import { buildCaseReport } from "@/lib/services/report";
import { contentDisposition, etag } from "./http";

// With a simulation (iterations, seed) the report also prints that Monte Carlo run's percentiles:
// the Uncertainty tab's "report with this simulation" link passes the run it showed.
export async function renderCaseReport(actor: Actor, caseId: string, locale: string | undefined, simulation?: { iterations: number; seed: number }): Promise<Response> {
  const { pdf, version, fileName } = await buildCaseReport(actor, caseId, locale, simulation);
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      "content-type": "application/pdf",
      "content-disposition": contentDisposition(fileName),
      "cache-control": "private, no-store",
      etag: etag(version),
    },
  });
}
