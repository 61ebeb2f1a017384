"use client";
import { BarChart, LineChart, ScatterChart } from "@tremor/react";
import { useLocale, useTranslations } from "next-intl";
import type { PortfolioCaseDTO } from "@/lib/dto/portfolio";
import type { FrontierPoint } from "@/lib/portfolio/selection";
import { ChartLegend } from "@/components/charts/legend";

// The portfolio's charts. Decimal strings become numbers here, at the display edge only.
// Cases drawn by name in the stacked spend (the largest spenders); the rest are summed as one
// series. Five colours: those the chart legend knows (components/charts/legend.tsx).
const SHOWN = 4;
const COLORS = ["teal", "amber", "blue", "rose", "gray"];

function compact(locale: string, currency: string) {
  const fmt = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    maximumFractionDigits: 1,
    notation: "compact",
  });
  return (v: number) => fmt.format(v);
}

export function PortfolioBubbles({ cases, currency }: { cases: PortfolioCaseDTO[]; currency: string }) {
  const t = useTranslations("portfolio");
  const locale = useLocale();
  const f = compact(locale, currency);
  const data = cases
    .filter((c) => c.option)
    .map((c) => ({
      case: c.name,
      [t("pvCost")]: Number(c.option!.pvCost),
      [t("npv")]: Number(c.option!.npv),
      size: Math.abs(Number(c.option!.npv)),
    }));
  // Recharts marks each bubble role="img" without a name: the chart is one labelled image
  // instead (the table above carries every figure).
  return (
    <div role="img" aria-label={t("bubbleTitle")}>
      <div aria-hidden="true">
        <ScatterChart
          className="h-72"
          data={data}
          x={t("pvCost")}
          y={t("npv")}
          category="case"
          size="size"
          showLegend={false}
          valueFormatter={{ x: f, y: f, size: f }}
          yAxisWidth={72}
          xAxisLabel={t("pvCost")}
          yAxisLabel={t("npv")}
        />
      </div>
    </div>
  );
}

export function PortfolioSpend({
  cases,
  years,
  currency,
}: {
  cases: PortfolioCaseDTO[];
  years: string[];
  currency: string;
}) {
  const t = useTranslations("portfolio");
  const locale = useLocale();
  const withSpend = cases.filter((c) => c.option);
  const weight = (c: PortfolioCaseDTO) => Object.values(c.option!.spend).reduce((s, v) => s + Math.abs(Number(v)), 0);
  const ranked = [...withSpend].sort((a, b) => weight(b) - weight(a));
  const named = ranked.slice(0, SHOWN);
  const others = ranked.slice(SHOWN);
  const othersLabel = `+${others.length}`;
  const data = years.map((year) => {
    const row: Record<string, string | number> = { year };
    for (const c of named) row[c.name] = Number(c.option!.spend[year] ?? 0);
    if (others.length) row[othersLabel] = others.reduce((s, c) => s + Number(c.option!.spend[year] ?? 0), 0);
    return row;
  });
  const categories = [...named.map((c) => c.name), ...(others.length ? [othersLabel] : [])];
  const colors = COLORS;
  return (
    <div>
      <BarChart
        className="h-72"
        data={data}
        index="year"
        categories={categories}
        colors={colors}
        stack
        valueFormatter={compact(locale, currency)}
        yAxisWidth={72}
        showLegend={false}
      />
      <ChartLegend items={categories.map((label, i) => ({ label, color: colors[i % colors.length]! }))} />
      <span className="sr-only">{t("spendTitle")}</span>
    </div>
  );
}

export function FrontierChart({ points, currency }: { points: FrontierPoint[]; currency: string }) {
  const t = useTranslations("portfolio");
  const locale = useLocale();
  const best = t("frontierNpv");
  const mine = t("frontierChosen");
  const data = points.map((p) => ({
    budget: compact(locale, currency)(Number(p.totalBudget)),
    [best]: p.totalNpv === null ? null : Number(p.totalNpv),
    ...(p.chosen && p.totalNpv !== null ? { [mine]: Number(p.totalNpv) } : {}),
  }));
  return (
    <div data-testid="frontier-chart">
      <LineChart
        className="h-64"
        data={data}
        index="budget"
        categories={[best, mine]}
        colors={["teal", "rose"]}
        valueFormatter={compact(locale, currency)}
        yAxisWidth={72}
        showLegend={false}
        connectNulls={false}
        xAxisLabel={t("frontierBudget")}
      />
      <ChartLegend
        items={[
          { label: best, color: "teal" },
          { label: mine, color: "rose", shape: "dot" as const },
        ]}
      />
    </div>
  );
}
