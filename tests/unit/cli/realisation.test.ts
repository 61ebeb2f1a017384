// `caseboard compute` on a case file with actuals prints `realisation` with every key of the
// contract (docs/case-file.md#the-compute-output); `caseboard validate` refuses actuals past
// actualsThrough with exit 2 and the path.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const small = path.join(root, "tests/fixtures/cases/realisation-small.json");
const run = (args: string[]) =>
  spawnSync(process.execPath, [path.join(root, "bin/caseboard.mjs"), ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });

describe("caseboard and benefit realisation", { timeout: 90_000 }, () => {
  it("compute prints realisation with every key of the contract", () => {
    const r = run(["compute", small]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out.realisation)).toEqual(
      expect.arrayContaining([
        "scenario",
        "actualsThrough",
        "planToDate",
        "actualToDate",
        "variance",
        "varianceShare",
        "realisedRoi",
        "forecast",
        "forecastComparison",
        "lines",
        "kpis",
      ]),
    );
    expect(out.realisation.actualToDate).toEqual({ cost: "15500", benefit: "4500", net: "-11000" });
    expect(out.realisation.forecast.totalBenefit).toBe("48600");
    expect(Object.keys(out.realisation.lines[0]).sort()).toEqual([
      "actualToDate",
      "id",
      "kind",
      "name",
      "planToDate",
      "recorded",
      "variance",
    ]);
    expect(Object.keys(out.realisation.kpis[0])).toEqual(
      expect.arrayContaining([
        "id",
        "name",
        "beforeAverage",
        "afterAverage",
        "change",
        "latest",
        "progress",
        "improved",
      ]),
    );
  });

  it("validate refuses an actual after actualsThrough with exit 2, naming the path", () => {
    const file = JSON.parse(readFileSync(small, "utf8"));
    file.scenarios[1].costs[1].actuals["7"] = "500";
    const bad = path.join(mkdtempSync(path.join(os.tmpdir(), "caseboard-realisation-")), "bad.json");
    writeFileSync(bad, JSON.stringify(file));
    const r = run(["validate", bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("scenarios[1].costs[1].actuals.7");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
