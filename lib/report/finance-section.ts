// The board report's tax, optimism-bias and switching-value content (docs/tax-and-inflation.md):
// a page when the case sets tax or optimism bias (the headline's figures before and after tax, each
// beside the optimism-bias-only and unadjusted figures; depreciation and tax by year), the switching
// values of the largest lines (always, under the sensitivity), and the methodology's sentences on
// what was used. Pure: formatted strings from the engine's output.
import Decimal from "decimal.js";
import { createTranslator } from "use-intl/core";
import type { CaseFile } from "@/lib/case-file/schema";
import { switchingValues } from "@/lib/finance/goal-seek";
import { headlineResults } from "@/lib/finance/headline";
import { figureText } from "./figure-text";
import type { ComputeOutput, Metrics } from "@/lib/finance/types";
import type { Locale } from "@/lib/i18n/config";
import { formatIrr, formatMoney, formatNumber, formatPercent } from "@/lib/i18n/format";
import en from "@/messages/en/finance.json";
import fr from "@/messages/fr/finance.json";
import nb from "@/messages/nb/finance.json";
import sv from "@/messages/sv/finance.json";
import zh from "@/messages/zh/finance.json";
import type { Table } from "./table";

const CATALOGUES = { en, sv, nb, fr, zh } as const;

export interface FinanceSection {
  heading: string;
  title: string;
  intro: string | null;
  figures: Table;
  taxYearsLabel: string | null;
  taxYears: Table | null;
}

export interface SwitchingSection {
  heading: string;
  intro: string;
  table: Table | null;
}

type Tr = (key: string, values?: Record<string, string | number>) => string;

function translator(locale: Locale): Tr {
  const t = createTranslator({ locale, messages: CATALOGUES[locale] as Record<string, unknown> as never });
  return (key, values) => (t as unknown as Tr)(key, values);
}

