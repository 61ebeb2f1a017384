"use client";
import { LineChart } from "@tremor/react";

const COLORS = ["gray", "blue"];
const SWATCHES = ["bg-gray-500", "bg-blue-500"];

// The cumulative net cash flow of each scenario on one chart; decimal strings become numbers here,
// at the display edge only.
export function ScenarioLinesChart({
  series,
  locale,
  currency,
}: {
  series: { name: string; points: { month: string; value: string }[] }[];
  locale: string;
  currency: string;
}) {
  const fmt = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    maximumFractionDigits: 0,
    notation: "compact",
  });
  const months = series[0]?.points.map((p) => p.month) ?? [];
  const data = months.map((month, i) =>
    Object.fromEntries([["month", month], ...series.map((s) => [s.name, Number(s.points[i]?.value ?? 0)])]),
  );
  // Tremor's own legend is an <ol> of <div>s (an axe failure): a plain list instead.
  return (
    <div>
      <ul className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-700">
        {series.map((s, i) => (
          <li key={s.name} className="flex min-w-0 items-center gap-1.5">
            <span
              aria-hidden="true"
              className={`inline-block h-2.5 w-2.5 shrink-0 rounded-full ${SWATCHES[i % SWATCHES.length]}`}
            />
            <span className="break-words">{s.name}</span>
          </li>
        ))}
      </ul>
      <LineChart
        className="h-64"
        data={data}
        index="month"
        categories={series.map((s) => s.name)}
        colors={COLORS}
        valueFormatter={(v: number) => fmt.format(v)}
        yAxisWidth={72}
        curveType="monotone"
        showLegend={false}
      />
    </div>
  );
}
