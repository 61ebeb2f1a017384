// The one place a change to a case is announced. Both doors (writeCase for plan changes,
// trackCase for tracking) call announceCaseChange inside their transaction; PostgreSQL delivers
// the NOTIFY when (and only if) the transaction commits, to every app instance that LISTENs on
// CASE_EVENTS_CHANNEL. Live updates (SSE), caches and notifications listen there.
//
//   announceCaseChange(tx, event)   inside a write transaction
//   parseCaseChange(payload)        a NOTIFY payload back into a CaseChangeEvent (or null)
import "server-only";
import type { Actor } from "./access";
import type { Prisma } from "./generated/client";

export const CASE_EVENTS_CHANNEL = "caseboard_case_events";

export interface CaseChangeEvent {
  caseId: string;
  workspaceId: string;
  version: number; // the case's plan version after the change (unchanged by tracking writes)
  door: "plan" | "tracking";
  kind: string; // the audit action, e.g. "line.update", "comment.create"
  entityType: string;
  entityId: string;
  actor: { kind: "user"; id: string } | { kind: "token"; id: string };
  at: string; // ISO time
  auditId?: string; // the audit row of the change (the last one when a write made two): live streams use it as the event id
}

export function actorRef(actor: Actor): CaseChangeEvent["actor"] {
  return actor.kind === "user" ? { kind: "user", id: actor.userId } : { kind: "token", id: actor.tokenId };
}

export async function announceCaseChange(tx: Prisma.TransactionClient, event: CaseChangeEvent): Promise<void> {
  // A NOTIFY payload must stay under 8000 bytes: ids and names only, never the data itself.
  const payload = JSON.stringify({ ...event, entityId: event.entityId.slice(0, 200), kind: event.kind.slice(0, 100) });
  await tx.$executeRaw`SELECT pg_notify(${CASE_EVENTS_CHANNEL}, ${payload})`;
}

export function parseCaseChange(payload: string): CaseChangeEvent | null {
  try {
    const v = JSON.parse(payload) as CaseChangeEvent;
    return typeof v?.caseId === "string" &&
      typeof v.version === "number" &&
      (v.door === "plan" || v.door === "tracking")
      ? v
      : null;
  } catch {
    return null;
  }
}
