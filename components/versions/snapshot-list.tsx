"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { WriteNotices, useWriteNotices } from "@/components/cases/write-notices";
import { Button } from "@/components/ui/button";
import { restoreSnapshotAction } from "@/lib/actions/versions";
import { intlTag } from "@/lib/i18n/format";

export interface SnapshotRow {
  id: string;
  name: string;
  kind: "manual" | "approval";
  caseVersion: number;
  caseStatus: "draft" | "approved";
  createdBy: string;
  createdAt: string;
}

// Every snapshot with who saved it and when: open it read-only, download its case file and its
// report, and (owners) make it the current plan again.
export function SnapshotList(props: {
  slug: string;
  caseId: string;
  version: number;
  locale: string;
  snapshots: SnapshotRow[];
  canRestore: boolean;
}) {
  const t = useTranslations("versions");
  const pt = useTranslations("pptx");
  const router = useRouter();
  const notices = useWriteNotices();
  const [pending, start] = useTransition();
  const [confirming, setConfirming] = useState<string | null>(null);
  const when = (iso: string) =>
    new Intl.DateTimeFormat(intlTag(props.locale), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
  if (!props.snapshots.length) return <p className="text-sm text-gray-600">{t("list.empty")}</p>;
  return (
    <div>
      <WriteNotices caseId={props.caseId} notices={notices} className="mb-3" />
      <table className="w-full text-left text-sm" data-testid="snapshot-list">
        <thead>
          <tr className="border-b border-gray-300 text-xs text-gray-600">
            <th scope="col" className="py-2 pr-3 font-medium">
              {t("list.name")}
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              {t("list.version")}
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              {t("list.savedBy")}
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              {t("list.when")}
            </th>
            <th scope="col" className="py-2 font-medium">
              {t("list.actions")}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.snapshots.map((s) => (
            <tr key={s.id} className="border-b border-gray-100 align-top" data-testid="snapshot-row">
              <td className="py-2 pr-3">
                <Link
                  href={`/w/${props.slug}/cases/${props.caseId}/versions/${s.id}`}
                  className="font-medium text-blue-700 hover:underline"
                >
                  {s.name}
                </Link>
                <span
                  className={`ml-2 rounded px-1.5 py-0.5 text-xs font-semibold ${s.kind === "approval" ? "bg-teal-50 text-teal-900" : "bg-gray-100 text-gray-800"}`}
                >
                  {t(`kind.${s.kind}`)}
                </span>
              </td>
              <td className="py-2 pr-3 tabular-nums">
                {s.caseVersion} · {t(`status.${s.caseStatus}`)}
              </td>
              <td className="py-2 pr-3">{s.createdBy}</td>
              <td className="py-2 pr-3">{when(s.createdAt)}</td>
              <td className="py-2">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <a
                    href={`/api/v1/snapshots/${s.id}/export`}
                    className="text-blue-700 hover:underline"
                    aria-label={t("list.caseFileOf", { name: s.name })}
                  >
                    {t("list.caseFile")}
                  </a>
                  <a
                    href={`/api/v1/snapshots/${s.id}/report.pdf?locale=${props.locale}`}
                    className="text-blue-700 hover:underline"
                    data-testid="snapshot-pdf"
                    aria-label={t("list.pdfOf", { name: s.name })}
                  >
                    {t("list.pdf")}
                  </a>
                  <a
                    href={`/api/v1/snapshots/${s.id}/report.pptx?locale=${props.locale}`}
                    className="text-blue-700 hover:underline"
                    data-testid="snapshot-pptx"
                    aria-label={pt("slidesOf", { name: s.name })}
                  >
                    {pt("slides")}
                  </a>
                  {props.canRestore ? (
                    confirming === s.id ? (
                      <span className="flex flex-wrap items-center gap-2">
                        <span className="text-xs text-gray-700">
                          {t("list.restoreConfirm", { name: s.name, version: s.caseVersion })}
                        </span>
                        <Button
                          variant="danger"
                          className="px-2 py-1"
                          disabled={pending}
                          onClick={() => {
                            const basedOn = props.version;
                            start(async () => {
                              const r = await restoreSnapshotAction({
                                slug: props.slug,
                                caseId: props.caseId,
                                snapshotId: s.id,
                                version: basedOn,
                              });
                              setConfirming(null);
                              if (r.ok) notices.done(t("list.restored", { version: r.data.version }));
                              else if (r.code === "conflict") notices.conflicted(basedOn);
                              else notices.setMessage({ kind: "error", text: r.message });
                              router.refresh();
                            });
                          }}
                        >
                          {t("list.restoreYes")}
                        </Button>
                        <Button variant="ghost" className="px-2 py-1" onClick={() => setConfirming(null)}>
                          {t("list.cancel")}
                        </Button>
                      </span>
                    ) : (
                      <button
                        type="button"
                        className="text-blue-700 hover:underline"
                        onClick={() => setConfirming(s.id)}
                        aria-label={t("list.restoreOf", { name: s.name })}
                      >
                        {t("list.restore")}
                      </button>
                    )
                  ) : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
