import { getTranslations } from "next-intl/server";
import { CurrencyVariance } from "@/components/currencies/currency-variance";
import { RateTableEditor } from "@/components/currencies/rate-table-editor";
import { ActualsGrid } from "@/components/realisation/actuals-grid";
import { KpiActuals } from "@/components/realisation/kpi-actuals";
import { CumulativeChart, QuarterChart } from "@/components/realisation/realisation-charts";
import { RealisationSettings } from "@/components/realisation/realisation-settings";
import { formatCaseMonth } from "@/lib/i18n/format";
import { checkSentence } from "@/lib/report/check-sentence";
import { loadCasePage } from "@/lib/services/case-page";
import { buildRealisationView } from "@/lib/services/realisation-view";

const TONE: Record<string, string> = {
  good: "text-teal-800",
  bad: "text-rose-800",
  even: "text-gray-900",
  none: "text-gray-900",
};

// Benefit realisation: did the promised return arrive? Tracking settings, to-date cards, the
// actuals grid, plan vs actual charts, the forecast beside the plan and the KPIs after go-live.
export default async function CaseRealisationPage({ params }: { params: Promise<{ slug: string; caseId: string }> }) {
  const { slug, caseId } = await params;
  const { detail, output, locale, canEdit } = await loadCasePage(slug, caseId);
  const t = await getTranslations("realisation");
  const rt = await getTranslations("report");
  const ct = await getTranslations("currencies");
  const v = buildRealisationView(detail, output, locale);
  const monthLabels = Array.from({ length: v.horizon + 1 }, (_, m) => formatCaseMonth(v.startMonth, m, locale));
  const card = "rounded-lg border border-gray-200 bg-white p-5 shadow-sm";
  return (
    <div className="space-y-5" data-testid="realisation-page">
      <section className={card} aria-labelledby="realisation-heading">
        <h2 id="realisation-heading" className="text-base font-semibold">
          {t("heading")}
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-gray-700">{t("intro")}</p>
        <div className="mt-4">
          <RealisationSettings
            caseId={v.caseId}
            canEdit={canEdit}
            horizon={v.horizon}
            monthLabels={monthLabels}
            settings={v.settings}
          />
        </div>
        {!v.active ? (
          <p
            className="mt-4 rounded-md bg-gray-50 px-3 py-2 text-sm text-gray-800"
            data-testid="realisation-not-started"
          >
            {t("notStarted")}
          </p>
        ) : null}
      </section>

      {v.active ? (
        <>
          <section
            aria-label={t("cards.through", { month: v.settings.actualsThrough ?? 0 })}
            className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4"
          >
            {v.cards.map((c) => (
              <div key={c.id} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
                <p className="text-xs text-gray-600">{t(`cards.${c.label}`)}</p>
                <p
                  className={`mt-1 text-xl font-semibold tabular-nums ${TONE[c.tone]}`}
                  data-testid={`realisation-${c.id}`}
                >
                  {c.id === "realised-roi" && c.value === "" ? t("cards.roiNone") : c.value}
                </p>
                <p className="mt-0.5 text-xs text-gray-600">
                  {c.id === "variance" && c.detail
                    ? t("cards.benefitShare", { share: c.detail })
                    : c.id === "realised-roi"
                      ? c.value === ""
                        ? t("cards.roiNoCost")
                        : t("cards.roiFormula")
                      : c.detail}
                </p>
              </div>
            ))}
          </section>

          <section className={card} aria-labelledby="actuals-heading">
            <h2 id="actuals-heading" className="mb-2 text-sm font-semibold">
              {t("grid.heading")}
            </h2>
            <ActualsGrid caseId={v.caseId} canEdit={canEdit} locale={locale} months={v.months} rows={v.rows} />
          </section>

          {v.actualRates || v.currencyVariance ? (
            <div className="grid gap-5 lg:grid-cols-2">
              {v.actualRates ? (
                <section className={card} aria-labelledby="actual-rates-heading">
                  <h2 id="actual-rates-heading" className="text-sm font-semibold">
                    {ct("realisation.heading")}
                  </h2>
                  <p className="mt-1 mb-3 text-xs text-gray-600">{ct("realisation.intro")}</p>
                  <RateTableEditor
                    key={v.actualRates.text}
                    mode="actual"
                    caseId={v.caseId}
                    version={detail.version}
                    canEdit={canEdit}
                    locale={locale}
                    currency={v.currency}
                    initialText={v.actualRates.text}
                    rows={v.actualRates.rows}
                  />
                </section>
              ) : null}
              {v.currencyVariance ? (
                <section className={card} aria-labelledby="currency-variance-heading">
                  <h2 id="currency-variance-heading" className="mb-2 text-sm font-semibold">
                    {ct("variance.heading")}
                  </h2>
                  <CurrencyVariance view={v.currencyVariance} />
                </section>
              ) : null}
            </div>
          ) : null}

          <div className="grid gap-5 lg:grid-cols-2">
            <section className={card} aria-labelledby="quarters-heading">
              <h2 id="quarters-heading" className="mb-3 text-sm font-semibold">
                {t("charts.quarters", { currency: v.currency })}
              </h2>
              <QuarterChart
                rows={v.quarters}
                labels={{
                  planBenefit: t("charts.planBenefit"),
                  actualBenefit: t("charts.actualBenefit"),
                  planCost: t("charts.planCost"),
                  actualCost: t("charts.actualCost"),
                }}
                locale={locale}
                currency={v.currency}
              />
            </section>
            <section className={card} aria-labelledby="cumulative-heading">
              <h2 id="cumulative-heading" className="mb-3 text-sm font-semibold">
                {t("charts.cumulative", { currency: v.currency })}
              </h2>
              <CumulativeChart
                points={v.cumulative}
                planLabel={t("charts.plan")}
                forecastLabel={t("charts.forecast")}
                locale={locale}
                currency={v.currency}
              />
            </section>
          </div>

          <div className="grid gap-5 lg:grid-cols-2">
            <section className={card} aria-labelledby="forecast-heading">
              <h2 id="forecast-heading" className="text-sm font-semibold">
                {t("forecast.heading")}
              </h2>
              {v.forecastAgainst ? (
                <p className="text-xs text-gray-600">{t("forecast.against", { baseline: v.forecastAgainst })}</p>
              ) : null}
              <table className="mt-3 w-full text-sm" data-testid="forecast-table">
                <thead>
                  <tr className="text-xs text-gray-700">
                    <th scope="col" className="py-1 text-left font-semibold">
                      {t("forecast.metric")}
                    </th>
                    <th scope="col" className="py-1 text-right font-semibold">
                      {t("forecast.plan")}
                    </th>
                    <th scope="col" className="py-1 text-right font-semibold">
                      {t("forecast.forecast")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {v.forecast.map((f) => (
                    <tr key={f.metric} className="border-t border-gray-100">
                      <th scope="row" className="py-1.5 text-left font-normal">
                        {t(`forecast.${f.metric}`)}
                      </th>
                      <td className="py-1.5 text-right tabular-nums">{f.plan}</td>
                      <td
                        className={`py-1.5 text-right font-medium tabular-nums ${TONE[f.tone]}`}
                        data-testid={`forecast-${f.metric}`}
                      >
                        {f.forecast}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section className={card} aria-labelledby="unrecorded-heading">
              <h2 id="unrecorded-heading" className="text-sm font-semibold">
                {t("unrecorded.heading")}
              </h2>
              {v.unrecorded.length ? (
                <>
                  <p className="mt-1 text-sm text-gray-700">{t("unrecorded.text")}</p>
                  <ul className="mt-2 list-disc pl-5 text-sm text-amber-900" data-testid="unrecorded-lines">
                    {v.unrecorded.map((n) => (
                      <li key={n}>{n}</li>
                    ))}
                  </ul>
                </>
              ) : (
                <p className="mt-1 text-sm text-teal-800">{t("unrecorded.none")}</p>
              )}
              {v.checks.length ? (
                <>
                  <h3 className="mt-4 text-sm font-semibold">{t("checks")}</h3>
                  <ul className="mt-1 space-y-1 text-sm" data-testid="realisation-checks">
                    {v.checks.map((c) => (
                      <li key={c.id} className="flex gap-3">
                        <span
                          className={`w-16 shrink-0 text-xs font-semibold uppercase ${c.status === "pass" ? "text-teal-800" : "text-amber-800"}`}
                        >
                          {rt(`summary.${c.status}`)}
                        </span>
                        <span>{checkSentence(c, (k, val) => rt(k as never, val as never), locale)}</span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </section>
          </div>
        </>
      ) : null}

      <section aria-labelledby="kpi-realisation-heading" className="space-y-3">
        <h2 id="kpi-realisation-heading" className="text-sm font-semibold">
          {t("kpis.heading")}
        </h2>
        <p className="text-xs text-gray-600">{t("kpis.help")}</p>
        {v.kpis.length ? (
          <div className="grid gap-4 lg:grid-cols-2">
            {v.kpis.map((k) => (
              <KpiActuals
                key={`${k.kpiId}:${k.values.map((x) => `${x.month}=${x.value}`).join(",")}`}
                kpi={k}
                canEdit={canEdit}
                locale={locale}
              />
            ))}
          </div>
        ) : (
          <p className="text-sm text-gray-700">{t("kpis.none")}</p>
        )}
      </section>
    </div>
  );
}
