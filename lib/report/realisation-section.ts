// The board report's "Benefit realisation" section (docs/features.md#the-board-report),
// when the case has actuals: the title is the conclusion ("16 months in, benefits are 19.7 %
// behind plan; realised ROI -48.7 %"), then plan vs actual to date by quarter, variance by line
// (largest first), the forecast beside the plan (NPV, ROI, payback) and the KPIs before -> after
// -> target. Pure: formatted strings from the engine's output.
import { figureText, reasonText } from "./figure-text";
import Decimal from "decimal.js";
import { createTranslator } from "use-intl/core";
import type { CaseFile } from "@/lib/case-file/schema";
import type { ComputeOutput, Metrics } from "@/lib/finance/types";
import type { Locale } from "@/lib/i18n/config";
import { formatCaseMonth, formatMoney, formatNumber, formatPercent } from "@/lib/i18n/format";
import en from "@/messages/en/realisation.json";
import fr from "@/messages/fr/realisation.json";
import nb from "@/messages/nb/realisation.json";
import sv from "@/messages/sv/realisation.json";
import zh from "@/messages/zh/realisation.json";
import type { Table } from "./table";
import { checkSentence } from "./check-sentence";
import { currencySentence } from "./currency-variance";

const CATALOGUES = { en, sv, nb, fr, zh } as const;

export interface RealisationSection {
  heading: string;
  title: string;
  quartersLabel: string;
  quarters: Table;
  linesLabel: string;
  lines: Table;
  notRecorded: string | null;
  currencyNote: string | null; // the exchange rate's share of the foreign lines' variance
  forecastLabel: string;
  forecast: Table;
  kpisLabel: string;
  kpis: Table | null;
  checks: { status: "pass" | "warn"; message: string }[];
}

