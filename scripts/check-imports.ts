// Layer checks ESLint's per-folder rules cannot make (docs/architecture.md#layers):
//   1. no import cycle under lib/, counting runtime imports;
//   2. no cycle under lib/ through type-only imports either (a type two modules share goes to a
//      types file both import, so the modules' order stays a tree);
//   3. no "use client" file anywhere imports lib/db, lib/services or lib/auth;
//   4. lib/ never imports components/ (pieces both need live in lib/);
//   5. lib/services and lib/live never import the HTTP layer (lib/api): it calls them;
//   6. lib/auth never imports lib/live (the live hub registers itself with the auth cache).
// Run: npx tsx scripts/check-imports.ts (part of `npm run lint`; exit 1 with what it found).
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const SKIP = new Set(["node_modules", ".next", "generated", ".git"]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const full = path.join(dir, name);
    return statSync(full).isDirectory()
      ? files(full)
      : /\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts")
        ? [full]
        : [];
  });
}

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith("@/")
    ? path.join(root, spec.slice(2))
    : spec.startsWith(".")
      ? path.resolve(path.dirname(from), spec)
      : null;
  if (!base) return null;
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, "index.ts"),
    path.join(base, "index.tsx"),
  ]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+["']([^"']+)["']|^\s*import\s+["']([^"']+)["']/gm;

function imports(file: string): { spec: string; typeOnly: boolean }[] {
  const text = readFileSync(file, "utf8");
  const out: { spec: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[3] ?? m[4]!;
    const clause = m[0];
    // `import type {...}` and `import { type A, type B }` (every name a type, no default) are erased.
    const named = /^\s*(?:import|export)\s+\{([^}]*)\}/.exec(clause)?.[1];
    const allTypes =
      named !== undefined &&
      named
        .split(",")
        .filter((s) => s.trim())
        .every((s) => s.trim().startsWith("type "));
    out.push({ spec, typeOnly: Boolean(m[2]) || allTypes });
  }
  return out;
}

const problems: string[] = [];

// 1 and 2. Cycles under lib/: runtime imports, then every import (type-only ones too).
const lib = files(path.join(root, "lib"));
const LIB = path.join(root, "lib") + path.sep;
function findCycles(withTypes: boolean, what: string) {
  const graph = new Map<string, string[]>();
  for (const f of lib) {
    graph.set(
      f,
      imports(f)
        .filter((i) => withTypes || !i.typeOnly)
        .map((i) => resolve(f, i.spec))
        .filter((t): t is string => t !== null && t.startsWith(LIB)),
    );
  }
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const seen = new Set<string>();
  function visit(f: string) {
    state.set(f, "open");
    stack.push(f);
    for (const t of graph.get(f) ?? []) {
      if (state.get(t) === "open") {
        const cycle = [...stack.slice(stack.indexOf(t)), t].map((x) => path.relative(root, x));
        const key = [...cycle].sort().join(" ");
        if (!seen.has(key)) {
          seen.add(key);
          problems.push(`${what}: ${cycle.join(" -> ")}`);
        }
      } else if (!state.has(t)) visit(t);
    }
    stack.pop();
    state.set(f, "done");
  }
  for (const f of lib) if (!state.has(f)) visit(f);
}
findCycles(false, "import cycle");
if (!problems.length) findCycles(true, "import cycle through types (move the shared types to a types file)");

// 2. Client components never import the server layers.
const SERVER = ["lib/db/", "lib/services/", "lib/auth/"].map((p) => path.join(root, p));
for (const f of [...files(path.join(root, "app")), ...files(path.join(root, "components"))]) {
  if (!/^\s*["']use client["']/.test(readFileSync(f, "utf8"))) continue;
  for (const i of imports(f)) {
    const target = resolve(f, i.spec);
    if (target && !i.typeOnly && SERVER.some((s) => target.startsWith(s)))
      problems.push(`client component ${path.relative(root, f)} imports ${i.spec}`);
  }
}

// 4 to 6. What lib/ may import: any import counts, type-only ones too.
const FORBIDDEN: { from: string; to: string; why: string }[] = [
  { from: "lib/", to: "components/", why: "lib/ never imports components/" },
  { from: "lib/services/", to: "lib/api/", why: "services do not import the HTTP layer" },
  { from: "lib/live/", to: "lib/api/", why: "live streams do not import the HTTP layer" },
  { from: "lib/auth/", to: "lib/live/", why: "auth does not import live" },
];
for (const f of lib) {
  const rel = path.relative(root, f);
  for (const i of imports(f)) {
    const target = resolve(f, i.spec);
    if (!target) continue;
    const to = path.relative(root, target);
    for (const rule of FORBIDDEN)
      if (rel.startsWith(rule.from) && to.startsWith(rule.to)) problems.push(`${rule.why}: ${rel} imports ${i.spec}`);
  }
}

if (problems.length) {
  process.stderr.write(problems.join("\n") + "\n");
  process.exit(1);
}
process.stdout.write(
  `no import cycle under lib/ (${lib.length} files, type imports too); no client component imports lib/db, ` +
    `lib/services or lib/auth; lib/ imports no components/, services and live no lib/api, auth no lib/live\n`,
);
