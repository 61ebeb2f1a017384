"use client";
import { useTranslations } from "next-intl";
import { ItemForm, useFieldErrors, type ItemFormProps } from "@/components/editing/item-form";
import type { KpiDTO } from "@/lib/case-file/kpi";

export interface KpiDraft {
  name: string;
  unit: string;
  direction: "up" | "down";
  baseline: string;
  target: string;
}

// One KPI's fields, for adding (empty) and editing a row (filled).
export function KpiForm(props: ItemFormProps<KpiDTO, KpiDraft>) {
  const t = useTranslations("risks");
  const k = props.initial;
  const { uid, cls, described, field } = useFieldErrors(props.failure);
  const fieldLabel = (path: string) => (t.has(`kpis.fields.${path}`) ? t(`kpis.fields.${path}`) : path);
  const decimal = (name: "baseline" | "target") =>
    field(
      name,
      t(`kpis.fields.${name}`),
      <input
        name={name}
        aria-label={t(`kpis.fields.${name}`)}
        inputMode="decimal"
        defaultValue={k?.[name] ?? ""}
        className={cls(name, "text-right tabular-nums")}
        {...described(name, `${uid}-hint`)}
      />,
    );
  return (
    <ItemForm
      form={props}
      testId={k ? "kpi-edit-form" : "kpi-add-form"}
      fieldLabel={fieldLabel}
      read={(s): KpiDraft => ({
        name: s("name"),
        unit: s("unit"),
        direction: s("direction") === "down" ? "down" : "up",
        baseline: s("baseline"),
        target: s("target"),
      })}
    >
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {field(
          "name",
          t("kpis.fields.name"),
          <input
            name="name"
            aria-label={t("kpis.fields.name")}
            required
            maxLength={10000}
            defaultValue={k?.name ?? ""}
            placeholder={t("kpis.placeholders.name")}
            className={cls("name")}
            {...described("name")}
          />,
          "col-span-2",
        )}
        {field(
          "unit",
          t("kpis.fields.unit"),
          <input
            name="unit"
            aria-label={t("kpis.fields.unit")}
            maxLength={50}
            defaultValue={k?.unit ?? ""}
            placeholder={t("kpis.placeholders.unit")}
            className={cls("unit")}
            {...described("unit")}
          />,
        )}
        {field(
          "direction",
          t("kpis.fields.direction"),
          <select
            name="direction"
            aria-label={t("kpis.fields.direction")}
            defaultValue={k?.direction ?? "up"}
            className={cls("direction")}
            {...described("direction")}
          >
            <option value="up">{t("kpis.directions.up")}</option>
            <option value="down">{t("kpis.directions.down")}</option>
          </select>,
        )}
        {decimal("baseline")}
        {decimal("target")}
      </div>
      <p id={`${uid}-hint`} className="text-xs text-gray-600">
        {t("kpis.decimalHint")}
      </p>
    </ItemForm>
  );
}
