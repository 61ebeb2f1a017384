// A stored cost or benefit line as the data layer returns it (decimal strings), shared with the
// client components that show and edit lines.
export type RampCurveName = "linear" | "s-curve" | "step";

export interface LineDTO {
  id: string;
  scenarioId: string;
  kind: "cost" | "benefit";
  position: number;
  name: string;
  category: string;
  notes: string;
  tangible: boolean;
  kpi: string | null;
  amount: string | null;
  low: string | null;
  high: string | null;
  labour: { hours: string; rate: string; people: string } | null;
  month: number | null;
  recurring: "monthly" | "quarterly" | "annual" | null;
  startMonth: number | null;
  endMonth: number | null;
  schedule: Record<string, string> | null;
  escalation: string;
  riskAdjustment: string;
  rampMonths: number;
  rampCurve: RampCurveName;
  realisation: string;
  margin: string;
}

