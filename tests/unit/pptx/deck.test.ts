// The board pack as PowerPoint: opened as a zip, its slides carry the PDF report's strings (the
// same model), the engine's figures formatted in each language, native charts with their data,
// and LibreOffice Impress converts it to PDF. Slides are rendered to PNG under test-results/pptx/.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCaseFile } from "@/lib/case-file/parse";
import type { CaseFile } from "@/lib/case-file/schema";
import { computeCase } from "@/lib/finance/compute";
import { formatMoney, formatPercent } from "@/lib/i18n/format";
import { buildReportModel } from "@/lib/report/model";
import { buildReportDeck } from "@/lib/pptx/deck";
import { renderReportPptx } from "@/lib/pptx/render";
import { deckTheme } from "@/lib/pptx/theme";
import { syntheticCase } from "../../../bench/engine-cases";
import { deckToPdf, openDeck } from "../../helpers/pptx";

const root = path.resolve(import.meta.dirname, "../../..");
const fixture = (name: string): CaseFile => {
  const p = parseCaseFile(JSON.parse(readFileSync(path.join(root, `tests/fixtures/cases/${name}.json`), "utf8")));
  if (!p.ok) throw new Error(`${name} invalid`);
  return p.value;
};
const options = { generatedAt: new Date("2026-11-24T12:00:00Z"), version: 3 };
const squash = (s: string) => s.replace(/[\u00a0\u202f]/g, " ").replace(/\s+/g, " ");

