"use client";
import { useTranslations } from "next-intl";
import { ConflictNotice } from "@/components/cases/conflict-notice";
import type { WriteFailure } from "./use-case-write";

// The message of a refused write, shown next to the form that made it (whose inputs are kept).
export function WriteFailureNotice({
  caseId,
  failure,
  fieldLabel,
  onDismiss,
}: {
  caseId: string;
  failure: WriteFailure;
  fieldLabel?: (path: string) => string;
  onDismiss?: () => void;
}) {
  const t = useTranslations("risks");
  if (failure.kind === "conflict")
    return <ConflictNotice caseId={caseId} since={failure.since} onDismiss={onDismiss} />;
  if (failure.kind === "validation") {
    return (
      <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="write-error">
        <p className="font-medium">{t("errors.validation")}</p>
        <ul className="mt-1 list-disc pl-5">
          {failure.fieldErrors.map((f, i) => (
            <li key={i} className="break-words">
              {t("errors.field", { field: fieldLabel?.(f.path) ?? f.path, message: f.message })}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const text =
    failure.code === "not_found"
      ? t("errors.notFound")
      : failure.code === "forbidden"
        ? t("errors.forbidden")
        : t("errors.generic");
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="write-error">
      {text}
    </p>
  );
}

export function fieldErrorOf(failure: WriteFailure | undefined, path: string): string | undefined {
  if (failure?.kind !== "validation") return undefined;
  return failure.fieldErrors.find((f) => f.path === path || f.path.startsWith(`${path}.`))?.message;
}
