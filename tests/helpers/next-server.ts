// Production Next servers for tests that need real instances (`next start`): builds when the
// build is missing or older than the sources (like tests/e2e/global-setup.ts), then starts one
// server per call on a free port against the given database.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { findFreePort } from "../../scripts/lib/embedded-db";

const root = path.resolve(import.meta.dirname, "../..");
const nextBin = path.join(root, "node_modules/next/dist/bin/next");
const SOURCES = ["app", "components", "lib", "messages", "public", "proxy.ts", "next.config.js", "postcss.config.mjs", "package-lock.json", "prisma/schema.prisma"];

function newestSource(): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p)) if (entry !== "generated" && entry !== "node_modules") visit(path.join(p, entry));
    } else if (stat.mtimeMs > newest) newest = stat.mtimeMs;
  };
  for (const s of SOURCES) visit(path.join(root, s));
  return newest;
}

export function buildIfStale(env: NodeJS.ProcessEnv): void {
  const buildId = path.join(root, ".next/BUILD_ID");
  if (!process.env.CI && existsSync(buildId) && statSync(buildId).mtimeMs >= newestSource()) return;
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env: { ...env, NODE_ENV: "production" }, stdio: "inherit" });
  if (build.status !== 0) throw new Error("next build failed");
}

export interface NextServer {
  url: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

export async function startNextServer(env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<NextServer> {
  const port = await findFreePort();
  const url = `http://localhost:${port}`;
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port)], {
    cwd: root,
    env: { ...env, NEXTAUTH_URL: url, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/signin`)).status < 500) break;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    process: child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
