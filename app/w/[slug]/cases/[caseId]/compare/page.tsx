import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CashFlowChart } from "@/components/charts/cash-flow-chart";
import { AlternativePicker } from "@/components/compare/alternative-picker";
import { ScenarioLinesChart } from "@/components/compare/scenario-lines-chart";
import { formatIrr, formatMoney, formatNumber, formatPercent, intlTag } from "@/lib/i18n/format";
import { figureText, proposalTranslator, type FigureMetrics } from "@/lib/report/figure-text";
import { getCompareView } from "@/lib/services/compare-view";

// The baseline ("current CRM") and one alternative side by side, with the incremental figures
// (alternative minus baseline, month by month) the decision rests on. All risk-adjusted.
export default async function CaseComparePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; caseId: string }>;
  searchParams: Promise<{ alt?: string | string[] }>;
}) {
  const [{ slug, caseId }, query] = await Promise.all([params, searchParams]);
  const wanted = Array.isArray(query.alt) ? query.alt[0] : query.alt;
  const { detail, locale, baseline, alternatives, alt, comparison, tco } = await getCompareView(slug, caseId, wanted);
  const t = await getTranslations("scenarios");
  const cur = detail.currency;

  if (!alt || !tco) {
    return (
      <section
        className="rounded-lg border border-gray-200 bg-white p-8 text-center shadow-sm"
        aria-labelledby="compare-empty"
        data-testid="compare-empty"
      >
        <h2 id="compare-empty" className="text-base font-semibold">
          {t("compare.emptyTitle")}
        </h2>
        <p className="mx-auto mt-2 max-w-xl text-sm text-gray-700">{t("compare.emptyText")}</p>
        <Link
          href={`/w/${slug}/cases/${detail.id}/scenarios`}
          className="mt-4 inline-block rounded-md bg-blue-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-blue-800"
        >
          {t("compare.emptyLink")}
        </Link>
      </section>
    );
  }

  const num = (v: string) => formatNumber(v, locale);
  // A figure that does not apply says why (lib/report/figure-text.ts), never a bare "none".
  const pct = (m: FigureMetrics) => figureText(m, "roi", (v) => formatPercent(v, locale), locale);
  const irr = (m: FigureMetrics) => figureText(m, "irr", (v) => formatIrr(v, locale), locale);
  const months = (m: FigureMetrics) =>
    figureText(m, "paybackMonths", (v) => t("compare.paybackMonth", { month: formatNumber(v, locale, 1) }), locale);
  const noComparison = proposalTranslator(locale)("noComparison");
  const years = formatNumber(String(detail.horizonMonths / 12), locale, detail.horizonMonths % 12 ? 1 : 0);
  // In running text a leading minus must not wrap away from its amount: U+2212 does not break.
  const moneyInText = (v: string) => formatMoney(v, cur, locale).replace(/^-/, "\u2212");
  const decision = comparison
    ? t("compare.decision", {
        alternative: alt.name,
        baseline: baseline.name,
        delta: moneyInText(tco.amount),
        direction: tco.more ? t("compare.more") : t("compare.less"),
        years,
        npv: moneyInText(comparison.npv),
        payback:
          comparison.paybackMonths === null
            ? t("compare.noPayback")
            : t("compare.paysBack", { month: formatNumber(comparison.paybackMonths, locale, 1) }),
      })
    : null;

  const rows: { label: string; base: string; alt: string; inc: string; testid: string }[] = [
    {
      label: t("compare.tco"),
      base: num(baseline.totalCost),
      alt: num(alt.totalCost),
      inc: num(tco.delta),
      testid: "tco",
    },
    {
      label: t("compare.npv"),
      base: num(baseline.npv),
      alt: num(alt.npv),
      inc: comparison ? num(comparison.npv) : noComparison,
      testid: "npv",
    },
    {
      label: t("compare.roi"),
      base: pct(baseline),
      alt: pct(alt),
      inc: comparison ? pct(comparison) : noComparison,
      testid: "roi",
    },
    {
      label: t("compare.irr"),
      base: irr(baseline),
      alt: irr(alt),
      inc: comparison ? irr(comparison) : noComparison,
      testid: "irr",
    },
    {
      label: t("compare.payback"),
      base: months(baseline),
      alt: months(alt),
      inc: comparison ? months(comparison) : noComparison,
      testid: "payback",
    },
  ];
  // Tax and optimism bias (docs/tax-and-inflation.md): their rows only when the case sets them.
  const ft = await getTranslations("finance.compare");
  const dash = noComparison;
  if (alt.afterTax && baseline.afterTax) {
    const b = baseline.afterTax;
    const a = alt.afterTax;
    const c = comparison?.afterTax;
    rows.push(
      {
        label: ft("npvAfterTax"),
        base: num(b.npv),
        alt: num(a.npv),
        inc: c ? num(c.npv) : dash,
        testid: "npv-after-tax",
      },
      {
        label: ft("roiAfterTax"),
        base: pct(b),
        alt: pct(a),
        inc: c ? pct(c) : dash,
        testid: "roi-after-tax",
      },
      {
        label: ft("irrAfterTax"),
        base: irr(b),
        alt: irr(a),
        inc: c ? irr(c) : dash,
        testid: "irr-after-tax",
      },
      {
        label: ft("paybackAfterTax"),
        base: months(b),
        alt: months(a),
        inc: c ? months(c) : dash,
        testid: "payback-after-tax",
      },
    );
  }
  if (alt.optimismBiasAdjusted && baseline.optimismBiasAdjusted)
    rows.push({
      label: ft("npvOptimismBias"),
      base: num(baseline.optimismBiasAdjusted.npv),
      alt: num(alt.optimismBiasAdjusted.npv),
      inc: comparison?.optimismBiasAdjusted ? num(comparison.optimismBiasAdjusted.npv) : dash,
      testid: "npv-optimism-bias",
    });
  const baselineLabel = t("compare.baselineColumn", { name: baseline.name });

  return (
    <div className="space-y-5">
      <section className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm" aria-labelledby="compare-heading">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="min-w-0">
            <h2 id="compare-heading" className="text-sm font-semibold">
              {t("compare.heading")}
            </h2>
            <p className="break-words text-xs text-gray-600">{t("compare.baselineIs", { name: baseline.name })}</p>
          </div>
          <AlternativePicker
            label={t("compare.alternative")}
            value={alt.key}
            options={alternatives.map((s) => ({ key: s.key, name: s.name }))}
          />
        </div>
        <p className="mt-3 max-w-4xl text-sm text-gray-700">
          {t("compare.explain", { alternative: alt.name, baseline: baseline.name })}
        </p>
        {decision ? (
          <p
            className="mt-3 rounded-md border border-blue-100 bg-blue-50 px-4 py-3 text-sm text-blue-950"
            data-testid="compare-decision"
          >
            {decision}
          </p>
        ) : null}
        <div className="mt-4 overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="pb-2 text-left text-xs text-gray-600">
              {t("compare.tableCaption", { currency: cur })}
            </caption>
            <thead>
              <tr className="border-b border-gray-200 text-left align-bottom text-gray-600">
                <th scope="col" className="py-2 pr-3 font-medium">
                  {t("compare.figure")}
                </th>
                <th scope="col" className="num max-w-48 break-words py-2 pr-3 font-medium">
                  {baselineLabel}
                </th>
                <th scope="col" className="num max-w-48 break-words py-2 pr-3 font-medium">
                  {alt.name}
                </th>
                <th scope="col" className="num max-w-56 break-words bg-blue-50 px-3 py-2 font-semibold text-blue-950">
                  {t("compare.incremental")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.testid} className="border-b border-gray-100">
                  <th scope="row" className="py-2.5 pr-3 text-left font-medium text-gray-800">
                    {r.label}
                  </th>
                  <td className="num whitespace-nowrap py-2.5 pr-3 text-gray-700">{r.base}</td>
                  <td className="num whitespace-nowrap py-2.5 pr-3 text-gray-900">{r.alt}</td>
                  <td
                    className="num whitespace-nowrap bg-blue-50 px-3 py-2.5 font-semibold text-blue-950"
                    data-testid={`compare-incremental-${r.testid}`}
                  >
                    {r.inc}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <div className="grid gap-5 lg:grid-cols-2">
        {comparison ? (
          <section
            className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm"
            aria-labelledby="incremental-chart-heading"
          >
            <h2 id="incremental-chart-heading" className="mb-2 text-sm font-semibold">
              {t("compare.incrementalChart", { currency: cur })}
            </h2>
            <CashFlowChart
              points={comparison.months.map((m) => ({ month: String(m.month), value: m.cumulative }))}
              label={t("compare.incrementalSeries")}
              locale={intlTag(locale)}
              currency={cur}
            />
          </section>
        ) : null}
        <section
          className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm"
          aria-labelledby="scenarios-chart-heading"
        >
          <h2 id="scenarios-chart-heading" className="mb-2 text-sm font-semibold">
            {t("compare.scenariosChart", { currency: cur })}
          </h2>
          <ScenarioLinesChart
            series={[
              {
                name: baselineLabel,
                points: baseline.months.map((m) => ({ month: String(m.month), value: m.cumulative })),
              },
              { name: alt.name, points: alt.months.map((m) => ({ month: String(m.month), value: m.cumulative })) },
            ]}
            locale={intlTag(locale)}
            currency={cur}
          />
        </section>
      </div>
    </div>
  );
}
