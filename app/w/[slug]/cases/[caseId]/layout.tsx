import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CaseTabs } from "@/components/cases/case-tabs";
import { NpvChange } from "@/components/cases/npv-change";
import { LiveCase } from "@/components/live/live-case";
import { LiveNpv } from "@/components/live/live-npv";
import { formatCaseMonth, formatIrr, formatMoney, formatNumber, formatPercent } from "@/lib/i18n/format";
import { ApprovalLine } from "@/components/versions/approval-line";
import { LiveOnly } from "@/components/versions/live-only";
import { headlinePair, loadCasePage } from "@/lib/services/case-page";
import { getApprovalHeader } from "@/lib/services/versions-view";
import { visitMark } from "@/lib/services/history-view";

// The frame of every case page: name, status and version, the report download, the tabs and the
// headline figures (risk-adjusted, unadjusted beside). It is a server component, so after any
// change router.refresh() brings the recomputed figures here without a page reload.
export default async function CaseLayout({ children, params }: { children: React.ReactNode; params: Promise<{ slug: string; caseId: string }> }) {
  const { slug, caseId } = await params;
  const { detail, output, locale, actor, user } = await loadCasePage(slug, caseId);
  // Records this visit (History marks what changed since the previous one).
  await visitMark(user.id, detail.id);
  const t = await getTranslations("case");
  const vt = await getTranslations("versions");
  const ct = await getTranslations("collab");
  const approval = await getApprovalHeader(actor, caseId);
  const cur = detail.currency;
  const money = (v: string) => formatMoney(v, cur, locale);
  const pct = (v: string | null) => (v === null ? t("none") : formatPercent(v, locale));
  const irr = (v: string | null) => (v === null ? t("none") : formatIrr(v, locale));
  // "month 14.6 (Mar 2028)": the month as the case counts it, and as a date from its start month.
  const months = (v: string | null) =>
    v === null ? t("notWithin") : t("paybackMonthDate", { month: formatNumber(v, locale, 1), date: formatCaseMonth(detail.startMonth, Math.ceil(Number(v)), locale) });
  const { primary, comparison, baseline, source } = headlinePair(output);
  const figures = [
    { label: t("npv"), value: money(source.npv), raw: money(source.unadjusted.npv), testid: "overview-npv" },
    { label: t("roi"), value: pct(source.roi), raw: pct(source.unadjusted.roi), testid: "overview-roi" },
    { label: t("discountedRoi"), value: pct(source.discountedRoi), raw: pct(source.unadjusted.discountedRoi), testid: "overview-droi" },
    { label: t("irr"), value: irr(source.irr), raw: irr(source.unadjusted.irr), testid: "overview-irr" },
    { label: t("payback"), value: months(source.paybackMonths), raw: months(source.unadjusted.paybackMonths), testid: "overview-payback" },
    { label: t("tco"), value: money(primary.totalCost), raw: money(primary.unadjusted.totalCost), testid: "overview-tco" },
  ];
  // Every headline figure with its formula and its inputs (finance.md), on demand.
  const explanations = [
    { term: t("npv"), text: t("explainNpv", { pvb: money(source.pvBenefit), pvc: money(source.pvCost), rate: formatPercent(output.discountRate, locale) }) },
    { term: t("roi"), text: t("explain.roi", { benefit: money(source.totalBenefit), cost: money(source.totalCost), roi: pct(source.roi) }) },
    { term: t("discountedRoi"), text: t("explain.discountedRoi", { npv: money(source.npv), pvc: money(source.pvCost), value: pct(source.discountedRoi) }) },
    { term: t("irr"), text: t("explain.irr") },
    { term: t("payback"), text: t("explain.payback") },
    { term: t("tco"), text: t("explain.tco", { scenario: primary.name, oneTime: money(primary.oneTimeCost), recurring: money(primary.recurringCost) }) },
  ];
  const base = `/w/${slug}/cases/${detail.id}`;
  const tabs = [
    { segment: "", label: t("tabs.overview") },
    { segment: "lines", label: t("tabs.lines") },
    { segment: "risks", label: t("tabs.risks") },
    { segment: "kpis", label: t("tabs.kpis") },
    { segment: "assumptions", label: ct("tabs.assumptions") },
    { segment: "scenarios", label: t("tabs.scenarios") },
    { segment: "compare", label: t("tabs.compare") },
    { segment: "uncertainty", label: t("tabs.uncertainty") },
    { segment: "realisation", label: t("tabs.realisation") },
    { segment: "versions", label: vt("tab") },
    { segment: "comments", label: ct("tabs.comments") },
    { segment: "history", label: ct("tabs.history") },
    { segment: "settings", label: t("tabs.settings") },
  ];
  const tabLabels = Object.fromEntries(tabs.map((tab) => [tab.segment, tab.label]));
  return (
    <main className="mx-auto max-w-7xl space-y-5 px-6 py-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <Link href={`/w/${slug}`} prefetch={false} className="no-print text-sm text-blue-700 hover:underline">
            ← {t("backToCases")}
          </Link>
          <h1 className="mt-1 break-words text-2xl font-semibold tracking-tight" data-testid="case-name">
            {detail.name}
          </h1>
          <p className="mt-1 text-sm text-gray-600">
            <span
              data-testid="case-status"
              className={`rounded px-1.5 py-0.5 text-xs font-semibold ${detail.status === "approved" ? "bg-teal-50 text-teal-900" : "bg-amber-50 text-amber-900"}`}
            >
              {detail.status === "approved" ? t("approved") : t("draft")}
            </span>
            {detail.archivedAt ? <span className="ml-1.5 rounded bg-gray-100 px-1.5 py-0.5 text-xs font-semibold text-gray-800">{t("archivedBadge")}</span> : null} · <span data-testid="case-version">{t("version", { version: detail.version })}</span>
            {comparison && baseline ? ` · ${t("against", { alternative: primary.name, baseline: baseline.name })}` : ""}
            <NpvChange caseId={detail.id} version={detail.version} npv={source.npv} currency={cur} locale={locale} />
          </p>
          <ApprovalLine slug={slug} caseId={detail.id} locale={locale} latest={approval.latest} pendingBy={approval.pendingBy} />
        </div>
        <div className="no-print flex flex-wrap gap-2">
          <a
            href={`/api/v1/cases/${detail.id}/report.pdf?locale=${locale}`}
            className="rounded-md bg-blue-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-blue-800"
            data-testid="download-report"
          >
            {t("downloadReport")}
          </a>
          <a
            href={`/api/v1/cases/${detail.id}/export.xlsx`}
            className="rounded-md border border-gray-300 bg-white px-3.5 py-2 text-sm font-medium text-gray-900 hover:bg-gray-50"
            data-testid="download-workbook"
            download
          >
            {t("downloadWorkbook")}
          </a>
        </div>
        <LiveCase caseId={detail.id} base={base} userId={user.id} tabLabels={tabLabels} labels={{ here: ct("live.here"), you: ct("live.you"), offline: ct("live.offline") }} />
      </div>
      <CaseTabs base={base} label={t("tabs.label")} tabs={tabs} />
      <LiveOnly>
      <section aria-label={t("riskAdjusted")} className="sticky top-0 z-10 grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-gray-200 bg-gray-200 shadow-sm sm:grid-cols-3 lg:grid-cols-6">
        {figures.map((f) => (
          <div key={f.label} className="bg-white px-4 py-3">
            <div className="text-xs font-medium text-gray-600">{f.label}</div>
            <div className="figure mt-0.5 text-left text-lg font-semibold text-gray-900" data-testid={f.testid}>
              {f.testid === "overview-npv" ? <LiveNpv caseId={detail.id} version={detail.version} value={f.value} currency={cur} locale={locale} /> : f.value}
            </div>
            <div className="text-xs text-gray-600">
              {t("unadjusted")}: {f.raw}
            </div>
          </div>
        ))}
      </section>
      <details className="no-print -mt-3 rounded-md border border-gray-200 bg-white px-4 py-2 text-sm" data-testid="figures-explained">
        <summary className="cursor-pointer text-xs font-medium text-gray-700">{t("explain.summary")}</summary>
        <dl className="mt-2 grid gap-x-6 gap-y-1.5 text-gray-800 md:grid-cols-2">
          {explanations.map((e) => (
            <div key={e.term}>
              <dt className="inline font-medium">{e.term}: </dt>
              <dd className="inline">{e.text}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-2 text-xs text-gray-600">{comparison && baseline ? t("explain.incremental", { alternative: primary.name, baseline: baseline.name }) : t("explain.single", { scenario: primary.name })}</p>
      </details>
      </LiveOnly>
      {children}
    </main>
  );
}
