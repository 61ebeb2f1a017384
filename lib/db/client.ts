import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/client";
import { getDatabaseUrl } from "@/lib/env";

// One client per process, created on first use (so `next build` can load modules without a
// database). Next's dev server reloads modules, so the instance lives on globalThis.
const globalForPrisma = globalThis as unknown as { caseboardPrisma?: PrismaClient };

const log = (event: string, error: Error) =>
  console.error(JSON.stringify({ event, code: (error as { code?: string }).code, message: error.message }));

// The pool is ours, not the adapter's, so its error handlers are attached before it opens a single
// connection: PostgreSQL restarting (57P01 terminating connection) or a dropped socket is then an
// 'error' event with a listener on the pool and on every one of its clients, whichever state the
// client is in (idle, checked out by a query or a transaction, or being released), never an
// uncaught exception. The query that was running fails and answers 503 (lib/db/errors.ts).
export function createPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    // An unreachable database answers within 5 s (503) instead of hanging requests.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  pool.on("error", (error) => log("db-pool-error", error));
  pool.on("connect", (client) => {
    client.on("error", (error) => log("db-connection-error", error));
    serializeQueries(client);
  });
  return pool;
}

// Prisma's query interpreter sends independent queries of one transaction together, on the
// transaction's one connection; pg queues them itself but warns that this is deprecated ("client.query()
// when the client is already executing a query", removed in pg 9). Each connection runs its
// promise-style queries one after the other here, as pg would: same order, same results, no warning.
function serializeQueries(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  let tail: Promise<unknown> = Promise.resolve();
  client.query = ((...args: unknown[]) => {
    const callbackStyle =
      typeof args[args.length - 1] === "function" ||
      typeof (args[0] as { submit?: unknown } | null)?.submit === "function";
    if (callbackStyle) return query(...args);
    const run = tail.then(() => query(...args));
    tail = run.catch(() => undefined);
    return run;
  }) as typeof client.query;
}

// Exported for the outage test (tests/integration/db-outage.test.ts); the app uses `prisma`.
export function createPrismaClient(connectionString: string): PrismaClient {
  const pool = createPool(connectionString);
  const adapter = new PrismaPg(pool, {
    disposeExternalPool: true,
    onPoolError: (error: Error) => log("db-pool-error", error),
    onConnectionError: (error: Error) => log("db-connection-error", error),
  });
  return new PrismaClient({ adapter });
}

function instance(): PrismaClient {
  if (!globalForPrisma.caseboardPrisma) {
    const client = createPrismaClient(getDatabaseUrl());
    globalForPrisma.caseboardPrisma = client;
    // scripts/serve.mjs runs these after the last request on SIGTERM: the pool closes cleanly.
    const hooks = ((globalThis as Record<symbol, unknown>)[Symbol.for("caseboard.shutdown")] ??= new Set()) as Set<
      () => Promise<void>
    >;
    hooks.add(() => client.$disconnect());
  }
  return globalForPrisma.caseboardPrisma;
}

export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = instance();
    const value = Reflect.get(client, property, client) as unknown;
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(client) : value;
  },
});
