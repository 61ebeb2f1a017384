// The one way tests run Caseboard as production runs it (the e2e setup and the integration tests
// with real processes: several instances, signals, a database outage, the Docker image's output):
//
//   ensureBuild()        `next build` (standalone output, as the image builds it) + the worker
//                        bundle, when the build is missing or older than the sources
//   startApp(url, o)     one server on a free port against that database, answering /signin:
//                        server "serve"      scripts/serve.mjs in the project folder (npm start)
//                               "standalone" scripts/serve.mjs in .next/standalone, laid out as the
//                                            Docker image is (no sources, no tsx, no node_modules
//                                            but the traced ones)
//                               "next"       a bare `next start` (CASEBOARD_TEST_SERVER=next
//                                            runs the serve tests on it, to see what serve adds)
//   createSeededDatabase, signInOver, demoOwner
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { DEMO_USERS } from "@/lib/auth/password";
import { findFreePort } from "../../scripts/lib/embedded-db";
import { applyMigrations } from "../../scripts/lib/migrate";

const root = path.resolve(import.meta.dirname, "../..");
export const nextBin = path.join(root, "node_modules/next/dist/bin/next");
const standaloneDir = path.join(root, ".next/standalone");
const SOURCES = [
  "app",
  "components",
  "lib",
  "messages",
  "public",
  "proxy.ts",
  "next.config.js",
  "postcss.config.mjs",
  "package-lock.json",
  "prisma/schema.prisma",
  "scripts/build-workers.mjs",
];
// What a complete build has: Next's, its standalone server, the worker bundle in both places.
const OUTPUTS = [".next/BUILD_ID", ".next/standalone/server.js", ".next/workers/worker.mjs"];

function newestSource(): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p))
        if (entry !== "generated" && entry !== "node_modules") visit(path.join(p, entry));
    } else if (stat.mtimeMs > newest) newest = stat.mtimeMs;
  };
  for (const source of SOURCES) visit(path.join(root, source));
  return newest;
}

export function buildIsCurrent(): boolean {
  if (!OUTPUTS.every((o) => existsSync(path.join(root, o)))) return false;
  return statSync(path.join(root, ".next/BUILD_ID")).mtimeMs >= newestSource();
}

// `npm run build` as the Docker image runs it (standalone output) unless the build is current
// (alwaysOnCi: build anyway when CI is set).
export function ensureBuild(options: { alwaysOnCi?: boolean } = {}): void {
  if (!(options.alwaysOnCi && process.env.CI) && buildIsCurrent()) return;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_OUTPUT: "standalone",
  };
  for (const [label, args] of [
    ["next build", [nextBin, "build"]],
    ["the worker bundle", [path.join(root, "scripts/build-workers.mjs")]],
  ] as const) {
    const run = spawnSync(process.execPath, [...args], { cwd: root, env, stdio: "inherit" });
    if (run.status !== 0) throw new Error(`${label} failed`);
  }
}

// The image's layout inside .next/standalone (Dockerfile, runtime stage): the static files and
// scripts/serve.mjs beside Next's standalone server; the worker bundle is already there.
function prepareStandalone(): string {
  cpSync(path.join(root, ".next/static"), path.join(standaloneDir, ".next/static"), { recursive: true });
  mkdirSync(path.join(standaloneDir, "scripts"), { recursive: true });
  cpSync(path.join(root, "scripts/serve.mjs"), path.join(standaloneDir, "scripts/serve.mjs"));
  // The image has no worker sources: neither may this copy (the workers must not fall back to tsx).
  rmSync(path.join(standaloneDir, "lib/workers"), { recursive: true, force: true });
  return standaloneDir;
}

// A fresh database on the given PostgreSQL (its admin URL), migrated and seeded with the demo.
export async function createSeededDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/[^/]+$/, `/${name}`);
  await applyMigrations(url, { quiet: true });
  seedDemo(url);
  return url;
}

export function seedDemo(databaseUrl: string): void {
  const seed = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "prisma/seed.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "test" },
    encoding: "utf8",
  });
  if (seed.status !== 0) throw new Error(`seed failed: ${seed.stderr}`);
}

export interface AppProcess {
  baseURL: string;
  child: ChildProcess;
  log: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop: () => Promise<void>;
}

export interface StartOptions {
  server?: "serve" | "standalone" | "next";
  env?: Record<string, string>;
  host?: "127.0.0.1" | "localhost";
  // Where the server's errors go besides log(): "inherit" shows them in the test run.
  output?: "capture" | "inherit";
  readyTimeoutMs?: number;
}

export async function startApp(databaseUrl: string, options: StartOptions = {}): Promise<AppProcess> {
  const port = await findFreePort();
  const host = options.host ?? "127.0.0.1";
  const baseURL = `http://${host}:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_URL: baseURL,
    NEXTAUTH_SECRET: "integration-app-secret-0123456789abcdef",
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
    NODE_ENV: "production",
    PORT: String(port),
    ...(host === "127.0.0.1" ? { HOSTNAME: host } : {}),
    ...options.env,
  };
  const server = options.server ?? (process.env.CASEBOARD_TEST_SERVER === "next" ? "next" : "serve");
  const cwd = server === "standalone" ? prepareStandalone() : root;
  const args =
    server === "next"
      ? [nextBin, "start", "-p", String(port), ...(host === "127.0.0.1" ? ["-H", host] : [])]
      : [path.join(cwd, "scripts/serve.mjs")];
  const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => {
    output += c.toString();
    if (options.output === "inherit") process.stderr.write(c);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const timeoutMs = options.readyTimeoutMs ?? 90_000;
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}) before answering:\n${output}`);
    try {
      if ((await fetch(`${baseURL}/signin`)).status < 500) break;
    } catch {
      // not up yet
    }
    if (Date.now() > until) {
      child.kill("SIGKILL");
      throw new Error(`the app did not answer within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    await exited;
    clearTimeout(timer);
  };
  return { baseURL, child, log: () => output, exited, stop };
}

// Signs in through next-auth's credentials endpoint; the answer's redirect says how it went.
export async function signInOver(
  baseURL: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<{ cookie: string | null; error: string | null }> {
  const csrf = await fetch(`${baseURL}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = (csrf.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
  const r = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, origin: baseURL },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseURL}/w` }).toString(),
  });
  const location = r.headers.get("location") ?? "";
  const error = new URL(location, baseURL).searchParams.get("error");
  const session = (r.headers.getSetCookie?.() ?? [])
    .map((c) => c.split(";")[0]!)
    .filter((c) => /session-token=/.test(c));
  return { cookie: session.length ? [csrfCookie, ...session].join("; ") : null, error };
}

export const demoOwner = DEMO_USERS.owner;
