"use client";
import Decimal from "decimal.js";
import { useTranslations } from "next-intl";
import type { CaseDiff, DiffValue, FieldChange, ObjectChange } from "@/lib/finance/diff";
import type { FigureReason } from "@/lib/finance/figure-reasons";
import { formatIrr, formatMoney, formatNumber, formatPercent } from "@/lib/i18n/format";
import { proposalTranslator, reasonText } from "@/lib/report/figure-text";

const DECIMAL = /^-?\d+(\.\d+)?$/;

// What changed between two versions: the headline figures before -> after with their change, then
// every object added, removed or changed, field by field. Values as the user's locale writes them.
export function DiffView({ diff, locale, currency }: { diff: CaseDiff; locale: string; currency: string }) {
  const t = useTranslations("versions");
  const value = (v: DiffValue) => {
    if (v === null) return "–";
    if (typeof v === "boolean") return v ? t("diff.yes") : t("diff.no");
    if (typeof v === "number") return formatNumber(String(v), locale, 0);
    if (DECIMAL.test(v)) return formatNumber(v, locale, Math.min(new Decimal(v).decimalPlaces(), 4));
    return v;
  };
  // A missing figure says why (lib/report/figure-text.ts); "–" in the change column means no change.
  const figure = (key: string, v: string | null, signed = false, reason?: FigureReason) => {
    if (v === null) return reason ? reasonText(reason, locale) : proposalTranslator(locale)("noDelta");
    const sign = signed && new Decimal(v).gt(0) ? "+" : "";
    if (key === "npv" || key === "tco") return sign + formatMoney(v, currency, locale);
    if (key === "irr") return sign + formatIrr(v, locale);
    if (key === "roi" || key === "discountedRoi") return sign + formatPercent(v, locale);
    return sign + t("diff.months", { value: formatNumber(v, locale, 1) });
  };
  const groups: { key: keyof CaseDiff; label: string; items: ObjectChange[] }[] = [
    { key: "scenarios", label: t("diff.scenarios"), items: diff.scenarios },
    { key: "lines", label: t("diff.lines"), items: diff.lines },
    { key: "risks", label: t("diff.risks"), items: diff.risks },
    { key: "kpis", label: t("diff.kpis"), items: diff.kpis },
    { key: "assumptions", label: t("diff.assumptions"), items: diff.assumptions },
  ];
  const fields = (list: FieldChange[], change: ObjectChange["change"] | "settings") => (
    <ul className="mt-1 space-y-0.5 text-sm">
      {list.map((f) => (
        <li key={f.field} className="text-gray-800">
          <span className="font-mono text-xs text-gray-600">{f.field}</span>{" "}
          {change === "added" ? (
            <span>{value(f.after)}</span>
          ) : change === "removed" ? (
            <span className="line-through">{value(f.before)}</span>
          ) : (
            <span>
              <span className="text-red-800 line-through decoration-1">{value(f.before)}</span> →{" "}
              <span className="font-medium text-teal-900">{value(f.after)}</span>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
  return (
    <div className="space-y-5" data-testid="diff">
      <p className="text-sm font-medium text-gray-800" data-testid="diff-count">
        {t("diff.count", { count: diff.changeCount })}
      </p>
      <table className="w-full max-w-3xl text-sm" data-testid="diff-figures">
        <caption className="mb-1 text-left text-xs font-semibold text-gray-700">{t("diff.figures")}</caption>
        <thead>
          <tr className="border-b border-gray-300 text-xs text-gray-600">
            <th scope="col" className="py-1.5 pr-3 text-left font-medium">
              {t("diff.figure")}
            </th>
            <th scope="col" className="py-1.5 pr-3 text-right font-medium">
              {t("diff.before")}
            </th>
            <th scope="col" className="py-1.5 pr-3 text-right font-medium">
              {t("diff.after")}
            </th>
            <th scope="col" className="py-1.5 text-right font-medium">
              {t("diff.delta")}
            </th>
          </tr>
        </thead>
        <tbody>
          {diff.figures.map((f) => (
            <tr key={f.figure} className="border-b border-gray-100" data-testid={`diff-figure-${f.figure}`}>
              <th scope="row" className="py-1.5 pr-3 text-left font-medium">
                {t(`figures.${f.figure}`)}
              </th>
              <td className="py-1.5 pr-3 text-right tabular-nums">
                {figure(f.figure, f.before, false, f.beforeReason)}
              </td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{figure(f.figure, f.after, false, f.afterReason)}</td>
              <td
                className={`py-1.5 text-right tabular-nums ${f.delta && new Decimal(f.delta).lt(0) ? "text-red-800" : "text-gray-900"}`}
              >
                {f.delta === null
                  ? f.before === f.after
                    ? "–"
                    : proposalTranslator(locale)("noDelta")
                  : new Decimal(f.delta).isZero()
                    ? "–"
                    : figure(f.figure, f.delta, true)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {diff.changeCount === 0 ? <p className="text-sm text-gray-700">{t("diff.none")}</p> : null}
      {diff.settings.length ? (
        <section aria-label={t("diff.settings")}>
          <h3 className="text-xs font-semibold text-gray-700">{t("diff.settings")}</h3>
          {fields(diff.settings, "settings")}
        </section>
      ) : null}
      {groups
        .filter((g) => g.items.length)
        .map((g) => (
          <section key={g.key} aria-label={g.label}>
            <h3 className="text-xs font-semibold text-gray-700">{g.label}</h3>
            <ul className="mt-1 divide-y divide-gray-100 rounded-md border border-gray-200">
              {g.items.map((o) => (
                <li key={`${o.kind}-${o.id}`} className="px-3 py-2" data-testid="diff-item">
                  <span
                    className={`mr-2 rounded px-1.5 py-0.5 text-xs font-semibold ${o.change === "added" ? "bg-teal-50 text-teal-900" : o.change === "removed" ? "bg-red-50 text-red-900" : "bg-amber-50 text-amber-900"}`}
                  >
                    {t(`diff.${o.change}`)}
                  </span>
                  <span className="font-medium">{o.name}</span>
                  {o.nameBefore ? (
                    <span className="ml-1 text-xs text-gray-600">
                      ({t("diff.renamedFrom", { name: o.nameBefore })})
                    </span>
                  ) : null}
                  {o.scenario ? (
                    <span className="ml-1 text-xs text-gray-600">· {o.scenarioName ?? o.scenario}</span>
                  ) : null}
                  {fields(o.fields, o.change)}
                </li>
              ))}
            </ul>
          </section>
        ))}
    </div>
  );
}
