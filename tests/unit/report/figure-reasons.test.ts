// A figure that does not exist is said in words with its reason, in every language: the headline
// figures, the health checks and the report never print a dash or a bare "none" for a null ROI,
// IRR, payback or benefit-cost ratio (lib/finance/figure-reasons.ts, lib/report/figure-text.ts).
import { describe, expect, it } from "vitest";
import { parseCaseFile } from "@/lib/case-file/parse";
import type { CaseFile } from "@/lib/case-file/schema";
import { computeCase } from "@/lib/finance/compute";
import { diffCaseVersions } from "@/lib/finance/diff";
import { FIGURE_REASONS, figureReason } from "@/lib/finance/figure-reasons";
import { headlineResults } from "@/lib/finance/headline";
import { LOCALES } from "@/lib/i18n/config";
import { checkSentence } from "@/lib/report/check-sentence";
import { figureText, reasonText } from "@/lib/report/figure-text";
import { buildReportModel } from "@/lib/report/model";
import implementation from "@/tests/fixtures/cases/crm-implementation.json";
import reportEn from "@/messages/en/report.json";
import reportSv from "@/messages/sv/report.json";
import reportNb from "@/messages/nb/report.json";
import reportFr from "@/messages/fr/report.json";
import reportZh from "@/messages/zh/report.json";
import { createTranslator } from "use-intl/core";

const REPORT = { en: reportEn, sv: reportSv, nb: reportNb, fr: reportFr, zh: reportZh } as const;
const DASH = /[\u2013\u2014]|^-$/;

const parse = (raw: unknown): CaseFile => {
  const parsed = parseCaseFile(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
};
const base = () => parse(implementation);
// Benefits only: nothing spent (ROI, discounted ROI, BCR have no cost to return on; the flow never
// turns negative, so IRR has no sign change).
const noCosts = (): CaseFile => {
  const f = base();
  return { ...f, risks: [], scenarios: f.scenarios.map((s) => ({ ...s, costs: [] })) };
};
// Costs only: it never pays back and the flow never changes sign.
const noBenefits = (): CaseFile => {
  const f = base();
  return { ...f, scenarios: f.scenarios.map((s) => ({ ...s, benefits: [] })) };
};

function reportTr(locale: (typeof LOCALES)[number]) {
  const t = createTranslator({ locale, messages: REPORT[locale] as never });
  return (k: string, v?: Record<string, string | number>) => (t as unknown as (k: string, v?: object) => string)(k, v);
}

describe("why a figure is missing", () => {
  it("follows from the figures beside it", () => {
    const free = headlineResults(computeCase(noCosts()).scenarios, []).source;
    expect(free.roi).toBeNull();
    expect(figureReason(free, "roi")).toBe("noCost");
    expect(figureReason(free, "benefitCostRatio")).toBe("noCost");
    expect(figureReason(free, "irr")).toBe("noSignChange");
    expect(figureReason(free, "npv" as never)).toBeNull(); // an existing figure has no reason
    const spend = headlineResults(computeCase(noBenefits()).scenarios, []).source;
    expect(spend.paybackMonths).toBeNull();
    expect(figureReason(spend, "paybackMonths")).toBe("notWithin");
    expect(figureReason(spend, "irr")).toBe("noSignChange");
    expect(figureReason(spend, "roi")).toBeNull();
    // The version diff carries why a figure went missing.
    const diff = diffCaseVersions(
      { caseFile: base(), output: computeCase(base()) },
      { caseFile: noCosts(), output: computeCase(noCosts()) },
    );
    const roi = diff.figures.find((f) => f.figure === "roi")!;
    expect(roi.before).not.toBeNull();
    expect(roi.beforeReason).toBeUndefined();
    expect([roi.after, roi.afterReason]).toEqual([null, "noCost"]);
    // Cheaper than the baseline: a negative incremental cost is not "no cost".
    expect(figureReason({ ...spend, roi: null, totalCost: "-100" }, "roi")).toBe("costSaving");
  });

  for (const locale of LOCALES) {
    it(`is said in words in ${locale}: every reason, the headline figures, the checks and the report`, () => {
      const texts = FIGURE_REASONS.map((r) => reasonText(r, locale));
      for (const t of texts) {
        expect(t.length).toBeGreaterThan(8);
        expect(t).not.toMatch(DASH);
        expect(t).not.toMatch(/^reasons\./);
      }
      expect(new Set(texts).size).toBe(texts.length);
      if (locale !== "en") expect(texts).not.toEqual(FIGURE_REASONS.map((r) => reasonText(r, "en")));

      const file = { ...noCosts(), locale };
      const out = computeCase(file);
      const { source } = headlineResults(out.scenarios, out.comparisons);
      expect(figureText(source, "roi", () => "x", locale)).toBe(reasonText("noCost", locale));
      expect(figureText(source, "irr", () => "x", locale)).toBe(reasonText("noSignChange", locale));

      const tr = reportTr(locale);
      const sentences = out.checks.map((c) => checkSentence(c, tr, locale));
      for (const s of sentences) expect(s).not.toMatch(/\u2013/);
      const bcr = checkSentence(
        out.checks.find((c) => c.id === "benefit-cost-ratio")!,
        tr,
        locale,
      );
      expect(bcr).toContain(reasonText("noCost", locale));
      const it = checkSentence(
        out.checks.find((c) => c.id === "business-vs-it-costs")!,
        tr,
        locale,
      );
      expect(it.length).toBeGreaterThan(10);

      const model = buildReportModel(file, out, { locale, generatedAt: new Date("2026-12-01T00:00:00Z") });
      const shown = model.summary.figures.map((f) => f.value);
      expect(shown).toContain(reasonText("noCost", locale));
      expect(shown).toContain(reasonText("noSignChange", locale));
      for (const f of model.summary.figures) {
        expect(f.value).not.toMatch(DASH);
        expect(f.value).not.toBe(tr("metrics.none"));
      }
      for (const c of model.summary.checks) expect(c.message).not.toMatch(/\u2013/);

      const spend = computeCase({ ...noBenefits(), locale });
      const payback = checkSentence(
        spend.checks.find((c) => c.id === "payback-12-months")!,
        tr,
        locale,
      );
      expect(payback).not.toMatch(/\u2013/);
      const spendModel = buildReportModel({ ...noBenefits(), locale }, spend, { locale });
      expect(spendModel.summary.figures.map((f) => f.value)).toContain(reasonText("notWithin", locale));
    });
  }
});
