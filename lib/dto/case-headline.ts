import type { FigureReason } from "@/lib/finance/figure-reasons";

// A case with its headline figures, as the workspace's case list shows it (decimal strings).
export interface CaseHeadline {
  id: string;
  name: string;
  status: "draft" | "approved";
  archived: boolean;
  currency: string;
  horizonMonths: number;
  label: { alternative: string; baseline: string | null };
  npv: string;
  roi: string | null;
  paybackMonths: string | null;
  // Why roi / paybackMonths is null (lib/finance/figure-reasons.ts); null when the figure exists.
  roiReason: FigureReason | null;
  paybackReason: FigureReason | null;
}
