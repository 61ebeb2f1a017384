"use client";
import { BarChart } from "@tremor/react";
import { ChartLegend } from "./legend";

export function YearlyChart({
  rows,
  costLabel,
  benefitLabel,
  locale,
  currency,
}: {
  rows: { year: string; cost: string; benefit: string }[];
  costLabel: string;
  benefitLabel: string;
  locale: string;
  currency: string;
}) {
  const fmt = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    maximumFractionDigits: 1,
    notation: "compact",
  });
  const data = rows.map((r) => ({ year: r.year, [costLabel]: Number(r.cost), [benefitLabel]: Number(r.benefit) }));
  return (
    <div>
      <BarChart
        className="h-64"
        data={data}
        index="year"
        categories={[costLabel, benefitLabel]}
        colors={["amber", "teal"]}
        valueFormatter={(v: number) => fmt.format(v)}
        yAxisWidth={72}
        showLegend={false}
      />
      <ChartLegend
        items={[
          { label: costLabel, color: "amber" },
          { label: benefitLabel, color: "teal" },
        ]}
      />
    </div>
  );
}
