"use client";
import { useTranslations } from "next-intl";
import { useId, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { WriteFailure } from "./use-case-write";
import { WriteFailureNotice, fieldErrorOf } from "./write-failure";

// What the form of one row (a risk, a KPI) receives, for adding (no initial: empty) and for
// editing a row (filled).
export interface ItemFormProps<T, D> {
  initial?: T;
  caseId: string;
  failure?: WriteFailure;
  pending: boolean;
  submitLabel: string;
  onSubmit: (draft: D) => void;
  onCancel?: () => void;
  onDismissFailure?: () => void;
}

const input = "mt-1 block w-full rounded-md border bg-white px-2 py-1.5 text-sm font-normal text-gray-900";

// The field errors of a refused write, next to their inputs: a red border, the message under the
// input and aria-invalid/aria-describedby on it (else the hint it names, if any).
export function useFieldErrors(failure: WriteFailure | undefined) {
  const uid = useId();
  const err = (path: string) => fieldErrorOf(failure, path);
  const errorText = (path: string) => {
    const e = err(path);
    return e ? (
      <span id={`${uid}-${path}-error`} className="mt-1 block text-xs font-normal text-red-700">
        {e}
      </span>
    ) : null;
  };
  return {
    uid,
    err,
    errorText,
    // An input's class, with extra classes (alignment) and the border its error asks for.
    cls: (path: string, more?: string) =>
      [input, more, err(path) ? "border-red-600" : "border-gray-300"].filter(Boolean).join(" "),
    described: (path: string, hint?: string) =>
      err(path)
        ? { "aria-invalid": true, "aria-describedby": `${uid}-${path}-error` }
        : hint
          ? { "aria-describedby": hint }
          : {},
    // A labelled field: the label's text, the control and its error; span widens it in the grid.
    field: (path: string, label: string, control: ReactNode, span?: string) => (
      <label className={span ? `${span} text-xs font-medium text-gray-700` : "text-xs font-medium text-gray-700"}>
        {label}
        {control}
        {errorText(path)}
      </label>
    ),
  };
}

// The form around a row's fields: the refused write's notice first, then the fields, then submit
// (and cancel when editing). The inputs are uncontrolled: a refused write leaves them exactly as
// typed. read turns the submitted form into the draft.
export function ItemForm<T, D>(props: {
  form: ItemFormProps<T, D>;
  testId: string;
  fieldLabel: (path: string) => string;
  read: (value: (name: string) => string, data: FormData) => D;
  children: ReactNode;
}) {
  const t = useTranslations("risks");
  const { form } = props;
  return (
    <form
      className="space-y-3"
      data-testid={props.testId}
      onSubmit={(e) => {
        e.preventDefault();
        const d = new FormData(e.currentTarget);
        form.onSubmit(props.read((k) => String(d.get(k) ?? ""), d));
      }}
    >
      {form.failure ? (
        <WriteFailureNotice
          caseId={form.caseId}
          failure={form.failure}
          fieldLabel={props.fieldLabel}
          onDismiss={form.onDismissFailure}
        />
      ) : null}
      {props.children}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={form.pending}>
          {form.submitLabel}
        </Button>
        {form.onCancel ? (
          <Button type="button" variant="secondary" onClick={form.onCancel}>
            {t("actions.cancel")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
