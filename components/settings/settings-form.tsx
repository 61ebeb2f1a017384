"use client";
import Decimal from "decimal.js";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { WriteNotices, useWriteNotices } from "@/components/cases/write-notices";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { updateCaseSettingsAction } from "@/lib/actions/settings";
import { formatPercent } from "@/lib/i18n/format";
import { parsePercentInput } from "@/lib/i18n/parse-decimal";

export interface SettingsValues {
  name: string;
  currency: string;
  startMonth: string; // YYYY-MM
  horizonMonths: string;
  discountRate: string; // a percentage, as typed ("8.5")
  locale: string;
}
type FieldName = keyof SettingsValues;
const FIELDS: FieldName[] = ["name", "currency", "startMonth", "horizonMonths", "discountRate", "locale"];

const selectClass =
  "block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm outline-none focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30";

// The case settings. Only the fields that changed are sent; the discount rate is typed as a
// percentage and sent as the decimal string the API expects ("8.5" -> "0.085"), in decimal maths.
export function SettingsForm(props: {
  slug: string;
  caseId: string;
  version: number;
  canEdit: boolean;
  currencies: { code: string; label: string }[];
  languages: { code: string; label: string }[];
  initial: SettingsValues;
}) {
  const t = useTranslations("scenarios");
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [values, setValues] = useState<SettingsValues>(props.initial);
  const [seen, setSeen] = useState(props.version);
  const version = Math.max(props.version, seen);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const notices = useWriteNotices();
  const { message, setMessage } = notices;

  if (!props.canEdit) {
    const currency = props.currencies.find((c) => c.code === props.initial.currency)?.label ?? props.initial.currency;
    const language = props.languages.find((l) => l.code === props.initial.locale)?.label ?? props.initial.locale;
    const rows: [string, string][] = [
      [t("settings.name"), props.initial.name],
      [t("settings.currency"), currency],
      [t("settings.startMonth"), props.initial.startMonth],
      [t("settings.horizon"), props.initial.horizonMonths],
      [
        t("settings.discountRate"),
        formatPercent(
          new Decimal(props.initial.discountRate).div(100).toString(),
          locale,
          Math.min(4, Math.max(1, new Decimal(props.initial.discountRate).decimalPlaces())),
        ),
      ],
      [t("settings.language"), language],
    ];
    return (
      <section className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm" aria-labelledby="settings-heading">
        <h2 id="settings-heading" className="text-sm font-semibold">
          {t("settings.heading")}
        </h2>
        <dl className="mt-3 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt className="text-xs font-medium text-gray-600">{label}</dt>
              <dd className="mt-0.5 break-words text-gray-900">{value}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-4 text-xs text-gray-600">{t("readOnly")}</p>
      </section>
    );
  }

  // Editing a field clears its error; the other fields keep theirs until the next save.
  const set = (field: FieldName) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: e.target.value }));
    if (errors[field]) {
      const rest = Object.fromEntries(Object.entries(errors).filter(([k]) => k !== field)) as Partial<
        Record<FieldName, string>
      >;
      setErrors(rest);
      if (Object.keys(rest).length === 0 && message?.kind === "error") setMessage(undefined);
    }
  };
  const describedBy = (field: FieldName) => (errors[field] ? `settings-${field}-error` : `settings-${field}-hint`);

  function submit() {
    const local: Partial<Record<FieldName, string>> = {};
    const patch: Record<string, string | number> = {};
    const i = props.initial;
    if (values.name.trim() !== i.name) {
      if (!values.name.trim()) local.name = t("settings.errors.name");
      else patch.name = values.name.trim();
    }
    if (values.currency !== i.currency) patch.currency = values.currency;
    if (values.startMonth !== i.startMonth) {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(values.startMonth)) local.startMonth = t("settings.errors.startMonth");
      else patch.startMonth = values.startMonth;
    }
    if (values.horizonMonths.trim() !== i.horizonMonths) {
      const h = values.horizonMonths.trim();
      if (!/^\d{1,3}$/.test(h) || Number(h) < 1 || Number(h) > 120)
        local.horizonMonths = t("settings.errors.horizonMonths");
      else patch.horizonMonths = Number(h);
    }
    // The one percentage parser (lib/i18n/parse-decimal.ts): "8,5 %" in Swedish, "8.5" anywhere.
    const share = parsePercentInput(values.discountRate, locale);
    if (share === null) local.discountRate = t("settings.errors.discountRate");
    else if (!new Decimal(share).equals(parsePercentInput(i.discountRate, locale) ?? "NaN")) {
      const rate = new Decimal(share);
      if (rate.lte(-1) || rate.gt(10)) local.discountRate = t("settings.errors.discountRate");
      else patch.discountRate = rate.toString();
    }
    if (values.locale !== i.locale) patch.locale = values.locale;

    setErrors(local);
    if (Object.keys(local).length) {
      setMessage({ kind: "error", text: t("checkFields") });
      return;
    }
    if (!Object.keys(patch).length) {
      setMessage({ kind: "info", text: t("settings.noChanges") });
      return;
    }
    const basedOn = version;
    start(async () => {
      const r = await updateCaseSettingsAction({ slug: props.slug, caseId: props.caseId, version: basedOn, patch });
      if (r.ok) {
        setSeen((s) => Math.max(s, r.data.version));
        notices.done(t("settings.saved"));
      } else if (r.code === "conflict" && typeof r.currentVersion === "number") {
        notices.conflicted(basedOn);
      } else if (r.code === "validation" && r.fieldErrors?.length) {
        const next: Partial<Record<FieldName, string>> = {};
        for (const f of r.fieldErrors) {
          const field = (FIELDS as string[]).includes(f.path)
            ? (f.path as FieldName)
            : "horizonMonths" in patch
              ? "horizonMonths"
              : null;
          if (field) next[field] = t(`settings.errors.${field}`);
        }
        setErrors(next);
        setMessage({
          kind: "error",
          text: Object.keys(next).length
            ? t("checkFields")
            : r.fieldErrors.map((f) => `${f.path}: ${f.message}`).join("; "),
        });
      } else {
        setMessage({ kind: "error", text: r.code === "internal" ? t("error") : r.message });
      }
      router.refresh();
    });
  }

  return (
    <section className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm" aria-labelledby="settings-heading">
      <h2 id="settings-heading" className="text-sm font-semibold">
        {t("settings.heading")}
      </h2>
      <p className="mt-1 text-sm text-gray-700">{t("settings.intro")}</p>
      <WriteNotices caseId={props.caseId} notices={notices} className="mt-3" />
      <form
        noValidate
        className="mt-4 grid gap-x-6 gap-y-4 md:grid-cols-2 lg:grid-cols-3"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="md:col-span-2 lg:col-span-3">
          <Field id="settings-name" label={t("settings.name")} error={errors.name}>
            <Input
              id="settings-name"
              value={values.name}
              onChange={set("name")}
              required
              maxLength={10000}
              invalid={Boolean(errors.name)}
              aria-describedby={errors.name ? "settings-name-error" : undefined}
            />
          </Field>
        </div>
        <Field
          id="settings-currency"
          label={t("settings.currency")}
          hint={t("settings.currencyHint")}
          error={errors.currency}
        >
          <select
            id="settings-currency"
            value={values.currency}
            onChange={set("currency")}
            aria-invalid={Boolean(errors.currency) || undefined}
            aria-describedby={describedBy("currency")}
            className={`${selectClass} ${errors.currency ? "border-red-500" : "border-gray-300"}`}
          >
            {props.currencies.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="settings-startMonth"
          label={t("settings.startMonth")}
          hint={t("settings.startMonthHint")}
          error={errors.startMonth}
        >
          <Input
            id="settings-startMonth"
            type="month"
            value={values.startMonth}
            onChange={set("startMonth")}
            required
            placeholder="2027-01"
            pattern="[0-9]{4}-[0-9]{2}"
            invalid={Boolean(errors.startMonth)}
            aria-describedby={describedBy("startMonth")}
          />
        </Field>
        <Field
          id="settings-horizonMonths"
          label={t("settings.horizon")}
          hint={t("settings.horizonHint")}
          error={errors.horizonMonths}
        >
          <Input
            id="settings-horizonMonths"
            type="number"
            min={1}
            max={120}
            step={1}
            value={values.horizonMonths}
            onChange={set("horizonMonths")}
            required
            invalid={Boolean(errors.horizonMonths)}
            aria-describedby={describedBy("horizonMonths")}
            className="text-right tabular-nums"
          />
        </Field>
        <Field
          id="settings-discountRate"
          label={t("settings.discountRate")}
          hint={t("settings.discountRateHint")}
          error={errors.discountRate}
        >
          <Input
            id="settings-discountRate"
            inputMode="decimal"
            value={values.discountRate}
            onChange={set("discountRate")}
            required
            invalid={Boolean(errors.discountRate)}
            aria-describedby={describedBy("discountRate")}
            className="text-right tabular-nums"
          />
        </Field>
        <Field
          id="settings-locale"
          label={t("settings.language")}
          hint={t("settings.languageHint")}
          error={errors.locale}
        >
          <select
            id="settings-locale"
            value={values.locale}
            onChange={set("locale")}
            aria-invalid={Boolean(errors.locale) || undefined}
            aria-describedby={describedBy("locale")}
            className={`${selectClass} ${errors.locale ? "border-red-500" : "border-gray-300"}`}
          >
            {props.languages.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.label}
              </option>
            ))}
          </select>
        </Field>
        <div className="md:col-span-2 lg:col-span-3">
          <Button type="submit" disabled={pending}>
            {t("settings.submit")}
          </Button>
        </div>
      </form>
    </section>
  );
}
