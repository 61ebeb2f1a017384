import Decimal from "decimal.js";
import type { BenefitLine, CostLine } from "@/lib/case-file/schema";

// A stored cost or benefit line as the data layer returns it (decimal strings), shared with the
// client components that show and edit lines.
export type RampCurveName = "linear" | "s-curve" | "step";

export interface LineDTO {
  id: string; // the row's id (API paths)
  stableId: string; // the case file's id (case-format.md "Additions")
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

const isZero = (s: string) => new Decimal(s).isZero();
const isOne = (s: string) => new Decimal(s).eq(1);

// The line as a case-file line (only the fields it has, defaults left out): export, the audit
// trail, and the grid's undo (which adds a deleted line back) all use this one shape.
export function toFileLine(line: LineDTO): CostLine | BenefitLine {
  const out: Record<string, unknown> = { id: line.stableId, name: line.name };
  if (line.category) out.category = line.category;
  if (line.notes) out.notes = line.notes;
  if (line.amount !== null) out.amount = line.amount;
  if (line.labour) out.labour = { ...line.labour };
  if (line.month !== null) out.month = line.month;
  if (line.recurring !== null) out.recurring = line.recurring;
  if (line.startMonth !== null) out.startMonth = line.startMonth;
  if (line.endMonth !== null) out.endMonth = line.endMonth;
  if (line.schedule !== null) out.schedule = { ...line.schedule };
  if (!isZero(line.escalation)) out.escalation = line.escalation;
  if (!isZero(line.riskAdjustment)) out.riskAdjustment = line.riskAdjustment;
  if (line.low !== null) out.low = line.low;
  if (line.high !== null) out.high = line.high;
  if (line.kind === "benefit") {
    if (!line.tangible) out.tangible = false;
    if (line.kpi !== null) out.kpi = line.kpi;
    if (line.rampMonths !== 0) out.rampMonths = line.rampMonths;
    if (line.rampCurve !== "linear") out.rampCurve = line.rampCurve;
    if (!isOne(line.realisation)) out.realisation = line.realisation;
    if (!isOne(line.margin)) out.margin = line.margin;
  }
  return out as unknown as CostLine | BenefitLine;
}