describe("board pack (pptx)", { timeout: 120_000 }, () => {
  for (const locale of ["en", "sv", "nb", "fr", "zh"] as const) {
    it(`is a presentation of 8-12 slides whose text carries the report model's strings in ${locale}`, async () => {
      const file = fixture("demo-crm-upgrade");
      const out = computeCase(file);
      const model = buildReportModel(file, out, { ...options, locale });
      const deck = await openDeck(await renderReportPptx(file, { ...options, locale }));

      // The package: content types, the presentation, a master, slides, charts with their workbooks.
      const types = await deck.part("[Content_Types].xml");
      expect(types).toContain("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml");
      expect(types).not.toMatch(/macroEnabled|vbaProject/);
      expect(deck.names).toContain("ppt/slideMasters/slideMaster1.xml");
      expect(deck.slides.length).toBeGreaterThanOrEqual(8);
      expect(deck.slides.length).toBeLessThanOrEqual(12);

      const all = deck.slideTexts.join("\n");
      // The cover: case, version statement; the decision and every headline figure as text.
      expect(deck.slideTexts[0]).toContain(model.cover.name);
      expect(deck.slideTexts[0]).toContain(model.cover.versionStatement);
      expect(deck.slideTexts[1]).toContain(model.summary.title);
      expect(deck.slideTexts[1]).toContain(model.summary.decision);
      for (const f of model.summary.figures) {
        expect(deck.slideTexts[1]).toContain(f.label);
        expect(deck.slideTexts[1]).toContain(f.value);
        expect(deck.slideTexts[1]).toContain(f.unadjusted);
      }
      // ... which are the engine's numbers, formatted as the PDF formats them.
      const c = out.comparisons[0]!;
      expect(squash(deck.slideTexts[1]!)).toContain(squash(formatMoney(c.npv, "SEK", locale)));
      expect(squash(deck.slideTexts[1]!)).toContain(squash(formatPercent(c.roi!, locale)));
      // Action titles as in the PDF, and every table cell of the costs table.
      for (const t of [
        model.options.title,
        model.costs.title,
        model.benefits.title,
        model.risk.title,
        model.method.title,
      ])
        expect(all).toContain(t);
      for (const row of model.costs.table.rows) for (const cell of row.cells) expect(all).toContain(cell);
      // Page x of y and the draft mark on every slide.
      deck.slideTexts.forEach((t, i) => {
        expect(t).toContain(model.labels.page(i + 1, deck.slides.length));
        expect(t).toContain(model.labels.draft);
      });
      // Never a picture of a chart: no images at all without a template logo.
      expect(deck.names.filter((n) => n.startsWith("ppt/media/"))).toEqual([]);
      if (locale === "zh") {
        expect(deck.slides[1]).toContain('lang="zh-CN"');
        expect(deck.slides[1]).toContain('<a:ea typeface="Microsoft YaHei"');
        const theme = await deck.part("ppt/theme/theme1.xml");
        expect(theme).toContain('<a:ea typeface="Microsoft YaHei"/>');
        expect(theme).toContain('<a:font script="Hans" typeface="Microsoft YaHei"/>');
      }
    });
  }

  it("draws native charts with their data: cash flow, options, costs and benefits by year, the tornado", async () => {
    const file = fixture("demo-crm-upgrade");
    const model = buildReportModel(file, computeCase(file), { ...options, locale: "en" });
    const deck = await openDeck(await buildReportDeck(model, deckTheme("en")));
    expect(deck.charts.length).toBe(5);
    expect(deck.charts.every((ch) => !ch.xml.includes("<c:dPt>"))).toBe(true);
    // Every chart carries its workbook, so PowerPoint's "Edit data" opens the numbers.
    const embedded = deck.names.filter((n) => /^ppt\/embeddings\/.*\.xlsx$/.test(n));
    expect(embedded.length).toBe(deck.charts.length);

    // The cash flow: the line carries the cumulative series; a column series of its own marks the
    // payback month (zero everywhere else, the top of the chart there).
    const cash = deck.charts.find((ch) => ch.kind.includes("lineChart"))!;
    const values = (xml: string) =>
      [...xml.matchAll(/<c:val>[\s\S]*?<\/c:val>/g)].flatMap((v) =>
        [...v[0].matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => Number(m[1])),
      );
    const lineXml = /<c:lineChart>[\s\S]*<\/c:lineChart>/.exec(cash.xml)![0];
    const barXml = /<c:barChart>[\s\S]*<\/c:barChart>/.exec(cash.xml)![0];
    const c = model.summary.chart;
    expect(values(lineXml)).toEqual(c.cumulative);
    const marker = values(barXml);
    expect(marker.length).toBe(c.months.length);
    expect(marker[Math.ceil(c.paybackMonth!)]).toBe(Math.max(...c.cumulative));
    expect(marker.filter((v) => v !== 0).length).toBe(1);
    expect(barXml).toContain(c.paybackLabel!);
    expect(cash.labels.slice(0, c.months.length)).toEqual(c.months.map(String));

    const options_ = deck.charts.find((ch) => ch.labels.includes(model.options.chart.rows[0]!.name))!;
    expect(options_.values).toEqual([
      ...model.options.chart.rows.map((r) => r.tco),
      ...model.options.chart.rows.map((r) => r.npv),
    ]);

    const costs = deck.charts.find((ch) => ch.xml.includes(model.costs.chart.label))!;
    expect(costs.xml).toContain('<c:grouping val="stacked"/>');
    expect(costs.values).toEqual(model.costs.chart.series.flatMap((s) => s.values));

    // The tornado: each line's change in NPV from the base, lower then higher, largest on top.
    const tornado = deck.charts.find((ch) => ch.xml.includes('<c:barDir val="bar"/>'))!;
    const bars = [...model.risk.tornado].reverse();
    expect(tornado.labels.slice(0, bars.length)).toEqual(bars.map((b) => b.name));
    expect(tornado.values).toEqual([
      ...bars.map((b) => b.low - model.risk.base),
      ...bars.map((b) => b.high - model.risk.base),
    ]);
  });

  it("colours a chart by series, never bar by bar, when a section has one category", async () => {
    const file = fixture("forrester-tei-salesloft");
    const model = buildReportModel(file, computeCase(file), { ...options, locale: "fr" });
    expect(model.benefits.chart!.series.length).toBe(1);
    const deck = await openDeck(await buildReportDeck(model, deckTheme("fr")));
    const benefits = deck.charts.find((ch) => ch.xml.includes(model.benefits.chart!.label.replace(/&/g, "&amp;")))!;
    expect(benefits.xml).not.toContain("<c:dPt>");
    expect(benefits.xml).toContain('<a:srgbClr val="0F766E"/>');
  });

  it("says so when the case does not pay back: the summary's title on the cash flow, no marker, no benefits chart", async () => {
    const file = fixture("demo-crm-upgrade");
    const costsOnly = { ...file, scenarios: file.scenarios.map((s) => ({ ...s, benefits: [] })) };
    const model = buildReportModel(costsOnly, computeCase(costsOnly), { ...options, locale: "nb" });
    expect(model.summary.chart.paybackMonth).toBeNull();
    const deck = await openDeck(await buildReportDeck(model, deckTheme("nb")));
    expect(deck.slideTexts[2]).toContain(model.summary.title);
    const cash = deck.charts.find((ch) => ch.kind.includes("lineChart"))!;
    expect(cash.kind).toEqual(["lineChart"]);
    expect(deck.slideTexts.join("\n")).toContain(model.benefits.emptyNote);
  });

  it("adds the realisation slide when the case is live, with its conclusion as the title", async () => {
    const file = fixture("demo-realisation");
    const out = computeCase(file);
    const model = buildReportModel(file, out, { ...options, locale: "sv" });
    expect(model.realisation).not.toBeNull();
    const deck = await openDeck(await buildReportDeck(model, deckTheme("sv")));
    const at = deck.slideTexts.findIndex((t) => t.includes(model.realisation!.title));
    expect(at).toBe(3); // after the summary and the cash flow
    for (const row of model.realisation!.forecast.rows)
      for (const cell of row.cells) expect(deck.slideTexts[at]).toContain(cell);
    expect(deck.slides.length).toBeLessThanOrEqual(12);
  });

  it("pages a 1,000-line case's appendix, the header on every slide, and stays a valid package", async () => {
    const file = syntheticCase(1000, 60, 2);
    const model = buildReportModel(file, computeCase(file), { ...options, locale: "en" });
    const deck = await openDeck(await buildReportDeck(model, deckTheme("en")));
    const appendix = deck.slideTexts.filter((t) => t.includes(model.appendix.heading.toUpperCase()));
    const rows = model.appendix.sections.reduce((n, s) => n + s.table.rows.length, 0);
    expect(appendix.length).toBeGreaterThan(1);
    for (const t of appendix) expect(t).toContain(model.appendix.sections[0]!.table.header[0]!);
    // Every appendix row is on some slide, once.
    const first = model.appendix.sections.flatMap((s) => s.table.rows.map((r) => r.cells[0]!));
    expect(first.length).toBe(rows);
    const joined = appendix.join("\n");
    for (const name of first.slice(0, 50)) expect(joined).toContain(name);
  });

  it("converts to PDF with LibreOffice Impress, one page per slide, the headline figures readable", async () => {
    for (const locale of ["en", "zh"] as const) {
      const file = fixture("demo-realisation");
      const model = buildReportModel(file, computeCase(file), { ...options, locale });
      const bytes = await buildReportDeck(model, deckTheme(locale));
      const slides = (await openDeck(bytes)).slides.length;
      const { pages, text } = deckToPdf(bytes, path.join(root, "test-results/pptx", locale));
      expect(pages).toBe(slides);
      const flat = squash(text);
      expect(flat).toContain(squash(model.summary.figures[0]!.value));
      expect(flat).toContain(squash(model.cover.versionStatement));
      if (locale === "zh") expect(flat).toContain("执行摘要");
    }
  });
});
