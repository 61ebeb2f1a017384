import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AppError } from "@/lib/errors";
import { formatIrr, formatMoney, formatNumber, formatPercent, intlTag } from "@/lib/i18n/format";
import { reasonText } from "@/lib/report/figure-text";
import { loadCasePage } from "@/lib/services/case-page";
import { getSnapshotView } from "@/lib/services/versions-view";

// One snapshot, read-only: which version it is, its own headline figures and its lines (the
// case frame's live figures are hidden on this page).
export default async function SnapshotPage({
  params,
}: {
  params: Promise<{ slug: string; caseId: string; snapshotId: string }>;
}) {
  const { slug, caseId, snapshotId } = await params;
  const { actor, locale } = await loadCasePage(slug, caseId);
  const view = await getSnapshotView(actor, caseId, snapshotId).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const t = await getTranslations("versions");
  const ct = await getTranslations("case");
  const pt = await getTranslations("pptx");
  const s = view.snapshot;
  const money = (v: string) => formatMoney(v, view.currency, locale);
  const f = view.figures;
  // A figure that does not apply says why (lib/report/figure-text.ts), never a bare "none".
  const why = (figure: keyof typeof view.reasons, fallback: "noCost" | "notWithin") =>
    reasonText(view.reasons[figure] ?? fallback, locale);
  const figures = [
    { label: ct("npv"), value: f.npv === null ? "" : money(f.npv), testid: "snapshot-npv" },
    {
      label: ct("roi"),
      value: f.roi === null ? why("roi", "noCost") : formatPercent(f.roi, locale),
      testid: "snapshot-roi",
    },
    {
      label: ct("discountedRoi"),
      value: f.discountedRoi === null ? why("discountedRoi", "noCost") : formatPercent(f.discountedRoi, locale),
      testid: "snapshot-droi",
    },
    {
      label: ct("irr"),
      value: f.irr === null ? why("irr", "noCost") : formatIrr(f.irr, locale),
      testid: "snapshot-irr",
    },
    {
      label: ct("payback"),
      value:
        f.paybackMonths === null
          ? why("paybackMonths", "notWithin")
          : t("diff.months", { value: formatNumber(f.paybackMonths, locale, 1) }),
      testid: "snapshot-payback",
    },
    { label: ct("tco"), value: f.tco === null ? "" : money(f.tco), testid: "snapshot-tco" },
  ];
  const when = new Intl.DateTimeFormat(intlTag(locale), { dateStyle: "long", timeStyle: "short" }).format(
    new Date(s.createdAt),
  );
  return (
    <div className="space-y-5">
      <div
        role="note"
        className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
        data-testid="snapshot-banner"
      >
        <p className="font-semibold">{t("snapshot.banner", { name: s.name, version: s.caseVersion })}</p>
        <p className="mt-0.5">
          {t("snapshot.savedBy", { by: s.createdBy || "–", date: when, status: t(`status.${s.caseStatus}`) })}
        </p>
        <p className="mt-1 flex flex-wrap gap-x-4">
          <Link href={`/w/${slug}/cases/${caseId}/versions`} className="text-blue-800 underline">
            {t("snapshot.back")}
          </Link>
          <Link
            href={`/w/${slug}/cases/${caseId}/versions?from=${s.id}&to=current`}
            className="text-blue-800 underline"
          >
            {t("snapshot.compare")}
          </Link>
          <a href={`/api/v1/snapshots/${s.id}/report.pdf?locale=${locale}`} className="text-blue-800 underline">
            {t("list.pdf")}
          </a>
          <a href={`/api/v1/snapshots/${s.id}/report.pptx?locale=${locale}`} className="text-blue-800 underline">
            {pt("slides")}
          </a>
          <a href={`/api/v1/snapshots/${s.id}/export`} className="text-blue-800 underline">
            {t("list.caseFile")}
          </a>
        </p>
      </div>
      <section aria-label={t("snapshot.figures")}>
        <h2 className="mb-2 text-sm font-semibold">
          {t("snapshot.figures")}
          {view.headline.baseline ? (
            <span className="ml-2 font-normal text-gray-600">
              {ct("against", { alternative: view.headline.alternative, baseline: view.headline.baseline })}
            </span>
          ) : null}
        </h2>
        <div className="grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-gray-200 bg-gray-200 shadow-sm sm:grid-cols-3 lg:grid-cols-6">
          {figures.map((x) => (
            <div key={x.label} className="bg-white px-4 py-3">
              <div className="text-xs font-medium text-gray-600">{x.label}</div>
              <div className="mt-0.5 text-lg font-semibold tabular-nums text-gray-900" data-testid={x.testid}>
                {x.value}
              </div>
            </div>
          ))}
        </div>
      </section>
      <section className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm" aria-labelledby="snapshot-lines">
        <h2 id="snapshot-lines" className="text-sm font-semibold">
          {t("snapshot.lines")}
        </h2>
        <table className="mt-2 w-full text-sm" data-testid="snapshot-lines">
          <thead>
            <tr className="border-b border-gray-300 text-xs text-gray-600">
              <th scope="col" className="py-1.5 pr-3 text-left font-medium">
                {t("snapshot.scenario")}
              </th>
              <th scope="col" className="py-1.5 pr-3 text-left font-medium">
                {t("snapshot.kind")}
              </th>
              <th scope="col" className="py-1.5 pr-3 text-left font-medium">
                {t("snapshot.name")}
              </th>
              <th scope="col" className="py-1.5 pr-3 text-left font-medium">
                {t("snapshot.category")}
              </th>
              <th scope="col" className="py-1.5 text-right font-medium">
                {t("snapshot.total", { currency: view.currency })}
              </th>
            </tr>
          </thead>
          <tbody>
            {view.lines.map((l) => (
              <tr key={`${l.scenario}-${l.id}`} className="border-b border-gray-100">
                <td className="py-1.5 pr-3">{l.scenario}</td>
                <td className="py-1.5 pr-3">{t(`snapshot.${l.kind}`)}</td>
                <td className="py-1.5 pr-3">{l.name}</td>
                <td className="py-1.5 pr-3">{l.category}</td>
                <td className="py-1.5 text-right tabular-nums">{formatNumber(l.total, locale, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
