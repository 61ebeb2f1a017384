"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { WriteNotices, useWriteNotices } from "@/components/cases/write-notices";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { archiveCaseAction, deleteCaseAction } from "@/lib/actions/settings";
import type { Result } from "@/lib/errors";

// Archive / restore (editors) and delete (owners, after typing the case's name).
export function CaseDangerZone(props: {
  slug: string;
  caseId: string;
  version: number;
  name: string;
  archivedOn: string | null;
  canDelete: boolean;
}) {
  const t = useTranslations("scenarios");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [seen, setSeen] = useState(props.version);
  const version = Math.max(props.version, seen);
  const [typed, setTyped] = useState("");
  const notices = useWriteNotices();
  const { setMessage } = notices;
  const archived = props.archivedOn !== null;

  function fail(r: Extract<Result<unknown>, { ok: false }>, basedOn: number) {
    if (r.code === "conflict" && typeof r.currentVersion === "number") {
      notices.conflicted(basedOn);
    } else {
      setMessage({ kind: "error", text: r.code === "internal" ? t("error") : r.message });
    }
  }

  return (
    <>
      <WriteNotices caseId={props.caseId} notices={notices} />
      <section className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm" aria-labelledby="archive-heading">
        <h2 id="archive-heading" className="text-sm font-semibold">
          {t("settings.archive.heading")}
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-gray-700" data-testid="archive-state">
          {archived
            ? t("settings.archive.archivedText", { date: props.archivedOn! })
            : t("settings.archive.activeText")}
        </p>
        <Button
          variant="secondary"
          className="mt-3"
          disabled={pending}
          onClick={() => {
            const basedOn = version;
            start(async () => {
              const r = await archiveCaseAction({
                slug: props.slug,
                caseId: props.caseId,
                version: basedOn,
                archived: !archived,
              });
              if (r.ok) {
                setSeen((s) => Math.max(s, r.data.version));
                notices.done(archived ? t("settings.archive.unarchived") : t("settings.archive.archived"));
              } else fail(r, basedOn);
              router.refresh();
            });
          }}
        >
          {archived ? t("settings.archive.unarchive") : t("settings.archive.archive")}
        </Button>
      </section>
      {props.canDelete ? (
        <section className="rounded-lg border border-red-200 bg-white p-5 shadow-sm" aria-labelledby="delete-heading">
          <h2 id="delete-heading" className="text-sm font-semibold text-red-800">
            {t("settings.delete.heading")}
          </h2>
          <p className="mt-1 max-w-3xl text-sm text-gray-700">{t("settings.delete.text")}</p>
          <form
            className="mt-3 flex flex-wrap items-end gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              if (typed.trim() !== props.name.trim()) return;
              const basedOn = version;
              start(async () => {
                const r = await deleteCaseAction({ slug: props.slug, caseId: props.caseId, version: basedOn });
                if (r.ok) {
                  router.push(`/w/${encodeURIComponent(props.slug)}`);
                  return;
                }
                fail(r, basedOn);
                router.refresh();
              });
            }}
          >
            <div className="min-w-64 flex-1 space-y-1.5">
              <label htmlFor="delete-confirm" className="block break-words text-sm font-medium text-gray-800">
                {t("settings.delete.confirmLabel", { name: props.name })}
              </label>
              <Input
                id="delete-confirm"
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                autoComplete="off"
                spellCheck={false}
              />
            </div>
            <Button
              type="submit"
              variant="danger"
              disabled={pending || typed.trim() !== props.name.trim()}
              className="disabled:cursor-not-allowed disabled:opacity-60"
            >
              {t("settings.delete.submit")}
            </Button>
          </form>
        </section>
      ) : null}
    </>
  );
}