// The report's own translator of the "report" namespace (check sentences) comes in as `reportTr`.
export function buildRealisationSection(
  file: CaseFile,
  out: ComputeOutput,
  locale: Locale,
  reportTr: (key: string, values?: Record<string, string | number>) => string,
): RealisationSection | null {
  const r = out.realisation;
  if (!r) return null;
  const t = createTranslator({
    locale,
    messages: CATALOGUES[locale] as Record<string, unknown> as never,
    namespace: "report" as never,
  });
  const tr = (key: string, values?: Record<string, string | number>) =>
    (t as unknown as (k: string, v?: Record<string, string | number>) => string)(key, values);
  const cur = file.currency;
  const money = (v: string) => formatMoney(v, cur, locale);
  const pct = (v: string | null) => (v === null ? "\u2013" : formatPercent(v, locale));
  const neg = (v: string) => new Decimal(v).isNegative() && !new Decimal(v).isZero();
  const big = Math.abs(Number(r.planToDate.cost)) + Math.abs(Number(r.planToDate.benefit)) >= 1_000_000;
  const unit = big ? reportTr("units.thousand", { currency: cur }) : reportTr("units.currency", { currency: cur });
  const amount = (v: string) => formatNumber(big ? new Decimal(v).div(1000).toString() : v, locale, 0);

  // Months since go-live through the last month recorded (the seeds' "twelve months in").
  const months = Math.max(0, r.actualsThrough - r.goLiveMonth);
  const share = r.varianceShare.benefit;
  // No actual cost recorded yet: the realised ROI says why it is missing (docs/proposal.md).
  const roi = r.realisedRoi === null ? reasonText("noCost", locale) : pct(r.realisedRoi);
  const title =
    share === null
      ? tr("titleNoPlan", { months, roi })
      : new Decimal(share).abs().lt("0.005")
        ? tr("titleOn", { months, roi })
        : new Decimal(share).lt(0)
          ? tr("titleBehind", { months, share: formatPercent(new Decimal(share).abs().toString(), locale), roi })
          : tr("titleAhead", { months, share: formatPercent(share, locale), roi });

  const plan = out.scenarios.find((s) => s.key === r.scenario)!;
  const quarterRows: Table["rows"] = [];
  for (let q = 0; q * 3 <= r.actualsThrough || (q === 0 && r.actualsThrough === 0); q++) {
    const from = q === 0 ? 0 : q * 3 + 1;
    const to = Math.min(r.actualsThrough, q * 3 + 3);
    if (from > to) break;
    let pb = new Decimal(0);
    let ab = new Decimal(0);
    let pc = new Decimal(0);
    let ac = new Decimal(0);
    for (let m = from; m <= to; m++) {
      pb = pb.plus(plan.months[m]!.benefit);
      pc = pc.plus(plan.months[m]!.cost);
      ab = ab.plus(r.forecast.months[m]!.benefit);
      ac = ac.plus(r.forecast.months[m]!.cost);
    }
    quarterRows.push({
      cells: [
        `${formatCaseMonth(file.startMonth, from, locale)} \u2013 ${formatCaseMonth(file.startMonth, to, locale)}`,
        amount(pb.toString()),
        amount(ab.toString()),
        amount(pc.toString()),
        amount(ac.toString()),
      ],
    });
  }
  quarterRows.push({
    cells: [
      tr("total"),
      amount(r.planToDate.benefit),
      amount(r.actualToDate.benefit),
      amount(r.planToDate.cost),
      amount(r.actualToDate.cost),
    ],
    bold: true,
  });

  const byVariance = [...r.lines].sort((a, b) => new Decimal(b.variance).abs().cmp(new Decimal(a.variance).abs()));
  const lines: Table = {
    header: [tr("line"), tr("plan"), tr("actual"), tr("variance")],
    rows: byVariance.slice(0, 15).map((l) => ({
      cells: [l.name, amount(l.planToDate), amount(l.actualToDate), amount(l.variance)],
      negative: [
        false,
        false,
        false,
        l.kind === "benefit" ? neg(l.variance) : !neg(l.variance) && !new Decimal(l.variance).isZero(),
      ],
    })),
  };
  const unrecorded = r.lines.filter((l) => !l.recorded && !new Decimal(l.planToDate).isZero()).map((l) => l.name);

  const compared = r.forecastComparison;
  const planMetrics: Metrics = compared
    ? out.comparisons.find((c) => c.alternative === r.scenario && c.baseline === compared.baseline)!
    : plan;
  const forecastMetrics: Metrics = compared ?? r.forecast;
  const payback = (v: string | null) =>
    v === null ? reportTr("metrics.notWithin") : reportTr("metrics.months", { value: formatNumber(v, locale, 1) });
  const forecast: Table = {
    header: [tr("figure"), tr("plan"), tr("forecastColumn")],
    rows: [
      { cells: [reportTr("metrics.npv"), money(planMetrics.npv), money(forecastMetrics.npv)] },
      {
        cells: [
          reportTr("metrics.roi"),
          figureText(planMetrics, "roi", (v) => formatPercent(v, locale), locale),
          figureText(forecastMetrics, "roi", (v) => formatPercent(v, locale), locale),
        ],
      },
      {
        cells: [
          reportTr("metrics.payback"),
          payback(planMetrics.paybackMonths),
          payback(forecastMetrics.paybackMonths),
        ],
      },
    ],
  };

  const num = (v: string | null | undefined) =>
    v === null || v === undefined
      ? "\u2013"
      : formatNumber(v, locale, Math.min(2, Math.max(0, new Decimal(v).decimalPlaces())));
  const kpiRows = r.kpis.filter((k) => k.beforeAverage !== null || k.afterAverage !== null);
  const kpis: Table | null = kpiRows.length
    ? {
        header: [tr("kpi"), tr("before"), tr("after"), tr("target"), tr("progress")],
        rows: kpiRows.map((k) => {
          const def = file.kpis.find((x) => x.id === k.id);
          const unitText = def?.unit ? ` ${def.unit}` : "";
          return {
            cells: [
              k.name,
              num(k.beforeAverage) + unitText,
              num(k.afterAverage) + unitText,
              num(def?.target) + (def?.target ? unitText : ""),
              k.progress === null ? "\u2013" : formatPercent(k.progress, locale, 0),
            ],
            negative: [false, false, k.improved === false, false, false],
          };
        }),
      }
    : null;

  return {
    heading: tr("heading"),
    title,
    quartersLabel: tr("quarters", { unit }),
    quarters: {
      header: [
        tr("quarter"),
        reportCol(tr, "planBenefit"),
        reportCol(tr, "actualBenefit"),
        reportCol(tr, "planCost"),
        reportCol(tr, "actualCost"),
      ],
      rows: quarterRows,
    },
    linesLabel: tr("lines", { unit }),
    lines,
    notRecorded: unrecorded.length ? tr("notRecorded", { names: unrecorded.join(", ") }) : null,
    currencyNote: currencySentence(out, cur, locale),
    forecastLabel: tr("forecast"),
    forecast,
    kpisLabel: tr("kpis"),
    kpis,
    checks: out.checks
      .filter((c) => c.id.startsWith("realisation-"))
      .map((c) => ({ status: c.status, message: checkSentence(c, reportTr, locale) })),
  };
}

function reportCol(
  tr: (key: string) => string,
  key: "planBenefit" | "actualBenefit" | "planCost" | "actualCost",
): string {
  return tr(`columns.${key}`);
}
