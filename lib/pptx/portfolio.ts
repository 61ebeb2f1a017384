// The portfolio's board pack as PowerPoint: a cover, the cases with their NPV, present cost and
// whether they are chosen (a table, continued over slides when long), and the chosen cases' spend
// by year as a native stacked column chart beside the budget. The caller (the portfolio service)
// computes the figures with decimal.js and passes them as decimal strings; this module only formats
// them for the language and lays them out (docs/board-pack.md "Portfolio pack").
import Decimal from "decimal.js";
import { createTranslator } from "use-intl/core";
import type { Locale } from "@/lib/i18n/config";
import { formatMoney, intlTag } from "@/lib/i18n/format";
import type { Table } from "@/lib/report/model";
import en from "@/messages/en/report.json";
import fr from "@/messages/fr/report.json";
import nb from "@/messages/nb/report.json";
import sv from "@/messages/sv/report.json";
import zh from "@/messages/zh/report.json";
import { deckTranslator, type Translate } from "./deck";
import {
  CONTENT_TOP,
  CONTENT_W,
  MARGIN,
  addLabel,
  addSlide,
  addTable,
  chartFonts,
  createDeck,
  pages,
  text,
  writeDeck,
  type Slide,
} from "./kit";
import type { DeckTheme } from "./theme";

const REPORT = { en, sv, nb, fr, zh } as const;
const CASE_ROWS = 14;

export interface PortfolioCase {
  name: string;
  npv: string; // decimal strings in the portfolio's currency
  pvCost: string;
  spendByYear: string[]; // one per entry of PortfolioSummary.years
  chosen: boolean;
}

export interface PortfolioSummary {
  name: string; // the portfolio (or workspace) name
  currency: string;
  years: (number | string)[]; // e.g. [2027, 2028, 2029]
  cases: PortfolioCase[];
  totals: { npv: string; pvCost: string; spendByYear: string[] }; // of the chosen cases
  budget?: (string | null)[]; // per year, when the board set one
  generatedAt?: Date;
  confidential?: boolean;
}

