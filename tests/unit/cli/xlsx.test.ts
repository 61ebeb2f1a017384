// caseboard xlsx / csv: no server, no database; bad input exits 2 naming the path.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { neutralise } from "@/lib/xlsx/csv";

const root = path.resolve(import.meta.dirname, "../../..");
const every = path.join(root, "tests/fixtures/cases/every-timing.json");
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [path.join(root, "bin/caseboard.mjs"), ...args], {
    cwd: root,
    encoding: "utf8",
    input,
    timeout: 60_000,
  });
const tmp = mkdtempSync(path.join(os.tmpdir(), "caseboard-xlsx-"));

describe("caseboard xlsx", () => {
  it("writes the workbook: Figures of formulas with the compute output cached", async () => {
    const out = path.join(tmp, "case.xlsx");
    const r = run(["xlsx", every, "-o", out]);
    expect(r.status, r.stderr).toBe(0);
    const compute = JSON.parse(run(["compute", every]).stdout);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const summary = wb.getWorksheet("Figures")!;
    const keys = summary.getColumn(1).values.slice(2);
    expect(keys).toEqual(["current", "replace", "upgrade", "replace-vs-current", "upgrade-vs-current"]);
    const totalCost = summary.getCell("B3").value as ExcelJS.CellFormulaValue;
    expect(totalCost.formula).toBe("SUM('replace flows'!$M$22:$BU$22)");
    expect(totalCost.result).toBeCloseTo(Number(compute.scenarios[1].totalCost), 6);
    // Every month cell of the cash-flow sheet is a formula.
    const flows = wb.getWorksheet("replace flows")!;
    // (one formula per line, shared along its row: each cell reads it with its own month column).
    for (let c = 13; c <= 13 + 60; c++) {
      const cell = flows.getCell(2, c);
      expect(cell.formula).toMatch(/^IF\(AND\(/);
      expect(cell.formula).toContain(`${cell.address.replace(/\d+$/, "")}$1>=$F2`);
    }
    // Frozen header rows.
    expect(flows.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  }, 60_000);

  it("exits 2 naming the path for a bad case file or an unwritable output", () => {
    const bad = path.join(tmp, "bad.json");
    writeFileSync(
      bad,
      JSON.stringify({
        format: "caseboard/v1",
        name: "x",
        currency: "SEK",
        startMonth: "2027-01",
        horizonMonths: 500,
        discountRate: "0.1",
        scenarios: [],
      }),
    );
    const r = run(["xlsx", bad, "-o", path.join(tmp, "x.xlsx")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("horizonMonths:");
    const missing = run(["xlsx", path.join(tmp, "nope.json"), "-o", path.join(tmp, "x.xlsx")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("nope.json");
    const unwritable = run(["xlsx", every, "-o", path.join(tmp, "no/such/dir/x.xlsx")]);
    expect(unwritable.status).toBe(2);
    expect(unwritable.stderr).toContain("no/such/dir/x.xlsx");
    expect(run(["xlsx", every]).status).toBe(2);
  }, 60_000);
});

describe("caseboard csv", () => {
  it("writes lines and cash flows, every dangerous first character neutralised", () => {
    const lines = run(["csv", every, "--lines", "--scenario", "replace"]);
    expect(lines.status).toBe(0);
    expect(lines.stdout.split("\r\n")[0]).toBe(
      "kind,id,name,category,amount,labour.hours,labour.rate,labour.people,month,recurring,startMonth,endMonth,escalation,riskAdjustment,tangible,rampMonths,rampCurve,realisation,margin,kpi,low,high,notes,actuals,schedule",
    );
    expect(lines.stdout).toContain(
      "cost,replace-c8,Training waves,training,,,,,,,,,0.06,0.2,,,,,,,,,,,2:0;5:60000;17:25000;30:25000",
    );
    const flows = run(["csv", every, "--cash-flow", "--scenario", "current"]);
    expect(flows.status).toBe(0);
    expect(flows.stdout).toMatch(/\r\ntotal,net,0,'-149250,/);
    expect(run(["csv", every, "--lines", "--scenario", "nope"]).status).toBe(2);
    expect(run(["csv", every]).status).toBe(2);
  }, 60_000);

  it("neutralise prefixes = + - @ tab and CR, nothing else", () => {
    for (const s of ["=1+1", "+1", "-1200", "@SUM(A1)", "\tx", "\rx"]) expect(neutralise(s)).toBe(`'${s}`);
    for (const s of ["1200", "Licences", "", " =x", "'=x"]) expect(neutralise(s)).toBe(s);
  });
});
