// The board pack as PowerPoint, built from the same ReportModel as the PDF report, so every figure
// and every action title is the PDF's string, to the last digit (docs/board-pack.md). Pure: no
// I/O, no Next, no database; the caller passes the model and the theme and gets the file's bytes.
import { createTranslator } from "use-intl/core";
import type { ReportModel, Table, YearChart } from "@/lib/report/model";
import { formatNumber, formatPercent } from "@/lib/i18n/format";
import en from "@/messages/en/pptx.json";
import fr from "@/messages/fr/pptx.json";
import nb from "@/messages/nb/pptx.json";
import sv from "@/messages/sv/pptx.json";
import zh from "@/messages/zh/pptx.json";
import {
  CONTENT_BOTTOM,
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
  type Chrome,
  type Pptx,
  type Slide,
} from "./kit";
import type { DeckTheme } from "./theme";

const CATALOGUES = { en, sv, nb, fr, zh } as const;
// Rows of a line table per slide at 10 pt (the header repeats on each).
const APPENDIX_ROWS = 22;
const RISK_ROWS = 9;

export type Translate = (key: string, values?: Record<string, string | number>) => string;

export function deckTranslator(locale: ReportModel["locale"]): Translate {
  const t = createTranslator({ locale, messages: CATALOGUES[locale] as Record<string, unknown> as never });
  return (key, values) => (t as unknown as Translate)(key, values);
}

type Build = (slide: Slide) => void;
interface SlidePlan {
  heading: string | null;
  title: string | null;
  build: Build;
}

export async function buildReportDeck(model: ReportModel, theme: DeckTheme): Promise<Uint8Array> {
  const tr = deckTranslator(model.locale);
  const plan: SlidePlan[] = [
    coverSlide(model, theme),
    decisionSlide(model, theme),
    cashFlowSlide(model, theme, tr),
    ...(model.realisation ? [realisationSlide(model, theme)] : []),
    optionsSlide(model, theme),
    yearSlide(model, theme, "costs"),
    yearSlide(model, theme, "benefits"),
    ...riskSlides(model, theme, tr),
    sensitivitySlide(model, theme, tr),
    methodSlide(model, theme),
    ...appendixSlides(model, theme, tr),
  ];
  const pptx = createDeck(theme, {
    title: model.caseName,
    author: model.cover.lines.find((l) => l.length > 0) ?? "Caseboard",
    subject: model.cover.title,
  });
  const chrome: Chrome = {
    footerLeft: model.footerLeft,
    page: model.labels.page,
    draft: model.draft ? model.labels.draft : null,
  };
  plan.forEach((p, i) => p.build(addSlide(pptx, theme, chrome, i + 1, plan.length, p.heading, p.title)));
  return writeDeck(pptx as Pptx, theme);
}

// The title slide: the case, its version and approval status, and the approval block to sign.
function coverSlide(model: ReportModel, theme: DeckTheme): SlidePlan {
  const a = model.approval;
  return {
    heading: null,
    title: null,
    build: (slide) => {
      slide.addText(model.cover.title.toUpperCase(), {
        ...text(theme, { color: theme.accent, bold: true, fontSize: 14 }),
        x: MARGIN,
        y: 0.9,
        w: CONTENT_W,
        h: 0.4,
        margin: 0,
      });
      slide.addText(model.cover.name, {
        ...text(theme, { fontFace: theme.headingFont, bold: true, fontSize: model.cover.name.length > 60 ? 28 : 36 }),
        x: MARGIN,
        y: 1.35,
        w: CONTENT_W,
        h: 1.25,
        margin: 0,
        valign: "top",
      });
      slide.addText(
        model.cover.lines.map((l) => ({ text: l, options: { breakLine: true } })),
        {
          ...text(theme, { fontSize: 14, color: theme.muted }),
          x: MARGIN,
          y: 2.7,
          w: CONTENT_W,
          h: 0.95,
          margin: 0,
          valign: "top",
        },
      );
      slide.addText(model.cover.versionStatement, {
        ...text(theme, { fontSize: 16, bold: true, color: model.draft ? theme.negative : theme.pass }),
        x: MARGIN,
        y: 3.7,
        w: CONTENT_W,
        h: 0.45,
        margin: 0,
      });
      addLabel(slide, theme, `${a.heading}: ${a.text}`, MARGIN, 4.45, CONTENT_W);
      const blank = Array.from({ length: 2 }, () => ({ cells: a.columns.map(() => " ") }));
      addTable(
        slide,
        theme,
        { header: a.columns, rows: blank },
        { x: MARGIN, y: 4.8, w: CONTENT_W, firstShare: 0.25, rowH: 0.45, fontSize: 11 },
        false,
      );
      slide.addText(model.cover.confidential, {
        ...text(theme, { fontSize: 10, color: theme.muted }),
        x: MARGIN,
        y: 6.4,
        w: CONTENT_W,
        h: 0.4,
        margin: 0,
      });
    },
  };
}

