// The one way a case changes: optimistic concurrency + access filter + audit, in one transaction.
//
//   writeCase(actor, target, expectedVersion, minRole, change)
//     1. resolves the case (directly by id, or from a child row through the same access filter),
//     2. UPDATE "BusinessCase" SET version = version + 1 WHERE id = $1 AND version = $2 AND <access>,
//     3. runs `change` (the actual rows), and
//     4. writes exactly one AuditEvent (who, when, which object, before/after) for it,
//   all in one transaction. A stale version answers 409 with the current case (nothing changed); a
//   case the actor cannot see answers 404, one it can read but not write 403.
//
// The second door, for tracking (spec/collaboration.md "Two kinds of change": comments, actuals,
// KPI values, snapshots, notifications read):
//
//   trackCase(actor, target, minRole, change)
//     resolves the case through the same access filter, locks it against deletion (FOR KEY SHARE,
//     which does not wait for plan writes), runs `change`, writes its audit row at the case's
//     current version, and announces it, in one transaction. It never bumps the version, never
//     checks If-Match and never resets approval, so it cannot make another editor's plan edit
//     stale. Where two people can collide on one tracked object (the same actual cell, the same
//     comment), `change` enforces that object's own rule and throws AppError("conflict").
//
// Both doors announce every committed change in one place (announceCaseChange, case-events.ts).
import "server-only";
import { AppError } from "@/lib/errors";
import { caseWhere, type Actor } from "./access";
import { prisma } from "./client";
import { Prisma } from "./generated/client";
import { recordAudit, type AuditEntry } from "./audit";
import { authCache } from "./auth-cache";
import { caseDetailSelect, toCaseDetailDTO, type WriteResult } from "./case-mappers";
import { actorRef, announceCaseChange } from "./case-events";
import { mapDbError } from "./errors";

export type MinRole = "owner" | "editor" | "viewer";
export type Tx = Prisma.TransactionClient;
export type { AuditEntry };

export interface ChangeContext {
  caseId: string;
  workspaceId: string;
  version: number; // the case's new version
  horizonMonths: number;
}

export interface ChangeOutcome<T> {
  data: T;
  audit: AuditEntry;
}

// Transactions wait for a pooled connection up to 10 s (the pool itself times out after 5 s).
export const TX_OPTIONS = { maxWait: 10_000, timeout: 15_000 } as const;

// This instance's memory of the case's state (lib/db/auth-cache.ts) goes with every write, at
// once after the commit (or the rollback); other instances forget it on the NOTIFY.
function forgetCase(caseId: string | null) {
  if (caseId) authCache().forgetCase(caseId);
}

class StaleOrHidden extends Error {
  constructor(readonly caseId: string | null) {
    super("stale or hidden");
  }
}

export type CaseTarget = { caseId: string } | { resolve: (tx: Tx) => Promise<string | null> };

// An approval covers the case as it was approved: any other change puts an approved case back to
// draft, in the same transaction, with its own audit row ("case.status", approved -> draft).
// Only the status change itself (setCaseStatus) passes keepStatus.
export async function writeCase<T>(
  actor: Actor,
  target: CaseTarget,
  expectedVersion: number,
  minRole: MinRole,
  change: (tx: Tx, ctx: ChangeContext) => Promise<ChangeOutcome<T>>,
  options: { keepStatus?: boolean } = {},
): Promise<WriteResult<T>> {
  let resolvedId: string | null = "caseId" in target ? target.caseId : null;
  try {
    return await prisma
      .$transaction(async (tx) => {
        if (!("caseId" in target)) {
          resolvedId = await target.resolve(tx);
          if (!resolvedId) throw new StaleOrHidden(null);
        }
        const caseId = resolvedId!;
        // UPDATE ... SET version = version + 1 WHERE id = $1 AND version = $2 AND <access> RETURNING:
        // no row means stale or out of reach, and nothing was changed.
        const row = await tx.businessCase
          .update({
            where: { id: caseId, version: expectedVersion, AND: [caseWhere(actor, minRole)] },
            data: { version: { increment: 1 } },
            select: { workspaceId: true, version: true, horizonMonths: true, status: true, trackingRevision: true },
          })
          .catch((error: unknown) => {
            if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025")
              throw new StaleOrHidden(caseId);
            throw error;
          });
        const ctx: ChangeContext = {
          caseId,
          workspaceId: row.workspaceId,
          version: row.version,
          horizonMonths: row.horizonMonths,
        };
        const outcome = await change(tx, ctx);
        let auditId = await recordAudit(
          tx,
          actor,
          { workspaceId: ctx.workspaceId, caseId, version: ctx.version },
          outcome.audit,
        );
        if (row.status === "approved" && !options.keepStatus && outcome.audit.action !== "case.delete") {
          await tx.businessCase.update({ where: { id: caseId }, data: { status: "draft" }, select: { id: true } });
          auditId = await recordAudit(
            tx,
            actor,
            { workspaceId: ctx.workspaceId, caseId, version: ctx.version },
            {
              action: "case.status",
              entityType: "case",
              entityId: caseId,
              before: { status: "approved" },
              after: { status: "draft", reason: outcome.audit.action },
            },
          );
        }
        await announce(tx, actor, ctx, "plan", outcome.audit, auditId);
        // The row is locked from the version bump to the commit, and every tracking write bumps the
        // revision with an UPDATE of this row (which waits for this one, or this one for it), so the
        // revision read with the bump is the one this version is committed with.
        return { caseId, version: ctx.version, trackingRevision: row.trackingRevision, data: outcome.data };
      }, TX_OPTIONS)
      .finally(() => forgetCase(resolvedId));
  } catch (error) {
    if (error instanceof StaleOrHidden) throw await explainRefusal(actor, error.caseId ?? resolvedId, minRole);
    throw mapDbError(error);
  }
}

