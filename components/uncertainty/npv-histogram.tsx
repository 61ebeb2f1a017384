"use client";
import { useTranslations } from "next-intl";

// The simulated NPV distribution as bars (HTML, no chart library: the bins are already counted).
// Bins below zero are amber, the rest teal. The bars are one labelled image; the same counts are in
// a table for screen readers.
export function NpvHistogram({
  bins,
  iterations,
  locale,
  currency,
  fullLabel,
}: {
  bins: { from: string; to: string; count: number }[];
  iterations: number;
  locale: string;
  currency: string;
  fullLabel: (v: string) => string;
}) {
  const t = useTranslations("uncertainty.monteCarlo");
  if (bins.length === 0) return null;
  const compact = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    notation: "compact",
    maximumFractionDigits: 1,
  });
  const count = new Intl.NumberFormat(locale);
  const label = (v: string) => compact.format(Number(v));
  const peak = Math.max(1, ...bins.map((b) => b.count));
  const first = bins[0]!;
  const last = bins[bins.length - 1]!;
  const mid = bins[Math.floor(bins.length / 2)]!;
  return (
    <figure data-testid="npv-histogram">
      <div
        role="img"
        aria-label={t("histogramSummary", {
          iterations: count.format(iterations),
          min: fullLabel(first.from),
          max: fullLabel(last.to),
        })}
        className="flex h-40 items-end gap-px border-b border-gray-300"
      >
        {bins.map((b) => (
          <div
            key={b.from}
            className={`flex-1 rounded-t-sm ${Number(b.to) <= 0 ? "bg-amber-500" : "bg-teal-600"}`}
            style={{ height: `${(b.count / peak) * 100}%`, minHeight: b.count > 0 ? 2 : 0 }}
            title={`${t("binRange", { from: label(b.from), to: label(b.to) })}: ${count.format(b.count)}`}
          />
        ))}
      </div>
      <div className="mt-1 flex justify-between text-xs tabular-nums text-gray-600" aria-hidden="true">
        <span>{label(first.from)}</span>
        <span>{label(mid.from)}</span>
        <span>{label(last.to)}</span>
      </div>
      <figcaption className="mt-1 text-xs text-gray-600">{t("histogramCaption")}</figcaption>
      <table className="sr-only">
        <caption>{t("histogram")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("bin")}</th>
            <th scope="col">{t("count")}</th>
          </tr>
        </thead>
        <tbody>
          {bins.map((b) => (
            <tr key={b.from}>
              <td>{t("binRange", { from: fullLabel(b.from), to: fullLabel(b.to) })}</td>
              <td>{count.format(b.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
