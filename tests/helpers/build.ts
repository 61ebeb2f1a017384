// The one build check of the tests that run the production app (e2e setup, the integration tests
// with real `next start` / serve.mjs processes): the build is current when .next/BUILD_ID is
// newer than every source file; buildIfStale builds otherwise (or always, when asked, on CI).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
export const nextBin = path.join(root, "node_modules/next/dist/bin/next");
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
];

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
  const buildId = path.join(root, ".next/BUILD_ID");
  return existsSync(buildId) && statSync(buildId).mtimeMs >= newestSource();
}

// `next build` with `env` unless the build is current (alwaysOnCi: build anyway when CI is set).
export function buildIfStale(env: NodeJS.ProcessEnv, options: { alwaysOnCi?: boolean } = {}): void {
  if (!(options.alwaysOnCi && process.env.CI) && buildIsCurrent()) return;
  const build = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    env: { ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "inherit",
  });
  if (build.status !== 0) throw new Error("next build failed");
}
