// The portfolio pack: cases, totals and spend by year as text, tables and a native chart, in the
// five languages, from a summary the portfolio service computes.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatMoney } from "@/lib/i18n/format";
import { buildPortfolioDeck, type PortfolioSummary } from "@/lib/pptx/portfolio";
import { deckTheme } from "@/lib/pptx/theme";
import { deckToPdf, openDeck } from "../../helpers/pptx";

const root = path.resolve(import.meta.dirname, "../../..");
const summary = (n = 3): PortfolioSummary => {
  const cases = Array.from({ length: n }, (_, i) => ({
    name: `Case ${i + 1}`,
    npv: i === 2 ? "-125000.5" : String(1_000_000 * (i + 1) + 0.25),
    pvCost: String(400_000 * (i + 1)),
    spendByYear: ["250000", String(100_000 * (i + 1)), "50000.75"],
    chosen: i !== 2,
  }));
  return {
    name: "CRM portfolio 2027",
    currency: "SEK",
    years: [2027, 2028, 2029],
    cases,
    totals: { npv: "3000000.5", pvCost: "1200000", spendByYear: ["500000", "300000", "100001.5"] },
    budget: ["600000", null, "150000"],
    generatedAt: new Date("2026-12-01T10:00:00Z"),
  };
};
const squash = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("portfolio pack (pptx)", { timeout: 120_000 }, () => {
  for (const locale of ["en", "sv", "nb", "fr", "zh"] as const) {
    it(`shows the cases, the chosen totals and the spend by year in ${locale}`, async () => {
      const s = summary();
      const deck = await openDeck(await buildPortfolioDeck(s, locale, deckTheme(locale)));
      expect(deck.slides.length).toBe(3);
      const all = deck.slideTexts.join("\n");
      const money = (v: string) => formatMoney(v, "SEK", locale);
      // The title carries the chosen totals; every case with its figures as text.
      expect(deck.slideTexts[1]).toContain(money("3000000.5"));
      expect(deck.slideTexts[1]).toContain(money("1200000"));
      for (const c of s.cases) {
        expect(deck.slideTexts[1]).toContain(c.name);
        expect(deck.slideTexts[1]).toContain(money(c.npv));
      }
      // The negative NPV is red; the spend table has the budget with a dash for a year without one.
      expect(deck.slides[1]).toMatch(/B91C1C[\s\S]*?<a:t>[^<]*125/);
      expect(squash(all)).toContain(squash(money("100001.5")));
      expect(deck.slideTexts[2]).toContain("\u2013");
      // One native stacked chart: a series per chosen case, its values the spend.
      expect(deck.charts.length).toBe(1);
      expect(deck.charts[0]!.xml).toContain('<c:grouping val="stacked"/>');
      expect(deck.charts[0]!.values).toEqual([250000, 100000, 50000.75, 250000, 200000, 50000.75]);
      if (locale === "zh") expect(deck.slides[1]).toContain('lang="zh-CN"');
    });
  }

  it("continues a long list of cases over slides, the totals at the end, and LibreOffice opens it", async () => {
    const bytes = await buildPortfolioDeck(summary(30), "en", deckTheme("en"));
    const deck = await openDeck(bytes);
    expect(deck.slides.length).toBe(1 + 3 + 1);
    expect(deck.slideTexts[3]).toContain("Chosen in total");
    expect(deck.slideTexts[1]).not.toContain("Chosen in total");
    expect(deck.slideTexts[2]).toContain("Cases (continued)");
    const pdf = deckToPdf(bytes, path.join(root, "test-results/pptx/portfolio"));
    expect(pdf.pages).toBe(5);
  });
});
