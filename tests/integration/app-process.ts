// Caseboard as production runs it, for the tests that need real processes (several instances,
// signals, a database outage): the Next build served by scripts/serve.mjs (or `next start`), on a
// database of the test's own, migrated and seeded with the demo data. Builds first when the build
// is missing or older than the sources (as the e2e setup does).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { DEMO_USERS } from "@/lib/auth/password";
import { findFreePort } from "../../scripts/lib/embedded-db";
import { applyMigrations } from "../../scripts/lib/migrate";
import { buildIfStale, nextBin } from "../helpers/build";

const root = path.resolve(import.meta.dirname, "../..");
export function ensureBuild(): void {
  buildIfStale(process.env);
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
  const seed = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "prisma/seed.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: "test" },
    encoding: "utf8",
  });
  if (seed.status !== 0) throw new Error(`seed failed: ${seed.stderr}`);
  return url;
}

export interface AppProcess {
  baseURL: string;
  child: ChildProcess;
  log: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop: () => Promise<void>;
}

export async function startApp(
  databaseUrl: string,
  options: { server?: "serve" | "next"; env?: Record<string, string> } = {},
): Promise<AppProcess> {
  const port = await findFreePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_URL: baseURL,
    NEXTAUTH_SECRET: "integration-app-secret-0123456789abcdef",
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    ...options.env,
  };
  // CASEBOARD_TEST_SERVER=next runs the same tests against a bare `next start` (how it ran before
  // scripts/serve.mjs), to see what the server adds.
  const server = options.server ?? (process.env.CASEBOARD_TEST_SERVER === "next" ? "next" : "serve");
  const args =
    server === "next"
      ? [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"]
      : [path.join(root, "scripts/serve.mjs")];
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const until = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}) before answering:\n${output}`);
    try {
      if ((await fetch(`${baseURL}/signin`)).status < 500) break;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`the app did not answer within 90 s:\n${output}`);
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