// The decision asked for and the headline figures, each figure its own text box.
function decisionSlide(model: ReportModel, theme: DeckTheme): SlidePlan {
  const s = model.summary;
  return {
    heading: s.heading,
    title: s.title,
    build: (slide) => {
      addLabel(slide, theme, s.decisionLabel, MARGIN, CONTENT_TOP, CONTENT_W);
      slide.addText(s.decision, {
        ...text(theme, { fontSize: 14 }),
        x: MARGIN,
        y: CONTENT_TOP + 0.3,
        w: CONTENT_W,
        h: 0.85,
        margin: 0,
        valign: "top",
      });
      addLabel(slide, theme, s.headlineLabel, MARGIN, 3.05, CONTENT_W);
      const n = s.figures.length;
      const gap = 0.15;
      const w = (CONTENT_W - gap * (n - 1)) / n;
      s.figures.forEach((f, i) => {
        const x = MARGIN + i * (w + gap);
        slide.addShape("rect", { x, y: 3.4, w, h: 1.35, fill: { color: "F3F4F6" }, line: { color: "F3F4F6" } });
        slide.addText(f.label, { ...text(theme, { fontSize: 11, color: theme.muted }), x, y: 3.45, w, h: 0.3 });
        slide.addText(f.value, {
          ...text(theme, { fontSize: f.value.length > 16 ? 12 : f.value.length > 9 ? 15 : 20, bold: true }),
          x,
          y: 3.78,
          w,
          h: 0.5,
        });
        slide.addText(f.unadjusted, { ...text(theme, { fontSize: 9, color: theme.muted }), x, y: 4.3, w, h: 0.35 });
      });
      const half = (CONTENT_W - 0.3) / 2;
      addLabel(slide, theme, s.checksLabel, MARGIN, 5.0, half);
      slide.addText(
        s.checks.slice(0, 5).map((c) => ({
          text: `${c.statusLabel.toUpperCase()}  ${c.message}`,
          options: { color: c.status === "pass" ? theme.pass : theme.cost, breakLine: true },
        })),
        { ...text(theme, { fontSize: 10 }), x: MARGIN, y: 5.3, w: half, h: 1.4, margin: 0, valign: "top" },
      );
      if (!s.risks.length) return;
      addLabel(slide, theme, s.risksLabel, MARGIN + half + 0.3, 5.0, half);
      slide.addText(
        s.risks.map((r) => ({ text: r, options: { bullet: true, breakLine: true } })),
        { ...text(theme, { fontSize: 10 }), x: MARGIN + half + 0.3, y: 5.3, w: half, h: 1.4, margin: 0, valign: "top" },
      );
    },
  };
}