export function buildFinanceParts(
  file: CaseFile,
  out: ComputeOutput,
  locale: Locale,
): { page: FinanceSection | null; switching: SwitchingSection; method: string[] } {
  const tr = translator(locale);
  const money = (v: string) => formatMoney(v, out.currency, locale);
  const inMonths = (v: string) => tr("figures.months", { months: formatNumber(v, locale, 1) });
  const { source } = headlineResults(out.scenarios, out.comparisons, file.chosenScenario);
  const paid = file.tax ? tr(file.tax.paid === "monthly" ? "figures.paidMonthly" : "figures.paidAnnual") : "";
  const ob = file.optimismBias;
  const keep = new Decimal(1).minus(ob?.mitigation ?? 0);
  const uplift = (u: string | undefined) => formatPercent(new Decimal(u ?? 0).times(keep).toString(), locale);

  const method: string[] = [];
  if (file.tax) method.push(tr("report.methodTax", { rate: formatPercent(file.tax.rate, locale), paid }));
  if (file.inflation !== undefined || file.priceBasis === "real" || file.discountRateBasis === "real")
    method.push(
      tr("report.methodInflation", {
        prices: tr(file.priceBasis === "real" ? "settings.real" : "settings.nominal"),
        rateBasis: tr(file.discountRateBasis === "real" ? "settings.rateReal" : "settings.rateNominal"),
        inflation: formatPercent(file.inflation ?? "0", locale),
      }),
    );
  if (ob)
    method.push(
      tr("report.methodOptimism", {
        oneTime: uplift(ob.oneTimeCost),
        recurring: uplift(ob.recurringCost),
        delay: ob.benefitDelayMonths ?? 0,
      }),
    );

  const sv = switchingValues(file, { count: 8, output: out });
  const names = Object.fromEntries(file.scenarios.map((s) => [s.key, s.name]));
  const switching: SwitchingSection = {
    heading: tr("switching.heading"),
    intro: tr("switching.intro"),
    table: sv.lines.length
      ? {
          header: [tr("switching.line"), tr("switching.pv"), tr("switching.change"), tr("switching.amount")],
          rows: sv.lines.map((l) => ({
            cells: [
              sv.baseline ? `${l.name} (${names[l.scenario] ?? l.scenario})` : l.name,
              money(l.pv),
              l.change === null
                ? tr("switching.none")
                : `${l.change.startsWith("-") ? "" : "+"}${formatPercent(l.change, locale)}`,
              l.amount === null ? tr("switching.none") : money(l.amount),
            ],
          })),
        }
      : null,
  };

  if (!source.afterTax && !source.optimismBiasAdjusted) return { page: null, switching, method };
  const columns: { label: string; m: Metrics | undefined }[] = [
    { label: `${tr("figures.headline")} · ${tr("figures.beforeTax")}`, m: source },
    ...(source.optimismBiasAdjusted
      ? [{ label: `${tr("figures.optimismBias")} · ${tr("figures.beforeTax")}`, m: source.optimismBiasAdjusted }]
      : []),
    { label: `${tr("figures.unadjusted")} · ${tr("figures.beforeTax")}`, m: source.unadjusted },
    ...(source.afterTax
      ? [
          { label: `${tr("figures.headline")} · ${tr("figures.afterTax")}`, m: source.afterTax as Metrics },
          ...(source.afterTax.optimismBiasAdjusted
            ? [
                {
                  label: `${tr("figures.optimismBias")} · ${tr("figures.afterTax")}`,
                  m: source.afterTax.optimismBiasAdjusted,
                },
              ]
            : []),
          { label: `${tr("figures.unadjusted")} · ${tr("figures.afterTax")}`, m: source.afterTax.unadjusted },
        ]
      : []),
  ];
  const rows: [string, (m: Metrics) => string][] = [
    [tr("figures.npv"), (m) => money(m.npv)],
    // A figure that does not apply says why (lib/report/figure-text.ts).
    [tr("figures.irr"), (m) => figureText(m, "irr", (v) => formatIrr(v, locale), locale)],
    [tr("figures.roi"), (m) => figureText(m, "roi", (v) => formatPercent(v, locale), locale)],
    [tr("figures.payback"), (m) => figureText(m, "paybackMonths", inMonths, locale)],
    [tr("figures.discountedPayback"), (m) => figureText(m, "discountedPaybackMonths", inMonths, locale)],
  ];
  const figures: Table = {
    header: [tr("figures.metric"), ...columns.map((c) => c.label)],
    rows: rows.map(([label, f]) => ({ cells: [label, ...columns.map((c) => (c.m ? f(c.m) : tr("figures.none")))] })),
  };
  const taxYears: Table | null = source.afterTax
    ? {
        header: [tr("report.year"), tr("report.depreciation"), tr("report.taxable"), tr("report.tax")],
        rows: source.afterTax.years.map((y) => ({
          cells: [String(y.year), money(y.depreciation), money(y.taxableEffect), money(y.tax)],
          negative: [false, false, new Decimal(y.taxableEffect).isNeg(), new Decimal(y.tax).isNeg()],
        })),
      }
    : null;
  const title = source.afterTax
    ? `${tr("report.taxHeading")}: ${tr("figures.npv")} ${money(source.afterTax.npv)} (${tr("figures.beforeTax")} ${money(source.npv)})`
    : `${tr("figures.headingNoTax")}: ${tr("figures.npv")} ${money(source.npv)} (${tr("figures.unadjusted")} ${money(source.unadjusted.npv)})`;
  return {
    page: {
      heading: source.afterTax ? tr("report.taxHeading") : tr("figures.headingNoTax"),
      title,
      intro: file.tax ? tr("report.taxIntro", { rate: formatPercent(file.tax.rate, locale), paid }) : null,
      figures,
      taxYearsLabel: taxYears ? tr("report.tax") : null,
      taxYears,
    },
    switching,
    method,
  };
}
