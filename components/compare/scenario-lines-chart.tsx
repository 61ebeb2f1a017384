"use client";
import { LineChart } from "@tremor/react";

// The cumulative net cash flow of each scenario on one chart; decimal strings become numbers here,
// at the display edge only.
export function ScenarioLinesChart({ series, locale, currency }: { series: { name: string; points: { month: string; value: string }[] }[]; locale: string; currency: string }) {
  const fmt = new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0, notation: "compact" });
  const months = series[0]?.points.map((p) => p.month) ?? [];
  const data = months.map((month, i) => Object.fromEntries([["month", month], ...series.map((s) => [s.name, Number(s.points[i]?.value ?? 0)])]));
  return (
    <LineChart
      className="h-64"
      data={data}
      index="month"
      categories={series.map((s) => s.name)}
      colors={["gray", "blue"]}
      valueFormatter={(v: number) => fmt.format(v)}
      yAxisWidth={72}
      curveType="monotone"
    />
  );
}
