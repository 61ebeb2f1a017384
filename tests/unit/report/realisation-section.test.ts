// The board report's "Benefit realisation" section (docs/features.md#the-board-report): present only with actuals,
// its title is the conclusion, in all five languages; the PDF carries it after the summary.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCaseFile } from "@/lib/case-file/parse";
import { computeCase } from "@/lib/finance/compute";
import { buildReportModel } from "@/lib/report/model";
import { renderReportPdf } from "@/lib/report/render";

const load = (name: string) => {
  const r = parseCaseFile(
    JSON.parse(readFileSync(path.join(process.cwd(), "tests/fixtures/cases", `${name}.json`), "utf8")),
  );
  if (!r.ok) throw new Error(name);
  return r.value;
};

describe("report: benefit realisation section", () => {
  const file = load("demo-realisation");
  const out = computeCase(file);

  it("is absent without actuals", () => {
    const plain = load("demo-crm-upgrade");
    expect(buildReportModel(plain, computeCase(plain), { locale: "en" }).realisation).toBeNull();
  });

  it("titles the conclusion: months since go-live, benefits against plan, realised ROI, in five languages", () => {
    const titles = Object.fromEntries(
      ["en", "sv", "nb", "fr", "zh"].map((l) => [l, buildReportModel(file, out, { locale: l }).realisation!.title]),
    );
    // 16 - 4 = 12 months in; benefits 19.7 % behind (1,303,519.15 against 1,624,057); ROI -48.7 %
    expect(titles.en).toBe("12 months in, benefits are 19.7% behind plan; realised ROI -48.7%");
    expect(titles.sv).toMatch(/^Efter 12 månader ligger nyttan 19,7\s?% efter plan; realiserad ROI [−-]48,7\s?%$/);
    expect(titles.zh).toContain("19.7%");
    expect(new Set(Object.values(titles)).size).toBe(5);
    const r = buildReportModel(file, out, { locale: "en" }).realisation!;
    expect(r.lines.rows[0]!.cells[0]).toBe("Self-service order tracking"); // largest variance first
    expect(r.quarters.rows.at(-1)!.cells).toEqual(["Total", "1,624", "1,304", "2,421", "2,541"]);
    expect(r.forecast.rows.map((row) => row.cells[0])).toEqual(["NPV", "ROI", "Payback"]);
    expect(r.kpis!.rows.map((row) => row.cells[0])).toEqual(["CSAT", "Sales cycle length", "Win rate", "Churn rate"]);
    expect(r.notRecorded).toBe("Not recorded (counted as zero): Self-service order tracking");
  });

  it("the PDF has the section right after the executive summary", { timeout: 60_000 }, async () => {
    const pdf = await renderReportPdf(file, { locale: "en", output: out });
    const dir = mkdtempSync(path.join(tmpdir(), "realisation-report-"));
    writeFileSync(path.join(dir, "r.pdf"), pdf);
    const page3 = execFileSync("pdftotext", ["-f", "3", "-l", "3", "-layout", path.join(dir, "r.pdf"), "-"], {
      encoding: "utf8",
    });
    expect(page3).toContain("BENEFIT REALISATION");
    expect(page3).toContain("12 months in, benefits are 19.7% behind plan; realised ROI -48.7%");
    expect(page3).toContain("Variance by line, largest first");
  });
});
