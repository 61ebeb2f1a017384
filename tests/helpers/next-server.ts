// Production Next servers for tests that need real instances (`next start`): builds when the
// build is missing or older than the sources (like tests/e2e/global-setup.ts), then starts one
// server per call on a free port against the given database.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { buildIfStale as buildFresh, nextBin } from "./build";
import { findFreePort } from "../../scripts/lib/embedded-db";

const root = path.resolve(import.meta.dirname, "../..");
// Builds when the build is missing or older than the sources, and always on CI.
export function buildIfStale(env: NodeJS.ProcessEnv): void {
  buildFresh(env, { alwaysOnCi: true });
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
