// `caseboard simulate`: the default output stays the scenario on its own (docs/finance.md#uncertainty);
// --incremental gives the app's headline figures (the scenario minus the baseline).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCaseFile } from "@/lib/case-file/parse";
import { simulate } from "@/lib/finance/uncertainty";

const root = path.resolve(import.meta.dirname, "../../..");
const demoPath = path.join(root, "tests/fixtures/cases/demo-crm-upgrade.json");
const run = (args: string[]) =>
  spawnSync(process.execPath, [path.join(root, "bin/caseboard.mjs"), ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });
const demo = () => {
  const parsed = parseCaseFile(JSON.parse(readFileSync(demoPath, "utf8")));
  if (!parsed.ok) throw new Error("demo case invalid");
  return parsed.value;
};

// Each test starts the CLI (tsx) once or twice: seconds on a busy machine, as the spawn timeout allows.
describe("caseboard simulate", { timeout: 60_000 }, () => {
  it("prints the headline scenario on its own by default, as before", () => {
    const r = run(["simulate", demoPath, "--iterations", "2000", "--seed", "7"]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.baseline).toBeUndefined();
    expect(out).toEqual(simulate(demo(), { iterations: 2000, seed: 7 }));
  });

  it("--incremental prints the scenario against the baseline; refused when there is nothing to compare with", () => {
    const r = run(["simulate", demoPath, "--iterations", "2000", "--seed", "7", "--incremental"]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.baseline).toBe("current");
    expect(out).toEqual(
      simulate(demo(), { iterations: 2000, seed: 7, comparison: { alternative: "upgrade", baseline: "current" } }),
    );
    const own = run(["simulate", demoPath, "--incremental", "--scenario", "current"]);
    expect(own.status).toBe(2);
    expect(own.stderr).toMatch(/--incremental: the scenario is the baseline itself/);
  });
});
