// Browser tests run against the production build (`next start`) on a fresh, seeded embedded
// PostgreSQL. The build is made on CI, and locally when it is missing or older than the sources
// (tests/helpers/app.ts, shared with the integration tests that run real processes).
// Tests read inject("baseURL") and inject("e2eDatabaseUrl").
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDatabase, startEmbeddedPostgres, type EmbeddedDb } from "../../scripts/lib/embedded-db";
import { applyMigrations } from "../../scripts/lib/migrate";
import { ensureBuild, seedDemo, startApp, type AppProcess } from "../helpers/app";

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
  let server: AppProcess | undefined;
  const teardown = async () => {
    await server?.stop();
    await db?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), persistent: false });
    await createDatabase(db.url("postgres"), "caseboard_e2e");
    const databaseUrl = db.url("caseboard_e2e");
    await applyMigrations(databaseUrl, { quiet: true });
    process.env.BCRYPT_COST = "4";
    seedDemo(databaseUrl);
    ensureBuild({ alwaysOnCi: true });
    server = await startApp(databaseUrl, {
      server: "next",
      host: "localhost",
      output: "inherit",
      readyTimeoutMs: 60_000,
      env: { NEXTAUTH_SECRET: "e2e-secret-0123456789abcdef0123456789", BCRYPT_COST: "4" },
    });
    project.provide("baseURL", server.baseURL);
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
