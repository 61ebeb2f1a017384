// Access changes announced to every app instance, like case changes (case-events.ts): a member's
// role changed or removed, an API token revoked, a session signed out. Sent with pg_notify inside the change's
// transaction, so it arrives when (and only if) the change commits. Live streams listen and
// check their access again (a removed member's streams end); every instance's auth cache
// (auth-cache.ts) forgets what it knew.
import "server-only";
import type { Prisma } from "./generated/client";

export const ACCESS_EVENTS_CHANNEL = "caseboard_access_events";

export interface AccessChangeEvent {
  workspaceId?: string; // absent for a session signed out (sessions are not per workspace)
  userId?: string; // whose membership changed
  tokenId?: string; // which token was revoked
  sessionId?: string; // which session ended
  change: "role" | "removed" | "token_revoked" | "session_ended";
}

export async function announceAccessChange(tx: Prisma.TransactionClient, event: AccessChangeEvent): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${ACCESS_EVENTS_CHANNEL}, ${JSON.stringify(event)})`;
}

export function parseAccessChange(payload: string): AccessChangeEvent | null {
  try {
    const v = JSON.parse(payload) as AccessChangeEvent;
    return typeof v?.workspaceId === "string" || v?.change === "session_ended" ? v : null;
  } catch {
    return null;
  }
}
