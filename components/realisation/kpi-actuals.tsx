"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { saveKpiActualsAction } from "@/lib/actions/realisation";
import { parseDecimalInput, toInputText } from "@/lib/i18n/parse-decimal";
import { splitTsv } from "@/lib/lines/paste";
import type { KpiView } from "@/lib/dto/realisation";
import { KpiChart } from "./realisation-charts";
import { SaveStatus } from "@/components/ui/save-status";

// One KPI after go-live: before and after averages, change, progress to target, a small chart,
// and its values by month (type or paste two columns: month, value), saved as a whole.
export function KpiActuals({ kpi, canEdit, locale }: { kpi: KpiView; canEdit: boolean; locale: string }) {
  const t = useTranslations("realisation.kpis");
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [rows, setRows] = useState(() =>
    kpi.values.map((v) => ({ month: String(v.month), value: toInputText(v.value, locale) })),
  );
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const slug = kpi.kpiId.slice(0, 8);

  async function save() {
    const actuals: { month: number; value: string }[] = [];
    for (const [i, r] of rows.entries()) {
      if (r.month.trim() === "" && r.value.trim() === "") continue;
      const value = parseDecimalInput(r.value, locale);
      if (!/^-?\d+$/.test(r.month.trim()) || value === null) {
        setMessage({ ok: false, text: `${i + 1}: ${r.month} / ${r.value}` });
        return;
      }
      actuals.push({ month: Number(r.month.trim()), value });
    }
    const result = await saveKpiActualsAction({ kpiId: kpi.kpiId, actuals });
    if (!result.ok) {
      setMessage({
        ok: false,
        text: [result.message, ...(result.fieldErrors ?? []).map((e) => `${e.path}: ${e.message}`)].join(" \u2013 "),
      });
      return;
    }
    setMessage({ ok: true, text: "" });
    startTransition(() => router.refresh());
  }

  function onPaste(e: React.ClipboardEvent, index: number) {
    const text = e.clipboardData.getData("text/plain");
    if (!text.includes("\t") && !text.includes("\n")) return;
    e.preventDefault();
    const pasted = splitTsv(text.replace(/\r?\n$/, "")).map((r) => ({
      month: (r[0] ?? "").trim(),
      value: (r[1] ?? "").trim(),
    }));
    setRows((old) => [...old.slice(0, index), ...pasted, ...old.slice(index + pasted.length)]);
  }

  const tone = kpi.improved === null ? "text-gray-700" : kpi.improved ? "text-teal-800" : "text-rose-800";
  const progress = kpi.progress === null ? null : Math.max(0, Math.min(1, Number(kpi.progress)));
  const figure = (label: string, value: string, testid: string) => (
    <div>
      <dt className="text-xs text-gray-600">{label}</dt>
      <dd className="font-medium tabular-nums" data-testid={testid}>
        {value}
        {kpi.unit && value !== "\u2013" ? ` ${kpi.unit}` : ""}
      </dd>
    </div>
  );
  return (
    <section
      className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm"
      aria-labelledby={`kpi-${slug}`}
      data-testid={`kpi-realisation-${kpi.name}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={`kpi-${slug}`} className="text-sm font-semibold">
          {kpi.name}
        </h3>
        <span className={`text-xs font-medium ${tone}`}>
          {kpi.improved === null ? t("noChange") : kpi.improved ? t("improved") : t("worse")}
        </span>
      </div>
      <dl className="mt-2 grid grid-cols-3 gap-2 text-sm sm:grid-cols-6">
        {figure(t("baseline"), kpi.baselineText, `kpi-baseline-${slug}`)}
        {figure(t("before"), kpi.beforeText, `kpi-before-${slug}`)}
        {figure(t("after"), kpi.afterText, `kpi-after-${slug}`)}
        {figure(t("change"), kpi.changeText, `kpi-change-${slug}`)}
        {figure(t("latest"), kpi.latestText, `kpi-latest-${slug}`)}
        {figure(t("target"), kpi.targetText, `kpi-target-${slug}`)}
      </dl>
      <div className="mt-3">
        <div className="flex justify-between text-xs text-gray-700">
          <span>{t("progress")}</span>
          <span>{kpi.progressText}</span>
        </div>
        <div
          className="mt-1 h-2 rounded bg-gray-100"
          role="progressbar"
          aria-label={t("progress")}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={progress === null ? undefined : Math.round(progress * 100)}
        >
          <div className="h-2 rounded bg-teal-600" style={{ width: `${(progress ?? 0) * 100}%` }} />
        </div>
      </div>
      {kpi.series.length > 1 ? (
        <figure className="mt-3" aria-label={t("chart", { name: kpi.name })}>
          <KpiChart points={kpi.series} label={kpi.name} locale={locale} />
        </figure>
      ) : null}
      <details className="mt-3" open={canEdit && kpi.values.length === 0 ? false : undefined}>
        <summary className="cursor-pointer text-sm text-blue-700">{t("values", { name: kpi.name })}</summary>
        <table className="mt-2 text-sm">
          <thead>
            <tr className="text-xs text-gray-700">
              <th scope="col" className="px-1 text-left font-semibold">
                {t("month")}
              </th>
              <th scope="col" className="px-1 text-left font-semibold">
                {t("value")}
              </th>
              <th scope="col" className="px-1">
                <span className="sr-only">{t("remove")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td className="px-1 py-0.5">
                  <input
                    aria-label={`${t("month")} ${i + 1}`}
                    className="w-20 rounded border border-gray-300 px-1.5 py-0.5 text-right disabled:bg-gray-50"
                    value={r.month}
                    disabled={!canEdit}
                    onPaste={(e) => onPaste(e, i)}
                    onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, month: e.target.value } : x)))}
                  />
                </td>
                <td className="px-1 py-0.5">
                  <input
                    aria-label={`${t("value")} ${i + 1}`}
                    className="w-28 rounded border border-gray-300 px-1.5 py-0.5 text-right disabled:bg-gray-50"
                    value={r.value}
                    disabled={!canEdit}
                    onPaste={(e) => onPaste(e, i)}
                    onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))}
                  />
                </td>
                <td className="px-1 py-0.5">
                  {canEdit ? (
                    <button
                      type="button"
                      className="text-xs text-rose-800 underline"
                      onClick={() => setRows(rows.filter((_, j) => j !== i))}
                    >
                      {t("remove")}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {canEdit ? (
          <div className="mt-2 flex gap-2">
            <button
              type="button"
              className="rounded-md border border-gray-300 px-2.5 py-1 text-sm"
              onClick={() => setRows([...rows, { month: "", value: "" }])}
            >
              {t("addRow")}
            </button>
            <button
              type="button"
              className="rounded-md bg-blue-700 px-2.5 py-1 text-sm font-medium text-white hover:bg-blue-800"
              onClick={() => void save()}
            >
              {t("save")}
            </button>
          </div>
        ) : null}
        <SaveStatus
          message={message && { ok: message.ok, text: message.ok ? t("saved") : message.text }}
          className="mt-1"
        />
      </details>
    </section>
  );
}
