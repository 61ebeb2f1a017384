import type { LineDTO } from "@/lib/case-file/line";

// A line as the grid shows it: the stored line plus the engine's figures for it (risk-adjusted
// total and present value over the horizon), formatted on the server.
export interface GridLine extends LineDTO {
  totalLabel: string;
  pvLabel: string;
  amountLabel: string;
  timingLabel: string;
  categoryLabel: string;
}

// A scenario's costs or benefits in total and by category (risk-adjusted, formatted on the server).
export interface GridTotals {
  total: string;
  pv: string;
  categories: { label: string; total: string }[];
}
