// The workbook's tax formulas recalculated by LibreOffice (docs/tax-and-inflation.md): every cell of
// "Figures after tax" equals the engine's afterTax figures (1e-6 relative, IRR 1e-6 absolute, empty
// where the engine says null). Written without cached values: every number comes from formulas.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCaseFile } from "@/lib/case-file/parse";
import type { CaseFile } from "@/lib/case-file/schema";
import { computeCase } from "@/lib/finance/compute";
import type { Metrics } from "@/lib/finance/types";
import { workbookBuffer } from "@/lib/xlsx/export";
import { expectMetricsSheet, recalculate } from "../helpers/libreoffice";

const root = path.resolve(import.meta.dirname, "../..");

function demoWithTax(paid: "annual" | "monthly"): CaseFile {
  const raw = JSON.parse(readFileSync(path.join(root, "tests/fixtures/cases/demo-crm-upgrade.json"), "utf8"));
  raw.tax = { rate: "0.206", paid };
  const upgrade = raw.scenarios.find((s: { key: string }) => s.key === "upgrade");
  const withAmount = upgrade.costs.filter((c: { amount?: string }) => c.amount !== undefined);
  withAmount[0].capitalised = { method: "straight-line", years: 2 };
  withAmount[1].capitalised = { method: "declining-balance", rate: "0.6", years: 2 };
  const parsed = parseCaseFile(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

async function compare(file: CaseFile) {
  const output = computeCase(file);
  const sheets = await recalculate(await workbookBuffer(file, output, { results: false }));
  const expected: [string, Metrics][] = [
    ...output.scenarios.map((s) => [s.key, s.afterTax!] as [string, Metrics]),
    ...output.comparisons.map((c) => [`${c.alternative}-vs-${c.baseline}`, c.afterTax!] as [string, Metrics]),
  ];
  return expectMetricsSheet(sheets.get("Figures after tax"), expected);
}

describe("the workbook's tax, recalculated by LibreOffice", () => {
  it("reproduces every after-tax figure with annual tax, straight-line and declining balance", async () => {
    expect(await compare(demoWithTax("annual"))).toBeGreaterThan(25);
  }, 120_000);

  it("reproduces them with monthly tax", async () => {
    expect(await compare(demoWithTax("monthly"))).toBeGreaterThan(25);
  }, 120_000);
});