// The cumulative net cash flow as a native line chart, the payback month named in the title.
function cashFlowSlide(model: ReportModel, theme: DeckTheme, tr: Translate): SlidePlan {
  const c = model.summary.chart;
  const title =
    c.paybackMonth === null
      ? model.summary.title
      : tr("deck.cashTitle", { month: formatNumber(String(c.paybackMonth), model.locale, 1) });
  return {
    heading: model.summary.chartLabel,
    title,
    build: (slide) => {
      const labels = c.months.map(String);
      const common = {
        ...chartFonts(theme),
        x: MARGIN,
        y: CONTENT_TOP,
        w: CONTENT_W,
        h: 4.4,
        showLegend: false,
        valAxisLabelFormatCode: "#,##0",
        catAxisTitle: tr("deck.month"),
        showCatAxisTitle: true,
        catAxisTitleFontSize: 10,
        catAxisTitleColor: theme.muted,
        catAxisLabelFrequency: String(c.months.length > 40 ? 6 : 3),
      };
      const line = {
        type: "line" as const,
        data: [{ name: model.summary.chartLabel, labels, values: c.cumulative }],
        options: { chartColors: [theme.benefit], lineSize: 2.5, lineDataSymbol: "none" as const },
      };
      if (c.paybackMonth === null) slide.addChart(line.type, line.data, { ...common, ...line.options });
      else {
        // The payback month as a thin column from zero to the top, in the month the cumulative
        // flow reaches zero (a series of its own, so it stays data the board can restyle).
        const at = Math.min(c.months.length - 1, Math.ceil(c.paybackMonth));
        const top = Math.max(...c.cumulative, 0);
        const marker = {
          type: "bar" as const,
          data: [
            {
              name: c.paybackLabel ?? "",
              labels,
              values: c.months.map((_, i) => (i === at ? top : 0)),
            },
          ],
          options: { chartColors: [theme.accent], barGapWidthPct: 500 },
        };
        // A multi-type chart takes its options in the second argument (pptxgenjs reads `data ||
        // options` there; an empty array would be taken as the options).
        slide.addChart([marker, line], common as unknown as never[]);
      }
      const notes = [c.yTicks[0]!.label, c.paybackLabel ?? "", c.yTicks[2]!.label].filter(Boolean).join("  \u00b7  ");
      slide.addText(notes, {
        ...text(theme, { fontSize: 11, color: theme.accent }),
        x: MARGIN,
        y: CONTENT_TOP + 4.5,
        w: CONTENT_W,
        h: 0.35,
        margin: 0,
      });
    },
  };
}

function realisationSlide(model: ReportModel, theme: DeckTheme): SlidePlan {
  const r = model.realisation!;
  return {
    heading: r.heading,
    title: r.title,
    build: (slide) => {
      const left = CONTENT_W * 0.55;
      const right = CONTENT_W - left - 0.3;
      addLabel(slide, theme, r.quartersLabel, MARGIN, CONTENT_TOP, left);
      const quarters: Table = { header: r.quarters.header, rows: r.quarters.rows.slice(-9) };
      addTable(slide, theme, quarters, { x: MARGIN, y: CONTENT_TOP + 0.3, w: left, firstShare: 0.36, fontSize: 9 });
      const x2 = MARGIN + left + 0.3;
      addLabel(slide, theme, r.forecastLabel, x2, CONTENT_TOP, right);
      addTable(slide, theme, r.forecast, { x: x2, y: CONTENT_TOP + 0.3, w: right, firstShare: 0.34, fontSize: 9 });
      addLabel(slide, theme, r.linesLabel, x2, CONTENT_TOP + 1.6, right);
      const lines: Table = { header: r.lines.header, rows: r.lines.rows.slice(0, 8) };
      addTable(slide, theme, lines, { x: x2, y: CONTENT_TOP + 1.9, w: right, firstShare: 0.4, fontSize: 9 });
    },
  };
}

// Old vs new: TCO and NPV of each scenario as a native bar chart, the figures in tables.
function optionsSlide(model: ReportModel, theme: DeckTheme): SlidePlan {
  const o = model.options;
  return {
    heading: o.heading,
    title: o.title,
    build: (slide) => {
      const rows = o.chart.rows;
      const chartW = 4.6;
      slide.addChart(
        "bar",
        [
          { name: o.chart.tcoLabel, labels: rows.map((r) => r.name), values: rows.map((r) => r.tco) },
          { name: o.chart.npvLabel, labels: rows.map((r) => r.name), values: rows.map((r) => r.npv) },
        ],
        {
          ...chartFonts(theme, 9),
          x: MARGIN,
          y: CONTENT_TOP,
          w: chartW,
          h: 4.6,
          barDir: "col",
          barGrouping: "clustered",
          chartColors: [theme.cost, theme.benefit],
          showLegend: true,
          legendPos: "b",
          showValue: true,
          dataLabelFormatCode: "#,##0",
          valAxisLabelFormatCode: "#,##0",
          dataLabelPosition: "outEnd",
        },
      );
      const x = MARGIN + chartW + 0.3;
      const w = CONTENT_W - chartW - 0.3;
      if (o.table) addTable(slide, theme, o.table, { x, y: CONTENT_TOP, w, firstShare: 0.3, fontSize: 9, rowH: 0.4 });
      if (o.incremental) {
        const y = CONTENT_TOP + 0.4 * (o.table ? o.table.rows.length + 1 : 0) + 0.4;
        addLabel(slide, theme, o.incrementalLabel, x, y, w);
        addTable(slide, theme, o.incremental, { x, y: y + 0.3, w, firstShare: 0.3, fontSize: 9, rowH: 0.4 });
      }
      if (o.note)
        slide.addText(o.note, { ...text(theme, { fontSize: 11, color: theme.muted }), x, y: CONTENT_TOP, w, h: 0.6 });
    },
  };
}

