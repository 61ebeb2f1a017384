"use client";
import { AreaChart } from "@tremor/react";
import { ChartLegend } from "./legend";

// Cumulative net cash flow; decimal strings become numbers here, at the display edge only.
// The payback point (where the cumulative line crosses zero, interpolated by the engine) is
// marked as a lone point of a second series at that month, with its own legend entry.
export function CashFlowChart({
  points,
  label,
  locale,
  currency,
  payback,
}: {
  points: { month: string; value: string }[];
  label: string;
  locale: string;
  currency: string;
  payback?: { month: number; label: string } | null;
}) {
  const fmt = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    maximumFractionDigits: 1,
    notation: "compact",
  });
  const mark = payback ? Math.ceil(payback.month) : null;
  const data = points.map((p) => ({
    month: p.month,
    [label]: Number(p.value),
    // Only the payback month carries the key: Tremor draws a dot for a series with one value.
    ...(payback && Number(p.month) === mark ? { [payback.label]: Number(p.value) } : {}),
  }));
  return (
    <div>
      <AreaChart
        className="h-64"
        data={data}
        index="month"
        categories={payback ? [label, payback.label] : [label]}
        colors={payback ? ["teal", "rose"] : ["teal"]}
        valueFormatter={(v: number) => fmt.format(v)}
        showLegend={false}
        connectNulls={false}
        yAxisWidth={72}
        curveType="monotone"
      />
      <ChartLegend
        items={[
          { label, color: "teal" },
          ...(payback ? [{ label: payback.label, color: "rose", shape: "dot" as const }] : []),
        ]}
      />
    </div>
  );
}
