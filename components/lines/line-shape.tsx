"use client";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import type { BenefitLine, CostLine } from "@/lib/case-file/schema";
import { D } from "@/lib/finance/decimal";
import { expandLine } from "@/lib/finance/expand";
import { formatMoney } from "@/lib/i18n/format";

// A small picture of a line's monthly amounts over the horizon, drawn from the engine's own
// expansion (lib/finance/expand) of the line as typed, risk-adjusted as the engine counts it
// (benefits reduced, costs increased by the adjustment), so the shape is the one computed.
export function LineShape({ line, kind, horizon, locale, currency, valid }: { line: Record<string, unknown>; kind: "cost" | "benefit"; horizon: number; locale: string; currency: string; valid: boolean }) {
  const t = useTranslations("case");
  const shape = useMemo(() => {
    if (!valid) return null;
    try {
      const expanded = expandLine(line as unknown as CostLine | BenefitLine, horizon, kind);
      const ra = new D((line.riskAdjustment as string | undefined) ?? 0);
      const factor = kind === "benefit" ? new D(1).minus(ra) : new D(1).plus(ra);
      const months = new Array<InstanceType<typeof D>>(horizon + 1).fill(new D(0));
      for (const term of expanded.terms) for (let m = term.start; m <= Math.min(term.end, horizon); m += term.step) months[m] = months[m]!.plus(term.value.times(factor));
      const total = months.reduce((a, b) => a.plus(b), new D(0));
      const max = months.reduce((a, b) => (b.abs().gt(a) ? b.abs() : a), new D(0));
      return { months, total, max, first: expanded.firstMonth, last: expanded.lastMonth };
    } catch {
      return null;
    }
  }, [line, kind, horizon, valid]);

  if (!shape) return <p className="text-xs text-gray-600">{t("panel.noPreview")}</p>;
  const w = 300;
  const h = 56;
  const bw = w / (horizon + 1);
  const colour = kind === "cost" ? "#b45309" : "#0f766e";
  const summary = t("panel.shapeSummary", {
    total: formatMoney(shape.total.toString(), currency, locale),
    first: shape.first ?? 0,
    last: shape.last ?? 0,
  });
  return (
    <figure className="rounded-md border border-gray-200 bg-gray-50 p-2">
      <figcaption className="mb-1 text-xs font-medium text-gray-700">{t("panel.shape")}</figcaption>
      <svg viewBox={`0 0 ${w} ${h}`} className="h-14 w-full" role="img" aria-label={summary} preserveAspectRatio="none">
        <line x1={0} x2={w} y1={h - 0.5} y2={h - 0.5} stroke="#9ca3af" strokeWidth={1} />
        {shape.max.isZero()
          ? null
          : shape.months.map((v, m) =>
              v.isZero() ? null : <rect key={m} x={m * bw} width={Math.max(bw - 0.6, 0.6)} y={h - 1 - v.abs().div(shape.max).times(h - 4).toNumber()} height={v.abs().div(shape.max).times(h - 4).toNumber()} fill={colour} />,
            )}
      </svg>
      <p className="mt-1 text-xs text-gray-700" data-testid="line-shape-summary">
        {summary}
      </p>
    </figure>
  );
}
