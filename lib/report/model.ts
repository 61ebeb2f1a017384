// The board report's content, built from the case file and the engine's output: every figure
// formatted for the report's language, every page title a sentence with its number in it
// (docs/features.md#the-board-report). Pure: no I/O, no React.
import type { Table, TableRow } from "./table";
import Decimal from "decimal.js";
import { createTranslator } from "use-intl/core";
import type { CaseFile } from "@/lib/case-file/schema";
import type { ComputeOutput, Metrics, ScenarioResult } from "@/lib/finance/types";
import { headlineResults } from "@/lib/finance/headline";
import type { SimulationResult } from "@/lib/finance/uncertainty";
import { tornado } from "@/lib/finance/uncertainty";
import { checkSentence } from "./check-sentence";
import { figureText, proposalTranslator, type FigureMetrics } from "./figure-text";
import { buildRealisationSection, type RealisationSection } from "./realisation-section";
import { buildFinanceParts, type FinanceSection, type SwitchingSection } from "./finance-section";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { formatIrr, formatMoney, formatNumber, formatPercent, intlTag } from "@/lib/i18n/format";
import en from "@/messages/en/report.json";
import fr from "@/messages/fr/report.json";
import nb from "@/messages/nb/report.json";
import sv from "@/messages/sv/report.json";
import zh from "@/messages/zh/report.json";

const CATALOGUES = { en, sv, nb, fr, zh } as const;
// Beyond this many lines per scenario the appendix lists the largest (totals still include all):
// a 1,000-line appendix is 40 pages nobody reads and takes ~10 s to lay out.
export const APPENDIX_LINE_CAP = 200;

export interface Figure {
  label: string;
  value: string;
  unadjusted: string;
}
export type { Table, TableRow } from "./table";
// An open comment thread printed in the report: what it is about and its comments,
// exactly as typed.
export interface ReportThread {
  about: string;
  comments: { author: string; body: string }[];
}

export interface ReportModel {
  locale: Locale;
  fontFamily: "Inter" | "NotoSansSC";
  draft: boolean;
  caseName: string;
  footerLeft: string;
  cover: {
    title: string;
    name: string;
    lines: string[];
    confidential: string;
    statusLabel: string;
    versionStatement: string;
  };
  summary: {
    heading: string;
    title: string;
    decisionLabel: string;
    decision: string;
    headlineLabel: string;
    figures: Figure[];
    chartLabel: string;
    chart: {
      months: number[];
      cumulative: number[];
      paybackMonth: number | null;
      paybackLabel: string | null;
      yTicks: { value: number; label: string }[];
    };
    checksLabel: string;
    checks: { status: "pass" | "warn"; statusLabel: string; message: string }[];
    risksLabel: string;
    risks: string[];
  };
  options: {
    heading: string;
    title: string;
    table: Table | null;
    incrementalLabel: string;
    incremental: Table | null;
    note: string | null;
    chart: OptionsChart;
  };
  costs: { heading: string; title: string; label: string; table: Table; chart: YearChart };
  benefits: {
    heading: string;
    title: string;
    label: string;
    table: Table | null;
    chart: YearChart | null;
    marginNote: string | null;
    intangibleLabel: string;
    intangibles: Table | null;
    noneNote: string | null;
    emptyNote: string;
  };
  risk: {
    heading: string;
    title: string;
    table: Table | null;
    heat: { cells: number[][]; likelihood: string; impact: string; label: string };
    tornadoLabel: string;
    tornadoLegend: { lower: string; higher: string; base: string };
    tornado: { name: string; low: number; high: number; lowLabel: string; highLabel: string }[];
    base: number;
    monteCarlo: string | null;
  };
  method: {
    heading: string;
    title: string;
    paragraphs: string[];
    formulasLabel: string;
    formulas: string[];
    assumptionsLabel: string;
    assumptions: { title: string; text: string; meta: string }[];
  };
  appendix: { heading: string; sections: { title: string; table: Table; note: string | null }[] };
  approval: { heading: string; text: string; columns: string[] };
  labels: { page: (page: number, total: number) => string; draft: string };
  realisation: RealisationSection | null; // after the executive summary, when the case has actuals
  finance: FinanceSection | null; // a page when the case sets tax or optimism bias
  switching: SwitchingSection; // under the sensitivity
  discussion: { heading: string; threads: ReportThread[] } | null;
}

