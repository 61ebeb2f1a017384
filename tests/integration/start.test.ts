// npm start's failures: one clear line, exit code 1, no stack trace (they happen before any build);
// and Ctrl+C with a case page open stops it at once (docs/runtime.md "Live streams at shutdown").
import { spawn, spawnSync } from "node:child_process";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
import { applyMigrations } from "../../scripts/lib/migrate";
import { ensureBuild } from "../helpers/app";
import { readSse } from "../helpers/sse";
import { buildWorld } from "./cases-world";

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

  it("Ctrl+C with a live stream open: the stream is told to reconnect and npm start exits within a few seconds", async () => {
    ensureBuild();
    const w = await buildWorld();
    const port = await freePort();
    // Its own process group, so the test can press Ctrl+C as a terminal does (SIGINT to the group).
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: process.env.DATABASE_URL!,
        NEXTAUTH_SECRET: "start-test-secret-0123456789abcdef0123",
        NODE_ENV: "production",
      },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const until = Date.now() + 120_000;
      while (!/Caseboard is running/.test(output)) {
        if (child.exitCode !== null || Date.now() > until) throw new Error(`npm start did not come up:\n${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const ac = new AbortController();
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/cases/${w.caseId}/events?tab=lines`, {
        headers: { authorization: `Bearer ${w.tokens.viewer}`, accept: "text/event-stream" },
        signal: ac.signal,
      });
      expect(res.status).toBe(200);
      const sse = readSse(res, ac);
      await sse.waitFor((e) => e.event === "ready", 10_000);
      const pressed = Date.now();
      process.kill(-child.pid!, "SIGINT");
      expect((await sse.waitFor((e) => e.event === "reconnect", 2_000)).data).toEqual({ reason: "shutdown" });
      expect(await exited).toBe(0);
      const ms = Date.now() - pressed;
      console.log(`[start] Ctrl+C with a live stream open: npm start exited after ${ms} ms`);
      expect(ms).toBeLessThan(5_000);
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
    }
  }, 900_000);
});
