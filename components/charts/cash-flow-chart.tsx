"use client";
import { AreaChart } from "@tremor/react";

// Cumulative net cash flow; decimal strings become numbers here, at the display edge only.
export function CashFlowChart({ points, label, locale, currency }: { points: { month: string; value: string }[]; label: string; locale: string; currency: string }) {
  const fmt = new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0, notation: "compact" });
  const data = points.map((p) => ({ month: p.month, [label]: Number(p.value) }));
  return (
    <AreaChart
      className="h-64"
      data={data}
      index="month"
      categories={[label]}
      colors={["teal"]}
      valueFormatter={(v: number) => fmt.format(v)}
      showLegend={false}
      yAxisWidth={72}
      curveType="monotone"
    />
  );
}
