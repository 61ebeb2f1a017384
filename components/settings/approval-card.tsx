"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { WriteNotices, useWriteNotices } from "@/components/cases/write-notices";
import { Button } from "@/components/ui/button";
import { setCaseStatusAction } from "@/lib/actions/settings";

// Approval: the owner approves the case as it stands (the report then carries no "draft" mark, and
// a snapshot of the approved version is saved); any later change puts it back to draft. Others
// see the status and who may approve; requests and decisions with comments live on Versions.
export function ApprovalCard(props: {
  slug: string;
  caseId: string;
  version: number;
  status: "draft" | "approved";
  canApprove: boolean;
}) {
  const t = useTranslations("case");
  const vt = useTranslations("versions");
  const router = useRouter();
  const [pending, start] = useTransition();
  const notices = useWriteNotices();
  const approved = props.status === "approved";
  return (
    <section className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm" aria-labelledby="approval-heading">
      <h2 id="approval-heading" className="text-sm font-semibold">
        {t("approval.heading")}
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-gray-700" data-testid="approval-state">
        {approved ? t("approval.approvedText") : t("approval.draftText")}
      </p>
      <p className="mt-1 text-sm">
        <Link href={`/w/${props.slug}/cases/${props.caseId}/versions`} className="text-blue-700 underline">
          {vt("cardLink")}
        </Link>
      </p>
      <WriteNotices caseId={props.caseId} notices={notices} className="mt-3" />
      {props.canApprove ? (
        <Button
          className="mt-3"
          variant={approved ? "secondary" : "primary"}
          disabled={pending}
          onClick={() => {
            const basedOn = props.version;
            start(async () => {
              const r = await setCaseStatusAction({
                slug: props.slug,
                caseId: props.caseId,
                version: basedOn,
                status: approved ? "draft" : "approved",
              });
              if (r.ok) {
                notices.dismissConflict(); // the card's own text says the new status
                notices.setMessage(undefined);
              } else if (r.code === "conflict") notices.conflicted(basedOn);
              else notices.setMessage({ kind: "error", text: r.code === "internal" ? t("grid.failed") : r.message });
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
