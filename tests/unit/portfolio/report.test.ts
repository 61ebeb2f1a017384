import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { PortfolioView } from "@/lib/dto/portfolio";
import { computeCase } from "@/lib/finance/compute";
import { caseFigures, proposalOptionOf } from "@/lib/portfolio/figures";
import { renderPortfolioPdf } from "@/lib/report/portfolio-render";
import { readFileSync } from "node:fs";
import { parseCaseFile } from "@/lib/case-file/parse";

function loadFixture(name: string) {
  const root = path.resolve(import.meta.dirname, "../../fixtures/cases");
  const parsed = parseCaseFile(JSON.parse(readFileSync(path.join(root, `${name}.json`), "utf8")));
  if (!parsed.ok) throw new Error(name);
  return parsed.value;
}

function view(): PortfolioView {
  const file = loadFixture("demo-crm-upgrade");
  const f = caseFigures(computeCase(file), { currency: "SEK", startMonth: file.startMonth }, "SEK");
  const dto = {
    id: "00000000-0000-4000-8000-000000000001",
    name: "CRM upgrade 2027",
    status: "approved" as const,
    owner: "Astrid",
    tags: ["sales"],
    currency: "SEK",
    proposal: f.proposal,
    option: proposalOptionOf(f),
    options: f.options,
    realisation: f.realisation,
    claims: f.claims,
    problem: null,
  };
  return {
    workspace: { id: "w", slug: "nordic", name: "Nordic Retail AB" },
    currency: "SEK",
    years: Object.keys(dto.option.spend),
    cases: [dto, { ...dto, id: "00000000-0000-4000-8000-000000000002", name: "Service desk 升级" }],
  };
}

// The text of a PDF, when poppler's pdftotext is on the machine (the render itself is checked always).
function textOf(pdf: Buffer): string | null {
  const dir = mkdtempSync(path.join(os.tmpdir(), "portfolio-pdf-"));
  const file = path.join(dir, "p.pdf");
  writeFileSync(file, pdf);
  try {
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  } catch {
    return null;
  }
}

describe("the portfolio board report", () => {
  for (const [locale, title] of [
    ["en", "Portfolio board report"],
    ["sv", "Portföljrapport till styrelsen"],
    ["nb", "Porteføljerapport til styret"],
    ["fr", "Rapport de portefeuille pour le conseil"],
    ["zh", "投资组合董事会报告"],
  ] as const) {
    it(`renders in ${locale}`, async () => {
      const pdf = await renderPortfolioPdf(view(), { locale, generatedAt: new Date("2027-03-01T12:00:00Z") });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      const text = textOf(pdf);
      if (text !== null) {
        expect(text).toContain(title);
        expect(text).toContain("CRM upgrade 2027");
      }
    }, 60_000);
  }
});
