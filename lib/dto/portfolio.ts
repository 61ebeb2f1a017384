// The portfolio's data as pages and the API receive it (decimal strings; no Prisma, no Decimal).
import type { PortfolioOption, PortfolioRealisation } from "@/lib/portfolio/figures";
import type { BenefitClaim, DoubleCountingFlag } from "@/lib/portfolio/plans";
import type { FrontierPoint, SelectionResult } from "@/lib/portfolio/selection";

export type PortfolioStatus = "draft" | "in-review" | "approved" | "live" | "archived";

export interface PortfolioCaseDTO {
  id: string;
  name: string;
  status: PortfolioStatus;
  owner: string;
  tags: string[];
  currency: string;
  proposal: string | null;
  option: PortfolioOption | null; // the proposal's figures
  options: PortfolioOption[];
  realisation: PortfolioRealisation | null;
  claims: Record<string, BenefitClaim[]>;
  problem: string | null; // why the case has no figures here (e.g. another currency)
}

export interface PortfolioView {
  workspace: { id: string; slug: string; name: string };
  currency: string;
  years: string[];
  cases: PortfolioCaseDTO[];
}

export interface OptimiseAnswer {
  currency: string;
  selection: SelectionResult;
  frontier: FrontierPoint[] | null;
  doubleCounting: DoubleCountingFlag[];
  left: { id: string; reason: string }[]; // cases outside the selection (no figures here)
}