// Exhibits: numbers for drawing only (converted at this display edge), labels formatted decimals.
export interface OptionsChart {
  tcoLabel: string;
  npvLabel: string;
  rows: { name: string; baseline: boolean; tco: number; npv: number; tcoText: string; npvText: string }[];
}
export interface YearChart {
  label: string;
  years: string[];
  series: { name: string; values: number[] }[];
  totals: { value: number; text: string }[];
  thousands: boolean; // the table's unit: values are whole currency units, shown in thousands
}

const FORMULAS = [
  "ROI = (total benefit \u2212 total cost) / total cost",
  "PV(x) = \u03a3 x_m \u00b7 (1 + r)^(\u2212m/12), m = 0 \u2026 horizon",
  "NPV = PV(benefits) \u2212 PV(costs)",
  "Discounted ROI = NPV / PV(costs);  benefit-cost ratio = PV(benefits) / PV(costs)",
  "IRR: the annual rate with \u03a3 N_m \u00b7 (1 + IRR)^(\u2212m/12) = 0; none without a sign change",
  "MIRR = (FV of inflows at the reinvestment rate / PV of outflows at the finance rate)^(12/n) \u2212 1",
  "Payback: first month where the cumulative net flow reaches 0, interpolated linearly inside the month",
  "Annualised ROI = (net benefit / years) / total cost",
  "Escalation: amount \u00b7 (1 + e)^(whole years since the line starts); ramp: linear e/R, step, or s-curve 3x\u00b2 \u2212 2x\u00b3",
];

function primaryOf(out: ComputeOutput, chosen: string | undefined) {
  return headlineResults(out.scenarios, out.comparisons, chosen);
}

