// npm start's failures: one clear line, exit code 1, no stack trace (they happen before any build).
import { spawnSync } from "node:child_process";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { applyMigrations } from "../../scripts/lib/migrate";

const root = path.resolve(import.meta.dirname, "../..");
async function freePort(): Promise<number> {
  const probe = net.createServer().listen(0, "0.0.0.0");
  await new Promise((r) => probe.once("listening", r));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise((r) => probe.close(r));
  return port;
}

const start = (env: Record<string, string>) =>
  spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });

describe("npm start", () => {
  it("refuses a port in use with one line and exit code 1", async () => {
    const server = net.createServer().listen(0, "0.0.0.0");
    await new Promise((r) => server.once("listening", r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const r = start({ PORT: String(port), DATABASE_URL: "postgresql://x:y@127.0.0.1:1/db" });
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split("\n")).toEqual([
        `caseboard: port ${port} is already in use; stop what is using it or start on another port: PORT=3001 npm start`,
      ]);
    } finally {
      server.close();
    }
  });

  it("says the database is unreachable in one line and exits 1", async () => {
    const r = start({ PORT: String(await freePort()), DATABASE_URL: "postgresql://x:y@127.0.0.1:1/db" });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^caseboard: cannot connect to the database at 127\.0\.0\.1:1 \(connect ECONNREFUSED 127\.0\.0\.1:1\); check DATABASE_URL/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses a PORT that is not a port number", () => {
    const r = start({ PORT: "eighty" });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe("caseboard: PORT=eighty is not a port number (1-65535)");
  });

  it("says a DATABASE_URL that is not a PostgreSQL URL is wrong, in one line", async () => {
    const r = start({ PORT: String(await freePort()), DATABASE_URL: "localhost:5432/caseboard" });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      "caseboard: DATABASE_URL is not a PostgreSQL URL; use postgresql://user:password@host:5432/database or unset it",
    );
  });

  it("stops at a migration it cannot apply, in one line, before building anything", async () => {
    // A database whose history names a migration this checkout does not have.
    const admin = inject("adminDatabaseUrl");
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS start_bad_migration`);
    await client.query(`CREATE DATABASE start_bad_migration`);
    await client.end();
    const url = admin.replace(/\/postgres$/, "/start_bad_migration");
    await applyMigrations(url, { quiet: true });
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    await db.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
       VALUES (gen_random_uuid()::text, repeat('0', 64), now(), '20990101000000_from_the_future', 1)`,
    );
    await db.end();
    const r = start({ PORT: String(await freePort()), DATABASE_URL: url });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      "caseboard: database migration failed: migration 20990101000000_from_the_future is applied to the database but missing from prisma/migrations; restore it before migrating",
    );
    expect(r.stdout).not.toMatch(/build/i);
  });
});
