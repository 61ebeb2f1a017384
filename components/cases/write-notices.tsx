"use client";
import { useState } from "react";
import { ConflictNotice } from "./conflict-notice";

export type NoticeMessage = { kind: "error" | "info"; text: string };

// What a case form says after a write: the conflict notice (someone changed the case first; the
// form keeps its input) or one message. State and markup shared by the scenario, settings and
// archive forms.
export function useWriteNotices() {
  const [conflictSince, setConflictSince] = useState<number | null>(null);
  const [message, setMessage] = useState<NoticeMessage>();
  return {
    conflictSince,
    message,
    setMessage,
    conflicted: (basedOn: number) => {
      setMessage(undefined);
      setConflictSince(basedOn);
    },
    done: (text: string) => {
      setConflictSince(null);
      setMessage({ kind: "info", text });
    },
    dismissConflict: () => setConflictSince(null),
  };
}

export function WriteNotices({
  caseId,
  notices,
  className = "",
}: {
  caseId: string;
  notices: ReturnType<typeof useWriteNotices>;
  className?: string;
}) {
  const { conflictSince, message } = notices;
  return (
    <div aria-live="polite" className={`space-y-2 empty:hidden ${className}`}>
      {conflictSince !== null ? (
        <ConflictNotice caseId={caseId} since={conflictSince} onDismiss={notices.dismissConflict} />
      ) : null}
      {message ? (
        <p
          role={message.kind === "error" ? "alert" : "status"}
          className={`rounded-md px-3 py-2 text-sm ${message.kind === "error" ? "bg-red-50 text-red-800" : "bg-teal-50 text-teal-900"}`}
        >
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
