// The audit trail: who (user or API token), when, which object, values before and after. Rows are
// written by the write itself, in its transaction (recordAudit), so a change without its row
// cannot be committed.
//
//   recordAudit(tx, actor, { workspaceId, caseId, version }, entry)   (inside a write transaction)
//   listCaseAuditEvents(actor, caseId, { limit?, beforeId? })          viewer -> AuditEventDTO[]  (newest first)
import "server-only";
import { AppError } from "@/lib/errors";
import { caseWhere, type Actor } from "./access";
import { prisma } from "./client";
import { Prisma } from "./generated/client";
import { readDb } from "./errors";

export interface AuditEntry {
  action: string; // e.g. "line.update"
  entityType: string; // "case" | "scenario" | "line" | "risk" | "kpi" | "assumption" | "token"
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditEventDTO {
  id: string;
  caseId: string | null;
  actor:
    { kind: "user"; userId: string; name: string | null } | { kind: "token"; tokenId: string } | { kind: "unknown" };
  action: string;
  entityType: string;
  entityId: string;
  caseVersion: number | null;
  before: unknown;
  after: unknown;
  createdAt: string;
}

type Tx = Prisma.TransactionClient;

export function actorColumns(actor: Actor): { actorUserId: string | null; actorTokenId: string | null } {
  return actor.kind === "user"
    ? { actorUserId: actor.userId, actorTokenId: null }
    : { actorUserId: null, actorTokenId: actor.tokenId };
}

const json = (v: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull =>
  v === undefined || v === null ? Prisma.DbNull : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue);

// Returns the new row's id (live events carry it, so a reconnecting stream can replay from it).
export async function recordAudit(
  tx: Tx,
  actor: Actor,
  at: { workspaceId: string; caseId: string | null; version: number | null },
  entry: AuditEntry,
): Promise<string> {
  const row = await tx.auditEvent.create({
    data: {
      workspaceId: at.workspaceId,
      caseId: at.caseId,
      ...actorColumns(actor),
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      caseVersion: at.version,
      before: json(entry.before),
      after: json(entry.after),
    },
    select: { id: true },
  });
  return row.id.toString();
}

export async function listCaseAuditEvents(
  actor: Actor,
  caseId: string,
  options: { limit?: number; beforeId?: string } = {},
): Promise<AuditEventDTO[]> {
  const visible = await readDb(() =>
    prisma.businessCase.count({ where: { AND: [{ id: caseId }, caseWhere(actor, "viewer")] } }),
  );
  if (!visible) throw new AppError("not_found", "not found");
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const beforeId = options.beforeId && /^[0-9]{1,19}$/.test(options.beforeId) ? BigInt(options.beforeId) : undefined;
  const rows = await readDb(() =>
    prisma.auditEvent.findMany({
      where: { caseId, ...(beforeId ? { id: { lt: beforeId } } : {}) },
      orderBy: { id: "desc" },
      take: limit,
      select: {
        id: true,
        caseId: true,
        actorUserId: true,
        actorTokenId: true,
        action: true,
        entityType: true,
        entityId: true,
        caseVersion: true,
        before: true,
        after: true,
        createdAt: true,
      },
    }),
  );
  const userIds = [...new Set(rows.map((r) => r.actorUserId).filter((v): v is string => !!v))];
  const users = userIds.length
    ? await readDb(() => prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }))
    : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id.toString(),
    caseId: r.caseId,
    actor: r.actorUserId
      ? { kind: "user" as const, userId: r.actorUserId, name: names.get(r.actorUserId) ?? null }
      : r.actorTokenId
        ? { kind: "token" as const, tokenId: r.actorTokenId }
        : { kind: "unknown" as const },
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    caseVersion: r.caseVersion,
    before: r.before,
    after: r.after,
    createdAt: r.createdAt.toISOString(),
  }));
}
