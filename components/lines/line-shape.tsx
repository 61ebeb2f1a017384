"use client";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { formatMoney } from "@/lib/i18n/format";
import { barHeights, monthlyShape } from "./shape";

// A small picture of a line's monthly amounts over the horizon, drawn from the engine's own
// expansion (lib/finance/expand) of the line as typed, risk-adjusted as the engine counts it
// (benefits reduced, costs increased by the adjustment), so the shape is the one computed.
export function LineShape({
  line,
  kind,
  horizon,
  locale,
  currency,
  valid,
}: {
  line: Record<string, unknown>;
  kind: "cost" | "benefit";
  horizon: number;
  locale: string;
  currency: string;
  valid: boolean;
}) {
  const t = useTranslations("case");
  const shape = useMemo(() => (valid ? monthlyShape(line, kind, horizon) : null), [line, kind, horizon, valid]);

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
        {barHeights(shape, h - 4).map((bar, m) =>
          bar === 0 ? null : (
            <rect key={m} x={m * bw} width={Math.max(bw - 0.6, 0.6)} y={h - 1 - bar} height={bar} fill={colour} />
          ),
        )}
      </svg>
      <p className="mt-1 text-xs text-gray-700" data-testid="line-shape-summary">
        {summary}
      </p>
    </figure>
  );
}
