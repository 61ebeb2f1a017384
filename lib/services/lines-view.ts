import "server-only";
import { getCommentCounts } from "./comments-view";
import Decimal from "decimal.js";
import { getTranslations } from "next-intl/server";
import { ALL_CATEGORIES } from "@/lib/case-file/categories";
import { formatMoney } from "@/lib/i18n/format";
import { lineLabels, type CaseTranslate, type GridLine, type GridTotals } from "@/lib/lines/grid-line";
import { loadCasePage } from "./case-page";

// The Lines tab's view model: every line with its risk-adjusted total and present value from the
// engine's output for this version (found by the line's stable id, never by position), labels
// formatted for the reader, and each scenario's totals by kind and category for the grid's footer.
export async function getLinesView(slug: string, caseId: string) {
  const { detail, output, caseFile, locale, canEdit, actor } = await loadCasePage(slug, caseId);
  const commentCounts = await getCommentCounts(actor, detail.id);
  const t = await getTranslations("case");
  const rt = await getTranslations("report");
  const cat = (c: string) => (rt.has(`categories.${c}`) ? rt(`categories.${c}`) : c);
  const categoryLabels = Object.fromEntries(ALL_CATEGORIES.map((c) => [c, cat(c)]));
  const money = (v: string) => formatMoney(v, detail.currency, locale);
  const results = new Map(output.scenarios.flatMap((s) => s.lines.map((l) => [l.id, l] as const)));
  const labels = { t: t as unknown as CaseTranslate, locale, horizon: detail.horizonMonths, categoryLabel: cat };
  const lines: GridLine[] = [...detail.lines]
    .sort((a, b) => a.position - b.position)
    .map((l) => {
      const result = results.get(l.stableId);
      return {
        ...l,
        totalLabel: result ? money(result.total) : "\u2013",
        pvLabel: result ? money(result.pv) : "\u2013",
        ...lineLabels(l, labels),
      };
    });
  const byKey = new Map(output.scenarios.map((s) => [s.key, s]));
  const totals: Record<string, GridTotals> = {};
  for (const sc of detail.scenarios) {
    const result = byKey.get(sc.key);
    if (!result) continue;
    for (const kind of ["cost", "benefit"] as const) {
      const cats = result.categories.filter((c) => c.kind === kind);
      const sum = (f: "total" | "pv") => cats.reduce((acc, c) => acc.plus(c[f]), new Decimal(0)).toString();
      totals[`${sc.id}:${kind}`] = {
        total: money(sum("total")),
        pv: money(sum("pv")),
        categories: [...cats]
          .sort((a, b) => new Decimal(b.total).cmp(a.total))
          .map((c) => ({ label: cat(c.category), total: money(c.total) })),
      };
    }
  }
  return {
    caseId: detail.id,
    version: detail.version,
    canEdit,
    currency: detail.currency,
    locale,
    horizon: detail.horizonMonths,
    scenarios: detail.scenarios.map((sc) => ({ id: sc.id, name: sc.name, key: sc.key })),
    lines,
    categoryLabels,
    totals,
    comments: { base: `/w/${slug}/cases/${detail.id}/comments`, counts: commentCounts },
    caseFile, // the lines for the browser's live case model (components/live/case-model.tsx)
  };
}
