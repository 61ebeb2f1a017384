import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ApprovalPanel } from "@/components/versions/approval-panel";
import { DiffView } from "@/components/versions/diff-view";
import { SaveSnapshotForm } from "@/components/versions/save-snapshot-form";
import { SnapshotList } from "@/components/versions/snapshot-list";
import { intlTag } from "@/lib/i18n/format";
import { loadCasePage } from "@/lib/services/case-page";
import { getVersionsView } from "@/lib/services/versions-view";

// Versions: the approval workflow, the snapshots (save, open, download, restore) and what changed
// between any two of them and the current plan (?from=&to=, a plain form that works without JS).
export default async function VersionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; caseId: string }>;
  searchParams: Promise<{ from?: string; to?: string }>;
}) {
  const { slug, caseId } = await params;
  const pick = await searchParams;
  const { detail, actor, role, canEdit, locale } = await loadCasePage(slug, caseId);
  const t = await getTranslations("versions");
  const view = await getVersionsView(actor, caseId, pick);
  const date = (iso: string) => new Intl.DateTimeFormat(intlTag(locale), { dateStyle: "medium" }).format(new Date(iso));
  const option = (ref: string) => {
    if (ref === "current") return t("diff.current", { version: detail.version });
    const s = view.snapshots.find((x) => x.id === ref)!;
    return t("diff.snapshotOption", { name: s.name, version: s.caseVersion, date: date(s.createdAt) });
  };
  const refs = ["current", ...view.snapshots.map((s) => s.id)];
  return (
    <div className="space-y-5">
      <h2 className="sr-only">{t("heading")}</h2>
      <ApprovalPanel
        slug={slug}
        caseId={caseId}
        version={detail.version}
        status={detail.status}
        locale={locale}
        canRequest={canEdit}
        canDecide={role === "owner"}
        owners={view.owners}
        requests={view.requests}
      />
      <section className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm" aria-labelledby="diff-heading">
        <h2 id="diff-heading" className="text-sm font-semibold">
          {t("diff.heading")}
        </h2>
        {view.from ? (
          <>
            <form method="get" className="mt-3 flex flex-wrap items-end gap-3">
              {(["from", "to"] as const).map((end) => (
                <div key={end}>
                  <label htmlFor={`diff-${end}`} className="block text-xs font-medium text-gray-700">
                    {t(`diff.${end}`)}
                  </label>
                  <select
                    id={`diff-${end}`}
                    name={end}
                    defaultValue={view[end] ?? undefined}
                    className="mt-1 rounded-md border border-gray-300 px-2 py-1.5 text-sm"
                  >
                    {refs.map((r) => (
                      <option key={r} value={r}>
                        {option(r)}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
              <button
                type="submit"
                className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-800 hover:bg-gray-50"
              >
                {t("diff.show")}
              </button>
            </form>
            <p className="mt-3 text-sm text-gray-700">
              {t("diff.between", { from: option(view.from), to: option(view.to) })}
            </p>
            <div className="mt-3">
              {view.diff ? <DiffView diff={view.diff.diff} locale={locale} currency={detail.currency} /> : null}
            </div>
          </>
        ) : (
          <p className="mt-1 text-sm text-gray-700">{t("diff.needSnapshot")}</p>
        )}
      </section>
      <section className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm" aria-labelledby="snapshots-heading">
        <h2 id="snapshots-heading" className="text-sm font-semibold">
          {t("list.heading")}
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-gray-700">{t("intro")}</p>
        {canEdit ? (
          <div className="mt-3">
            <SaveSnapshotForm slug={slug} caseId={caseId} />
          </div>
        ) : null}
        <div className="mt-4">
          <SnapshotList
            slug={slug}
            caseId={caseId}
            version={detail.version}
            locale={locale}
            snapshots={view.snapshots}
            canRestore={role === "owner"}
          />
        </div>
        <p className="mt-3 text-xs text-gray-600">
          <Link href={`/w/${slug}/cases/${caseId}/settings`} className="text-blue-700 hover:underline">
            {t("settingsLink")}
          </Link>
        </p>
      </section>
    </div>
  );
}
