// The engine's intermediate results, shared by compute.ts (which makes them) and the modules that
// read them (realisation.ts, uncertainty.ts, the workbook): types only, so none of them needs to
// import another's code for its types.
import type Decimal from "decimal.js";
import type { BenefitLine, CostLine, Scenario } from "@/lib/case-file/schema";
import type { Term } from "./expand";
import type { RateSteps } from "./fx";
import type { Grid } from "./metrics";
import type { LineResult } from "./types";

export interface ExpandedLine {
  kind: "cost" | "benefit";
  index: number;
  line: CostLine | BenefitLine;
  terms: Term[];
  adjusted: Decimal[]; // each term's value times adjust (the same Decimal when adjust is 1)
  adjust: Decimal; // multiplier of the risk adjustment: 1 + ra for costs, 1 - ra for benefits
  totalRaw: Decimal;
  pvRaw: Decimal;
  firstMonth: number | null;
  lastMonth: number | null;
  work?: LineWork; // the kept per-line results this came from
  fx?: ForeignFlows; // a line in another currency: its runs before conversion
}

// A foreign-currency line keeps its runs in its own currency (terms above are converted).
export interface ForeignFlows {
  rates: RateSteps;
  terms: Term[];
}

export interface ScenarioFlows {
  scenario: Scenario;
  lines: ExpandedLine[];
  cost: Decimal[]; // risk-adjusted, with the expected cost of included risks
  benefit: Decimal[];
  costRaw: Decimal[];
  benefitRaw: Decimal[];
  expectedRiskCost: Decimal;
  expectedRiskPv: Decimal;
}

// A line's results kept by object (compute.ts): valid while the grid, kind and horizon are the same.
export interface LineWork {
  grid: Grid;
  kind: "cost" | "benefit";
  horizon: number;
  terms: Term[];
  adjusted: Decimal[];
  adjust: Decimal;
  totalRaw: Decimal;
  pvRaw: Decimal;
  firstMonth: number | null;
  lastMonth: number | null;
  rates: RateSteps | null;
  fx?: ForeignFlows;
  result?: {
    total: Decimal;
    pv: Decimal;
    years: Decimal[];
    strings: Pick<LineResult, "total" | "pv" | "totalUnadjusted" | "years">;
  };
}
