// The audit export as a download: CSV (RFC 4180, formula-looking cells quoted with a leading
// apostrophe like our other CSVs) or JSON lines, streamed page by page.
import "server-only";
import { AUDIT_EXPORT_FIELDS, openAuditExport, type AuditExportRow } from "@/lib/db/audit-export";
import type { Actor } from "@/lib/db/access";

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  let s = typeof v === "string" ? v : typeof v === "number" ? String(v) : JSON.stringify(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLine = (row: AuditExportRow) => AUDIT_EXPORT_FIELDS.map((f) => csvCell(row[f])).join(",") + "\r\n";
const jsonLine = (row: AuditExportRow) =>
  JSON.stringify(Object.fromEntries(AUDIT_EXPORT_FIELDS.map((f) => [f, row[f] ?? null]))) + "\n";

export async function auditExportResponse(
  actor: Actor,
  workspaceRef: string,
  q: { format: "csv" | "jsonl"; from?: string; to?: string },
): Promise<Response> {
  const { workspaceId, pages } = await openAuditExport(actor, workspaceRef, {
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
  });
  const encoder = new TextEncoder();
  const line = q.format === "csv" ? csvLine : jsonLine;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (q.format === "csv") controller.enqueue(encoder.encode(AUDIT_EXPORT_FIELDS.join(",") + "\r\n"));
    },
    async pull(controller) {
      const next = await pages.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(next.value.map(line).join("")));
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
  const ext = q.format === "csv" ? "csv" : "jsonl";
  return new Response(stream, {
    headers: {
      "content-type": q.format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${workspaceId}.${ext}"`,
      "cache-control": "no-store",
    },
  });
}
