"use client";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import type { RiskItem } from "./types";
import { SCALE } from "./bands";
import { shareToPercent } from "./decimal-input";
import type { WriteFailure } from "./use-case-write";
import { WriteFailureNotice, fieldErrorOf } from "./write-failure";

export interface RiskDraft {
  title: string;
  category: string;
  likelihood: number;
  impact: number;
  owner: string;
  mitigation: string;
  probability: string; // per cent, as typed
  costImpact: string;
  includeInCosts: boolean;
  scenario: string; // "" = every alternative
  month: string;
}

const input = "mt-1 block w-full rounded-md border bg-white px-2 py-1.5 text-sm font-normal text-gray-900";
const border = (error?: string) => (error ? "border-red-600" : "border-gray-300");

// One risk's fields, for adding (empty) and for editing a row (filled). The inputs are
// uncontrolled: a refused write leaves them exactly as typed.
export function RiskForm(props: {
  initial?: RiskItem;
  caseId: string;
  currency: string;
  horizon: number;
  scenarios: { key: string; name: string }[];
  failure?: WriteFailure;
  pending: boolean;
  submitLabel: string;
  onSubmit: (draft: RiskDraft) => void;
  onCancel?: () => void;
  onDismissFailure?: () => void;
}) {
  const t = useTranslations("risks");
  const uid = useId();
  const r = props.initial;
  const err = (path: string) => fieldErrorOf(props.failure, path);
  const fieldLabel = (path: string) => {
    const key = path.split(".")[0] ?? path;
    return t.has(`fields.${key}`) ? t(`fields.${key}`, { currency: props.currency }) : path;
  };
  const errorText = (path: string) => {
    const e = err(path);
    return e ? (
      <span id={`${uid}-${path}-error`} className="mt-1 block text-xs font-normal text-red-700">
        {e}
      </span>
    ) : null;
  };
  const described = (path: string) => (err(path) ? { "aria-invalid": true, "aria-describedby": `${uid}-${path}-error` } : {});
  const costOpen = !!r && (r.probability !== null || r.costImpact !== null || r.month !== null || r.scenario !== null);

  return (
    <form
      className="space-y-3"
      data-testid={r ? "risk-edit-form" : "risk-add-form"}
      onSubmit={(e) => {
        e.preventDefault();
        const d = new FormData(e.currentTarget);
        const s = (k: string) => String(d.get(k) ?? "");
        props.onSubmit({
          title: s("title"),
          category: s("category"),
          likelihood: Number(s("likelihood")),
          impact: Number(s("impact")),
          owner: s("owner"),
          mitigation: s("mitigation"),
          probability: s("probability"),
          costImpact: s("costImpact"),
          includeInCosts: d.get("includeInCosts") === "on",
          scenario: s("scenario"),
          month: s("month"),
        });
      }}
    >
      {props.failure ? <WriteFailureNotice caseId={props.caseId} failure={props.failure} fieldLabel={fieldLabel} onDismiss={props.onDismissFailure} /> : null}
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 lg:grid-cols-6">
        <label className="col-span-2 text-xs font-medium text-gray-700">
          {t("fields.title")}
          <input name="title" aria-label={t("fields.title")} required maxLength={10000} defaultValue={r?.title ?? ""} placeholder={t("placeholders.title")} className={`${input} ${border(err("title"))}`} {...described("title")} />
          {errorText("title")}
        </label>
        <label className="text-xs font-medium text-gray-700">
          {t("fields.category")}
          <input name="category" aria-label={t("fields.category")} maxLength={100} defaultValue={r?.category ?? ""} placeholder={t("placeholders.category")} className={`${input} ${border(err("category"))}`} {...described("category")} />
          {errorText("category")}
        </label>
        <label className="text-xs font-medium text-gray-700">
          {t("fields.owner")}
          <input name="owner" aria-label={t("fields.owner")} maxLength={300} defaultValue={r?.owner ?? ""} placeholder={t("placeholders.owner")} className={`${input} ${border(err("owner"))}`} {...described("owner")} />
          {errorText("owner")}
        </label>
        <label className="text-xs font-medium text-gray-700">
          {t("fields.likelihood")}
          <select name="likelihood" aria-label={t("fields.likelihood")} defaultValue={String(r?.likelihood ?? 3)} className={`${input} ${border(err("likelihood"))}`} {...described("likelihood")}>
            {SCALE.map((v) => (
              <option key={v} value={v}>
                {t("scaleOption", { value: v, label: t(`likelihoodScale.${v}`) })}
              </option>
            ))}
          </select>
          {errorText("likelihood")}
        </label>
        <label className="text-xs font-medium text-gray-700">
          {t("fields.impact")}
          <select name="impact" aria-label={t("fields.impact")} defaultValue={String(r?.impact ?? 3)} className={`${input} ${border(err("impact"))}`} {...described("impact")}>
            {SCALE.map((v) => (
              <option key={v} value={v}>
                {t("scaleOption", { value: v, label: t(`impactScale.${v}`) })}
              </option>
            ))}
          </select>
          {errorText("impact")}
        </label>
        <label className="col-span-full text-xs font-medium text-gray-700">
          {t("fields.mitigation")}
          <textarea name="mitigation" aria-label={t("fields.mitigation")} rows={2} maxLength={10000} defaultValue={r?.mitigation ?? ""} placeholder={t("placeholders.mitigation")} className={`${input} ${border(err("mitigation"))}`} {...described("mitigation")} />
          {errorText("mitigation")}
        </label>
      </div>
      <details open={costOpen || ["probability", "costImpact", "includeInCosts", "scenario", "month"].some((p) => !!err(p))} className="rounded-md border border-gray-200 px-3 py-2">
        <summary className="cursor-pointer text-xs font-medium text-gray-800">{t("costSection")}</summary>
        <div className="mt-2 grid grid-cols-2 gap-3 md:grid-cols-4">
          <label className="text-xs font-medium text-gray-700">
            {t("fields.probability")}
            <input name="probability" aria-label={t("fields.probability")} inputMode="decimal" defaultValue={shareToPercent(r?.probability ?? null)} className={`${input} text-right tabular-nums ${border(err("probability"))}`} {...described("probability")} />
            {errorText("probability")}
          </label>
          <label className="text-xs font-medium text-gray-700">
            {t("fields.costImpact", { currency: props.currency })}
            <input name="costImpact" aria-label={t("fields.costImpact", { currency: props.currency })} inputMode="decimal" defaultValue={r?.costImpact ?? ""} className={`${input} text-right tabular-nums ${border(err("costImpact"))}`} {...described("costImpact")} />
            {errorText("costImpact")}
          </label>
          <label className="text-xs font-medium text-gray-700">
            {t("fields.scenario")}
            <select name="scenario" aria-label={t("fields.scenario")} defaultValue={r?.scenario ?? ""} className={`${input} ${border(err("scenario"))}`} {...described("scenario")}>
              <option value="">{t("everyAlternative")}</option>
              {props.scenarios.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.name}
                </option>
              ))}
            </select>
            {errorText("scenario")}
          </label>
          <label className="text-xs font-medium text-gray-700">
            {t("fields.month")}
            <input name="month" aria-label={t("fields.month")} type="number" min={0} max={props.horizon} step={1} defaultValue={r?.month ?? ""} className={`${input} text-right tabular-nums ${border(err("month"))}`} {...described("month")} />
            {errorText("month")}
          </label>
          <label className="col-span-full flex items-center gap-2 text-xs font-medium text-gray-700">
            <input name="includeInCosts" aria-label={t("fields.includeInCosts")} type="checkbox" defaultChecked={r?.includeInCosts ?? false} className="h-4 w-4 rounded border-gray-300" {...described("includeInCosts")} />
            {t("fields.includeInCosts")}
          </label>
          {errorText("includeInCosts")}
        </div>
      </details>
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
