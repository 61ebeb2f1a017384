// Browser tests run against the production build (`next start`) on a fresh, seeded embedded
// PostgreSQL. The build is made on CI, and locally when it is missing or older than the sources.
// Tests read inject("baseURL") and inject("e2eDatabaseUrl").
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDatabase, findFreePort, startEmbeddedPostgres, type EmbeddedDb } from "../../scripts/lib/embedded-db";
import { applyMigrations } from "../../scripts/lib/migrate";
import { buildIsCurrent, nextBin } from "../helpers/build";

const root = path.resolve(import.meta.dirname, "../..");
async function waitFor(url: string, ms: number, server: ChildProcess) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`next start exited with code ${server.exitCode} before answering`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

async function stopServer(server: ChildProcess | undefined) {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once("exit", r));
  server.kill("SIGTERM");
  const timer = setTimeout(() => server.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

export default async function setup(project: TestProject) {
  // Against a server that is already running (e.g. `next dev` while developing a page): set
  // E2E_BASE_URL and E2E_DATABASE_URL (its seeded database) and nothing is built or started.
  if (process.env.E2E_BASE_URL && process.env.E2E_DATABASE_URL) {
    project.provide("baseURL", process.env.E2E_BASE_URL);
    project.provide("e2eDatabaseUrl", process.env.E2E_DATABASE_URL);
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "caseboard-e2e-"));
  let db: EmbeddedDb | undefined;
  let server: ChildProcess | undefined;
  const teardown = async () => {
    await stopServer(server);
    await db?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), persistent: false });
    await createDatabase(db.url("postgres"), "caseboard_e2e");
    const databaseUrl = db.url("caseboard_e2e");
    await applyMigrations(databaseUrl, { quiet: true });

    const port = await findFreePort();
    const baseURL = `http://localhost:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: "e2e-secret-0123456789abcdef0123456789",
      NEXT_TELEMETRY_DISABLED: "1",
      CHECKPOINT_DISABLE: "1",
      BCRYPT_COST: "4",
      NODE_ENV: "production",
    };
    const seed = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "prisma/seed.ts"], {
      cwd: root,
      env: { ...env, NODE_ENV: "test" },
      encoding: "utf8",
    });
    if (seed.status !== 0) throw new Error(`seed failed: ${seed.stderr}`);

    if (process.env.CI || !buildIsCurrent()) {
      const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: "inherit" });
      if (build.status !== 0) throw new Error("next build failed");
    }
    server = spawn(process.execPath, [nextBin, "start", "-p", String(port)], {
      cwd: root,
      env,
      stdio: ["ignore", "ignore", "inherit"],
    });
    await waitFor(`${baseURL}/signin`, 60_000, server);

    project.provide("baseURL", baseURL);
    project.provide("e2eDatabaseUrl", databaseUrl);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    e2eDatabaseUrl: string;
  }
}
