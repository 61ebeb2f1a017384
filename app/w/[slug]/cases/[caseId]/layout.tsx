import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CaseTabs } from "@/components/cases/case-tabs";
import { CaseModelProvider } from "@/components/live/case-model";
import { LiveApprovalLine } from "@/components/live/live-approval-line";
import { LiveCase } from "@/components/live/live-case";
import { LiveCaseMeta, LiveCaseStatus, LiveHeadline } from "@/components/live/live-headline";
import { LiveOnly } from "@/components/versions/live-only";
import { loadCasePage } from "@/lib/services/case-page";
import { getApprovalHeader } from "@/lib/services/versions-view";
import { visitMark } from "@/lib/services/history-view";

// The frame of every case page: name, status and version, the report download, the tabs and the
// headline figures (risk-adjusted, unadjusted beside). The case's settings and the engine's
// output go to the live case model (components/live/case-model.tsx; the lines tab adds the lines):
// the headline is a client component reading it, so an edit shows its figures at once and the
// server's answer replaces them without re-rendering this layout. A structural change
// (router.refresh()) renders it again and hands the model the newer case.
export default async function CaseLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string; caseId: string }>;
}) {
  const { slug, caseId } = await params;
  const { detail, liveOutput, liveFile, locale, actor, user } = await loadCasePage(slug, caseId);
  // Records this visit (History marks what changed since the previous one).
  await visitMark(user.id, detail.id);
  const t = await getTranslations("case");
  const vt = await getTranslations("versions");
  const ct = await getTranslations("collab");
  const pt = await getTranslations("pptx");
  const approval = await getApprovalHeader(actor, caseId);
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
    <CaseModelProvider key={detail.id} caseId={detail.id} file={liveFile} output={liveOutput} version={detail.version}>
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
              <LiveCaseStatus initial={detail.status} />
              {detail.archivedAt ? (
                <span className="ml-1.5 rounded bg-gray-100 px-1.5 py-0.5 text-xs font-semibold text-gray-800">
                  {t("archivedBadge")}
                </span>
              ) : null}{" "}
              · <LiveCaseMeta caseId={detail.id} locale={locale} />
            </p>
            <LiveApprovalLine
              slug={slug}
              caseId={detail.id}
              locale={locale}
              latest={approval.latest}
              pendingBy={approval.pendingBy}
            />
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
              href={`/api/v1/cases/${detail.id}/report.pptx?locale=${locale}`}
              className="rounded-md border border-gray-300 bg-white px-3.5 py-2 text-sm font-medium text-gray-900 hover:bg-gray-50"
              data-testid="download-slides"
              download
            >
              {pt("downloadSlides")}
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
          <LiveCase
            caseId={detail.id}
            base={base}
            userId={user.id}
            tabLabels={tabLabels}
            labels={{ here: ct("live.here"), you: ct("live.you"), offline: ct("live.offline") }}
          />
        </div>
        <CaseTabs base={base} label={t("tabs.label")} tabs={tabs} />
        <LiveOnly>
          <LiveHeadline locale={locale} />
        </LiveOnly>
        {children}
      </main>
    </CaseModelProvider>
  );
}
