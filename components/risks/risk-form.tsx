"use client";
import { useTranslations } from "next-intl";
import type { RiskDTO } from "@/lib/case-file/risk";
import { SCALE } from "./bands";
import { toInputText, toPercentInputText } from "@/lib/i18n/parse-decimal";
import { ItemForm, useFieldErrors, type ItemFormProps } from "@/components/editing/item-form";

// What the form holds: the risk's text and scale fields as they are, the cost fields as typed.
export type RiskDraft = Pick<
  RiskDTO,
  "title" | "category" | "likelihood" | "impact" | "owner" | "mitigation" | "includeInCosts"
> & {
  probability: string; // per cent, as typed
  costImpact: string;
  scenario: string; // "" = every alternative
  month: string;
};

// One risk's fields, for adding (empty) and for editing a row (filled).
export function RiskForm(
  props: ItemFormProps<RiskDTO, RiskDraft> & {
    currency: string;
    locale: string;
    horizon: number;
    scenarios: { key: string; name: string }[];
  },
) {
  const t = useTranslations("risks");
  const r = props.initial;
  const { err, cls, described, errorText, field } = useFieldErrors(props.failure);
  const fieldLabel = (path: string) => {
    const key = path.split(".")[0] ?? path;
    return t.has(`fields.${key}`) ? t(`fields.${key}`, { currency: props.currency }) : path;
  };
  const costOpen = !!r && (r.probability !== null || r.costImpact !== null || r.month !== null || r.scenario !== null);
  const scale = (name: "likelihood" | "impact") =>
    field(
      name,
      t(`fields.${name}`),
      <select
        name={name}
        aria-label={t(`fields.${name}`)}
        defaultValue={String(r?.[name] ?? 3)}
        className={cls(name)}
        {...described(name)}
      >
        {SCALE.map((v) => (
          <option key={v} value={v}>
            {t("scaleOption", { value: v, label: t(`${name}Scale.${v}`) })}
          </option>
        ))}
      </select>,
    );

  return (
    <ItemForm
      form={props}
      testId={r ? "risk-edit-form" : "risk-add-form"}
      fieldLabel={fieldLabel}
      read={(s, d) => ({
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
      })}
    >
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 lg:grid-cols-6">
        {field(
          "title",
          t("fields.title"),
          <input
            name="title"
            aria-label={t("fields.title")}
            required
            maxLength={10000}
            defaultValue={r?.title ?? ""}
            placeholder={t("placeholders.title")}
            className={cls("title")}
            {...described("title")}
          />,
          "col-span-2",
        )}
        {field(
          "category",
          t("fields.category"),
          <input
            name="category"
            aria-label={t("fields.category")}
            maxLength={100}
            defaultValue={r?.category ?? ""}
            placeholder={t("placeholders.category")}
            className={cls("category")}
            {...described("category")}
          />,
        )}
        {field(
          "owner",
          t("fields.owner"),
          <input
            name="owner"
            aria-label={t("fields.owner")}
            maxLength={300}
            defaultValue={r?.owner ?? ""}
            placeholder={t("placeholders.owner")}
            className={cls("owner")}
            {...described("owner")}
          />,
        )}
        {scale("likelihood")}
        {scale("impact")}
        {field(
          "mitigation",
          t("fields.mitigation"),
          <textarea
            name="mitigation"
            aria-label={t("fields.mitigation")}
            rows={2}
            maxLength={10000}
            defaultValue={r?.mitigation ?? ""}
            placeholder={t("placeholders.mitigation")}
            className={cls("mitigation")}
            {...described("mitigation")}
          />,
          "col-span-full",
        )}
      </div>
      <details
        open={costOpen || ["probability", "costImpact", "includeInCosts", "scenario", "month"].some((p) => !!err(p))}
        className="rounded-md border border-gray-200 px-3 py-2"
      >
        <summary className="cursor-pointer text-xs font-medium text-gray-800">{t("costSection")}</summary>
        <div className="mt-2 grid grid-cols-2 gap-3 md:grid-cols-4">
          {field(
            "probability",
            t("fields.probability"),
            <input
              name="probability"
              aria-label={t("fields.probability")}
              inputMode="decimal"
              defaultValue={toPercentInputText(r?.probability, props.locale)}
              className={cls("probability", "text-right tabular-nums")}
              {...described("probability")}
            />,
          )}
          {field(
            "costImpact",
            t("fields.costImpact", { currency: props.currency }),
            <input
              name="costImpact"
              aria-label={t("fields.costImpact", { currency: props.currency })}
              inputMode="decimal"
              defaultValue={r?.costImpact ? toInputText(r.costImpact, props.locale) : ""}
              className={cls("costImpact", "text-right tabular-nums")}
              {...described("costImpact")}
            />,
          )}
          {field(
            "scenario",
            t("fields.scenario"),
            <select
              name="scenario"
              aria-label={t("fields.scenario")}
              defaultValue={r?.scenario ?? ""}
              className={cls("scenario")}
              {...described("scenario")}
            >
              <option value="">{t("everyAlternative")}</option>
              {props.scenarios.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.name}
                </option>
              ))}
            </select>,
          )}
          {field(
            "month",
            t("fields.month"),
            <input
              name="month"
              aria-label={t("fields.month")}
              type="number"
              min={0}
              max={props.horizon}
              step={1}
              defaultValue={r?.month ?? ""}
              className={cls("month", "text-right tabular-nums")}
              {...described("month")}
            />,
          )}
          <label className="col-span-full flex items-center gap-2 text-xs font-medium text-gray-700">
            <input
              name="includeInCosts"
              aria-label={t("fields.includeInCosts")}
              type="checkbox"
              defaultChecked={r?.includeInCosts ?? false}
              className="h-4 w-4 rounded border-gray-300"
              {...described("includeInCosts")}
            />
            {t("fields.includeInCosts")}
          </label>
          {errorText("includeInCosts")}
        </div>
      </details>
    </ItemForm>
  );
}
