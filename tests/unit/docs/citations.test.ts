// The design notes live in docs/ and the code points there. This test reads every source file of
// the repository (and the Markdown of README.md and docs/) and fails when one
// - cites a document outside the repository: the sibling "shared" folder, a spec folder's .md
//   file, or any other .md file that is neither under docs/ nor a file of the repository;
// - names a tracker issue number ("issue 12", "issue #12", "(#12)");
// - links a docs/ file that does not exist, or a heading anchor that file does not have.
// Anchors are GitHub's: the heading in lower case, punctuation dropped, spaces as hyphens.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = process.cwd();
const SOURCE_DIRS = ["app", "lib", "components", "scripts", "tests", "bench", "prisma", "bin"];
const ROOT_FILES = [
  "proxy.ts",
  "next.config.js",
  "eslint.config.mjs",
  "vitest.config.ts",
  "prisma.config.ts",
  "postcss.config.mjs",
];
const SOURCE_EXT = /\.(ts|tsx|mts|cts|js|mjs|cjs|prisma)$/;
const SKIP = new Set(["node_modules", ".next", "generated", "test-results", "bench-results", ".data"]);
// Files docs/README.md lists for parts written beside this one; a link to them may run ahead of
// the file. Any other link must resolve.
const PLANNED_DOCS = new Set([
  "case-model.md",
  "runtime.md",
  "import.md",
  "currencies.md",
  "portfolio.md",
  "tax-and-inflation.md",
  "board-pack.md",
]);

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (SOURCE_EXT.test(name)) out.push(full);
  }
  return out;
}

function sourceFiles(): string[] {
  const files: string[] = [];
  for (const dir of SOURCE_DIRS) if (existsSync(path.join(ROOT, dir))) walk(path.join(ROOT, dir), files);
  for (const file of ROOT_FILES) if (existsSync(path.join(ROOT, file))) files.push(path.join(ROOT, file));
  return files;
}

const markdownFiles = (): string[] => [
  path.join(ROOT, "README.md"),
  ...readdirSync(path.join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => path.join(ROOT, "docs", f)),
];

// GitHub's heading anchors: lower case; markup, punctuation and symbols dropped; spaces become
// hyphens; a repeated heading gets -1, -2, ...
export function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[`*_]/g, (c) => (c === "_" ? "_" : ""))
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

const anchorCache = new Map<string, Set<string>>();
function anchorsOf(file: string): Set<string> {
  let anchors = anchorCache.get(file);
  if (anchors) return anchors;
  anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = slug(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  anchorCache.set(file, anchors);
  return anchors;
}

interface Finding {
  at: string;
  problem: string;
}

const rel = (file: string) => path.relative(ROOT, file);

// A docs/<file>.md[#anchor] reference: the file must exist, and so must the anchor.
function checkDocsLink(target: string, at: string, findings: Finding[], allowPlanned: boolean): void {
  const [file, anchor] = target.split("#") as [string, string | undefined];
  const full = path.join(ROOT, file);
  if (!existsSync(full)) {
    if (!(allowPlanned && PLANNED_DOCS.has(path.basename(file))))
      findings.push({ at, problem: `${target}: no such file` });
    return;
  }
  if (anchor !== undefined && anchor !== "" && !anchorsOf(full).has(anchor))
    findings.push({ at, problem: `${target}: ${file} has no heading with the anchor #${anchor}` });
}

// The patterns are built from pieces so that this file does not cite what it looks for.
const OUTSIDE = [
  { re: new RegExp(["\\.\\.", "/shared"].join(""), "g"), what: "a document outside the repository" },
  { re: new RegExp(["\\bshared/", "(spec|style|toolchain)"].join(""), "g"), what: "the shared design folder" },
  { re: new RegExp(["\\bspec/", "[\\w-]+\\.md"].join(""), "g"), what: "a spec document" },
  { re: new RegExp(["\\bissues? ", "#?[0-9]+"].join(""), "gi"), what: "a tracker issue number" },
  { re: new RegExp(["\\(#", "[0-9]+\\)"].join(""), "g"), what: "a tracker issue number" },
];

