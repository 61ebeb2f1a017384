// What the live event streams (lib/live) read from the database: whether an actor may still
// listen to a case, who is listening, and the changes a reconnecting stream missed.
import "server-only";
import { caseWhere, isUuid, type Actor } from "./access";
import { readDb } from "./errors";
import { prisma } from "./client";

export interface ListenTarget {
  caseId: string;
  workspaceId: string;
  lastEventId: string; // the case's newest audit row ("0" when none)
}

// The case, when the actor may read it (viewer or more); null otherwise (the stream answers 404).
export async function openListenTarget(actor: Actor, caseId: string): Promise<ListenTarget | null> {
  if (!isUuid(caseId)) return null;
  const row = await readDb(() =>
    prisma.businessCase.findFirst({
      where: { AND: [{ id: caseId }, caseWhere(actor, "viewer")] },
      select: { id: true, workspaceId: true },
    }),
  );
  if (!row) return null;
  const last = await readDb(() =>
    prisma.auditEvent.findFirst({ where: { caseId }, orderBy: { id: "desc" }, select: { id: true } }),
  );
  return { caseId: row.id, workspaceId: row.workspaceId, lastEventId: last?.id.toString() ?? "0" };
}

// Asked again when a membership or token changes: roles and revocations are read from the database.
export async function canStillListen(actor: Actor, caseId: string): Promise<boolean> {
  if (actor.kind === "token") {
    const token = await prisma.apiToken.findUnique({
      where: { id: actor.tokenId },
      select: { revokedAt: true, workspaceId: true },
    });
    if (!token || token.revokedAt || token.workspaceId !== actor.workspaceId) return false;
  }
  return (await prisma.businessCase.count({ where: { AND: [{ id: caseId }, caseWhere(actor, "viewer")] } })) > 0;
}

export async function listenerName(actor: Actor): Promise<string | null> {
  if (actor.kind !== "user") return null;
  const u = await readDb(() =>
    prisma.user.findUnique({ where: { id: actor.userId }, select: { name: true, email: true } }),
  );
  return u ? u.name?.trim() || u.email : null;
}

export interface MissedChange {
  id: string;
  version: number;
  kind: string;
  entityType: string;
  entityId: string;
  actor: { kind: "user"; id: string } | { kind: "token"; id: string } | { kind: "unknown" };
  at: string;
}

// The audit rows after `afterId` (oldest first, at most `limit` + 1 so the caller can tell it
// missed more than it can replay).
export async function listChangesAfter(caseId: string, afterId: string, limit: number): Promise<MissedChange[]> {
  const rows = await readDb(() =>
    prisma.auditEvent.findMany({
      where: { caseId, id: { gt: BigInt(afterId) } },
      orderBy: { id: "asc" },
      take: limit + 1,
      select: {
        id: true,
        caseVersion: true,
        action: true,
        entityType: true,
        entityId: true,
        actorUserId: true,
        actorTokenId: true,
        createdAt: true,
      },
    }),
  );
  return rows.map((r) => ({
    id: r.id.toString(),
    version: r.caseVersion ?? 0,
    kind: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    actor: r.actorUserId
      ? { kind: "user", id: r.actorUserId }
      : r.actorTokenId
        ? { kind: "token", id: r.actorTokenId }
        : { kind: "unknown" },
    at: r.createdAt.toISOString(),
  }));
}
