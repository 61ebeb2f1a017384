"use client";
import { BarChart, LineChart } from "@tremor/react";
import { ChartLegend } from "@/components/charts/legend";

// Plan vs actual by quarter, and the cumulative net of the plan beside the forecast (actuals to
// date, then the plan). Decimal strings become numbers here, at the display edge only.
type Labels = { planBenefit: string; actualBenefit: string; planCost: string; actualCost: string };

function compact(locale: string, currency: string) {
  const fmt = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    maximumFractionDigits: 1,
    notation: "compact",
  });
  return (v: number) => fmt.format(v);
}

export function QuarterChart({
  rows,
  labels,
  locale,
  currency,
}: {
  rows: { label: string; planBenefit: string; actualBenefit: string; planCost: string; actualCost: string }[];
  labels: Labels;
  locale: string;
  currency: string;
}) {
  const data = rows.map((r) => ({
    quarter: r.label,
    [labels.planBenefit]: Number(r.planBenefit),
    [labels.actualBenefit]: Number(r.actualBenefit),
    [labels.planCost]: Number(r.planCost),
    [labels.actualCost]: Number(r.actualCost),
  }));
  const categories = [labels.planBenefit, labels.actualBenefit, labels.planCost, labels.actualCost];
  const colors = ["gray", "teal", "blue", "amber"];
  return (
    <div>
      <BarChart
        className="h-64"
        data={data}
        index="quarter"
        categories={categories}
        colors={colors}
        valueFormatter={compact(locale, currency)}
        yAxisWidth={72}
        showLegend={false}
      />
      <ChartLegend items={categories.map((label, i) => ({ label, color: colors[i]! }))} />
    </div>
  );
}

export function CumulativeChart({
  points,
  planLabel,
  forecastLabel,
  locale,
  currency,
}: {
  points: { label: string; plan: string; forecast: string }[];
  planLabel: string;
  forecastLabel: string;
  locale: string;
  currency: string;
}) {
  const data = points.map((p) => ({
    month: p.label,
    [planLabel]: Number(p.plan),
    [forecastLabel]: Number(p.forecast),
  }));
  return (
    <div>
      <LineChart
        className="h-64"
        data={data}
        index="month"
        categories={[planLabel, forecastLabel]}
        colors={["gray", "teal"]}
        valueFormatter={compact(locale, currency)}
        yAxisWidth={72}
        showLegend={false}
        curveType="monotone"
      />
      <ChartLegend
        items={[
          { label: planLabel, color: "gray" },
          { label: forecastLabel, color: "teal" },
        ]}
      />
    </div>
  );
}

export function KpiChart({
  points,
  label,
  locale,
}: {
  points: { month: string; value: string }[];
  label: string;
  locale: string;
}) {
  const fmt = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const data = points.map((p) => ({ month: p.month, [label]: Number(p.value) }));
  return (
    <LineChart
      className="h-28"
      data={data}
      index="month"
      categories={[label]}
      colors={["teal"]}
      valueFormatter={(v: number) => fmt.format(v)}
      showLegend={false}
      yAxisWidth={48}
      curveType="monotone"
    />
  );
}