// Any name.md in a source file: under docs/ (checked), or a file of the repository by that path.
const MD_REFERENCE = /(?<![\w/.-])((?:[\w.-]+\/)*[\w.-]+\.md)(#[\w-]+)?(?![\w-])/g;

function scanSource(file: string, findings: Finding[]): void {
  const lines = readFileSync(file, "utf8").split("\n");
  lines.forEach((line, i) => {
    const at = `${rel(file)}:${i + 1}`;
    for (const { re, what } of OUTSIDE) {
      re.lastIndex = 0;
      const m = re.exec(line);
      if (m) findings.push({ at, problem: `cites ${what} ("${m[0]}"): point into docs/ instead` });
    }
    for (const m of line.matchAll(MD_REFERENCE)) {
      const target = m[1]!;
      if (target.startsWith("docs/")) checkDocsLink(target + (m[2] ?? ""), at, findings, false);
      else if (!existsSync(path.join(ROOT, target)))
        findings.push({ at, problem: `cites ${target}, which is not in the repository: point into docs/ instead` });
    }
  });
}

function scanMarkdown(file: string, findings: Finding[]): void {
  const dir = path.dirname(file);
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, i) => {
      const at = `${rel(file)}:${i + 1}`;
      for (const { re, what } of OUTSIDE) {
        re.lastIndex = 0;
        const m = re.exec(line);
        if (m) findings.push({ at, problem: `cites ${what} ("${m[0]}")` });
      }
      for (const m of line.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!;
        if (/^[a-z]+:/.test(target)) continue; // http:, mailto:
        const [pathPart, anchor] = target.split("#") as [string, string | undefined];
        const resolved = pathPart === "" ? file : path.join(dir, pathPart);
        const asDocs = path.relative(ROOT, resolved) + (anchor !== undefined ? `#${anchor}` : "");
        if (!resolved.endsWith(".md")) {
          if (!existsSync(resolved)) findings.push({ at, problem: `${target}: no such file` });
          continue;
        }
        checkDocsLink(asDocs, at, findings, true);
      }
    });
}

describe("design citations point into docs/", () => {
  it("the slug of a heading is GitHub's anchor", () => {
    expect(slug("The `caseboard` command")).toBe("the-caseboard-command");
    expect(slug("The browser's live model")).toBe("the-browsers-live-model");
    expect(slug("Risks, KPIs and assumptions")).toBe("risks-kpis-and-assumptions");
    expect(slug("NPV and discounted ROI")).toBe("npv-and-discounted-roi");
  });

  it("finds what it looks for (a file that cites outside, an issue, a missing heading)", () => {
    const findings: Finding[] = [];
    const probe = path.join(ROOT, "tests/fixtures/citations-probe.ts");
    const text = [
      `// see ${".."}/shared/spec/finance.md`,
      `// as spec${"/"}finance.md says`,
      `// fixed in issue ${16}`,
      `// (#${12})`,
      `// finance${".md"} "Lines"`,
      `// docs/finance.md#no-such-heading`,
      `// docs/no-such-file.md`,
      `// docs/finance.md#irr is fine, and so is README.md`,
    ];
    text.forEach((line, i) => {
      const at = `${rel(probe)}:${i + 1}`;
      for (const { re, what } of OUTSIDE) {
        re.lastIndex = 0;
        if (re.exec(line)) findings.push({ at, problem: what });
      }
      for (const m of line.matchAll(MD_REFERENCE)) {
        if (m[1]!.startsWith("docs/")) checkDocsLink(m[1]! + (m[2] ?? ""), at, findings, false);
        else if (!existsSync(path.join(ROOT, m[1]!))) findings.push({ at, problem: "outside" });
      }
    });
    const lines = new Set(findings.map((f) => Number(f.at.split(":").pop())));
    expect([...lines].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("no source file cites a document outside the repository or an issue number, and every docs/ link resolves", () => {
    const findings: Finding[] = [];
    const self = path.join(ROOT, "tests/unit/docs/citations.test.ts");
    for (const file of sourceFiles()) if (file !== self) scanSource(file, findings);
    expect(findings.map((f) => `${f.at}: ${f.problem}`)).toEqual([]);
  });

  it("README.md and docs/ link only files and headings that exist, and cite nothing outside", () => {
    const findings: Finding[] = [];
    for (const file of markdownFiles()) scanMarkdown(file, findings);
    expect(findings.map((f) => `${f.at}: ${f.problem}`)).toEqual([]);
  });
});
