"use client";
// The overview's sentences (what NPV is made of, the decision in numbers) and its health checks,
// from the live case model like the headline and the charts: someone else's change (or this
// user's) moves them without a page render.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { headlineResults } from "@/lib/finance/headline";
import { formatMoney, formatNumber, formatPercent } from "@/lib/i18n/format";
import { checkSentence } from "@/lib/report/check-sentence";
import { useCaseModel } from "./case-model";
import { costDifference } from "@/lib/finance/cost-difference";

// Where a warning's cause lives: the lines (amounts, timing, categories), the risks, the KPIs or
// the scenarios.
const CHECK_TAB: Record<string, "lines" | "risks" | "kpis" | "scenarios" | "realisation"> = {
  "benefit-cost-ratio": "lines",
  "payback-12-months": "lines",
  "deployment-6-months": "lines",
  "business-vs-it-costs": "lines",
  "maintenance-share": "lines",
  "intangibles-have-kpis": "kpis",
  "high-risks-mitigated": "risks",
  "baseline-exists": "scenarios",
  "realisation-benefits-on-plan": "realisation",
  "realisation-costs-on-plan": "realisation",
  "realisation-lines-recorded": "realisation",
  "realisation-kpis-improving": "realisation",
};

export function LiveOverviewSummary({ locale }: { locale: string }) {
  const t = useTranslations("case");
  const model = useCaseModel();
  if (!model) return null;
  const { output, file } = model;
  const money = (v: string) => formatMoney(v, output.currency, locale);
  const months = (v: string | null) =>
    v === null ? t("notWithin") : t("paybackMonth", { month: formatNumber(v, locale, 1) });
  const { primary, comparison, baseline, source } = headlineResults(
    output.scenarios,
    output.comparisons,
    file.chosenScenario,
  );
  const years = formatNumber(String(file.horizonMonths / 12), locale, file.horizonMonths % 12 ? 1 : 0);
  const costDelta = comparison && baseline ? costDifference(primary.totalCost, baseline.totalCost) : null;
  const decision =
    comparison && baseline && costDelta
      ? t("decision", {
          alternative: primary.name,
          baseline: baseline.name,
          delta: money(costDelta.amount),
          direction: costDelta.more ? t("more") : t("less"),
          years,
          npv: money(comparison.npv),
          payback: months(comparison.paybackMonths),
        })
      : null;
  return (
    <>
      <p className="text-sm text-gray-700" data-testid="overview-explain" data-version={model.version}>
        {t("explainNpv", {
          pvb: money(source.pvBenefit),
          pvc: money(source.pvCost),
          rate: formatPercent(output.discountRate, locale),
        })}
      </p>
      {decision ? (
        <p
          className="rounded-md border border-blue-100 bg-blue-50 px-4 py-3 text-sm text-blue-950"
          data-testid="overview-decision"
        >
          {decision}
        </p>
      ) : null}
    </>
  );
}

export function LiveChecks({ locale, base }: { locale: string; base: string }) {
  const t = useTranslations("case");
  const rt = useTranslations("report");
  const model = useCaseModel();
  if (!model) return null;
  return (
    <section
      className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm"
      aria-labelledby="checks-heading"
      data-testid="overview-checks"
      data-version={model.version}
    >
      <h2 id="checks-heading" className="mb-3 text-sm font-semibold">
        {t("checks")}
      </h2>
      <ul className="space-y-1.5 text-sm">
        {model.output.checks.map((c) => (
          <li key={c.id} className="flex gap-3">
            <span
              className={`w-16 shrink-0 text-xs font-semibold uppercase ${c.status === "pass" ? "text-teal-800" : "text-amber-800"}`}
            >
              {rt(`summary.${c.status}`)}
            </span>
            <span>
              {checkSentence(c, (k, v) => rt(k as never, v as never), locale)}
              {c.status === "warn" ? (
                <>
                  {" "}
                  <Link
                    href={`${base}/${CHECK_TAB[c.id] ?? "lines"}`}
                    className="whitespace-nowrap text-blue-700 underline underline-offset-2 hover:text-blue-900"
                    data-testid={`check-link-${c.id}`}
                  >
                    {t(`checkLink.${CHECK_TAB[c.id] ?? "lines"}`)} →
                  </Link>
                </>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
