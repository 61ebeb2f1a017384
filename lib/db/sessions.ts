import "server-only";
import { prisma } from "./client";

export const SESSION_DAYS = 30;

export async function createAuthSession(userId: string): Promise<string> {
  const row = await prisma.authSession.create({
    data: { userId, expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000) },
    select: { id: true },
  });
  return row.id;
}

export async function isAuthSessionValid(sessionId: string, userId: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return false;
  const n = await prisma.authSession.count({ where: { id: sessionId, userId, expiresAt: { gt: new Date() } } });
  return n > 0;
}

export async function deleteAuthSession(sessionId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return;
  await prisma.authSession.deleteMany({ where: { id: sessionId } });
}