// Costs or benefits by year and category: a native stacked column chart and the table.
function yearSlide(model: ReportModel, theme: DeckTheme, kind: "costs" | "benefits"): SlidePlan {
  const section = model[kind];
  const chart: YearChart | null = section.chart;
  const table: Table | null = section.table;
  const title = kind === "benefits" && !model.benefits.table ? model.benefits.emptyNote : section.title;
  return {
    heading: section.heading,
    title,
    build: (slide) => {
      let y = CONTENT_TOP;
      // The table keeps rows of 0.22 in; the chart takes what is left (at least 1.5 in).
      const tableNeed = table ? 0.3 + 0.22 * (table.rows.length + 1) : 0;
      const chartH = Math.max(1.5, Math.min(2.6, CONTENT_BOTTOM - CONTENT_TOP - tableNeed - 0.25));
      if (chart && chart.series.length) {
        slide.addChart(
          "bar",
          chart.series.map((s) => ({ name: s.name, labels: chart.years, values: s.values })),
          {
            ...chartFonts(theme, 9),
            x: MARGIN,
            y,
            w: CONTENT_W,
            h: chartH,
            barDir: "col",
            barGrouping: "stacked",
            // One colour per series: given several colours and a single series, pptxgenjs would
            // colour each bar apart.
            chartColors:
              chart.series.length === 1
                ? [kind === "costs" ? theme.cost : theme.benefit]
                : kind === "costs"
                  ? theme.costShades
                  : theme.benefitShades,
            showLegend: true,
            legendPos: "r",
            showTitle: true,
            title: chart.label,
            titleFontSize: 10,
            // A trailing comma in the format code shows thousands, as the table's unit says.
            valAxisLabelFormatCode: chart.thousands ? "#,##0," : "#,##0",
          },
        );
        y += chartH + 0.1;
      }
      if (table) {
        addLabel(slide, theme, section.label, MARGIN, y, CONTENT_W);
        addTable(slide, theme, table, {
          x: MARGIN,
          y: y + 0.3,
          w: CONTENT_W,
          firstShare: 0.28,
          fontSize: 9,
          rowH: 0.22,
        });
      }
      if (kind === "benefits" && model.benefits.marginNote)
        slide.addText(model.benefits.marginNote, {
          ...text(theme, { fontSize: 9, color: theme.muted }),
          x: MARGIN,
          y: CONTENT_BOTTOM - 0.05,
          w: CONTENT_W,
          h: 0.3,
          margin: 0,
        });
    },
  };
}

// The register sorted by score beside the heat map, drawn as a 5 x 5 table of shaded cells.
function riskSlides(model: ReportModel, theme: DeckTheme, tr: Translate): SlidePlan[] {
  const r = model.risk;
  return [
    {
      heading: r.heading,
      title: r.title,
      build: (slide) => {
        const tableW = CONTENT_W - 4.1;
        if (r.table) {
          const shown: Table = { header: r.table.header, rows: r.table.rows.slice(0, RISK_ROWS) };
          addTable(
            slide,
            theme,
            shown,
            { x: MARGIN, y: CONTENT_TOP, w: tableW, colW: [2.6, 1.1, 1.3, tableW - 5.0], fontSize: 10, rowH: 0.4 },
            false,
          );
          if (r.table.rows.length > RISK_ROWS)
            slide.addText(tr("deck.risksShown", { shown: RISK_ROWS, count: r.table.rows.length }), {
              ...text(theme, { fontSize: 9, color: theme.muted }),
              x: MARGIN,
              y: CONTENT_BOTTOM - 0.1,
              w: tableW,
              h: 0.3,
              margin: 0,
            });
        }
        addHeatMap(slide, theme, r.heat, MARGIN + tableW + 0.4, CONTENT_TOP);
      },
    },
  ];
}

