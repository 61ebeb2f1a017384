// GET /cases/{caseId}/report.pdf: the board report (lib/services/report.ts, one read of the case),
// and GET /snapshots/{snapshotId}/report.pdf: exactly that version's figures, rendered from the
// snapshot's stored case file and compute output (never the live case). Viewers may download
// them; the access filter applies.
import "server-only";
import type { Actor } from "@/lib/db/access";
import { buildCaseDeck, buildCaseReport, buildSnapshotDeck, buildSnapshotReport } from "@/lib/services/report";
import { contentDisposition, etag } from "./http";

// With a simulation (iterations, seed) the report also prints that Monte Carlo run's percentiles:
// the Uncertainty tab's "report with this simulation" link passes the run it showed.
export async function renderCaseReport(
  actor: Actor,
  caseId: string,
  locale: string | undefined,
  simulation?: { iterations: number; seed: number },
): Promise<Response> {
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

export async function renderSnapshotReport(
  actor: Actor,
  snapshotId: string,
  locale: string | undefined,
): Promise<Response> {
  const { pdf, fileName } = await buildSnapshotReport(actor, snapshotId, locale);
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      "content-type": "application/pdf",
      "content-disposition": contentDisposition(fileName),
      "cache-control": "private, no-store",
    },
  });
}

// The board pack as PowerPoint (docs/board-pack.md): the same model as the PDF, built in a worker.
export const PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

export async function renderCaseDeck(
  actor: Actor,
  caseId: string,
  locale: string | undefined,
  simulation?: { iterations: number; seed: number },
): Promise<Response> {
  const { pptx, version, fileName } = await buildCaseDeck(actor, caseId, locale, simulation);
  return new Response(new Uint8Array(pptx), {
    status: 200,
    headers: {
      "content-type": PPTX_TYPE,
      "content-disposition": contentDisposition(fileName),
      "cache-control": "private, no-store",
      etag: etag(version),
    },
  });
}

export async function renderSnapshotDeck(
  actor: Actor,
  snapshotId: string,
  locale: string | undefined,
): Promise<Response> {
  const { pptx, fileName } = await buildSnapshotDeck(actor, snapshotId, locale);
  return new Response(new Uint8Array(pptx), {
    status: 200,
    headers: {
      "content-type": PPTX_TYPE,
      "content-disposition": contentDisposition(fileName),
      "cache-control": "private, no-store",
    },
  });
}
