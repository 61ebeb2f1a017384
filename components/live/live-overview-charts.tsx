"use client";
// The overview's four charts (cumulative cash flow with the payback point, costs and benefits by
// year, costs and benefits by category) from the live case model, so a change that reaches the
// model (an edit, a live event from someone else) redraws them without re-rendering the page.
import { useTranslations } from "next-intl";
import { CashFlowChart } from "@/components/charts/cash-flow-chart";
import { CategoryBars } from "@/components/charts/category-bars";
import { YearlyChart } from "@/components/charts/yearly-chart";
import { headlineResults } from "@/lib/finance/headline";
import { formatCaseMonth, formatMoney, formatNumber, intlTag } from "@/lib/i18n/format";
import { useCaseModel } from "./case-model";

export function LiveOverviewCharts({
  locale,
  categoryLabels,
}: {
  locale: string;
  categoryLabels: Record<string, string>;
}) {
  const t = useTranslations("case");
  const model = useCaseModel();
  if (!model) return null;
  const { output, file } = model;
  const cur = output.currency;
  const money = (v: string) => formatMoney(v, cur, locale);
  const { primary, comparison, source } = headlineResults(output.scenarios, output.comparisons, file.chosenScenario);
  const rows = (comparison ?? primary).months;
  const cat = (c: string) => categoryLabels[c] ?? c;
  const yearLabel = (y: number) => (y === 0 ? t("initial") : t("year", { year: y }));
  const paybackMonth = source.paybackMonths;
  return (
    <div className="grid gap-6 lg:grid-cols-2" data-state={model.state}>
      <section className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm" aria-labelledby="cash-heading">
        <h2 id="cash-heading" className="text-sm font-semibold">
          {t("cashflow", { currency: cur })}
        </h2>
        <p className="mb-2 text-xs text-gray-600">
          {paybackMonth === null
            ? t("noPayback")
            : t("paybackAt", {
                month: formatNumber(paybackMonth, locale, 1),
                date: formatCaseMonth(file.startMonth, Math.ceil(Number(paybackMonth)), locale),
              })}
        </p>
        <CashFlowChart
          points={rows.map((r) => ({ month: String(r.month), value: r.cumulative }))}
          label={t("cumulative")}
          locale={intlTag(locale)}
          currency={cur}
          payback={paybackMonth === null ? null : { month: Number(paybackMonth), label: t("paybackPoint") }}
        />
      </section>
      <section className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm" aria-labelledby="year-heading">
        <h2 id="year-heading" className="mb-2 text-sm font-semibold">
          {t("byYear", { currency: cur })}
        </h2>
        <YearlyChart
          rows={primary.years.map((y) => ({ year: yearLabel(y.year), cost: y.cost, benefit: y.benefit }))}
          costLabel={t("costs")}
          benefitLabel={t("benefits")}
          locale={intlTag(locale)}
          currency={cur}
        />
      </section>
      <section className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm" aria-labelledby="cost-cat-heading">
        <h2 id="cost-cat-heading" className="mb-1 text-sm font-semibold">
          {t("costsByCategory", { currency: cur })}
        </h2>
        <p className="mb-3 text-xs text-gray-600">
          {t("it")} {money(primary.itCost)} · {t("business")} {money(primary.businessCost)}
        </p>
        <CategoryBars
          items={primary.categories
            .filter((c) => c.kind === "cost")
            .map((c) => ({ name: cat(c.category), value: c.total }))}
          locale={locale}
          currency={cur}
          color="amber"
        />
      </section>
      <section
        className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm"
        aria-labelledby="benefit-cat-heading"
      >
        <h2 id="benefit-cat-heading" className="mb-3 text-sm font-semibold">
          {t("benefitsByCategory", { currency: cur })}
        </h2>
        <CategoryBars
          items={primary.categories
            .filter((c) => c.kind === "benefit")
            .map((c) => ({ name: cat(c.category), value: c.total }))}
          locale={locale}
          currency={cur}
          color="teal"
        />
      </section>
    </div>
  );
}
