"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { saveActualRatesAction, saveCaseRatesAction } from "@/lib/actions/currencies";
import { parseActualRates, parsePlanRates } from "@/lib/currencies/rate-text";
import { SaveStatus } from "@/components/ui/save-status";

// The case's exchange rates as editable text: one line per rate, "currency  month  rate", so a
// block of three columns pasted from a spreadsheet is the table (docs/currencies.md). "plan" edits
// the dated plan rates (a plan change, with the page's version); "actual" the rates of months that
// have happened (a tracking write). The table below shows what is stored.
interface Props {
  mode: "plan" | "actual";
  caseId: string;
  version: number;
  canEdit: boolean;
  locale: string;
  currency: string; // the reporting currency
  initialText: string;
  rows: { currency: string; month: number; monthLabel: string; rate: string }[];
}

export function RateTableEditor({ mode, caseId, version, canEdit, locale, currency, initialText, rows }: Props) {
  const t = useTranslations("currencies");
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [text, setText] = useState(initialText);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `rates-${mode}`;

  async function save() {
    setMessage(null);
    const parsed = mode === "plan" ? parsePlanRates(text, locale) : parseActualRates(text, locale);
    if (!parsed.ok) {
      setMessage({
        ok: false,
        text: parsed.problems.map((p) => t("editor.badLine", { line: p.line, text: p.text })).join(" \u2013 "),
      });
      return;
    }
    const table = Object.keys(parsed.table).length ? parsed.table : null;
    setBusy(true);
    const result =
      mode === "plan"
        ? await saveCaseRatesAction({ caseId, version, fx: table })
        : await saveActualRatesAction({ caseId, fxActuals: table });
    setBusy(false);
    if (!result.ok) {
      setMessage({
        ok: false,
        text: [result.message, ...(result.fieldErrors ?? []).map((e) => `${e.path}: ${e.message}`)].join(" \u2013 "),
      });
      return;
    }
    setMessage({ ok: true, text: t("editor.saved") });
    startTransition(() => router.refresh());
  }

  return (
    <div className="space-y-3" data-testid={`rate-table-${mode}`}>
      {rows.length ? (
        <table className="w-full max-w-lg text-sm">
          <thead>
            <tr className="border-b border-gray-200 text-xs text-gray-600">
              <th scope="col" className="py-1 pr-3 text-left font-medium">
                {t("editor.currency")}
              </th>
              <th scope="col" className="py-1 pr-3 text-left font-medium">
                {t(mode === "plan" ? "editor.from" : "editor.month")}
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                {t("editor.rate", { currency })}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.currency}-${r.month}`} className="border-b border-gray-100">
                <td className="py-1 pr-3 font-mono">{r.currency}</td>
                <td className="py-1 pr-3">{r.monthLabel}</td>
                <td className="py-1 text-right tabular-nums" data-testid={`rate-${mode}-${r.currency}-${r.month}`}>
                  {r.rate}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-sm text-gray-700">{t(mode === "plan" ? "editor.emptyPlan" : "editor.emptyActual")}</p>
      )}
      {canEdit ? (
        <div className="space-y-2">
          <label htmlFor={id} className="block text-sm font-medium text-gray-800">
            {t(mode === "plan" ? "editor.planLabel" : "editor.actualLabel")}
          </label>
          <p className="text-xs text-gray-600">
            {t(mode === "plan" ? "editor.planHelp" : "editor.actualHelp", { currency })}
          </p>
          <textarea
            id={id}
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={Math.min(12, Math.max(3, text.split("\n").length + 1))}
            spellCheck={false}
            className="block w-full max-w-lg rounded-md border border-gray-300 px-3 py-2 font-mono text-sm shadow-sm outline-none focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30"
          />
          <div className="flex items-center gap-3">
            <button
              type="button"
              onClick={save}
              disabled={busy}
              className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
            >
              {busy ? t("editor.saving") : t("editor.save")}
            </button>
            <SaveStatus message={message} />
          </div>
        </div>
      ) : null}
    </div>
  );
}
