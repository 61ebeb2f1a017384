"use client";
import { useTranslations } from "next-intl";
import { useId } from "react";
import type { KpiItem } from "@/components/risks/types";
import type { WriteFailure } from "@/components/risks/use-case-write";
import { WriteFailureNotice, fieldErrorOf } from "@/components/risks/write-failure";
import { Button } from "@/components/ui/button";

export interface KpiDraft {
  name: string;
  unit: string;
  direction: "up" | "down";
  baseline: string;
  target: string;
}

const input = "mt-1 block w-full rounded-md border bg-white px-2 py-1.5 text-sm font-normal text-gray-900";

// One KPI's fields, for adding (empty) and editing a row (filled); uncontrolled, so a refused
// write leaves them as typed.
export function KpiForm(props: {
  initial?: KpiItem;
  caseId: string;
  failure?: WriteFailure;
  pending: boolean;
  submitLabel: string;
  onSubmit: (draft: KpiDraft) => void;
  onCancel?: () => void;
  onDismissFailure?: () => void;
}) {
  const t = useTranslations("risks");
  const uid = useId();
  const k = props.initial;
  const err = (path: string) => fieldErrorOf(props.failure, path);
  const fieldLabel = (path: string) => (t.has(`kpis.fields.${path}`) ? t(`kpis.fields.${path}`) : path);
  const extra = (path: string) => (err(path) ? { "aria-invalid": true, "aria-describedby": `${uid}-${path}-error` } : { "aria-describedby": path === "baseline" || path === "target" ? `${uid}-hint` : undefined });
  const cls = (path: string, more = "") => `${input} ${more} ${err(path) ? "border-red-600" : "border-gray-300"}`;
  const errorText = (path: string) =>
    err(path) ? (
      <span id={`${uid}-${path}-error`} className="mt-1 block text-xs font-normal text-red-700">
        {err(path)}
      </span>
    ) : null;
  return (
    <form
      className="space-y-3"
      data-testid={k ? "kpi-edit-form" : "kpi-add-form"}
      onSubmit={(e) => {
        e.preventDefault();
        const d = new FormData(e.currentTarget);
        const s = (key: string) => String(d.get(key) ?? "");
        props.onSubmit({ name: s("name"), unit: s("unit"), direction: s("direction") === "down" ? "down" : "up", baseline: s("baseline"), target: s("target") });
      }}
    >
      {props.failure ? <WriteFailureNotice caseId={props.caseId} failure={props.failure} fieldLabel={fieldLabel} onDismiss={props.onDismissFailure} /> : null}
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <label className="col-span-2 text-xs font-medium text-gray-700">
          {t("kpis.fields.name")}
          <input name="name" aria-label={t("kpis.fields.name")} required maxLength={10000} defaultValue={k?.name ?? ""} placeholder={t("kpis.placeholders.name")} className={cls("name")} {...extra("name")} />
          {errorText("name")}
        </label>
        <label className="text-xs font-medium text-gray-700">
          {t("kpis.fields.unit")}
          <input name="unit" aria-label={t("kpis.fields.unit")} maxLength={50} defaultValue={k?.unit ?? ""} placeholder={t("kpis.placeholders.unit")} className={cls("unit")} {...extra("unit")} />
          {errorText("unit")}
        </label>
        <label className="text-xs font-medium text-gray-700">
          {t("kpis.fields.direction")}
          <select name="direction" aria-label={t("kpis.fields.direction")} defaultValue={k?.direction ?? "up"} className={cls("direction")} {...extra("direction")}>
            <option value="up">{t("kpis.directions.up")}</option>
            <option value="down">{t("kpis.directions.down")}</option>
          </select>
          {errorText("direction")}
        </label>
        <label className="text-xs font-medium text-gray-700">
          {t("kpis.fields.baseline")}
          <input name="baseline" aria-label={t("kpis.fields.baseline")} inputMode="decimal" defaultValue={k?.baseline ?? ""} className={cls("baseline", "text-right tabular-nums")} {...extra("baseline")} />
          {errorText("baseline")}
        </label>
        <label className="text-xs font-medium text-gray-700">
          {t("kpis.fields.target")}
          <input name="target" aria-label={t("kpis.fields.target")} inputMode="decimal" defaultValue={k?.target ?? ""} className={cls("target", "text-right tabular-nums")} {...extra("target")} />
          {errorText("target")}
        </label>
      </div>
      <p id={`${uid}-hint`} className="text-xs text-gray-600">
        {t("kpis.decimalHint")}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={props.pending}>
          {props.submitLabel}
        </Button>
        {props.onCancel ? (
          <Button type="button" variant="secondary" onClick={props.onCancel}>
            {t("actions.cancel")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
