// The board report: same numbers as the engine, in the case's language, a valid PDF for awkward
// cases. Pages are rendered to PNG under test-results/pdf/ to be looked at.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCaseFile } from "@/lib/case-file/parse";
import type { CaseFile } from "@/lib/case-file/schema";
import { computeCase } from "@/lib/finance/compute";
import { formatMoney, formatNumber, formatPercent } from "@/lib/i18n/format";
import { renderReportPdf } from "@/lib/report/render";
import { syntheticCase } from "../../../bench/engine-cases";

const root = path.resolve(import.meta.dirname, "../../..");
const out = path.join(root, "test-results/pdf");
const tmp = mkdtempSync(path.join(os.tmpdir(), "caseboard-pdf-"));
const demo = (): CaseFile => {
  const p = parseCaseFile(
    JSON.parse(readFileSync(path.join(root, "tests/fixtures/cases/demo-crm-upgrade.json"), "utf8")),
  );
  if (!p.ok) throw new Error("demo invalid");
  return p.value;
};
const text = (pdf: Buffer) => {
  const file = path.join(tmp, `r-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/[\u00a0\u202f]/g, " ");
};
const pages = (pdf: Buffer) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", ["-"], { input: pdf, encoding: "utf8" }))?.[1]);
const squash = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("board report", { timeout: 120_000 }, () => {
  for (const locale of ["en", "sv", "nb", "fr", "zh"] as const) {
    it(`carries the engine's NPV, ROI, IRR and payback formatted in ${locale}, every page rendered to PNG`, async () => {
      const file = demo();
      const pdf = await renderReportPdf(file, { locale, generatedAt: new Date("2026-11-24T12:00:00Z"), version: 3 });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      const t = text(pdf);
      const c = computeCase(file).comparisons[0]!;
      expect(t).toContain(squash(formatMoney(c.npv, "SEK", locale)));
      expect(t).toContain(squash(formatPercent(c.roi!, locale)));
      expect(t).toContain(squash(formatPercent(c.irr!, locale)));
      expect(t).toContain(squash(formatNumber(c.paybackMonths!, locale, 1)));
      const dir = path.join(out, locale);
      mkdirSync(dir, { recursive: true });
      const pdfFile = path.join(dir, "demo-report.pdf");
      writeFileSync(pdfFile, pdf);
      execFileSync("pdftoppm", ["-r", "60", "-png", pdfFile, path.join(dir, "page")]);
      const n = pages(pdf);
      expect(n).toBeGreaterThanOrEqual(8);
      // Page x of y on every page, and the draft mark on every page of a draft.
      const pageWord = { en: "Page", sv: "Sida", nb: "Side", fr: "Page", zh: "第" }[locale];
      expect(t.split(pageWord).length - 1).toBeGreaterThanOrEqual(n);
      const draft = { en: "DRAFT", sv: "UTKAST", nb: "UTKAST", fr: "BROUILLON", zh: "草稿" }[locale];
      expect(t.split(draft).length - 1).toBeGreaterThanOrEqual(n);
      if (locale === "zh")
        for (const heading of ["执行摘要", "方案比较", "成本", "收益", "风险", "假设与方法", "审批"])
          expect(t).toContain(heading);
      if (locale === "sv") expect(t).toContain("SAMMANFATTNING"); // section labels are set in capitals
    });
  }

  const awkward: [string, (f: CaseFile) => CaseFile][] = [
    ["no benefits", (f) => ({ ...f, scenarios: f.scenarios.map((s) => ({ ...s, benefits: [] })) })],
    ["no risks, no KPIs, no assumptions", (f) => ({ ...f, risks: [], kpis: [], assumptions: [] })],
    [
      "a horizon of one month",
      (f) => ({
        ...f,
        horizonMonths: 1,
        risks: f.risks.map((r) => ({ ...r, month: undefined })),
        scenarios: f.scenarios.map((s) => ({
          ...s,
          costs: [{ name: "Licence", category: "software", amount: "1000", month: 0 }],
          benefits: [{ name: "Saving", category: "cost-saving", amount: "1500", month: 1 }],
        })),
      }),
    ],
    ["120 months", (f) => ({ ...f, horizonMonths: 120 })],
    [
      "a 300-character name with emoji and right-to-left text",
      (f) => ({
        ...f,
        name: `${"مشروع إدارة علاقات العملاء 🚀 CRM ".repeat(10)}`.slice(0, 300),
        description: "<script>alert(1)</script> \u200d👩‍💻 stays text",
      }),
    ],
    ["one scenario", (f) => ({ ...f, scenarios: [f.scenarios[1]!].map((s) => ({ ...s, baseline: undefined })) })],
  ];
  for (const [label, change] of awkward) {
    it(`is a valid PDF for ${label}`, async () => {
      const parsed = parseCaseFile(change(demo()));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      const pdf = await renderReportPdf(parsed.value, { locale: "en" });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      expect(pages(pdf)).toBeGreaterThan(3);
      expect(text(pdf).length).toBeGreaterThan(500);
    });
  }

  it("prints user text as text", async () => {
    const pdf = await renderReportPdf({ ...demo(), description: "<b>bold?</b> & {npv}" }, { locale: "en" });
    expect(text(pdf)).toContain("<b>bold?</b> & {npv}");
  });

  it("keeps a 1,000-line case readable: summaries on the main pages, capped appendix said so", async () => {
    const big = syntheticCase(1000, 60, 2);
    const pdf = await renderReportPdf(big, { locale: "en" });
    writeFileSync(path.join(out, "thousand-lines.pdf"), pdf);
    const t = text(pdf).replace(/\s+/g, " ");
    expect(pages(pdf)).toBeLessThan(60);
    expect(t).toMatch(/The 200 largest of 1,?000 lines are listed/);
  });

  it("is written by `caseboard report` with no server and no database; bad input exits 2", () => {
    const target = path.join(tmp, "board.pdf");
    execFileSync(
      process.execPath,
      [
        path.join(root, "bin/caseboard.mjs"),
        "report",
        path.join(root, "tests/fixtures/cases/demo-crm-upgrade.json"),
        "-o",
        target,
        "--locale",
        "sv",
      ],
      { cwd: root },
    );
    expect(readFileSync(target).subarray(0, 5).toString()).toBe("%PDF-");
    let status = 0;
    try {
      execFileSync(
        process.execPath,
        [
          path.join(root, "bin/caseboard.mjs"),
          "report",
          path.join(root, "tests/fixtures/cases/demo-crm-upgrade.json"),
          "-o",
          target,
          "--locale",
          "xx",
        ],
        { cwd: root, stdio: "pipe" },
      );
    } catch (e) {
      status = (e as { status: number }).status;
    }
    expect(status).toBe(2);
  });

  it("`caseboard report --iterations --seed` prints that Monte Carlo run on the headline's incremental NPV, the same as `caseboard simulate --incremental`", () => {
    const target = path.join(tmp, "board-sim.pdf");
    const fixture = path.join(root, "tests/fixtures/cases/demo-crm-upgrade.json");
    execFileSync(
      process.execPath,
      [path.join(root, "bin/caseboard.mjs"), "report", fixture, "-o", target, "--iterations", "5000", "--seed", "7"],
      { cwd: root },
    );
    const sim = JSON.parse(
      execFileSync(
        process.execPath,
        [
          path.join(root, "bin/caseboard.mjs"),
          "simulate",
          fixture,
          "--iterations",
          "5000",
          "--seed",
          "7",
          "--incremental",
        ],
        { cwd: root, encoding: "utf8" },
      ),
    ) as { npv: { p10: string; p50: string; p90: string } };
    const t = text(readFileSync(target)).replace(/\s+/g, " ");
    expect(t).toContain("Monte Carlo (5,000 runs, seed 7)");
    for (const p of [sim.npv.p10, sim.npv.p50, sim.npv.p90]) expect(t).toContain(squash(formatMoney(p, "SEK", "en")));
    let status = 0;
    try {
      execFileSync(
        process.execPath,
        [path.join(root, "bin/caseboard.mjs"), "report", fixture, "-o", target, "--iterations", "12.5"],
        { cwd: root, stdio: "pipe" },
      );
    } catch (e) {
      status = (e as { status: number }).status;
    }
    expect(status).toBe(2);
  });
});
