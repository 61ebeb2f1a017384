import { getTranslations } from "next-intl/server";
import { LiveOverviewCharts } from "@/components/live/live-overview-charts";
import { ALL_CATEGORIES } from "@/lib/case-file/categories";
import { formatMoney, formatNumber, formatPercent } from "@/lib/i18n/format";
import { checkSentence } from "@/lib/report/check-sentence";
import Link from "next/link";
import { getOverviewView } from "@/lib/services/overview-view";

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

// The case dashboard: what the figures mean, the decision in one sentence, the charts and the
// health checks. The header and headline figures come from the layout; the charts, like them, from
// the live case model (components/live), so they follow a change without a page render.
export default async function CaseOverviewPage({ params }: { params: Promise<{ slug: string; caseId: string }> }) {
  const { slug, caseId } = await params;
  const { detail, output, locale, canEdit, primary, comparison, baseline, source, costDelta } = await getOverviewView(slug, caseId);
  const t = await getTranslations("case");
  const rt = await getTranslations("report");
  const cur = detail.currency;
  const money = (v: string) => formatMoney(v, cur, locale);
  const months = (v: string | null) => (v === null ? t("notWithin") : t("paybackMonth", { month: formatNumber(v, locale, 1) }));

  const years = formatNumber(String(detail.horizonMonths / 12), locale, detail.horizonMonths % 12 ? 1 : 0);
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
  const cat = (c: string) => {
    const key = `categories.${c}`;
    return rt.has(key) ? rt(key) : c;
  };
  const categoryLabels = Object.fromEntries(ALL_CATEGORIES.map((c) => [c, cat(c)]));
  // A case without a single line has no figures to chart yet: say how to start instead.
  if (detail.lines.length === 0) {
    return (
      <section className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center shadow-sm" data-testid="case-empty">
        <h2 className="text-base font-semibold">{t("empty.heading")}</h2>
        <p className="mx-auto mt-2 max-w-2xl text-sm text-gray-700">{t("empty.text")}</p>
        {canEdit ? (
          <Link href={`/w/${slug}/cases/${detail.id}/lines`} className="mt-4 inline-block rounded-md bg-blue-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-blue-800">
            {t("empty.action")}
          </Link>
        ) : (
          <p className="mt-3 text-sm text-gray-600">{t("empty.viewer")}</p>
        )}
      </section>
    );
  }

  return (
    <div className="space-y-6">
      <p className="text-sm text-gray-700">
        {t("explainNpv", { pvb: money(source.pvBenefit), pvc: money(source.pvCost), rate: formatPercent(output.discountRate, locale) })}
      </p>
      {decision ? <p className="rounded-md border border-blue-100 bg-blue-50 px-4 py-3 text-sm text-blue-950">{decision}</p> : null}

      <LiveOverviewCharts locale={locale} categoryLabels={categoryLabels} />

      <section className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm" aria-labelledby="checks-heading">
        <h2 id="checks-heading" className="mb-3 text-sm font-semibold">
          {t("checks")}
        </h2>
        <ul className="space-y-1.5 text-sm">
          {output.checks.map((c) => (
            <li key={c.id} className="flex gap-3">
              <span className={`w-16 shrink-0 text-xs font-semibold uppercase ${c.status === "pass" ? "text-teal-800" : "text-amber-800"}`}>{rt(`summary.${c.status}`)}</span>
              <span>
                {checkSentence(c, (k, v) => rt(k as never, v as never), locale)}
                {c.status === "warn" ? (
                  <>
                    {" "}
                    <Link href={`/w/${slug}/cases/${detail.id}/${CHECK_TAB[c.id] ?? "lines"}`} className="whitespace-nowrap text-blue-700 underline underline-offset-2 hover:text-blue-900" data-testid={`check-link-${c.id}`}>
                      {t(`checkLink.${CHECK_TAB[c.id] ?? "lines"}`)} →
                    </Link>
                  </>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
