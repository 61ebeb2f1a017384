"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { saveReportingRatesAction } from "@/lib/actions/currencies";
import { parseWorkspaceRates } from "@/lib/currencies/rate-text";
import { SaveStatus } from "@/components/ui/save-status";

// The workspace's reporting currency and its rates by calendar month (owners only): the portfolio
// converts each case's monthly flows into this currency at these rates (docs/currencies.md).
export function ReportingCurrencyForm({
  slug,
  locale,
  currencies,
  initialCurrency,
  initialText,
}: {
  slug: string;
  locale: string;
  currencies: { code: string; label: string }[];
  initialCurrency: string;
  initialText: string;
}) {
  const t = useTranslations("currencies.workspace");
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [currency, setCurrency] = useState(initialCurrency);
  const [text, setText] = useState(initialText);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function save() {
    setMessage(null);
    const parsed = parseWorkspaceRates(text, locale);
    if (!parsed.ok) {
      setMessage({
        ok: false,
        text: parsed.problems.map((p) => t("badLine", { line: p.line, text: p.text })).join(" \u2013 "),
      });
      return;
    }
    setBusy(true);
    const result = await saveReportingRatesAction({ slug, value: { currency, rates: parsed.table } });
    setBusy(false);
    if (!result.ok) {
      setMessage({
        ok: false,
        text: [result.message, ...(result.fieldErrors ?? []).map((e) => `${e.path}: ${e.message}`)].join(" \u2013 "),
      });
      return;
    }
    setMessage({ ok: true, text: t("saved") });
    startTransition(() => router.refresh());
  }

  const field = "mt-1 block rounded-md border border-gray-300 bg-white px-3 py-2 text-sm shadow-sm";
  return (
    <div className="space-y-4" data-testid="reporting-currency-form">
      <div>
        <label htmlFor="reporting-currency" className="block text-sm font-medium text-gray-800">
          {t("currency")}
        </label>
        <select
          id="reporting-currency"
          value={currency}
          onChange={(e) => setCurrency(e.target.value)}
          className={field}
        >
          {currencies.map((c) => (
            <option key={c.code} value={c.code}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="reporting-rates" className="block text-sm font-medium text-gray-800">
          {t("rates")}
        </label>
        <p className="text-xs text-gray-600">{t("ratesHelp", { currency })}</p>
        <textarea
          id="reporting-rates"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={Math.min(14, Math.max(4, text.split("\n").length + 1))}
          spellCheck={false}
          className={`${field} w-full max-w-lg font-mono`}
        />
      </div>
      <div className="flex items-center gap-3">
        <button
          type="button"
          onClick={save}
          disabled={busy}
          className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
        >
          {busy ? t("saving") : t("save")}
        </button>
        <SaveStatus message={message} />
      </div>
    </div>
  );
}
