import { spawnSync } from "node:child_process";
import path from "node:path";
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";

const D40 = Decimal.clone({ precision: 40 });

const root = path.resolve(import.meta.dirname, "../../..");
const fixture = (name: string) => `tests/fixtures/cases/${name}.json`;
const demo = fixture("demo-crm-upgrade");
const upgrade = fixture("crm-upgrade");
const spec = fixture("spec-example");
const usd = fixture("forrester-tei-salesloft");
const run = (args: string[]) =>
  spawnSync(process.execPath, [path.join(root, "bin/caseboard.mjs"), "portfolio", ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });

describe("caseboard portfolio", () => {
  it("prints every case's proposal figures and, without --budget, no selection", () => {
    const r = run([demo, spec]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.currency).toBe("SEK");
    expect(out.selection).toBeNull();
    expect(out.cases.map((c: { file: string }) => c.file)).toEqual([demo, spec]);
    expect(out.cases[0]).toMatchObject({ scenario: "upgrade", spend: { "2027": "1323200", "2028": "-13080" } });
    for (const key of ["npv", "irr", "pvCost", "profitabilityIndex"]) expect(out.cases[1][key]).toMatch(/^-?\d/);
  });

  it("selects the best set within the budgets, with the ranking's NPV beside it", () => {
    const r = run([demo, upgrade, spec, "--budget", "2027=1900000", "--budget", "2028=200000", "--pretty"]);
    expect(r.status).toBe(0);
    const { selection, cases } = JSON.parse(r.stdout);
    expect(selection.optimal).toBe(true);
    const chosen = selection.chosen.map((c: { file: string }) => c.file).sort();
    // demo + spec (1,826,200 in 2027) beats demo + upgrade (2,706,400: over) and upgrade + spec.
    expect(chosen).toEqual([demo, spec].sort());
    const npv = (f: string) => new D40(cases.find((c: { file: string }) => c.file === f).npv);
    expect(selection.totalNpv).toBe(npv(demo).plus(npv(spec)).toString());
    expect(selection.spend["2027"]).toBe("1826200");
    expect(new Decimal(selection.rankingByProfitabilityIndexNpv).lte(selection.totalNpv)).toBe(true);
  });

  it("exits 2 with the cause: infeasible must-funds, a cycle, unknown files, another currency", () => {
    const over = run([demo, upgrade, "--budget", "2027=1000000", "--must", upgrade]);
    expect(over.status).toBe(2);
    expect(over.stderr).toMatch(/infeasible: .*exceed the budget of 2027/);
    const cycle = run([
      demo,
      upgrade,
      "--budget",
      "2027=9000000",
      "--requires",
      `${demo}=${upgrade}`,
      "--requires",
      `${upgrade}=${demo}`,
    ]);
    expect(cycle.status).toBe(2);
    expect(cycle.stderr).toMatch(/cycle/);
    const unknown = run([demo, "--budget", "2027=1", "--must", spec]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/--must .*spec-example.json: not one of the case files/);
    const bad = run([demo, "--budget", "2027=lots"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--budget 2027=lots/);
    const currency = run([demo, usd]);
    expect(currency.status).toBe(2);
    expect(currency.stderr).toMatch(/USD.*SEK/);
  });
});
