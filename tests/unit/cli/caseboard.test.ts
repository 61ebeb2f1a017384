import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const demo = path.join(root, "tests/fixtures/cases/demo-crm-upgrade.json");
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [path.join(root, "bin/caseboard.mjs"), ...args], {
    cwd: root,
    encoding: "utf8",
    input,
    timeout: 60_000,
  });
const tmp = mkdtempSync(path.join(os.tmpdir(), "caseboard-cli-"));

describe("the caseboard command", () => {
  it("runs from any working directory (the project's path aliases resolve outside the checkout)", () => {
    const r = spawnSync(process.execPath, [path.join(root, "bin/caseboard.mjs"), "compute", demo], {
      cwd: os.tmpdir(),
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).scenarios).toHaveLength(2);
  });

  it("compute prints the compute output with decimal strings", () => {
    const r = run(["compute", demo]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.scenarios.map((s: { key: string }) => s.key)).toEqual(["current", "upgrade"]);
    expect(out.scenarios[1].npv).toMatch(/^-?\d+(\.\d+)?$/);
    expect(out.comparisons[0]).toMatchObject({ baseline: "current", alternative: "upgrade" });
  });

  it("compute names every line by the file's id (and by a made, stable id where the file has none)", () => {
    const file = JSON.parse(readFileSync(demo, "utf8")) as {
      scenarios: { costs: { id?: string }[]; benefits: { id?: string }[] }[];
    };
    file.scenarios[1]!.costs[0]!.id = "crm-licences";
    const withId = path.join(tmp, "with-id.json");
    writeFileSync(withId, JSON.stringify(file));
    const first = run(["compute", withId]);
    expect(first.status).toBe(0);
    const out = JSON.parse(first.stdout) as {
      scenarios: { key: string; lines: { id: string; kind: string; index: number }[] }[];
    };
    const upgrade = out.scenarios[1]!;
    expect(upgrade.lines.find((l) => l.kind === "cost" && l.index === 0)!.id).toBe("crm-licences");
    expect(upgrade.lines.find((l) => l.kind === "benefit" && l.index === 0)!.id).toBe("upgrade-b1");
    expect(out.scenarios[0]!.lines.every((l) => /^[A-Za-z0-9_-]{1,64}$/.test(l.id))).toBe(true);
    expect(run(["compute", withId]).stdout).toBe(first.stdout);
  });

  it("validate says ok with exit 0, and lists each problem with its path with exit 2", () => {
    expect(run(["validate", demo]).status).toBe(0);
    const bad = path.join(tmp, "bad.json");
    writeFileSync(
      bad,
      JSON.stringify({
        format: "caseboard/v1",
        name: "",
        currency: "SEK",
        startMonth: "2027-01",
        horizonMonths: 500,
        discountRate: "Infinity",
        scenarios: [],
      }),
    );
    const r = run(["validate", bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("horizonMonths:");
    expect(r.stderr).toContain("discountRate:");
    expect(r.stderr).toContain("name:");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("reads standard input, rejects broken JSON and missing files with exit 2, never a stack trace", () => {
    expect(run(["validate", "-"], "{oops").status).toBe(2);
    const missing = run(["compute", path.join(tmp, "nope.json")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
    expect(run(["frobnicate"]).status).toBe(2);
    expect(run(["simulate", demo, "--iterations", "abc"]).status).toBe(2);
  });

  it("simulate gives the same answer for the same seed", () => {
    const a = run(["simulate", demo, "--iterations", "2000", "--seed", "7"]);
    const b = run(["simulate", demo, "--iterations", "2000", "--seed", "7"]);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const out = JSON.parse(a.stdout);
    expect(out.method).toMatch(/float64/i);
    expect(Number(out.npv.p10)).toBeLessThanOrEqual(Number(out.npv.p90));
    expect(out.histogram.reduce((n: number, h: { count: number }) => n + h.count, 0)).toBe(2000);
  });
});
