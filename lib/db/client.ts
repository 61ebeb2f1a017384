import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { getDatabaseUrl } from "@/lib/env";

// One client per process, created on first use (so `next build` can load modules without a
// database). Next's dev server reloads modules, so the instance lives on globalThis.
const globalForPrisma = globalThis as unknown as { caseboardPrisma?: PrismaClient };

// Exported for the outage test (tests/integration/db-outage.test.ts); the app uses `prisma`.
export function createPrismaClient(connectionString: string): PrismaClient {
  const adapter = new PrismaPg(
    {
      connectionString,
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      // An unreachable database answers within 5 s (503) instead of hanging requests.
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    },
    {
      // An idle connection dropped by PostgreSQL must not crash the process; the pool reconnects.
      onPoolError: (error: Error) => console.error(JSON.stringify({ event: "db-pool-error", message: error.message })),
      // The same for a connection checked out by a transaction when PostgreSQL goes away.
      onConnectionError: (error: Error) => console.error(JSON.stringify({ event: "db-connection-error", message: error.message })),
    },
  );
  return new PrismaClient({ adapter });
}

function instance(): PrismaClient {
  globalForPrisma.caseboardPrisma ??= createPrismaClient(getDatabaseUrl());
  return globalForPrisma.caseboardPrisma;
}

export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = instance();
    const value = Reflect.get(client, property, client) as unknown;
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(client) : value;
  },
});
