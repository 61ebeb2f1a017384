// One real PostgreSQL for the whole integration run: a fresh embedded server and database each
// run, migrated with the project's own migrate step. Workers read DATABASE_URL from the env.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDatabase, startEmbeddedPostgres } from "../../scripts/lib/embedded-db";
import { applyMigrations } from "../../scripts/lib/migrate";

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "caseboard-it-"));
  const db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), persistent: false });
  await createDatabase(db.url("postgres"), "caseboard_test");
  const url = db.url("caseboard_test");
  await applyMigrations(url, { quiet: true });
  process.env.DATABASE_URL = url;
  (process.env as Record<string, string>).NODE_ENV = "test";
  process.env.BCRYPT_COST = "4";
  process.env.NEXTAUTH_SECRET ??= "integration-test-secret-0123456789";
  process.env.NEXTAUTH_URL ??= "http://localhost:3000";
  project.provide("adminDatabaseUrl", db.url("postgres"));
  return async () => {
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}
