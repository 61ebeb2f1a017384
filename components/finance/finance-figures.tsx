"use client";
// The overview's figures before and after tax, with optimism bias beside the headline and the
// unadjusted figures (docs/tax-and-inflation.md). From the live case model, like the headline: a
// change moves them without a page render. Shown only when the case sets tax or optimism bias.
import Decimal from "decimal.js";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { headlineResults } from "@/lib/finance/headline";
import type { Metrics } from "@/lib/finance/types";
import { formatIrr, formatMoney, formatNumber, formatPercent } from "@/lib/i18n/format";
import { figureText } from "@/lib/report/figure-text";
import { useCaseModel } from "@/components/live/case-model";

type Basis = "before" | "after";

export function FinanceFigures({ locale }: { locale: string }) {
  const t = useTranslations("finance.figures");
  const model = useCaseModel();
  const [basis, setBasis] = useState<Basis>("after");
  if (!model) return null;
  const { output, file } = model;
  const { source } = headlineResults(output.scenarios, output.comparisons, file.chosenScenario);
  if (!source.afterTax && !source.optimismBiasAdjusted) return null;
  const taxed = Boolean(source.afterTax);
  const shown: Basis = taxed ? basis : "before";
  const columns: { key: string; label: string; m: Metrics | undefined }[] =
    shown === "after"
      ? [
          { key: "headline", label: t("headline"), m: source.afterTax },
          ...(source.afterTax?.optimismBiasAdjusted
            ? [{ key: "optimism", label: t("optimismBias"), m: source.afterTax.optimismBiasAdjusted }]
            : []),
          { key: "unadjusted", label: t("unadjusted"), m: source.afterTax?.unadjusted },
        ]
      : [
          { key: "headline", label: t("headline"), m: source },
          ...(source.optimismBiasAdjusted
            ? [{ key: "optimism", label: t("optimismBias"), m: source.optimismBiasAdjusted }]
            : []),
          { key: "unadjusted", label: t("unadjusted"), m: source.unadjusted },
        ];
  const money = (v: string) => formatMoney(v, output.currency, locale);
  const months = (v: string) => t("months", { months: formatNumber(v, locale, 1) });
  const irr = (v: string) => formatIrr(v, locale);
  const pct = (v: string) => formatPercent(v, locale);
  // A figure that does not apply says why (lib/report/figure-text.ts).
  const rows: { key: string; label: string; value: (m: Metrics) => string }[] = [
    { key: "npv", label: t("npv"), value: (m) => money(m.npv) },
    { key: "irr", label: t("irr"), value: (m) => figureText(m, "irr", irr, locale) },
    { key: "roi", label: t("roi"), value: (m) => figureText(m, "roi", pct, locale) },
    { key: "payback", label: t("payback"), value: (m) => figureText(m, "paybackMonths", months, locale) },
    {
      key: "discountedPayback",
      label: t("discountedPayback"),
      value: (m) => figureText(m, "discountedPaybackMonths", months, locale),
    },
  ];
  const ob = file.optimismBias;
  const keep = new Decimal(1).minus(ob?.mitigation ?? 0);
  const uplift = (u: string | undefined) => formatPercent(new Decimal(u ?? 0).times(keep).toString(), locale);
  return (
    <section
      className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm"
      aria-labelledby="finance-figures-heading"
      data-testid="finance-figures"
      data-basis={shown}
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="finance-figures-heading" className="text-sm font-semibold">
          {taxed ? t("heading") : t("headingNoTax")}
        </h2>
        {taxed ? (
          <div role="group" aria-label={t("basis")} className="inline-flex rounded-md border border-gray-300 text-sm">
            {(["before", "after"] as const).map((b) => (
              <button
                key={b}
                type="button"
                aria-pressed={shown === b}
                data-testid={`tax-toggle-${b}`}
                onClick={() => setBasis(b)}
                className={`px-3 py-1.5 first:rounded-l-md last:rounded-r-md ${shown === b ? "bg-blue-700 text-white" : "bg-white text-gray-800 hover:bg-gray-50"}`}
              >
                {b === "before" ? t("beforeTax") : t("afterTax")}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b border-gray-200 text-left text-xs text-gray-600">
              <th scope="col" className="py-1.5 pr-4 font-medium">
                {t("metric")}
              </th>
              {columns.map((c) => (
                <th key={c.key} scope="col" className="py-1.5 pr-4 text-right font-medium">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className="border-b border-gray-100 last:border-0">
                <th scope="row" className="py-1.5 pr-4 text-left font-normal text-gray-700">
                  {r.label}
                </th>
                {columns.map((c) => (
                  <td
                    key={c.key}
                    className="py-1.5 pr-4 text-right tabular-nums"
                    data-testid={`finance-${r.key}-${c.key}`}
                  >
                    {c.m ? r.value(c.m) : t("none")}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-3 space-y-1 text-xs text-gray-600">
        {file.tax ? (
          <p>
            {t("taxNote", {
              rate: formatPercent(file.tax.rate, locale),
              paid: file.tax.paid === "monthly" ? t("paidMonthly") : t("paidAnnual"),
            })}
          </p>
        ) : null}
        {ob ? (
          <p>
            {t("obNote", {
              oneTime: uplift(ob.oneTimeCost),
              recurring: uplift(ob.recurringCost),
              delay: ob.benefitDelayMonths ?? 0,
            })}
          </p>
        ) : null}
      </div>
    </section>
  );
}