function addHeatMap(slide: Slide, theme: DeckTheme, heat: ReportModel["risk"]["heat"], x: number, y: number) {
  const cell = 0.6;
  const fill = (l: number, i: number) => {
    const score = l * i;
    return score >= 15 ? "FECACA" : score >= 8 ? "FDE68A" : "D1FAE5";
  };
  addLabel(slide, theme, heat.label, x, y, 3.7);
  const plain = { ...text(theme, { fontSize: 9, color: theme.muted, align: "center" as const }) };
  const rows = [5, 4, 3, 2, 1].map((l) => [
    { text: String(l), options: { ...plain, border: { type: "none" as const } } },
    ...[1, 2, 3, 4, 5].map((i) => {
      const count = heat.cells[l - 1]![i - 1]!;
      return {
        text: count > 0 ? String(count) : "",
        options: {
          ...text(theme, { fontSize: 12, bold: true, align: "center" as const }),
          fill: { color: fill(l, i) },
          border: { pt: 2, color: "FFFFFF" },
        },
      };
    }),
  ]);
  rows.push([
    { text: "", options: { ...plain, border: { type: "none" as const } } },
    ...[1, 2, 3, 4, 5].map((i) => ({ text: String(i), options: { ...plain, border: { type: "none" as const } } })),
  ]);
  slide.addTable(rows, {
    x: x + 0.35,
    y: y + 0.35,
    w: 0.3 + cell * 5,
    colW: [0.3, cell, cell, cell, cell, cell],
    rowH: [cell, cell, cell, cell, cell, 0.3],
    valign: "middle",
  });
  slide.addText(heat.likelihood, {
    ...plain,
    x: x - 1.05,
    y: y + 0.35 + (cell * 5) / 2 - 0.15,
    w: 2.4,
    h: 0.3,
    rotate: 270,
  });
  slide.addText(heat.impact, { ...plain, x: x + 0.65, y: y + 0.35 + cell * 5 + 0.35, w: cell * 5, h: 0.3 });
}

// The tornado as a native bar chart of each line's change in NPV from the base (lower and higher,
// stacked about zero, the largest at the top), the NPVs at both ends as text beside it.
function sensitivitySlide(model: ReportModel, theme: DeckTheme, tr: Translate): SlidePlan {
  const r = model.risk;
  const top = r.tornado[0];
  const percent = formatPercent("0.2", model.locale, 0);
  const title = top
    ? tr("deck.sensitivityTitle", {
        line: top.name,
        low: top.low < top.high ? top.lowLabel : top.highLabel,
        high: top.low < top.high ? top.highLabel : top.lowLabel,
        percent,
      })
    : tr("deck.sensitivityNone");
  return {
    heading: r.tornadoLabel,
    title,
    build: (slide) => {
      slide.addText(r.tornadoLegend.base, {
        ...text(theme, { fontSize: 11, color: theme.muted }),
        x: MARGIN,
        y: CONTENT_TOP,
        w: CONTENT_W,
        h: 0.3,
        margin: 0,
      });
      if (!r.tornado.length) return;
      // Bar charts draw the first category at the bottom: reversed, the largest swing is on top.
      const bars = [...r.tornado].reverse();
      const chartW = 6.6;
      slide.addChart(
        "bar",
        [
          { name: r.tornadoLegend.lower, labels: bars.map((b) => b.name), values: bars.map((b) => b.low - r.base) },
          { name: r.tornadoLegend.higher, labels: bars.map((b) => b.name), values: bars.map((b) => b.high - r.base) },
        ],
        {
          ...chartFonts(theme, 9),
          x: MARGIN,
          y: CONTENT_TOP + 0.35,
          w: chartW,
          h: 4.6,
          barDir: "bar",
          barGrouping: "stacked",
          barGapWidthPct: 40,
          chartColors: [theme.tornado.lower, theme.tornado.higher],
          showLegend: true,
          legendPos: "b",
          valAxisLabelFormatCode: "+#,##0;-#,##0;0",
          valAxisTitle: tr("deck.change"),
          showValAxisTitle: true,
          valAxisTitleFontSize: 9,
          valAxisTitleColor: theme.muted,
          catAxisLabelPos: "low",
        },
      );
      const table: Table = {
        header: ["", r.tornadoLegend.lower, r.tornadoLegend.higher],
        rows: r.tornado.map((b) => ({ cells: [b.name, b.lowLabel, b.highLabel] })),
      };
      const x = MARGIN + chartW + 0.25;
      addTable(slide, theme, table, {
        x,
        y: CONTENT_TOP + 0.4,
        w: CONTENT_W - chartW - 0.25,
        firstShare: 0.5,
        fontSize: 8,
        rowH: 0.3,
      });
      if (r.monteCarlo)
        slide.addText(r.monteCarlo, {
          ...text(theme, { fontSize: 10 }),
          x: MARGIN,
          y: CONTENT_BOTTOM - 0.2,
          w: CONTENT_W,
          h: 0.4,
          margin: 0,
        });
    },
  };
}

