import "server-only";
import { prisma } from "./client";

// Fixed-window counters in PostgreSQL, so every app instance shares them.
export const SIGN_IN_LIMITS = {
  account: { max: 5, windowMs: 15 * 60_000 },
  address: { max: 20, windowMs: 15 * 60_000 },
} as const;

export async function isRateLimited(key: string, max: number): Promise<{ limited: boolean; retryAfterMs: number }> {
  const row = await prisma.rateLimitBucket.findUnique({ where: { key } });
  if (!row || row.resetAt.getTime() <= Date.now()) return { limited: false, retryAfterMs: 0 };
  return { limited: row.count >= max, retryAfterMs: row.resetAt.getTime() - Date.now() };
}

export async function recordFailure(key: string, windowMs: number): Promise<void> {
  const resetAt = new Date(Date.now() + windowMs);
  // One statement: concurrent failures cannot lose a count.
  await prisma.$executeRaw`
    INSERT INTO "RateLimitBucket" (key, count, "resetAt") VALUES (${key}, 1, ${resetAt})
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN "RateLimitBucket"."resetAt" <= now() THEN 1 ELSE "RateLimitBucket".count + 1 END,
      "resetAt" = CASE WHEN "RateLimitBucket"."resetAt" <= now() THEN ${resetAt} ELSE "RateLimitBucket"."resetAt" END`;
}

export async function clearFailures(key: string): Promise<void> {
  await prisma.rateLimitBucket.deleteMany({ where: { key } });
}
