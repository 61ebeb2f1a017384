"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { WriteNotices, useWriteNotices } from "@/components/cases/write-notices";
import { Button } from "@/components/ui/button";
import { Field, TextArea } from "@/components/ui/field";
import { decideApprovalAction, requestApprovalAction } from "@/lib/actions/versions";
import { intlTag } from "@/lib/i18n/format";

export interface ApprovalRequestRow {
  id: string;
  state: "pending" | "approved" | "rejected";
  requestedAtVersion: number;
  requestedBy: string;
  approverIds: string[];
  note: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decidedAtVersion: number | null;
  comment: string;
  createdAt: string;
}

// The approval workflow: editors ask (naming owners, or any owner), owners approve or reject with
// a comment; approving freezes a snapshot. The history lists every request and decision.
export function ApprovalPanel(props: {
  slug: string;
  caseId: string;
  version: number;
  status: "draft" | "approved";
  locale: string;
  canRequest: boolean;
  canDecide: boolean;
  owners: { userId: string; name: string }[];
  requests: ApprovalRequestRow[];
}) {
  const t = useTranslations("versions");
  const router = useRouter();
  const notices = useWriteNotices();
  const [pending, start] = useTransition();
  const [approvers, setApprovers] = useState<string[]>([]);
  const [note, setNote] = useState("");
  const [comment, setComment] = useState("");
  const date = (iso: string) =>
    new Intl.DateTimeFormat(intlTag(props.locale), { dateStyle: "long" }).format(new Date(iso));
  const ownerName = (id: string) => props.owners.find((o) => o.userId === id)?.name ?? id;
  const open = props.requests.find((r) => r.state === "pending") ?? null;

  const decide = (decision: "approve" | "reject") => {
    const basedOn = props.version;
    start(async () => {
      const r = await decideApprovalAction({
        slug: props.slug,
        caseId: props.caseId,
        version: basedOn,
        decision,
        comment,
      });
      if (r.ok) {
        setComment("");
        notices.done(decision === "approve" ? t("approval.approvedDone") : t("approval.rejectedDone"));
      } else if (r.code === "conflict" && decision === "approve") notices.conflicted(basedOn);
      else notices.setMessage({ kind: "error", text: r.fieldErrors?.[0]?.message ?? r.message });
      router.refresh();
    });
  };

  return (
    <section
      className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm"
      aria-labelledby="approval-panel-heading"
    >
      <h2 id="approval-panel-heading" className="text-sm font-semibold">
        {t("approval.heading")}
      </h2>
      <WriteNotices caseId={props.caseId} notices={notices} className="mt-3" />
      {open ? (
        <div className="mt-2 space-y-1 text-sm text-gray-800" data-testid="approval-pending">
          <p>
            {t("approval.pending", {
              name: open.requestedBy,
              version: open.requestedAtVersion,
              date: date(open.createdAt),
            })}
          </p>
          {open.note ? <p className="text-gray-700">“{open.note}”</p> : null}
          <p className="text-xs text-gray-600">
            {open.approverIds.length
              ? t("approval.approvers", { names: open.approverIds.map(ownerName).join(", ") })
              : t("approval.anyOwner")}
          </p>
        </div>
      ) : (
        <p className="mt-1 text-sm text-gray-700">
          {props.status === "approved" ? t("approval.isApproved") : t("approval.notRequested")}
        </p>
      )}

      {props.canDecide ? (
        <div className="mt-3 space-y-2">
          <Field id="approval-comment" label={t("approval.comment")}>
            <TextArea
              id="approval-comment"
              value={comment}
              maxLength={2000}
              rows={2}
              onChange={(e) => setComment(e.target.value)}
              className="max-w-2xl"
            />
          </Field>
          <div className="flex flex-wrap gap-2">
            <Button disabled={pending} onClick={() => decide("approve")} data-testid="approve">
              {t("approval.approve", { version: props.version })}
            </Button>
            {open ? (
              <Button
                variant="danger"
                disabled={pending || !comment.trim()}
                onClick={() => decide("reject")}
                data-testid="reject"
              >
                {t("approval.reject")}
              </Button>
            ) : null}
          </div>
          {open ? <p className="text-xs text-gray-600">{t("approval.rejectNeedsComment")}</p> : null}
        </div>
      ) : null}

      {props.canRequest && !open && !props.canDecide ? (
        <form
          className="mt-3 space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            start(async () => {
              const r = await requestApprovalAction({
                slug: props.slug,
                caseId: props.caseId,
                approverIds: approvers,
                note,
              });
              if (r.ok) {
                setNote("");
                setApprovers([]);
                notices.done(t("approval.requestedDone"));
              } else notices.setMessage({ kind: "error", text: r.fieldErrors?.[0]?.message ?? r.message });
              router.refresh();
            });
          }}
        >
          <fieldset>
            <legend className="text-sm font-medium text-gray-800">{t("approval.approversLabel")}</legend>
            <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
              {props.owners.map((o) => (
                <label key={o.userId} className="flex items-center gap-1.5 text-sm">
                  <input
                    type="checkbox"
                    checked={approvers.includes(o.userId)}
                    onChange={(e) =>
                      setApprovers((a) => (e.target.checked ? [...a, o.userId] : a.filter((x) => x !== o.userId)))
                    }
                  />
                  {o.name}
                </label>
              ))}
            </div>
          </fieldset>
          <Field id="approval-note" label={t("approval.note")}>
            <TextArea
              id="approval-note"
              value={note}
              maxLength={2000}
              rows={2}
              onChange={(e) => setNote(e.target.value)}
              className="max-w-2xl"
            />
          </Field>
          <Button type="submit" disabled={pending} data-testid="request-approval">
            {t("approval.request")}
          </Button>
        </form>
      ) : null}

      {props.requests.some((r) => r.state !== "pending") ? (
        <div className="mt-4">
          <h3 className="text-xs font-semibold text-gray-700">{t("approval.history")}</h3>
          <ul className="mt-1 space-y-1 text-sm text-gray-800">
            {props.requests
              .filter((r) => r.state !== "pending")
              .map((r) => (
                <li key={r.id}>
                  {t(r.state === "approved" ? "approval.wasApproved" : "approval.wasRejected", {
                    name: r.decidedBy ?? "",
                    date: r.decidedAt ? date(r.decidedAt) : "",
                    version: r.decidedAtVersion ?? r.requestedAtVersion,
                  })}
                  {r.comment ? <span className="text-gray-600"> — “{r.comment}”</span> : null}
                </li>
              ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