export async function buildPortfolioDeck(
  summary: PortfolioSummary,
  locale: Locale,
  theme: DeckTheme,
): Promise<Uint8Array> {
  const tr = deckTranslator(locale);
  const rt = createTranslator({ locale, messages: REPORT[locale] as Record<string, unknown> as never });
  const report = (key: string, values?: Record<string, string | number>) => (rt as unknown as Translate)(key, values);
  const money = (v: string) => formatMoney(v, summary.currency, locale);
  const date = new Intl.DateTimeFormat(intlTag(locale), { dateStyle: "long" }).format(
    summary.generatedAt ?? new Date(),
  );
  const chosen = summary.cases.filter((c) => c.chosen);
  const yearLabel = (y: number | string) => tr("portfolio.year", { year: String(y) });
  const title = tr("portfolio.title", {
    chosen: chosen.length,
    count: summary.cases.length,
    npv: money(summary.totals.npv),
    pvCost: money(summary.totals.pvCost),
  });

  const caseRows: Table["rows"] = summary.cases.map((c) => ({
    cells: [c.name, money(c.npv), money(c.pvCost), tr(c.chosen ? "portfolio.yes" : "portfolio.no")],
    bold: c.chosen,
    negative: [false, new Decimal(c.npv).isNegative() && !new Decimal(c.npv).isZero(), false, false],
  }));
  const header = [tr("portfolio.case"), tr("portfolio.npv"), tr("portfolio.pvCost"), tr("portfolio.chosen")];
  const casePages = pages(caseRows, CASE_ROWS);

  type Plan = { heading: string | null; title: string | null; build: (s: Slide) => void };
  const plan: Plan[] = [
    {
      heading: null,
      title: null,
      build: (slide) => {
        slide.addText(tr("portfolio.cover").toUpperCase(), {
          ...text(theme, { color: theme.accent, bold: true, fontSize: 14 }),
          x: MARGIN,
          y: 1.6,
          w: CONTENT_W,
          h: 0.4,
          margin: 0,
        });
        slide.addText(summary.name, {
          ...text(theme, { fontFace: theme.headingFont, bold: true, fontSize: 36 }),
          x: MARGIN,
          y: 2.1,
          w: CONTENT_W,
          h: 1.3,
          margin: 0,
          valign: "top",
        });
        slide.addText(title, {
          ...text(theme, { fontSize: 18, color: theme.muted }),
          x: MARGIN,
          y: 3.6,
          w: CONTENT_W,
          h: 1.0,
          margin: 0,
          valign: "top",
        });
        slide.addText(report("cover.date", { date }), {
          ...text(theme, { fontSize: 14, color: theme.muted }),
          x: MARGIN,
          y: 4.8,
          w: CONTENT_W,
          h: 0.4,
          margin: 0,
        });
      },
    },
    ...casePages.map((rows, i): Plan => ({
      heading: tr("portfolio.casesHeading"),
      title: i === 0 ? title : tr("deck.continued", { title: tr("portfolio.casesHeading") }),
      build: (slide) => {
        const last = i === casePages.length - 1;
        const total = {
          cells: [
            tr("portfolio.total"),
            money(summary.totals.npv),
            money(summary.totals.pvCost),
            String(chosen.length),
          ],
          bold: true,
        };
        addTable(
          slide,
          theme,
          { header, rows: last ? [...rows, total] : rows },
          { x: MARGIN, y: CONTENT_TOP, w: CONTENT_W, firstShare: 0.46, fontSize: 11, rowH: 0.32 },
        );
      },
    })),
    {
      heading: tr("portfolio.spendHeading"),
      title: tr("portfolio.spendTitle", {
        total: money(summary.totals.spendByYear.reduce((a, v) => a.plus(v), new Decimal(0)).toString()),
        years: summary.years.length,
      }),
      build: (slide) => {
        const labels = summary.years.map(yearLabel);
        if (chosen.length)
          slide.addChart(
            "bar",
            chosen.map((c) => ({ name: c.name, labels, values: c.spendByYear.map(Number) })),
            {
              ...chartFonts(theme, 9),
              x: MARGIN,
              y: CONTENT_TOP,
              w: CONTENT_W,
              h: 2.9,
              barDir: "col",
              barGrouping: "stacked",
              chartColors: chosen.length === 1 ? [theme.cost] : theme.costShades,
              showLegend: true,
              legendPos: "r",
              valAxisLabelFormatCode: "#,##0",
            },
          );
        addLabel(slide, theme, tr("portfolio.spendHeading"), MARGIN, CONTENT_TOP + 3.0, CONTENT_W);
        // Each chosen case while they fit under the chart; beyond that the chart has them and the
        // table keeps the totals and the budget.
        const rows: Table["rows"] =
          chosen.length <= 6 ? chosen.map((c) => ({ cells: [c.name, ...c.spendByYear.map(money)] })) : [];
        rows.push({ cells: [tr("portfolio.total"), ...summary.totals.spendByYear.map(money)], bold: true });
        if (summary.budget)
          rows.push({
            cells: [tr("portfolio.budget"), ...summary.budget.map((b) => (b === null ? "\u2013" : money(b)))],
          });
        addTable(
          slide,
          theme,
          { header: [tr("portfolio.case"), ...labels], rows },
          { x: MARGIN, y: CONTENT_TOP + 3.3, w: CONTENT_W, firstShare: 0.3, fontSize: 9, rowH: 0.22 },
        );
      },
    },
  ];

  const pptx = createDeck(theme, { title: summary.name, author: "Caseboard", subject: tr("portfolio.cover") });
  const chrome = {
    footerLeft: `${summary.name} \u00b7 ${date}${summary.confidential === false ? "" : ` \u00b7 ${report("footer.confidential")}`}`,
    page: (page: number, total: number) => report("footer.page", { page, total }),
    draft: null,
  };
  plan.forEach((p, i) => p.build(addSlide(pptx, theme, chrome, i + 1, plan.length, p.heading, p.title)));
  return writeDeck(pptx, theme);
}
