import { getTranslations } from "next-intl/server";
import { LinesEditor } from "@/components/cases/lines-editor";
import { formatNumber } from "@/lib/i18n/format";
import { loadCasePage } from "@/lib/services/case-page";

const CATEGORIES = ["software", "other-licences", "hardware", "integration", "implementation-labour", "support-labour", "planning", "training", "change-management", "other", "revenue", "productivity", "cost-saving", "sales-cost", "retention", "inventory"];

export default async function CaseLinesPage({ params }: { params: Promise<{ slug: string; caseId: string }> }) {
  const { slug, caseId } = await params;
  const { detail, locale, canEdit } = await loadCasePage(slug, caseId);
  const t = await getTranslations("case");
  const rt = await getTranslations("report");
  const cat = (c: string) => (rt.has(`categories.${c}`) ? rt(`categories.${c}`) : c);
  const categoryLabels = Object.fromEntries(CATEGORIES.map((c) => [c, cat(c)]));
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
    <LinesEditor
      slug={slug}
      caseId={detail.id}
      version={detail.version}
      currency={detail.currency}
      horizon={detail.horizonMonths}
      canEdit={canEdit}
      scenarios={detail.scenarios.map((sc) => ({ id: sc.id, name: sc.name }))}
      lines={editorLines}
      categoryLabels={categoryLabels}
    />
  );
}
