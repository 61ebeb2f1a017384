// The report names its version and status on the cover and in every footer
// (docs/features.md#the-board-report), and the executive summary's decision paragraph keeps its lines together.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCaseFile } from "@/lib/case-file/parse";
import type { CaseFile } from "@/lib/case-file/schema";
import { renderReportPdf } from "@/lib/report/render";

const root = path.resolve(import.meta.dirname, "../../..");
const demo = (): CaseFile => {
  const p = parseCaseFile(
    JSON.parse(readFileSync(path.join(root, "tests/fixtures/cases/demo-crm-upgrade.json"), "utf8")),
  );
  if (!p.ok) throw new Error("demo invalid");
  return p.value;
};
const pagesOf = (pdf: Buffer) =>
  execFileSync("pdftotext", ["-", "-"], { input: pdf, encoding: "utf8" })
    .replace(/[\u00a0\u202f]/g, " ")
    .split("\f")
    .filter((p) => p.trim());

describe("report versions", { timeout: 120_000 }, () => {
  it("an approved version says who approved it and when, on the cover and on every page", async () => {
    const pdf = await renderReportPdf(
      { ...demo(), status: "approved" },
      {
        locale: "en",
        generatedAt: new Date("2027-03-02T12:00:00Z"),
        version: 7,
        approval: { at: "2027-03-02T09:00:00Z", by: "Astrid Lindqvist" },
      },
    );
    const pages = pagesOf(pdf);
    expect(pages.length).toBeGreaterThan(5);
    for (const [i, page] of pages.entries())
      expect(page.replace(/\s+/g, " "), `page ${i + 1}`).toContain(
        "Approved version 7, 2 March 2027, by Astrid Lindqvist",
      );
  });

  it("a draft says so, with its version, on every page", async () => {
    const pages = pagesOf(await renderReportPdf({ ...demo(), status: "draft" }, { locale: "sv", version: 8 }));
    for (const [i, page] of pages.entries())
      expect(page.replace(/\s+/g, " "), `page ${i + 1}`).toContain("Utkast version 8, inte godkänt");
  });

  it("the decision asked for wraps with ordinary line spacing (not react-pdf's 18 pt default)", async () => {
    const file = {
      ...demo(),
      description:
        "Approve an upgrade of the CRM in 2027, replacing the on-premise system with the vendor's cloud edition, for SEK 2.4 M over three years, with a review after the first year.",
    };
    const pdf = await renderReportPdf(file, { locale: "en", version: 1 });
    const bbox = execFileSync("pdftotext", ["-bbox", "-f", "2", "-l", "2", "-", "-"], { input: pdf, encoding: "utf8" });
    const y = (word: string) => Number(new RegExp(`yMin="([\\d.]+)"[^>]*>${word}<`).exec(bbox)![1]);
    const gap = y("review") - y("Approve"); // the first and the second line
    expect(gap).toBeGreaterThan(9);
    expect(gap).toBeLessThan(14); // one 9 pt line at 1.35
  });
});
