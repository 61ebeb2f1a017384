"use client";
// The case's tax, inflation and optimism-bias settings (docs/tax-and-inflation.md). Percentages are
// typed in the user's locale and sent as the case file's shares; the whole group is sent on save
// (null turns a block off), and the server merges it into what it holds.
import Decimal from "decimal.js";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { WriteNotices, useWriteNotices } from "@/components/cases/write-notices";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { updateCaseSettingsAction } from "@/lib/actions/settings";
import type { FinanceSettings } from "@/lib/case-file/finance-settings";
import { formatPercent } from "@/lib/i18n/format";
import { parsePercentInput, toPercentInputText } from "@/lib/i18n/parse-decimal";

const selectClass =
  "block w-full rounded-md border border-gray-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30";

interface Values {
  taxOn: boolean;
  taxRate: string;
  taxPaid: "monthly" | "annual";
  inflation: string;
  priceBasis: "nominal" | "real";
  rateBasis: "nominal" | "real";
  obOn: boolean;
  oneTime: string;
  recurring: string;
  delay: string;
  mitigation: string;
}
type Name = "taxRate" | "inflation" | "oneTime" | "recurring" | "delay" | "mitigation";

function valuesOf(s: FinanceSettings | null, locale: string): Values {
  const pct = (v: string | undefined) => toPercentInputText(v ?? "0", locale);
  return {
    taxOn: Boolean(s?.tax),
    taxRate: s?.tax ? pct(s.tax.rate) : "",
    taxPaid: s?.tax?.paid ?? "annual",
    inflation: s?.inflation !== undefined ? pct(s.inflation) : "",
    priceBasis: s?.priceBasis ?? "nominal",
    rateBasis: s?.discountRateBasis ?? "nominal",
    obOn: Boolean(s?.optimismBias),
    oneTime: pct(s?.optimismBias?.oneTimeCost),
    recurring: pct(s?.optimismBias?.recurringCost),
    delay: String(s?.optimismBias?.benefitDelayMonths ?? 0),
    mitigation: pct(s?.optimismBias?.mitigation),
  };
}

