// caseboard import: another person's workbook -> a case file; --print-mapping / --mapping; exit 2
// naming sheet and cell; round trips of our own workbook (.xlsx, LibreOffice .ods) and CSV.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { importFile } from "@/lib/import/file";
import * as W from "@/tests/fixtures/workbooks";

const root = path.resolve(import.meta.dirname, "../../..");
const every = path.join(root, "tests/fixtures/cases/every-timing.json");
// English unless a test asks for another language (the command speaks LANG's).
const run = (args: string[], lang = "C.UTF-8") =>
  spawnSync(process.execPath, [path.join(root, "bin/caseboard.mjs"), ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, LANG: lang, LC_ALL: "", LC_MESSAGES: "" },
  });
const tmp = mkdtempSync(path.join(os.tmpdir(), "caseboard-import-"));
const at = (name: string) => path.join(tmp, name);

// Each test runs the command or LibreOffice as processes: slow on a busy machine.
describe("caseboard import", { timeout: 180_000 }, () => {
  it("writes a case file from a council's workbook, with its notes on stderr", async () => {
    writeFileSync(at("obc.xlsx"), await W.councilBusinessCase());
    const r = run(["import", at("obc.xlsx"), "-o", at("obc.json")]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain("note: left out as totals: Total costs ('Financial Case'!A9)");
    const file = JSON.parse(readFileSync(at("obc.json"), "utf8"));
    expect(file).toMatchObject({ format: "caseboard/v1", currency: "GBP", discountRate: "0.035", horizonMonths: 48 });
    expect(run(["validate", at("obc.json")]).status).toBe(0);
  });

  it("prints the guessed mapping; edited, --mapping takes it", async () => {
    writeFileSync(at("obc.xlsx"), await W.councilBusinessCase());
    const printed = run(["import", at("obc.xlsx"), "--print-mapping"]);
    expect(printed.status, printed.stderr).toBe(0);
    const mapping = JSON.parse(printed.stdout);
    expect(mapping.sheets[0].sheet).toBe("Financial Case");
    mapping.sheets[0].rows.find((r: { row: number }) => r.row === 7).skip = "excluded";
    mapping.convention = "spread";
    writeFileSync(at("m.json"), JSON.stringify(mapping));
    const r = run(["import", at("obc.xlsx"), "--mapping", at("m.json"), "-o", at("edited.json")]);
    expect(r.status, r.stderr).toBe(0);
    const file = JSON.parse(readFileSync(at("edited.json"), "utf8"));
    expect(file.scenarios[0].costs.map((l: { name: string }) => l.name)).toEqual([
      "CRM platform licences",
      "Staff training",
    ]);
    expect(Object.keys(file.scenarios[0].costs[0].schedule)).toHaveLength(48);
  });

  it("exits 2 naming the sheet and cell, or the sheet that is not there, or the mapping's field", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Model");
    ws.addRow(["Item", "Year 1", "Year 2"]);
    ws.addRow(["Licences", 100, "a lot"]);
    writeFileSync(at("bad.xlsx"), new Uint8Array(await wb.xlsx.writeBuffer()));
    let r = run(["import", at("bad.xlsx"), "-o", at("x.json")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Model!C2: "a lot" is not an amount');
    r = run(["import", at("bad.xlsx"), "--sheet", "Costs", "-o", at("x.json")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('the workbook has no sheet "Costs" (its sheets: Model)');
    writeFileSync(at("m.json"), JSON.stringify({ name: "x" }));
    r = run(["import", at("bad.xlsx"), "--mapping", at("m.json"), "-o", at("x.json")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("mapping.currency: the mapping is not valid:");
    writeFileSync(at("junk.xlsx"), "not a workbook at all");
    r = run(["import", at("junk.xlsx"), "-o", at("x.json")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("not a readable .xlsx workbook");
  });

  it("speaks LANG's language, or --locale's, naming the cell once", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Model");
    ws.addRow(["Item", "Year 1", "Year 2"]);
    ws.addRow(["Licences", 100, "a lot"]);
    writeFileSync(at("bad.xlsx"), new Uint8Array(await wb.xlsx.writeBuffer()));
    let r = run(["import", at("bad.xlsx"), "-o", at("x.json")], "sv_SE.UTF-8");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("Model!C2: ”a lot” är inget belopp");
    r = run(["import", at("bad.xlsx"), "--locale", "fr", "-o", at("x.json")], "sv_SE.UTF-8");
    expect(r.stderr).toContain("Model!C2 : « a lot » n’est pas un montant");
    r = run(["import", at("bad.xlsx"), "-o", at("x.json")], "zh_CN.UTF-8");
    expect(r.stderr).toContain("Model!C2：“a lot”不是金额");
    expect(r.stderr.match(/Model!C2/g)).toHaveLength(1);
  });

  it("round trip: our own workbook comes back whole and computes the same", () => {
    expect(run(["xlsx", every, "-o", at("every.xlsx")]).status).toBe(0);
    const r = run(["import", at("every.xlsx"), "-o", at("every.json")]);
    expect(r.status, r.stderr).toBe(0);
    const before = JSON.parse(run(["compute", every]).stdout);
    const after = JSON.parse(run(["compute", at("every.json")]).stdout);
    expect(after.scenarios.map((s: { npv: string }) => s.npv)).toEqual(
      before.scenarios.map((s: { npv: string }) => s.npv),
    );
  });

  it("round trip through LibreOffice: the workbook saved as .ods", async () => {
    expect(run(["xlsx", every, "-o", at("lo.xlsx")]).status).toBe(0);
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${at("profile")}`,
        "--headless",
        "--convert-to",
        "ods",
        "--outdir",
        tmp,
        at("lo.xlsx"),
      ],
      { timeout: 120_000, stdio: "ignore" },
    );
    const preview = await importFile(readFileSync(at("lo.ods")), "lo.ods");
    expect(preview.problems).toEqual([]);
    const before = JSON.parse(run(["compute", every]).stdout);
    expect(preview.figures.map((f) => f.npv)).toEqual(before.scenarios.map((s: { npv: string }) => s.npv));
  });

  it("round trip: a scenario's lines CSV comes back as the same lines", async () => {
    const csv = run(["csv", every, "--lines", "--scenario", "upgrade"]);
    expect(csv.status, csv.stderr).toBe(0);
    const original = JSON.parse(readFileSync(every, "utf8"));
    const scenario = original.scenarios.find((s: { key: string }) => s.key === "upgrade");
    const preview = await importFile(new TextEncoder().encode(csv.stdout), "upgrade.csv", {
      mapping: undefined,
    });
    expect(preview.problems).toEqual([]);
    const back = preview.file!.scenarios[0]!;
    expect(back.costs.map((l) => [l.name, l.amount ?? null, l.category])).toEqual(
      scenario.costs.map((l: { name: string; amount?: string; category: string }) => [
        l.name,
        l.amount ?? null,
        l.category,
      ]),
    );
    expect(back.benefits.map((l) => l.name)).toEqual(scenario.benefits.map((l: { name: string }) => l.name));
  });
});
