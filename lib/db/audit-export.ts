// The workspace's audit trail for its owners (docs/enterprise-sign-in.md#audit-export): every
// row in a time window, oldest first, read in pages by id so a large trail streams in constant
// memory; and the retention rule that deletes rows older than the workspace's setting.
//
//   readAuditPages(actor, workspaceRef, { from?, to? })   owner (a person) -> AsyncGenerator<AuditExportRow[]>
//   purgeExpiredAudit(workspaceId?)                        deletes rows past each workspace's retention
import "server-only";
import { prisma } from "./client";
import { readDb } from "./errors";
import { findOwnedWorkspaceForPeople } from "./workspace-owner";
import type { Actor } from "./access";

// The export's schema, version 1: these names and their order are a contract (CSV header too).
export const AUDIT_EXPORT_FIELDS = [
  "id",
  "at",
  "workspaceId",
  "caseId",
  "actorType",
  "actorUserId",
  "actorEmail",
  "actorTokenId",
  "action",
  "entityType",
  "entityId",
  "caseVersion",
  "before",
  "after",
] as const;

export interface AuditExportRow {
  id: string;
  at: string;
  workspaceId: string;
  caseId: string | null;
  actorType: "user" | "token" | "provider";
  actorUserId: string | null;
  actorEmail: string | null;
  actorTokenId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  caseVersion: number | null;
  before: unknown;
  after: unknown;
}

const PAGE = 1000;

export async function openAuditExport(
  actor: Actor,
  workspaceRef: string,
  window: { from?: Date; to?: Date },
): Promise<{ workspaceId: string; pages: AsyncGenerator<AuditExportRow[]> }> {
  const ws = await findOwnedWorkspaceForPeople(actor, workspaceRef);
  await purgeExpiredAudit(ws.id);
  return { workspaceId: ws.id, pages: pages(ws.id, window) };
}

async function* pages(workspaceId: string, window: { from?: Date; to?: Date }): AsyncGenerator<AuditExportRow[]> {
  let after = BigInt(-1);
  const emails = new Map<string, string | null>();
  for (;;) {
    const rows = await readDb(() =>
      prisma.auditEvent.findMany({
        where: {
          workspaceId,
          id: { gt: after },
          createdAt: { ...(window.from ? { gte: window.from } : {}), ...(window.to ? { lt: window.to } : {}) },
        },
        orderBy: { id: "asc" },
        take: PAGE,
      }),
    );
    if (rows.length === 0) return;
    const unknown = [...new Set(rows.map((r) => r.actorUserId).filter((u): u is string => !!u && !emails.has(u)))];
    if (unknown.length) {
      const users = await prisma.user.findMany({ where: { id: { in: unknown } }, select: { id: true, email: true } });
      for (const u of unknown) emails.set(u, users.find((x) => x.id === u)?.email ?? null);
    }
    yield rows.map((r) => ({
      id: r.id.toString(),
      at: r.createdAt.toISOString(),
      workspaceId: r.workspaceId,
      caseId: r.caseId,
      actorType: (r.actorTokenId ? "token" : r.actorUserId ? "user" : "provider") as AuditExportRow["actorType"],
      actorUserId: r.actorUserId,
      actorEmail: r.actorUserId ? (emails.get(r.actorUserId) ?? null) : null,
      actorTokenId: r.actorTokenId,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      caseVersion: r.caseVersion,
      before: r.before,
      after: r.after,
    }));
    after = rows.at(-1)!.id;
    if (rows.length < PAGE) return;
  }
}

let lastSweep = 0;
// Retention: one workspace (on export, on a settings change), or every workspace at most once an
// hour per instance (called after sign-ins, which every deployment has).
export async function purgeExpiredAudit(workspaceId?: string): Promise<number> {
  if (!workspaceId) {
    if (Date.now() - lastSweep < 3_600_000) return 0;
    lastSweep = Date.now();
  }
  const n = await prisma.$executeRaw`
    DELETE FROM "AuditEvent" a USING "Workspace" w
    WHERE a."workspaceId" = w.id AND w."auditRetentionDays" IS NOT NULL
      AND a."createdAt" < now() - make_interval(days => w."auditRetentionDays")
      AND (${workspaceId ?? null}::uuid IS NULL OR w.id = ${workspaceId ?? null}::uuid)`;
  return n;
}
