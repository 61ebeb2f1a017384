// The benchmarks' Caseboard: a throwaway embedded PostgreSQL (migrated, demo data seeded) and
// `next start` on a free port, production mode. Builds first when asked or when there is no
// build (`isBuildCurrent` may demand more than a BUILD_ID). stop() ends both and removes the data.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase, findFreePort, startEmbeddedPostgres } from "../../scripts/lib/embedded-db";
import { applyMigrations } from "../../scripts/lib/migrate";

const root = path.resolve(import.meta.dirname, "../..");
const nextBin = path.join(root, "node_modules/next/dist/bin/next");

export interface BenchApp {
  baseURL: string;
  databaseUrl: string;
  pid?: number; // the `next start` process (for memory readings)
  stop: () => Promise<void>;
}

async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

// server "serve": scripts/serve.mjs (what npm start and the image run) instead of `next start`.
export async function startBenchApp(
  options: {
    build?: boolean;
    isBuildCurrent?: () => boolean;
    env?: Record<string, string>;
    nodeArgs?: string[];
    readyPath?: string;
    server?: "next" | "serve";
  } = {},
): Promise<BenchApp> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "caseboard-bench-"));
  const db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), persistent: false });
  let server: ChildProcess | undefined;
  const stop = async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once("exit", r));
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    }
    await db.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await createDatabase(db.url("postgres"), "caseboard_bench");
    const databaseUrl = db.url("caseboard_bench");
    await applyMigrations(databaseUrl, { quiet: true });
    const port = await findFreePort();
    const baseURL = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: "bench-secret-0123456789abcdef0123456789",
      NEXT_TELEMETRY_DISABLED: "1",
      BCRYPT_COST: "4",
      NODE_ENV: "production",
      ...options.env,
    };
    const seed = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "prisma/seed.ts"], {
      cwd: root,
      env: { ...env, NODE_ENV: "test" },
      encoding: "utf8",
    });
    if (seed.status !== 0) throw new Error(`seed failed: ${seed.stderr}`);
    const current = options.isBuildCurrent ?? (() => existsSync(path.join(root, ".next/BUILD_ID")));
    if (options.build || !current()) {
      console.log("building the app (next build)...");
      const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: "inherit" });
      if (build.status !== 0) throw new Error("next build failed");
    }
    // The worker threads' bundle, as `npm run build` makes it (docs/runtime.md): without it the
    // production server's workers would compile TypeScript at run time.
    if (!existsSync(path.join(root, ".next/workers/worker.mjs"))) {
      const bundle = spawnSync(process.execPath, [path.join(root, "scripts/build-workers.mjs")], {
        cwd: root,
        stdio: "inherit",
      });
      if (bundle.status !== 0) throw new Error("bundling the worker threads failed");
    }
    const serverArgs =
      options.server === "serve"
        ? [path.join(root, "scripts/serve.mjs")]
        : [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"];
    server = spawn(process.execPath, [...(options.nodeArgs ?? []), ...serverArgs], {
      cwd: root,
      env: { ...env, PORT: String(port), HOSTNAME: "127.0.0.1" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    await waitFor(`${baseURL}${options.readyPath ?? "/signin"}`, 60_000);
    return { baseURL, databaseUrl, pid: server.pid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
