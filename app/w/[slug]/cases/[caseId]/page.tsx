import Decimal from "decimal.js";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { CashFlowChart } from "@/components/charts/cash-flow-chart";
import { CategoryBars } from "@/components/charts/category-bars";
import { YearlyChart } from "@/components/charts/yearly-chart";
import { requireUser } from "@/lib/auth/session";
import { isUuid } from "@/lib/db/access";
import { AppError } from "@/lib/errors";
import { formatCaseMonth, formatMoney, formatNumber, formatPercent, intlTag } from "@/lib/i18n/format";
import { checkSentence } from "@/lib/report/check-sentence";
import { getCaseOverview } from "@/lib/services/case-overview";
import { listWorkspacesForUser } from "@/lib/db/workspaces";
import { LinesEditor } from "@/components/cases/lines-editor";

export default async function CaseOverviewPage({ params }: { params: Promise<{ slug: string; caseId: string }> }) {
  const { slug, caseId } = await params;
  const user = await requireUser(`/w/${encodeURIComponent(slug)}/cases/${encodeURIComponent(caseId)}`);
  if (!isUuid(caseId)) notFound();
  const overview = await getCaseOverview({ kind: "user", userId: user.id }, caseId).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const t = await getTranslations("case");
  const rt = await getTranslations("report");
  const locale = await getLocale();
  const { detail, output } = overview;
  const cur = detail.currency;
  const money = (v: string) => formatMoney(v, cur, locale);
  const pct = (v: string | null) => (v === null ? t("none") : formatPercent(v, locale));
  const months = (v: string | null) => (v === null ? t("notWithin") : t("paybackMonth", { month: formatNumber(v, locale, 1) }));

  const primary = output.scenarios.find((s) => !s.baseline) ?? output.scenarios[0]!;
  const comparison = output.comparisons.find((c) => c.alternative === primary.key) ?? null;
  const baseline = comparison ? output.scenarios.find((s) => s.key === comparison.baseline)! : null;
  const source = comparison ?? primary;
  const figures = [
    { label: t("npv"), value: money(source.npv), raw: money(source.unadjusted.npv), testid: "overview-npv" },
    { label: t("roi"), value: pct(source.roi), raw: pct(source.unadjusted.roi) },
    { label: t("discountedRoi"), value: pct(source.discountedRoi), raw: pct(source.unadjusted.discountedRoi) },
    { label: t("irr"), value: pct(source.irr), raw: pct(source.unadjusted.irr) },
    { label: t("payback"), value: months(source.paybackMonths), raw: months(source.unadjusted.paybackMonths) },
    { label: t("tco"), value: money(primary.totalCost), raw: money(primary.unadjusted.totalCost) },
  ];
  const years = formatNumber(String(detail.horizonMonths / 12), locale, detail.horizonMonths % 12 ? 1 : 0);
  const decision =
    comparison && baseline
      ? t("decision", {
          alternative: primary.name,
          baseline: baseline.name,
          delta: money(new Decimal(primary.totalCost).minus(baseline.totalCost).abs().toString()),
          direction: new Decimal(primary.totalCost).gte(baseline.totalCost) ? t("more") : t("less"),
          years,
          npv: money(comparison.npv),
          payback: months(comparison.paybackMonths),
        })
      : null;
  const rows = (comparison ?? primary).months;
  const cat = (c: string) => {
    const key = `categories.${c}`;
    return rt.has(key) ? rt(key) : c;
  };
  const yearLabel = (y: number) => (y === 0 ? t("initial") : t("year", { year: y }));
  const paybackMonth = source.paybackMonths;
  const role = (await listWorkspacesForUser({ kind: "user", userId: user.id })).find((w) => w.id === detail.workspaceId)?.role ?? "viewer";
  const canEdit = role === "owner" || role === "editor";
  const categoryLabels = Object.fromEntries(
    ["software", "other-licences", "hardware", "integration", "implementation-labour", "support-labour", "planning", "training", "change-management", "other", "revenue", "productivity", "cost-saving", "sales-cost", "retention", "inventory"].map((c) => [c, cat(c)]),
  );
  const recurrenceLabel = { monthly: t("monthly"), quarterly: t("quarterly"), annual: t("annual") } as const;
  const editorLines = detail.lines.map((l) => ({
    id: l.id,
    scenarioId: l.scenarioId,
    kind: l.kind,
    name: l.name,
    category: l.category,
    categoryLabel: l.tangible ? cat(l.category) : `${cat(l.category)} (${t("intangible")})`,
    amountLabel: l.amount !== null ? formatNumber(l.amount, locale, 0) : l.labour ? t("labour", { hours: l.labour.hours, rate: l.labour.rate, people: l.labour.people }) : l.schedule ? t("scheduleLabel") : "\u2013",
    timingLabel:
      l.recurring !== null
        ? t("recurringLabel", { recurrence: recurrenceLabel[l.recurring], start: l.startMonth ?? 1, end: l.endMonth ?? detail.horizonMonths })
        : l.month !== null
          ? t("oneTime", { month: l.month })
          : l.schedule
            ? t("scheduleLabel")
            : "\u2013",
  }));

  return (
    <main className="mx-auto max-w-7xl space-y-6 px-6 py-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <Link href={`/w/${slug}`} className="text-sm text-blue-700 hover:underline">
            ← {t("backToCases")}
          </Link>
          <h1 className="mt-1 break-words text-2xl font-semibold tracking-tight" data-testid="case-name">
            {detail.name}
          </h1>
          <p className="mt-1 text-sm text-gray-600">
            {detail.status === "approved" ? t("approved") : t("draft")} · {t("version", { version: detail.version })}
            {comparison && baseline ? ` · ${t("against", { alternative: primary.name, baseline: baseline.name })}` : ""}
          </p>
        </div>
        <a
          href={`/api/v1/cases/${detail.id}/report.pdf?locale=${locale}`}
          className="rounded-md bg-blue-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-blue-800"
          data-testid="download-report"
        >
          {t("downloadReport")}
        </a>
      </div>

      <section aria-label={t("riskAdjusted")} className="sticky top-0 z-10 grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-gray-200 bg-gray-200 shadow-sm sm:grid-cols-3 lg:grid-cols-6">
        {figures.map((f) => (
          <div key={f.label} className="bg-white px-4 py-3">
            <div className="text-xs font-medium text-gray-600">{f.label}</div>
            <div className="figure mt-0.5 text-left text-lg font-semibold text-gray-900" data-testid={f.testid}>
              {f.value}
            </div>
            <div className="text-xs text-gray-500">
              {t("unadjusted")}: {f.raw}
            </div>
          </div>
        ))}
      </section>
      <p className="text-sm text-gray-700">
        {t("explainNpv", { pvb: money(source.pvBenefit), pvc: money(source.pvCost), rate: formatPercent(output.discountRate, locale) })}
      </p>
      {decision ? <p className="rounded-md border border-blue-100 bg-blue-50 px-4 py-3 text-sm text-blue-950">{decision}</p> : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <section className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm" aria-labelledby="cash-heading">
          <h2 id="cash-heading" className="text-sm font-semibold">
            {t("cashflow", { currency: cur })}
          </h2>
          <p className="mb-2 text-xs text-gray-600">
            {paybackMonth === null
              ? t("noPayback")
              : t("paybackAt", { month: formatNumber(paybackMonth, locale, 1), date: formatCaseMonth(detail.startMonth, Math.ceil(Number(paybackMonth)), locale) })}
          </p>
          <CashFlowChart points={rows.map((r) => ({ month: String(r.month), value: r.cumulative }))} label={t("cumulative")} locale={intlTag(locale)} currency={cur} />
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
            items={primary.categories.filter((c) => c.kind === "cost").map((c) => ({ name: cat(c.category), value: c.total }))}
            locale={intlTag(locale)}
            currency={cur}
            color="amber"
          />
        </section>
        <section className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm" aria-labelledby="benefit-cat-heading">
          <h2 id="benefit-cat-heading" className="mb-3 text-sm font-semibold">
            {t("benefitsByCategory", { currency: cur })}
          </h2>
          <CategoryBars
            items={primary.categories.filter((c) => c.kind === "benefit").map((c) => ({ name: cat(c.category), value: c.total }))}
            locale={intlTag(locale)}
            currency={cur}
            color="teal"
          />
        </section>
      </div>

      <section className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm" aria-labelledby="checks-heading">
        <h2 id="checks-heading" className="mb-3 text-sm font-semibold">
          {t("checks")}
        </h2>
        <ul className="space-y-1.5 text-sm">
          {output.checks.map((c) => (
            <li key={c.id} className="flex gap-3">
              <span className={`w-16 shrink-0 text-xs font-semibold uppercase ${c.status === "pass" ? "text-teal-800" : "text-amber-800"}`}>{rt(`summary.${c.status}`)}</span>
              <span>{checkSentence(c, (k, v) => rt(k as never, v as never), locale)}</span>
            </li>
          ))}
        </ul>
      </section>
      <LinesEditor
        slug={slug}
        caseId={detail.id}
        version={detail.version}
        currency={cur}
        horizon={detail.horizonMonths}
        canEdit={canEdit}
        scenarios={detail.scenarios.map((sc) => ({ id: sc.id, name: sc.name }))}
        lines={editorLines}
        categoryLabels={categoryLabels}
      />
    </main>
  );
}
