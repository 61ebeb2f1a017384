"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { changesSinceAction, type CaseChange } from "@/lib/actions/changes";

// Shown when a write was refused because someone changed the case first (409): what changed
// since the version the user's edit was based on, read from the audit trail. The form that shows
// it keeps what the user typed; the page behind it already shows the current figures.
export function ConflictNotice({
  caseId,
  since,
  onDismiss,
}: {
  caseId: string;
  since: number;
  onDismiss?: () => void;
}) {
  const t = useTranslations("case");
  const [changes, setChanges] = useState<CaseChange[] | null>(null);
  useEffect(() => {
    let live = true;
    void changesSinceAction({ caseId, since }).then((r) => {
      if (live) setChanges(r.ok ? r.data : []);
    });
    return () => {
      live = false;
    };
  }, [caseId, since]);
  const verb = (action: string) => {
    const v = action.slice(action.indexOf(".") + 1);
    return t.has(`changes.verbs.${v}`) ? t(`changes.verbs.${v}`) : v;
  };
  const entity = (e: string) => (t.has(`changes.entities.${e}`) ? t(`changes.entities.${e}`) : e);
  return (
    <div
      role="alert"
      className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
      data-testid="conflict-notice"
    >
      <p className="font-medium">{t("conflict")}</p>
      {changes === null ? null : changes.length === 0 ? null : (
        <ul className="mt-2 list-disc space-y-0.5 pl-5">
          {changes.map((c, i) => (
            <li key={i}>
              {c.who ?? (c.byToken ? t("changes.token") : t("changes.someone"))}: {entity(c.entityType)}
              {c.label ? ` “${c.label}”` : ""} — {verb(c.action)}
              {c.fields.length ? ` (${c.fields.join(", ")})` : ""}
            </li>
          ))}
        </ul>
      )}
      {onDismiss ? (
        <button type="button" onClick={onDismiss} className="mt-2 text-xs font-medium text-amber-900 underline">
          {t("changes.dismiss")}
        </button>
      ) : null}
    </div>
  );
}
