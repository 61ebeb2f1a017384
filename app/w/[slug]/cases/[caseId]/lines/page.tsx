import { getTranslations } from "next-intl/server";
import { LinesGrid } from "@/components/lines/lines-grid";
import { LiveCaseLines } from "@/components/live/case-model";
import Decimal from "decimal.js";
import type { GridLine, GridTotals } from "@/components/lines/types";
import { formatMoney, formatNumber } from "@/lib/i18n/format";
import { loadCasePage } from "@/lib/services/case-page";

const CATEGORIES = ["software", "other-licences", "hardware", "integration", "implementation-labour", "support-labour", "planning", "training", "change-management", "other", "revenue", "productivity", "cost-saving", "sales-cost", "retention", "inventory"];

// The cost and benefit lines of the case, with each line's risk-adjusted total and present value
// from the engine's output for this version (matched by scenario, kind and position).
export default async function CaseLinesPage({ params }: { params: Promise<{ slug: string; caseId: string }> }) {
  const { slug, caseId } = await params;
  const { detail, output, caseFile, locale, canEdit } = await loadCasePage(slug, caseId);
  const t = await getTranslations("case");
  const rt = await getTranslations("report");
  const cat = (c: string) => (rt.has(`categories.${c}`) ? rt(`categories.${c}`) : c);
  const categoryLabels = Object.fromEntries(CATEGORIES.map((c) => [c, cat(c)]));
  const recurrenceLabel = { monthly: t("monthly"), quarterly: t("quarterly"), annual: t("annual") } as const;
  const money = (v: string) => formatMoney(v, detail.currency, locale);
  const keyOf = new Map(detail.scenarios.map((s) => [s.id, s.key]));
  const results = new Map(output.scenarios.map((s) => [s.key, s]));
  const seen = new Map<string, number>();
  const lines: GridLine[] = [...detail.lines]
    .sort((a, b) => a.position - b.position)
    .map((l) => {
      const group = `${l.scenarioId}:${l.kind}`;
      const index = seen.get(group) ?? 0;
      seen.set(group, index + 1);
      const result = results.get(keyOf.get(l.scenarioId) ?? "")?.lines.find((r) => r.kind === l.kind && r.index === index);
      return {
        ...l,
        totalLabel: result ? money(result.total) : "\u2013",
        pvLabel: result ? money(result.pv) : "\u2013",
        categoryLabel: l.tangible ? cat(l.category) : `${cat(l.category)} (${t("intangible")})`,
        amountLabel: !l.tangible
          ? "\u2013"
          : l.amount !== null
            ? formatNumber(l.amount, locale, 0)
            : l.labour
              ? t("labour", { hours: l.labour.hours, rate: l.labour.rate, people: l.labour.people })
              : l.schedule
                ? t("scheduleLabel")
                : "\u2013",
        timingLabel: !l.tangible
          ? t("intangible")
          : l.recurring !== null
            ? t("recurringLabel", { recurrence: recurrenceLabel[l.recurring], start: l.startMonth ?? 1, end: l.endMonth ?? detail.horizonMonths })
            : l.month !== null
              ? t("oneTime", { month: l.month })
              : l.schedule
                ? t("scheduleLabel")
                : "\u2013",
      };
    });
  // Totals of each scenario's costs and benefits, and by category, from the engine's output, for
  // the grid's footer (they stay visible under the rows).
  const totals: Record<string, GridTotals> = {};
  for (const sc of detail.scenarios) {
    const result = results.get(sc.key);
    if (!result) continue;
    for (const kind of ["cost", "benefit"] as const) {
      const cats = result.categories.filter((c) => c.kind === kind);
      const sum = (f: "total" | "pv") => cats.reduce((acc, c) => acc.plus(c[f]), new Decimal(0)).toString();
      totals[`${sc.id}:${kind}`] = {
        total: money(sum("total")),
        pv: money(sum("pv")),
        categories: [...cats].sort((a, b) => new Decimal(b.total).cmp(a.total)).map((c) => ({ label: cat(c.category), total: money(c.total) })),
      };
    }
  }
  return (
    <>
      {/* The lines for the live case model, so an edit here recomputes in the browser at once. */}
      <LiveCaseLines file={caseFile} version={detail.version} />
      <LinesGrid
        totals={totals}
        caseId={detail.id}
        version={detail.version}
        canEdit={canEdit}
        currency={detail.currency}
        locale={locale}
        horizon={detail.horizonMonths}
        scenarios={detail.scenarios.map((sc) => ({ id: sc.id, name: sc.name, key: sc.key }))}
        lines={lines}
        categoryLabels={categoryLabels}
      />
    </>
  );
}