export function FinanceSettingsForm(props: {
  slug: string;
  caseId: string;
  version: number;
  canEdit: boolean;
  settings: FinanceSettings | null;
}) {
  const t = useTranslations("finance.settings");
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [values, setValues] = useState<Values>(() => valuesOf(props.settings, locale));
  const [errors, setErrors] = useState<Partial<Record<Name, string>>>({});
  const [seen, setSeen] = useState(props.version);
  const version = Math.max(props.version, seen);
  const notices = useWriteNotices();

  if (!props.canEdit) {
    const s = props.settings;
    const rows: [string, string][] = [
      [
        t("taxRate"),
        s?.tax
          ? `${formatPercent(s.tax.rate, locale)} (${t(s.tax.paid === "monthly" ? "paidMonthly" : "paidAnnual")})`
          : t("off"),
      ],
      [t("inflation"), s?.inflation !== undefined ? formatPercent(s.inflation, locale) : t("off")],
      [t("priceBasis"), t(s?.priceBasis === "real" ? "real" : "nominal")],
      [t("rateBasis"), t(s?.discountRateBasis === "real" ? "rateReal" : "rateNominal")],
      [t("obOn"), s?.optimismBias ? "✓" : t("off")],
    ];
    return (
      <section
        className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm"
        aria-labelledby="finance-settings-heading"
      >
        <h2 id="finance-settings-heading" className="text-sm font-semibold">
          {t("heading")}
        </h2>
        <dl className="mt-3 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt className="text-xs font-medium text-gray-600">{label}</dt>
              <dd className="mt-0.5 text-gray-900">{value}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-4 text-xs text-gray-600">{t("readOnly")}</p>
      </section>
    );
  }

  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  function build(): { patch: Record<string, unknown> | null; local: Partial<Record<Name, string>> } {
    const local: Partial<Record<Name, string>> = {};
    const share = (name: Name, text: string, max = "1") => {
      const v = parsePercentInput(text.trim() || "0", locale);
      if (v === null || new Decimal(v).lt(0) || new Decimal(v).gt(max)) {
        local[name] = t("errorPercent");
        return "0";
      }
      return v;
    };
    const patch: Record<string, unknown> = {
      tax: values.taxOn ? { rate: share("taxRate", values.taxRate), paid: values.taxPaid } : null,
      inflation: values.inflation.trim() ? share("inflation", values.inflation, "10") : null,
      priceBasis: values.priceBasis === "real" ? "real" : null,
      discountRateBasis: values.rateBasis === "real" ? "real" : null,
      optimismBias: null,
    };
    if (values.obOn) {
      const delay = values.delay.trim() || "0";
      if (!/^\d{1,3}$/.test(delay) || Number(delay) > 120) local.delay = t("errorMonths");
      patch.optimismBias = {
        oneTimeCost: share("oneTime", values.oneTime, "10"),
        recurringCost: share("recurring", values.recurring, "10"),
        benefitDelayMonths: Number(delay) || 0,
        mitigation: share("mitigation", values.mitigation),
      };
    }
    return { patch: Object.keys(local).length ? null : patch, local };
  }

  function submit() {
    const { patch, local } = build();
    setErrors(local);
    if (!patch) {
      notices.setMessage({ kind: "error", text: t("checkFields") });
      return;
    }
    const basedOn = version;
    start(async () => {
      const r = await updateCaseSettingsAction({ slug: props.slug, caseId: props.caseId, version: basedOn, patch });
      if (r.ok) {
        setSeen((s) => Math.max(s, r.data.version));
        notices.done(t("saved"));
      } else if (r.code === "conflict" && typeof r.currentVersion === "number") {
        notices.conflicted(basedOn);
      } else {
        notices.setMessage({
          kind: "error",
          text: r.fieldErrors?.length ? r.fieldErrors.map((f) => `${f.path}: ${f.message}`).join("; ") : r.message,
        });
      }
      router.refresh();
    });
  }

  const percent = (name: Name, label: string, disabled: boolean) => (
    <Field id={`finance-${name}`} label={label} error={errors[name]}>
      <Input
        id={`finance-${name}`}
        inputMode="decimal"
        value={values[name]}
        disabled={disabled}
        onChange={(e) => set(name, e.target.value)}
        invalid={Boolean(errors[name])}
        className="text-right tabular-nums"
      />
    </Field>
  );

  return (
    <section
      className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm"
      aria-labelledby="finance-settings-heading"
      data-testid="finance-settings"
    >
      <h2 id="finance-settings-heading" className="text-sm font-semibold">
        {t("heading")}
      </h2>
      <p className="mt-1 text-sm text-gray-700">{t("intro")}</p>
      <WriteNotices caseId={props.caseId} notices={notices} className="mt-3" />
      <form
        noValidate
        className="mt-4 grid gap-x-6 gap-y-4 md:grid-cols-3"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="flex items-center gap-2 text-sm font-medium text-gray-800 md:col-span-3">
          <input
            type="checkbox"
            checked={values.taxOn}
            onChange={(e) => set("taxOn", e.target.checked)}
            data-testid="finance-tax-on"
          />
          {t("taxOn")}
        </label>
        {percent("taxRate", t("taxRate"), !values.taxOn)}
        <Field id="finance-taxPaid" label={t("taxPaid")}>
          <select
            id="finance-taxPaid"
            value={values.taxPaid}
            disabled={!values.taxOn}
            onChange={(e) => set("taxPaid", e.target.value as Values["taxPaid"])}
            className={selectClass}
          >
            <option value="annual">{t("paidAnnual")}</option>
            <option value="monthly">{t("paidMonthly")}</option>
          </select>
        </Field>
        <div className="hidden md:block" />
        {percent("inflation", t("inflation"), false)}
        <Field id="finance-priceBasis" label={t("priceBasis")}>
          <select
            id="finance-priceBasis"
            value={values.priceBasis}
            onChange={(e) => set("priceBasis", e.target.value as Values["priceBasis"])}
            className={selectClass}
          >
            <option value="nominal">{t("nominal")}</option>
            <option value="real">{t("real")}</option>
          </select>
        </Field>
        <Field id="finance-rateBasis" label={t("rateBasis")}>
          <select
            id="finance-rateBasis"
            value={values.rateBasis}
            onChange={(e) => set("rateBasis", e.target.value as Values["rateBasis"])}
            className={selectClass}
          >
            <option value="nominal">{t("rateNominal")}</option>
            <option value="real">{t("rateReal")}</option>
          </select>
        </Field>
        <label className="flex items-center gap-2 text-sm font-medium text-gray-800 md:col-span-3">
          <input
            type="checkbox"
            checked={values.obOn}
            onChange={(e) => set("obOn", e.target.checked)}
            data-testid="finance-ob-on"
          />
          {t("obOn")}
        </label>
        {percent("oneTime", t("oneTime"), !values.obOn)}
        {percent("recurring", t("recurring"), !values.obOn)}
        <Field id="finance-delay" label={t("delay")} error={errors.delay}>
          <Input
            id="finance-delay"
            type="number"
            min={0}
            max={120}
            step={1}
            value={values.delay}
            disabled={!values.obOn}
            onChange={(e) => set("delay", e.target.value)}
            invalid={Boolean(errors.delay)}
            className="text-right tabular-nums"
          />
        </Field>
        {percent("mitigation", t("mitigation"), !values.obOn)}
        <div className="md:col-span-3">
          <Button type="submit" disabled={pending} data-testid="finance-settings-submit">
            {t("submit")}
          </Button>
        </div>
      </form>
    </section>
  );
}
