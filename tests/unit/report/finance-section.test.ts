// The report's tax / optimism-bias page, switching values and methodology (docs/tax-and-inflation.md).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCaseFile } from "@/lib/case-file/parse";
import type { CaseFile } from "@/lib/case-file/schema";
import { computeCase } from "@/lib/finance/compute";
import { buildReportModel } from "@/lib/report/model";

const root = path.resolve(import.meta.dirname, "../../..");
const load = (rel: string, extra: object = {}): CaseFile => {
  const parsed = parseCaseFile({ ...JSON.parse(readFileSync(path.join(root, rel), "utf8")), ...extra });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
};

describe("report: tax, optimism bias and switching values", () => {
  it("has no tax page without tax or optimism bias, but always the switching values", () => {
    const file = load("tests/fixtures/cases/demo-crm-upgrade.json");
    const model = buildReportModel(file, computeCase(file), { locale: "en" });
    expect(model.finance).toBeNull();
    expect(model.switching.table!.rows.length).toBeGreaterThan(0);
    expect(model.switching.table!.header).toEqual([
      "Line",
      "Present value",
      "Change to NPV zero",
      "Amount at NPV zero",
    ]);
  });

  it("prints the figures before and after tax, the tax by year and what was used, in five languages", () => {
    const file = load("lib/services/green-book-template.json", { tax: { rate: "0.25", paid: "annual" } });
    const out = computeCase(file);
    for (const locale of ["en", "sv", "nb", "fr", "zh"]) {
      const model = buildReportModel(file, out, { locale });
      expect(model.finance).not.toBeNull();
      // Headline, optimism bias only and unadjusted, before and after tax.
      expect(model.finance!.figures.header).toHaveLength(7);
      expect(model.finance!.taxYears!.rows).toHaveLength(11); // years 0..10
      expect(model.method.paragraphs.length).toBe(6); // inputs, timing, risk + tax, prices, optimism bias
      const text = JSON.stringify(model.finance) + model.method.paragraphs.join(" ");
      expect(text).not.toMatch(/figures\.|report\.|settings\./); // no untranslated keys
    }
    const en = buildReportModel(file, out, { locale: "en" });
    expect(en.method.paragraphs.slice(3).join("\n")).toMatch(/^Tax: rate 25.0%, paid at the end of each case year/);
    expect(en.method.paragraphs[5]).toMatch(/one-time costs \+200.0%.*benefits 6 months later/);
  });
});