function announce(
  tx: Tx,
  actor: Actor,
  ctx: ChangeContext,
  door: "plan" | "tracking",
  audit: AuditEntry,
  auditId: string,
) {
  return announceCaseChange(tx, {
    caseId: ctx.caseId,
    workspaceId: ctx.workspaceId,
    version: ctx.version,
    door,
    kind: audit.action,
    entityType: audit.entityType,
    entityId: audit.entityId,
    actor: actorRef(actor),
    at: new Date().toISOString(),
    auditId,
  });
}

// The tracking door (see the header): access-checked, audited, announced; the plan untouched.
export async function trackCase<T>(
  actor: Actor,
  target: CaseTarget,
  minRole: MinRole,
  change: (tx: Tx, ctx: ChangeContext) => Promise<ChangeOutcome<T>>,
): Promise<WriteResult<T>> {
  let resolvedId: string | null = "caseId" in target ? target.caseId : null;
  try {
    return await prisma
      .$transaction(async (tx) => {
        if (!("caseId" in target)) {
          resolvedId = await target.resolve(tx);
          if (!resolvedId) throw new StaleOrHidden(null);
        }
        const caseId = resolvedId!;
        const row = await tx.businessCase.findFirst({
          where: { AND: [{ id: caseId }, caseWhere(actor, minRole)] },
          select: { workspaceId: true, version: true, horizonMonths: true },
        });
        if (!row) throw new StaleOrHidden(caseId);
        // Keeps the case from being deleted under the change; plan writes (version bumps) go on.
        await tx.$executeRaw`SELECT 1 FROM "BusinessCase" WHERE id = ${caseId}::uuid FOR KEY SHARE`;
        const ctx: ChangeContext = {
          caseId,
          workspaceId: row.workspaceId,
          version: row.version,
          horizonMonths: row.horizonMonths,
        };
        const outcome = await change(tx, ctx);
        const auditId = await recordAudit(
          tx,
          actor,
          { workspaceId: ctx.workspaceId, caseId, version: ctx.version },
          outcome.audit,
        );
        await announce(tx, actor, ctx, "tracking", outcome.audit, auditId);
        return { caseId, version: ctx.version, data: outcome.data };
      }, TX_OPTIONS)
      .finally(() => forgetCase(resolvedId));
  } catch (error) {
    if (error instanceof StaleOrHidden) throw await explainRefusal(actor, error.caseId ?? resolvedId, minRole);
    throw mapDbError(error);
  }
}

// Why a write touched nothing: the case is out of reach (404), read-only for this actor (403),
// or at another version (409, with the current case so the client can merge and retry).
async function explainRefusal(actor: Actor, caseId: string | null, minRole: MinRole): Promise<AppError> {
  if (!caseId) return new AppError("not_found", "not found");
  const current = await prisma.businessCase.findFirst({
    where: { AND: [{ id: caseId }, caseWhere(actor, "viewer")] },
    select: caseDetailSelect,
  });
  if (!current) return new AppError("not_found", "not found");
  const writable = await prisma.businessCase.count({ where: { AND: [{ id: caseId }, caseWhere(actor, minRole)] } });
  if (!writable) return new AppError("forbidden", `this needs the ${minRole} role`);
  return new AppError("conflict", `the case has changed (now version ${current.version}); reload and try again`, {
    details: { currentVersion: current.version, current: toCaseDetailDTO(current) },
  });
}

export function nextPosition(rows: { position: number }[]): number {
  return rows.reduce((max, r) => Math.max(max, r.position + 1), 0);
}
