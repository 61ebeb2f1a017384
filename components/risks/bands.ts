// Risk score bands (score = likelihood × impact, 1..25). "High" starts where the health check's
// "every high risk has a mitigation and an owner" starts (lib/finance/checks.ts, 15).
export type Band = "low" | "medium" | "high";

export function band(score: number): Band {
  return score >= 15 ? "high" : score >= 6 ? "medium" : "low";
}

// Text and background pairs with AA contrast; the band is always also written out in words.
export const BAND_STYLES: Record<Band, { cell: string; empty: string; chip: string; swatch: string }> = {
  low: {
    cell: "bg-emerald-100 text-emerald-950",
    empty: "bg-emerald-50 text-emerald-900",
    chip: "bg-emerald-100 text-emerald-900 ring-emerald-300",
    swatch: "bg-emerald-100 ring-emerald-400",
  },
  medium: {
    cell: "bg-amber-100 text-amber-950",
    empty: "bg-amber-50 text-amber-900",
    chip: "bg-amber-100 text-amber-950 ring-amber-300",
    swatch: "bg-amber-100 ring-amber-400",
  },
  high: {
    cell: "bg-red-100 text-red-950",
    empty: "bg-red-50 text-red-900",
    chip: "bg-red-100 text-red-900 ring-red-300",
    swatch: "bg-red-100 ring-red-400",
  },
};

export const SCALE = [1, 2, 3, 4, 5] as const;
