import { getTranslations } from "next-intl/server";
import { FinanceFigures } from "@/components/finance/finance-figures";
import { GoalSeekPanel } from "@/components/finance/goal-seek-panel";
import { LiveOverviewCharts } from "@/components/live/live-overview-charts";
import { LiveChecks, LiveOverviewSummary } from "@/components/live/live-overview-text";
import { ProposalControl } from "@/components/proposal/proposal-control";
import { ALL_CATEGORIES } from "@/lib/case-file/categories";
import Link from "next/link";
import { getOverviewView } from "@/lib/services/overview-view";

// The case dashboard: what the figures mean, the decision in one sentence, the charts and the
// health checks. The header and headline figures come from the layout; the rest, like them, from
// the live case model (components/live), so they follow a change without a page render.
export default async function CaseOverviewPage({ params }: { params: Promise<{ slug: string; caseId: string }> }) {
  const { slug, caseId } = await params;
  const { detail, locale, canEdit, goalSeekInputs } = await getOverviewView(slug, caseId);
  const t = await getTranslations("case");
  const rt = await getTranslations("report");
  const cat = (c: string) => {
    const key = `categories.${c}`;
    return rt.has(key) ? rt(key) : c;
  };
  const categoryLabels = Object.fromEntries(ALL_CATEGORIES.map((c) => [c, cat(c)]));
  // A case without a single line has no figures to chart yet: say how to start instead.
  if (detail.lines.length === 0) {
    return (
      <section
        className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center shadow-sm"
        data-testid="case-empty"
      >
        <h2 className="text-base font-semibold">{t("empty.heading")}</h2>
        <p className="mx-auto mt-2 max-w-2xl text-sm text-gray-700">{t("empty.text")}</p>
        {canEdit ? (
          <Link
            href={`/w/${slug}/cases/${detail.id}/lines`}
            className="mt-4 inline-block rounded-md bg-blue-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-blue-800"
          >
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
      <ProposalControl slug={slug} caseId={detail.id} canEdit={canEdit} />
      <LiveOverviewSummary locale={locale} />
      <FinanceFigures locale={locale} />
      <LiveOverviewCharts locale={locale} categoryLabels={categoryLabels} />
      <GoalSeekPanel caseId={detail.id} lines={goalSeekInputs} />
      <LiveChecks locale={locale} base={`/w/${slug}/cases/${detail.id}`} />
    </div>
  );
}