function methodSlide(model: ReportModel, theme: DeckTheme): SlidePlan {
  const m = model.method;
  return {
    heading: m.heading,
    title: m.title,
    build: (slide) => {
      const left = CONTENT_W * 0.5;
      slide.addText(
        m.paragraphs.map((p) => ({ text: p, options: { breakLine: true, paraSpaceAfter: 6 } })),
        { ...text(theme, { fontSize: 11 }), x: MARGIN, y: CONTENT_TOP, w: left, h: 2.3, margin: 0, valign: "top" },
      );
      addLabel(slide, theme, m.formulasLabel, MARGIN, CONTENT_TOP + 2.45, left);
      slide.addText(
        m.formulas.map((f) => ({ text: f, options: { breakLine: true } })),
        {
          ...text(theme, { fontSize: 9, color: theme.muted }),
          x: MARGIN,
          y: CONTENT_TOP + 2.75,
          w: left,
          h: 2.25,
          margin: 0,
          valign: "top",
        },
      );
      const x = MARGIN + left + 0.3;
      const w = CONTENT_W - left - 0.3;
      if (m.assumptions.length) {
        addLabel(slide, theme, m.assumptionsLabel, x, CONTENT_TOP, w);
        const items = m.assumptions
          .slice(0, 8)
          .flatMap((a) => [
            { text: a.title, options: { bold: true, breakLine: true } },
            ...(a.text ? [{ text: a.text, options: { breakLine: true } }] : []),
            ...(a.meta ? [{ text: a.meta, options: { color: theme.muted, breakLine: true, paraSpaceAfter: 4 } }] : []),
          ]);
        slide.addText(items, {
          ...text(theme, { fontSize: 9 }),
          x,
          y: CONTENT_TOP + 0.3,
          w,
          h: CONTENT_BOTTOM - CONTENT_TOP - 0.3,
          margin: 0,
          valign: "top",
          fit: "shrink",
        });
      }
    },
  };
}

// Every line by year (the model already keeps the largest when a case is very long), several
// scenarios on one slide while they fit.
function appendixSlides(model: ReportModel, theme: DeckTheme, tr: Translate): SlidePlan[] {
  type Piece = { title: string; note: string | null; table: Table };
  const pieces: Piece[] = [];
  for (const sec of model.appendix.sections)
    pages(sec.table.rows, APPENDIX_ROWS).forEach((rows, i, all) =>
      pieces.push({
        title: i === 0 ? sec.title : tr("deck.continued", { title: sec.title }),
        note: i === all.length - 1 ? sec.note : null,
        table: { header: sec.table.header, rows },
      }),
    );
  // Greedy packing by rows (a title and header cost two rows each).
  const slides: Piece[][] = [];
  let used = Infinity;
  for (const p of pieces) {
    const need = p.table.rows.length + 2 + (p.note ? 1 : 0);
    if (used + need > APPENDIX_ROWS + 2) {
      slides.push([]);
      used = 0;
    }
    slides[slides.length - 1]!.push(p);
    used += need;
  }
  const out: SlidePlan[] = slides.map((group) => ({
    heading: model.appendix.heading,
    title: null,
    build: (slide) => {
      let y = 0.75;
      for (const p of group) {
        addLabel(slide, theme, p.title, MARGIN, y, CONTENT_W);
        y += 0.3;
        addTable(slide, theme, p.table, { x: MARGIN, y, w: CONTENT_W, firstShare: 0.3, fontSize: 8, rowH: 0.22 });
        y += 0.22 * (p.table.rows.length + 1) + 0.05;
        if (p.note) {
          slide.addText(p.note, {
            ...text(theme, { fontSize: 9, color: theme.muted }),
            x: MARGIN,
            y,
            w: CONTENT_W,
            h: 0.22,
            margin: 0,
          });
          y += 0.22;
        }
        y += 0.1;
      }
    },
  }));
  return out;
}
