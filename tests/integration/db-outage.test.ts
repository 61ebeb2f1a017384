// The database goes away under a running client: the process survives (pool error handler), queries
// fail fast instead of hanging (connection timeout), and the same client recovers by itself when
// PostgreSQL returns. Uses its own PostgreSQL so the shared test database is not disturbed.
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { createDatabase, findFreePort, startEmbeddedPostgres, type EmbeddedDb } from "../../scripts/lib/embedded-db";

const dir = mkdtempSync(path.join(os.tmpdir(), "caseboard-outage-"));
let db: EmbeddedDb | undefined;

afterAll(async () => {
  await db?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result?: T; error?: unknown }> {
  const started = Date.now();
  try {
    const result = await fn();
    return { ms: Date.now() - started, result };
  } catch (error) {
    return { ms: Date.now() - started, error };
  }
}

describe("database outage", () => {
  it("survives PostgreSQL stopping under idle connections and recovers when it returns", async () => {
    const port = await findFreePort();
    const dataDir = path.join(dir, "pg");
    db = await startEmbeddedPostgres({ dataDir, port });
    await createDatabase(db.url("postgres"), "outage");
    const client = createPrismaClient(db.url("outage"));
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      // Several idle connections in the pool, each of which PostgreSQL will drop.
      await Promise.all([1, 2, 3].map(() => client.$queryRaw`SELECT 1 FROM pg_sleep(0.05)`));

      await db.stop();
      await new Promise((r) => setTimeout(r, 300));
      // The dropped idle connections were reported, not thrown (an unhandled 'error' fails the run).
      expect(logged.mock.calls.some(([line]) => String(line).includes("db-pool-error"))).toBe(true);

      const down = await timed(() => client.$queryRaw`SELECT 1`);
      expect(down.error).toBeDefined();
      expect(down.ms).toBeLessThan(5_500);

      db = await startEmbeddedPostgres({ dataDir, port });
      const started = Date.now();
      let recovered = false;
      while (!recovered && Date.now() - started < 10_000) {
        recovered = (await timed(() => client.$queryRaw`SELECT 1`)).error === undefined;
        if (!recovered) await new Promise((r) => setTimeout(r, 200));
      }
      expect(recovered).toBe(true);
    } finally {
      logged.mockRestore();
      await client.$disconnect();
    }
  });

  it("gives up on a database that accepts but never answers within the 5 s connection timeout", async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s)).listen(0, "127.0.0.1");
    await new Promise((r) => silent.once("listening", r));
    const port = (silent.address() as net.AddressInfo).port;
    const client = createPrismaClient(`postgresql://x:y@127.0.0.1:${port}/db`);
    try {
      const r = await timed(() => client.$queryRaw`SELECT 1`);
      expect(r.error).toBeDefined();
      expect(r.ms).toBeGreaterThan(4_000);
      expect(r.ms).toBeLessThan(7_000);
    } finally {
      await client.$disconnect().catch(() => {});
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });
});
