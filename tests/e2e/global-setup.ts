// Browser tests run against the production build (`next start`) on a fresh, seeded embedded
// PostgreSQL. The build is made when missing, and always on CI.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDatabase, findFreePort, startEmbeddedPostgres } from "../../scripts/lib/embedded-db";
import { applyMigrations } from "../../scripts/lib/migrate";

const root = path.resolve(import.meta.dirname, "../..");
const nextBin = path.join(root, "node_modules/next/dist/bin/next");

async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
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

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "caseboard-e2e-"));
  const db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), persistent: false });
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
    BCRYPT_COST: "4",
    NODE_ENV: "production",
  };
  const seed = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "prisma/seed.ts"], { cwd: root, env: { ...env, NODE_ENV: "test" }, encoding: "utf8" });
  if (seed.status !== 0) throw new Error(`seed failed: ${seed.stderr}`);

  if (process.env.CI || !existsSync(path.join(root, ".next/BUILD_ID"))) {
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const server: ChildProcess = spawn(process.execPath, [nextBin, "start", "-p", String(port)], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  await waitFor(`${baseURL}/`, 60_000);

  project.provide("baseURL", baseURL);
  project.provide("e2eDatabaseUrl", databaseUrl);
  return async () => {
    server.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    e2eDatabaseUrl: string;
  }
}
