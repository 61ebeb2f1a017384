"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConflictNotice } from "@/components/cases/conflict-notice";
import { Button } from "@/components/ui/button";
import { setCaseStatusAction } from "@/lib/actions/settings";

// Approval: the owner approves the case as it stands (the report then carries no "draft" mark);
// any later change puts it back to draft. Others see the status and who may approve.
export function ApprovalCard(props: { slug: string; caseId: string; version: number; status: "draft" | "approved"; canApprove: boolean }) {
  const t = useTranslations("case");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [conflictSince, setConflictSince] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const approved = props.status === "approved";
  return (
    <section className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm" aria-labelledby="approval-heading">
      <h2 id="approval-heading" className="text-sm font-semibold">
        {t("approval.heading")}
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-gray-700" data-testid="approval-state">
        {approved ? t("approval.approvedText") : t("approval.draftText")}
      </p>
      {conflictSince !== null ? (
        <div className="mt-3">
          <ConflictNotice caseId={props.caseId} since={conflictSince} onDismiss={() => setConflictSince(null)} />
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {props.canApprove ? (
        <Button
          className="mt-3"
          variant={approved ? "secondary" : "primary"}
          disabled={pending}
          onClick={() => {
            const basedOn = props.version;
            start(async () => {
              const r = await setCaseStatusAction({ slug: props.slug, caseId: props.caseId, version: basedOn, status: approved ? "draft" : "approved" });
              if (r.ok) {
                setConflictSince(null);
                setError(null);
              } else if (r.code === "conflict") setConflictSince(basedOn);
              else setError(r.code === "internal" ? t("grid.failed") : r.message);
              router.refresh();
            });
          }}
        >
          {approved ? t("approval.backToDraft") : t("approval.approve")}
        </Button>
      ) : (
        <p className="mt-2 text-xs text-gray-600">{t("approval.ownersOnly")}</p>
      )}
    </section>
  );
}
