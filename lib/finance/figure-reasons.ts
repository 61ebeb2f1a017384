// Why a figure does not exist (docs/proposal.md#missing-figures): the engine answers null for ROI,
// IRR, payback or the benefit-cost ratio when the figure does not apply, and every page says why
// in words instead of printing a dash. The reason follows from the figures beside it (the same
// tests the engine applies in lib/finance/metrics.ts), so no output format changes.
import { D } from "./decimal";
import type { Metrics } from "./types";

export const FIGURE_REASONS = [
  "noCost", // nothing spent: no costs to return on
  "costSaving", // the alternative costs less than the baseline: the ratio has no meaning
  "noSignChange", // the cash flow never changes sign
  "noRoot", // no rate makes the NPV zero
  "severalRoots", // several rates do
  "zeroFlows", // no cash flows at all
  "notWithin", // the cumulative flow does not turn positive within the horizon
] as const;
export type FigureReason = (typeof FIGURE_REASONS)[number];

export type ReasonedFigure =
  | "roi"
  | "discountedRoi"
  | "annualisedRoi"
  | "benefitCostRatio"
  | "irr"
  | "mirr"
  | "paybackMonths"
  | "discountedPaybackMonths";

type ReasonInput = Pick<Metrics, ReasonedFigure | "totalCost" | "pvCost" | "irrNote">;

const costReason = (cost: string): FigureReason => (new D(cost).isZero() ? "noCost" : "costSaving");

// null when the figure exists.
export function figureReason(m: ReasonInput, figure: ReasonedFigure): FigureReason | null {
  if (m[figure] !== null) return null;
  switch (figure) {
    case "roi":
    case "annualisedRoi":
      return costReason(m.totalCost);
    case "discountedRoi":
    case "benefitCostRatio":
      return costReason(m.pvCost);
    case "irr":
      return m.irrNote === "no-sign-change"
        ? "noSignChange"
        : m.irrNote === "zero-flows"
          ? "zeroFlows"
          : m.irrNote === "several-roots"
            ? "severalRoots"
            : "noRoot";
    case "mirr":
      // MIRR needs money going out and coming in.
      return m.irrNote === "zero-flows" ? "zeroFlows" : "noSignChange";
    case "paybackMonths":
    case "discountedPaybackMonths":
      return m.irrNote === "zero-flows" ? "zeroFlows" : "notWithin";
  }
}

// Every reasoned figure's reason (only those that are null), for a DTO that crosses to the browser.
export function figureReasons(m: ReasonInput): Partial<Record<ReasonedFigure, FigureReason>> {
  const out: Partial<Record<ReasonedFigure, FigureReason>> = {};
  for (const f of [
    "roi",
    "discountedRoi",
    "annualisedRoi",
    "benefitCostRatio",
    "irr",
    "mirr",
    "paybackMonths",
    "discountedPaybackMonths",
  ] as const) {
    const r = figureReason(m, f);
    if (r) out[f] = r;
  }
  return out;
}
