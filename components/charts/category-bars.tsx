import Decimal from "decimal.js";
import { formatMoney } from "@/lib/i18n/format";

// Totals by category as horizontal bars, largest first. Amounts are printed from the decimal
// strings (exact); only the bar widths are proportions. Plain HTML, so it is a real list for
// screen readers and prints as it shows.
export function CategoryBars({
  items,
  locale,
  currency,
  color,
}: {
  items: { name: string; value: string }[];
  locale: string;
  currency: string;
  color: "amber" | "teal";
}) {
  const rows = items.filter((i) => !new Decimal(i.value).isZero()).sort((a, b) => new Decimal(b.value).cmp(a.value));
  const max = rows.reduce((m, r) => Decimal.max(m, new Decimal(r.value).abs()), new Decimal(0));
  if (rows.length === 0) return <p className="text-sm text-gray-600">–</p>;
  return (
    <ul className="space-y-2">
      {rows.map((r) => {
        const share = max.isZero() ? 0 : new Decimal(r.value).abs().div(max).times(100).toDecimalPlaces(1).toNumber();
        return (
          <li key={r.name} className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-3 text-sm">
            <div className="relative min-w-0">
              <div
                aria-hidden
                className={`absolute inset-y-0 left-0 rounded ${color === "amber" ? "bg-amber-100" : "bg-teal-100"}`}
                style={{ width: `${share}%` }}
              />
              <span className="relative block truncate px-2 py-1 text-gray-900" title={r.name}>
                {r.name}
              </span>
            </div>
            <span className="num tabular-nums text-gray-900">{formatMoney(r.value, currency, locale)}</span>
          </li>
        );
      })}
    </ul>
  );
}
