"use client";
// The case's headline figures (risk-adjusted, unadjusted beside) and what each means, from the
// live case model: they follow an edit in the frame the cell shows it, and the server's figures
// replace them when it answers. data-state on every figure says which they are (confirmed,
// local or pending); pending figures are dimmed until the browser's compute arrives.
import { useTranslations } from "next-intl";
import { headlineResults } from "@/lib/finance/headline";
import { formatCaseMonth, formatIrr, formatMoney, formatNumber, formatPercent } from "@/lib/i18n/format";
import { figureText } from "@/lib/report/figure-text";
import { NpvChange } from "@/components/cases/npv-change";
import { useCaseModel } from "./case-model";

export function LiveHeadline({ locale }: { locale: string }) {
  const t = useTranslations("case");
  const model = useCaseModel();
  if (!model) return null;
  const { output, file, state } = model;
  const cur = output.currency;
  const money = (v: string) => formatMoney(v, cur, locale);
  // A figure that does not apply says why (lib/report/figure-text.ts), never a bare "none".
  const pct = (v: string) => formatPercent(v, locale);
  const irr = (v: string) => formatIrr(v, locale);
  // "month 14.6 (Mar 2028)": the month as the case counts it, and as a date from its start month.
  const months = (v: string) =>
    t("paybackMonthDate", {
      month: formatNumber(v, locale, 1),
      date: formatCaseMonth(file.startMonth, Math.ceil(Number(v)), locale),
    });
  const { primary, comparison, baseline, source } = headlineResults(
    output.scenarios,
    output.comparisons,
    file.chosenScenario,
  );
  const figures = [
    { label: t("npv"), value: money(source.npv), raw: money(source.unadjusted.npv), testid: "overview-npv" },
    {
      label: t("roi"),
      value: figureText(source, "roi", pct, locale),
      raw: figureText(source.unadjusted, "roi", pct, locale),
      testid: "overview-roi",
    },
    {
      label: t("discountedRoi"),
      value: figureText(source, "discountedRoi", pct, locale),
      raw: figureText(source.unadjusted, "discountedRoi", pct, locale),
      testid: "overview-droi",
    },
    {
      label: t("irr"),
      value: figureText(source, "irr", irr, locale),
      raw: figureText(source.unadjusted, "irr", irr, locale),
      testid: "overview-irr",
    },
    {
      label: t("payback"),
      value: figureText(source, "paybackMonths", months, locale),
      raw: figureText(source.unadjusted, "paybackMonths", months, locale),
      testid: "overview-payback",
    },
    {
      label: t("tco"),
      value: money(primary.totalCost),
      raw: money(primary.unadjusted.totalCost),
      testid: "overview-tco",
    },
  ];
  // Every headline figure with its formula and its inputs (docs/finance.md#metrics-of-a-scenario), on demand.
  const explanations = [
    {
      term: t("npv"),
      text: t("explainNpv", {
        pvb: money(source.pvBenefit),
        pvc: money(source.pvCost),
        rate: formatPercent(output.discountRate, locale),
      }),
    },
    {
      term: t("roi"),
      text: t("explain.roi", {
        benefit: money(source.totalBenefit),
        cost: money(source.totalCost),
        roi: figureText(source, "roi", pct, locale),
      }),
    },
    {
      term: t("discountedRoi"),
      text: t("explain.discountedRoi", {
        npv: money(source.npv),
        pvc: money(source.pvCost),
        value: figureText(source, "discountedRoi", pct, locale),
      }),
    },
    { term: t("irr"), text: t("explain.irr") },
    { term: t("payback"), text: t("explain.payback") },
    {
      term: t("tco"),
      text: t("explain.tco", {
        scenario: primary.name,
        oneTime: money(primary.oneTimeCost),
        recurring: money(primary.recurringCost),
      }),
    },
  ];
  return (
    <>
      <section
        aria-label={t("riskAdjusted")}
        aria-busy={state === "pending"}
        data-state={state}
        className="sticky top-0 z-10 grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-gray-200 bg-gray-200 shadow-sm sm:grid-cols-3 lg:grid-cols-6"
      >
        {figures.map((f) => (
          <div key={f.label} className="bg-white px-4 py-3">
            <div className="text-xs font-medium text-gray-600">{f.label}</div>
            <div
              className={`figure mt-0.5 text-left text-lg font-semibold ${state === "pending" ? "text-gray-500" : "text-gray-900"}`}
              data-testid={f.testid}
              data-state={state}
              data-version={model.version}
            >
              {f.value}
            </div>
            <div className="text-xs text-gray-600">
              {t("unadjusted")}: {f.raw}
            </div>
          </div>
        ))}
      </section>
      <details
        className="no-print -mt-3 rounded-md border border-gray-200 bg-white px-4 py-2 text-sm"
        data-testid="figures-explained"
      >
        <summary className="cursor-pointer text-xs font-medium text-gray-700">{t("explain.summary")}</summary>
        <dl className="mt-2 grid gap-x-6 gap-y-1.5 text-gray-800 md:grid-cols-2">
          {explanations.map((e) => (
            <div key={e.term}>
              <dt className="inline font-medium">{e.term}: </dt>
              <dd className="inline">{e.text}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-2 text-xs text-gray-600">
          {comparison && baseline
            ? t("explain.incremental", { alternative: primary.name, baseline: baseline.name })
            : t("explain.single", { scenario: primary.name })}
        </p>
      </details>
    </>
  );
}

// The header's version, the pair the figures compare and what the last change did to the NPV,
// from the live case model (the version the server confirmed).
export function LiveCaseMeta({ caseId, locale }: { caseId: string; locale: string }) {
  const t = useTranslations("case");
  const model = useCaseModel();
  if (!model) return null;
  const { primary, comparison, baseline } = headlineResults(
    model.output.scenarios,
    model.output.comparisons,
    model.file.chosenScenario,
  );
  // What the last change did: the server's figures of one version against the previous one's
  // (never a figure the browser computed for edits still on their way).
  const confirmedNpv = headlineResults(
    model.confirmedOutput.scenarios,
    model.confirmedOutput.comparisons,
    model.file.chosenScenario,
  ).source.npv;
  return (
    <>
      <span data-testid="case-version">{t("version", { version: model.version })}</span>
      {comparison && baseline ? ` · ${t("against", { alternative: primary.name, baseline: baseline.name })}` : ""}
      <NpvChange
        caseId={caseId}
        version={model.version}
        npv={confirmedNpv}
        currency={model.output.currency}
        locale={locale}
      />
    </>
  );
}

// Draft or approved, as the live case model knows it: a plan change puts an approved case back to
// draft, and the badge says so when the server confirms the change.
export function LiveCaseStatus({ initial }: { initial: "draft" | "approved" }) {
  const t = useTranslations("case");
  const model = useCaseModel();
  const status = model?.file.status ?? initial;
  return (
    <span
      data-testid="case-status"
      className={`rounded px-1.5 py-0.5 text-xs font-semibold ${status === "approved" ? "bg-teal-50 text-teal-900" : "bg-amber-50 text-amber-900"}`}
    >
      {status === "approved" ? t("approved") : t("draft")}
    </span>
  );
}
