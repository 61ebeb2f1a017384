import "server-only";
import { announceAccessChange } from "./access-events";
import { authCache } from "./auth-cache";
import { prisma } from "./client";

export const SESSION_DAYS = 30;

export async function createAuthSession(userId: string): Promise<string> {
  const row = await prisma.authSession.create({
    data: { userId, expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000) },
    select: { id: true },
  });
  return row.id;
}

// Answered from the auth cache (auth-cache.ts) while this instance listens for access changes.
export async function isAuthSessionValid(sessionId: string, userId: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return false;
  return authCache().session(sessionId, userId, async () => {
    const row = await prisma.authSession.findFirst({
      where: { id: sessionId, userId, expiresAt: { gt: new Date() } },
      select: { expiresAt: true },
    });
    return row?.expiresAt ?? null;
  });
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
