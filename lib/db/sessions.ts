import "server-only";
import { announceAccessChange } from "./access-events";
import { authCache } from "./auth-cache";
import { readEnv } from "@/lib/env";
import { prisma } from "./client";

// A session's absolute lifetime (SESSION_MAX_AGE_HOURS, default 30 days) and idle timeout
// (SESSION_IDLE_MINUTES, default none): docs/enterprise-sign-in.md#security-headers-and-sessions.
export function sessionMaxAgeSeconds(): number {
  return (readEnv().SESSION_MAX_AGE_HOURS ?? 720) * 3600;
}
const idleMs = () => {
  const m = readEnv().SESSION_IDLE_MINUTES;
  return m ? m * 60_000 : null;
};

export async function createAuthSession(userId: string): Promise<string> {
  const row = await prisma.authSession.create({
    data: { userId, expiresAt: new Date(Date.now() + sessionMaxAgeSeconds() * 1000) },
    select: { id: true },
  });
  return row.id;
}

// Answered from the auth cache (auth-cache.ts) while this instance listens for access changes.
export async function isAuthSessionValid(sessionId: string, userId: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return false;
  const idle = idleMs();
  const valid = await authCache().session(sessionId, userId, async () => {
    const row = await prisma.authSession.findFirst({
      where: { id: sessionId, userId, expiresAt: { gt: new Date() } },
      select: { expiresAt: true, lastSeenAt: true },
    });
    if (!row) return null;
    // Valid until the earlier of its expiry and its last use plus the idle timeout.
    if (idle === null) return row.expiresAt;
    return new Date(Math.min(row.expiresAt.getTime(), row.lastSeenAt.getTime() + idle));
  });
  if (valid && idle !== null) await touchLastSeen(sessionId);
  return valid;
}

// Written at most once a minute per session and instance, so reads stay reads.
const lastSeenWritten = new Map<string, number>();
async function touchLastSeen(sessionId: string): Promise<void> {
  const now = Date.now();
  if (now - (lastSeenWritten.get(sessionId) ?? 0) < 60_000) return;
  if (lastSeenWritten.size > 10_000) lastSeenWritten.clear();
  lastSeenWritten.set(sessionId, now);
  await prisma.authSession
    .updateMany({ where: { id: sessionId }, data: { lastSeenAt: new Date(now) } })
    .catch(() => {});
}

// Sign-out: the row goes, and every instance hears it (their caches forget the session).
export async function deleteAuthSession(sessionId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return;
  try {
    await prisma.$transaction(async (tx) => {
      const gone = await tx.authSession.deleteMany({ where: { id: sessionId } });
      if (gone.count) await announceAccessChange(tx, { sessionId, change: "session_ended" });
    });
  } finally {
    authCache().clear();
  }
}
