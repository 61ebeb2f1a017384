import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const demo = path.join(root, "tests/fixtures/cases/demo-crm-upgrade.json");
const run = (args: string[]) =>
  spawnSync(process.execPath, [path.join(root, "bin/caseboard.mjs"), "goal-seek", demo, ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });

describe("caseboard goal-seek", () => {
  it("prints the value and what it achieves", () => {
    const r = run(["--input", "upgrade-b2.amount", "--metric", "payback", "--target", "12"]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { value: string; achieved: string };
    expect(Object.keys(out)).toEqual(["value", "achieved"]);
    expect(Math.abs(Number(out.achieved) - 12)).toBeLessThan(1e-9);
    expect(Number(out.value)).toBeGreaterThan(180000); // more than the case's 180,000 a month
  });

  it("exits 2 when no value in the range reaches the target", () => {
    const r = run(["--input", "discountRate", "--metric", "npv", "--target", "0", "--low", "0", "--high", "0.5"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("no value in [0, 0.5] brings npv to 0\n");
  });

  it("exits 2 naming the option of a bad request", () => {
    expect(run(["--input", "nope.amount", "--metric", "npv", "--target", "0"]).stderr).toBe(
      '--input: no line or risk has the id "nope"\n',
    );
    const metric = run(["--input", "discountRate", "--metric", "nps", "--target", "0"]);
    expect(metric.status).toBe(2);
    expect(metric.stderr).toMatch(/^--metric: one of npv, irr, payback, roi, afterTaxNpv/);
    expect(run(["--input", "discountRate", "--metric", "npv", "--target", "x"]).stderr).toBe(
      "--target: a decimal number\n",
    );
  });
});