export function buildReportModel(
  file: CaseFile,
  out: ComputeOutput,
  options: {
    locale?: string;
    generatedAt?: Date;
    version?: number | string;
    workspaceName?: string;
    simulation?: SimulationResult | null;
    approval?: { at: Date | string; by: string } | null; // who approved this version, and when
    discussion?: ReportThread[];
  } = {},
): ReportModel {
  const locale: Locale = isLocale(options.locale) ? options.locale : isLocale(file.locale) ? file.locale : "en";
  const t = createTranslator({ locale, messages: CATALOGUES[locale] as Record<string, unknown> as never });
  const tr = (key: string, values?: Record<string, string | number>) =>
    (t as unknown as (k: string, v?: Record<string, string | number>) => string)(key, values);
  const cur = file.currency;
  const money = (v: string) => formatMoney(v, cur, locale);
  // A figure that does not apply says why (lib/report/figure-text.ts), never a bare "none".
  const ratio = (m: FigureMetrics, f: "roi" | "discountedRoi") =>
    figureText(m, f, (v) => formatPercent(v, locale), locale);
  const irr = (m: FigureMetrics) => figureText(m, "irr", (v) => formatIrr(v, locale), locale);
  const months = (m: FigureMetrics) =>
    figureText(m, "paybackMonths", (v) => tr("metrics.months", { value: formatNumber(v, locale, 1) }), locale);
  const years = formatNumber(String(file.horizonMonths / 12), locale, file.horizonMonths % 12 === 0 ? 0 : 1);
  const date = new Intl.DateTimeFormat(intlTag(locale), { dateStyle: "long" }).format(
    options.generatedAt ?? new Date(),
  );
  const { primary, comparison, baseline } = primaryOf(out, file.chosenScenario);
  const source: Metrics = comparison ?? primary;
  const draft = (file.status ?? "draft") !== "approved";
  const version = String(options.version ?? 1);
  const organisation = file.organisation || options.workspaceName || "";
  // The version and its status, on the cover and in every footer (docs/features.md#the-board-report).
  const approvedOn = options.approval
    ? new Intl.DateTimeFormat(intlTag(locale), { dateStyle: "long" }).format(new Date(options.approval.at))
    : null;
  const versionStatement = draft
    ? tr("cover.draftStatement", { version })
    : options.approval && approvedOn
      ? options.approval.by
        ? tr("cover.approvedStatement", { version, date: approvedOn, name: options.approval.by })
        : tr("cover.approvedStatementNoName", { version, date: approvedOn })
      : tr("cover.approvedVersion", { version });

  // Large amounts in tables read in thousands (units in the header, not in every cell).
  const maxAmount = Math.max(
    ...out.scenarios.map((s) => Math.abs(Number(s.totalCost)) + Math.abs(Number(s.totalBenefit))),
  );
  const inThousands = maxAmount >= 1_000_000;
  const unit = inThousands ? tr("units.thousand", { currency: cur }) : tr("units.currency", { currency: cur });
  const amount = (v: string) => formatNumber(inThousands ? new Decimal(v).div(1000).toString() : v, locale, 0);
  const isNeg = (v: string) => new Decimal(v).isNegative() && !new Decimal(v).isZero();
  const cat = (c: string) => {
    const key = `categories.${c}`;
    const label = tr(key);
    return label === key || label.startsWith("categories.") ? c : label;
  };
  const yearHeader = (n: number) => [
    tr("appendix.initial"),
    ...Array.from({ length: n - 1 }, (_, i) => tr("appendix.year", { year: i + 1 })),
  ];

  const figures: Figure[] = [
    {
      label: tr("metrics.npv"),
      value: money(source.npv),
      unadjusted: tr("metrics.unadjusted", {
        value: money(source === comparison ? comparison.unadjusted.npv : primary.unadjusted.npv),
      }),
    },
    {
      label: tr("metrics.roi"),
      value: ratio(source, "roi"),
      unadjusted: tr("metrics.unadjusted", { value: ratio((comparison ?? primary).unadjusted, "roi") }),
    },
    {
      label: tr("metrics.discountedRoi"),
      value: ratio(source, "discountedRoi"),
      unadjusted: tr("metrics.unadjusted", { value: ratio((comparison ?? primary).unadjusted, "discountedRoi") }),
    },
    {
      label: tr("metrics.irr"),
      value: irr(source),
      unadjusted: tr("metrics.unadjusted", { value: irr((comparison ?? primary).unadjusted) }),
    },
    {
      label: tr("metrics.payback"),
      value: months(source),
      unadjusted: tr("metrics.unadjusted", { value: months((comparison ?? primary).unadjusted) }),
    },
    {
      label: tr("metrics.tco"),
      value: money(primary.totalCost),
      unadjusted: tr("metrics.unadjusted", { value: money(primary.unadjusted.totalCost) }),
    },
  ];

  const chartRows = (comparison ?? primary).months;
  const cumulative = chartRows.map((m) => Number(m.cumulative));
  const lo = Math.min(0, ...cumulative);
  const hi = Math.max(0, ...cumulative);
  const ticks = [lo, (lo + hi) / 2, hi].map((v) => ({
    value: v,
    label: formatMoney(String(Math.round(v)), cur, locale),
  }));
  const paybackMonth = source.paybackMonths === null ? null : Number(source.paybackMonths);

  const title =
    source.paybackMonths === null
      ? tr("summary.titleNoPayback", { alternative: primary.name, years, npv: money(source.npv) })
      : tr("summary.titlePays", {
          alternative: primary.name,
          month: formatNumber(source.paybackMonths, locale, 1),
          npv: money(source.npv),
          years,
        });

  const risksSorted = [...file.risks].sort((a, b) => b.likelihood * b.impact - a.likelihood * a.impact);

  // Options compared.
  let optionsTitle = tr("options.single");
  let optionsTable: Table | null = null;
  let incremental: Table | null = null;
  if (comparison && baseline) {
    const delta = new Decimal(primary.totalCost).minus(baseline.totalCost);
    optionsTitle = tr(delta.isNegative() ? "options.titleCheaper" : "options.title", {
      alternative: primary.name,
      baseline: baseline.name,
      delta: money(delta.abs().toString()),
      years,
      npv: money(comparison.npv),
    });
    optionsTable = {
      header: [
        tr("options.scenario"),
        tr("options.totalCost"),
        tr("options.totalBenefit"),
        tr("metrics.npv"),
        tr("metrics.roi"),
      ],
      rows: out.scenarios.map((s) => ({
        cells: [
          s.baseline ? `${s.name} (${tr("options.baseline")})` : s.name,
          money(s.totalCost),
          money(s.totalBenefit),
          money(s.npv),
          ratio(s, "roi"),
        ],
        negative: [false, false, false, isNeg(s.npv), false],
      })),
    };
    incremental = {
      header: [tr("options.scenario"), tr("metrics.npv"), tr("metrics.roi"), tr("metrics.irr"), tr("metrics.payback")],
      rows: out.comparisons.map((c) => ({
        cells: [
          tr("summary.against", {
            alternative: out.scenarios.find((s) => s.key === c.alternative)!.name,
            baseline: baseline.name,
          }),
          money(c.npv),
          ratio(c, "roi"),
          irr(c),
          months(c),
        ],
        negative: [false, isNeg(c.npv), false, false, false],
      })),
    };
  }

  const optionsChart: OptionsChart = {
    tcoLabel: tr("options.tcoChart"),
    npvLabel: tr("options.npvChart"),
    rows: out.scenarios.map((s) => ({
      name: s.baseline ? `${s.name} (${tr("options.baseline")})` : s.name,
      baseline: s.baseline,
      tco: Number(s.totalCost),
      npv: Number(s.npv),
      tcoText: money(s.totalCost),
      npvText: money(s.npv),
    })),
  };

  // Costs and benefits by category and year.
  const yearsCount = primary.years.length;
  const yearChart = (s: ScenarioResult, kind: "cost" | "benefit", label: string): YearChart => {
    const cats = s.categories.filter((c) => c.kind === kind);
    const totals = Array.from({ length: yearsCount }, (_, y) =>
      cats.reduce((a, c) => a.plus(c.years[y]!), new Decimal(0)),
    );
    return {
      label,
      years: yearHeader(yearsCount),
      series: cats.map((c) => ({ name: cat(c.category), values: c.years.map(Number) })),
      totals: totals.map((t) => ({ value: t.toNumber(), text: amount(t.toString()) })),
      thousands: inThousands,
    };
  };
  const categoryTable = (s: ScenarioResult, kind: "cost" | "benefit"): Table => {
    const cats = s.categories.filter((c) => c.kind === kind);
    const rows: TableRow[] = cats.map((c) => ({
      cells: [cat(c.category), ...c.years.map(amount), amount(c.total), amount(c.pv)],
    }));
    const totals = Array.from({ length: yearsCount }, (_, y) =>
      cats.reduce((a, c) => a.plus(c.years[y]!), new Decimal(0)).toString(),
    );
    const total = cats.reduce((a, c) => a.plus(c.total), new Decimal(0)).toString();
    const pv = cats.reduce((a, c) => a.plus(c.pv), new Decimal(0)).toString();
    rows.push({ cells: [tr("appendix.total"), ...totals.map(amount), amount(total), amount(pv)], bold: true });
    return {
      header: [tr("appendix.category"), ...yearHeader(yearsCount), tr("appendix.total"), tr("appendix.pv")],
      rows,
    };
  };
  const costTable = categoryTable(primary, "cost");
  const groupTotal = (g: string) =>
    primary.categories
      .filter((c) => c.kind === "cost" && c.group === g)
      .reduce((a, c) => a.plus(c.total), new Decimal(0));
  for (const [g, key] of [
    ["it", "costs.it"],
    ["business", "costs.business"],
  ] as const) {
    costTable.rows.push({
      cells: [
        tr(key),
        ...Array.from({ length: yearsCount }, (_, y) =>
          amount(
            primary.categories
              .filter((c) => c.kind === "cost" && c.group === g)
              .reduce((a, c) => a.plus(c.years[y]!), new Decimal(0))
              .toString(),
          ),
        ),
        amount(groupTotal(g).toString()),
        "",
      ],
    });
  }
  const it = new Decimal(primary.itCost);
  const totalCost = new Decimal(primary.totalCost);
  // Without IT costs (or any costs) there is no share to state: say so in words.
  const why = proposalTranslator(locale);
  const costsTitle = totalCost.isZero()
    ? why("report.noCosts", { scenario: primary.name })
    : it.isZero()
      ? why("report.noItCosts", {
          oneTime: formatPercent(new Decimal(primary.oneTimeCost).div(totalCost).toString(), locale),
        })
      : tr("costs.title", {
          share: formatPercent(new Decimal(primary.businessCost).div(it).toString(), locale),
          oneTime: formatPercent(new Decimal(primary.oneTimeCost).div(totalCost).toString(), locale),
        });

  const tangibleBenefits = primary.categories.some((c) => c.kind === "benefit");
  const primaryFile = file.scenarios.find((s) => s.key === primary.key)!;
  const marginLines = primaryFile.benefits.filter((b) => b.margin !== undefined && b.tangible !== false);
  const intangibles = file.scenarios.flatMap((s) => s.benefits.filter((b) => b.tangible === false));
  const kpiByName = new Map(file.kpis.map((k) => [k.name, k]));

  // Sensitivity from the same output (linear in each line's amount), on the headline's figure: the
  // incremental NPV against the baseline when there is a comparison (lines of both scenarios, each
  // named with its scenario), so the tornado's base is the summary's NPV; else the scenario's own.
  const pair = comparison && baseline ? { alternative: primary.key, baseline: baseline.key } : null;
  const tor = tornado(file, { percent: "0.2", scenarioKey: primary.key, comparison: pair, output: out });
  const bars = tor.bars.slice(0, 10).map((b) => ({
    name: pair ? `${b.name} (${b.scenarioName})` : b.name,
    low: Number(b.npvLow),
    high: Number(b.npvHigh),
    lowLabel: money(b.npvLow),
    highLabel: money(b.npvHigh),
  }));
  const heat = Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => 0));
  for (const r of file.risks) heat[r.likelihood - 1]![r.impact - 1]!++;
  const sim = options.simulation;
  const financeParts = buildFinanceParts(file, out, locale);

  // Appendix: every line by year, the largest first when a case is very long.
  const appendixSections = out.scenarios.map((s) => {
    const lines = [...s.lines].filter((l) => l.tangible);
    const sorted =
      lines.length > APPENDIX_LINE_CAP
        ? [...lines]
            .sort((a, b) => new Decimal(b.total).abs().comparedTo(new Decimal(a.total).abs()))
            .slice(0, APPENDIX_LINE_CAP)
        : lines;
    return {
      title: tr("appendix.title", { scenario: s.name, unit }),
      note:
        lines.length > APPENDIX_LINE_CAP
          ? tr("appendix.truncated", { shown: APPENDIX_LINE_CAP, count: lines.length })
          : null,
      table: {
        header: [tr("appendix.line"), ...yearHeader(yearsCount), tr("appendix.total"), tr("appendix.pv")],
        rows: sorted.map((l) => ({
          cells: [
            `${l.name} (${tr(l.kind === "cost" ? "appendix.cost" : "appendix.benefit")})`,
            ...l.years.map(amount),
            amount(l.total),
            amount(l.pv),
          ],
        })),
      },
    };
  });

  return {
    locale,
    fontFamily: locale === "zh" ? "NotoSansSC" : "Inter",
    draft,
    caseName: file.name,
    footerLeft: `${file.name} \u00b7 ${versionStatement} \u00b7 ${date} \u00b7 ${tr("footer.confidential")}`,
    cover: {
      title: tr("cover.title"),
      name: file.name,
      statusLabel: tr("cover.status", { status: draft ? tr("cover.draft") : tr("cover.approved") }),
      versionStatement,
      lines: [
        organisation ? tr("cover.preparedFor", { organisation }) : "",
        file.preparedBy ? tr("cover.preparedBy", { name: file.preparedBy }) : "",
        tr("cover.date", { date }),
      ].filter(Boolean),
      confidential: tr("cover.confidential"),
    },
    summary: {
      heading: tr("summary.heading"),
      title,
      decisionLabel: tr("summary.decision"),
      decision: file.description?.trim() || tr("summary.noDecision"),
      headlineLabel:
        comparison && baseline
          ? `${tr("summary.headline")} \u00b7 ${tr("summary.against", { alternative: primary.name, baseline: baseline.name })}`
          : tr("summary.headline"),
      figures,
      chartLabel: tr("summary.cashflow"),
      chart: {
        months: chartRows.map((m) => m.month),
        cumulative,
        paybackMonth,
        paybackLabel:
          paybackMonth === null
            ? null
            : tr("summary.paybackMark", { month: formatNumber(String(paybackMonth), locale, 1) }),
        yTicks: ticks,
      },
      checksLabel: tr("summary.checks"),
      checks: out.checks.map((c) => ({
        status: c.status,
        statusLabel: tr(`summary.${c.status}`),
        message: checkSentence(c, tr, locale),
      })),
      risksLabel: tr("summary.topRisks"),
      risks: risksSorted
        .slice(0, 3)
        .map((r) => `${r.title} (${r.likelihood * r.impact})${r.mitigation ? ` \u2014 ${r.mitigation}` : ""}`),
    },
    options: {
      heading: tr("options.heading"),
      title: optionsTitle,
      table: optionsTable,
      incrementalLabel: tr("options.incremental"),
      incremental,
      note: comparison ? null : tr("options.single"),
      chart: optionsChart,
    },
    costs: {
      heading: tr("costs.heading"),
      title: costsTitle,
      label: tr("costs.byCategory", { unit }),
      table: costTable,
      chart: yearChart(primary, "cost", tr("costs.chart", { scenario: primary.name, unit })),
    },
    benefits: {
      heading: tr("benefits.heading"),
      title: tr("benefits.title", { total: money(primary.totalBenefit), years, pv: money(primary.pvBenefit) }),
      label: tr("benefits.byCategory", { unit }),
      table: tangibleBenefits ? categoryTable(primary, "benefit") : null,
      chart: tangibleBenefits
        ? yearChart(primary, "benefit", tr("benefits.chart", { scenario: primary.name, unit }))
        : null,
      marginNote: marginLines.length
        ? tr("benefits.margin", {
            lines: marginLines.map((b) => `${b.name} ${formatPercent(b.margin!, locale)}`).join("; "),
          })
        : null,
      intangibleLabel: tr("benefits.intangible"),
      intangibles: intangibles.length
        ? {
            header: [tr("appendix.line"), tr("benefits.kpi"), tr("benefits.baseline"), tr("benefits.target")],
            rows: intangibles.map((b) => {
              const k = b.kpi ? kpiByName.get(b.kpi) : undefined;
              const v = (x: string | undefined) =>
                x === undefined
                  ? "\u2013"
                  : `${formatNumber(x, locale, new Decimal(x).decimalPlaces() > 0 ? 1 : 0)}${k?.unit ? ` ${k.unit}` : ""}`;
              return { cells: [b.name, b.kpi ?? "\u2013", v(k?.baseline), v(k?.target)] };
            }),
          }
        : null,
      noneNote: intangibles.length ? null : tr("benefits.noIntangibles"),
      emptyNote: tr("benefits.none"),
    },
    risk: {
      heading: tr("risk.heading"),
      title: risksSorted.length
        ? tr("risk.title", { count: risksSorted.length, top: risksSorted[0]!.title })
        : tr("risk.none"),
      table: risksSorted.length
        ? {
            header: [tr("risk.risk"), tr("risk.score"), tr("risk.owner"), tr("risk.mitigation")],
            rows: risksSorted.map((r) => ({
              cells: [
                r.title,
                `${r.likelihood}\u00d7${r.impact} = ${r.likelihood * r.impact}`,
                r.owner ?? "",
                r.mitigation ?? "",
              ],
            })),
          }
        : null,
      heat: { cells: heat, likelihood: tr("risk.likelihood"), impact: tr("risk.impact"), label: tr("risk.heatmap") },
      tornadoLabel: tr("risk.sensitivity", { percent: formatPercent("0.2", locale, 0) }),
      tornadoLegend: {
        lower: tr("risk.lower", { percent: formatPercent("0.2", locale, 0) }),
        higher: tr("risk.higher", { percent: formatPercent("0.2", locale, 0) }),
        base: tr("risk.base", { npv: money(tor.npv) }),
      },
      tornado: bars,
      base: Number(tor.npv),
      monteCarlo: sim
        ? tr("risk.monteCarlo", {
            iterations: formatNumber(String(sim.iterations), locale),
            seed: sim.seed,
            p10: money(sim.npv.p10),
            p50: money(sim.npv.p50),
            p90: money(sim.npv.p90),
            probability: formatPercent(sim.probabilityNpvPositive, locale),
          })
        : null,
    },
    method: {
      heading: tr("method.heading"),
      title: tr("method.title"),
      paragraphs: [
        tr("method.inputs", {
          rate: formatPercent(file.discountRate, locale),
          months: file.horizonMonths,
          start: file.startMonth,
          currency: cur,
        }),
        tr("method.timing"),
        tr("method.risk"),
        ...financeParts.method,
      ],
      formulasLabel: tr("method.formulas"),
      formulas: FORMULAS,
      assumptionsLabel: tr("method.assumptions"),
      // Each assumption with where it comes from and who answers for it (the assumption register).
      assumptions: file.assumptions.map((a) => ({
        title: a.title,
        text: a.text ?? "",
        meta: [
          a.source ? tr("method.source", { source: a.source }) : "",
          a.owner ? tr("method.owner", { owner: a.owner }) : "",
          a.confidence ? tr("method.confidence", { level: tr(`method.levels.${a.confidence}`) }) : "",
        ]
          .filter(Boolean)
          .join(" · "),
      })),
    },
    discussion: options.discussion?.length ? { heading: tr("method.discussion"), threads: options.discussion } : null,
    appendix: { heading: tr("appendix.heading"), sections: appendixSections },
    approval: {
      heading: tr("approval.heading"),
      text: tr("approval.text"),
      columns: [tr("approval.name"), tr("approval.role"), tr("approval.date"), tr("approval.signature")],
    },
    labels: { page: (page, total) => tr("footer.page", { page, total }), draft: tr("cover.draft") },
    realisation: buildRealisationSection(file, out, locale, tr),
    finance: financeParts.page,
    switching: financeParts.switching,
  };
}
