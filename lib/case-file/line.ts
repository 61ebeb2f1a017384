// One shape per line (style.md): a cost or benefit line's defaults and its conversions between the
// stored row, the DTO the pages and editors receive, and the case-file line, all here:
//
//   LINE_DEFAULTS                    what a line is when the case file leaves a field out
//   toLineDTO(row)                   stored row (Prisma Decimals) -> LineDTO (decimal strings)
//   toFileLine(dto)                  LineDTO -> case-file line (defaults left out, as a person writes it)
//   toLineColumns(fileLine)          case-file line -> every column value (defaults filled in)
//   mergeLinePatch(line, patch)      a line with a merge patch applied (null removes, absent keeps)
//   mapLineById(file, stableId, fn)  the case file with one line replaced (the others shared)
//   reuseUnchanged(held, next)       next, sharing held's objects where they are equal
//
// The data layer (lib/db/case-mappers.ts), export, the audit trail, the grid's undo and sparkline
// and the line panel's draft all convert through these. No zod and no Prisma at run time: client
// components import this file.
import Decimal from "decimal.js";
import type { BenefitLine, Capitalised, CaseFile, CostLine } from "./schema";

export type RampCurveName = "linear" | "s-curve" | "step";
type RampCurveColumn = "linear" | "s_curve" | "step";
type Recurrence = "monthly" | "quarterly" | "annual";

export const LINE_DEFAULTS = {
  escalation: "0",
  riskAdjustment: "0",
  tangible: true,
  rampMonths: 0,
  rampCurve: "linear" as RampCurveName,
  realisation: "1",
  margin: "1",
} as const;

// The category a new line starts with in the editors.
export const NEW_LINE_CATEGORY = { cost: "software", benefit: "productivity" } as const;

// A stored cost or benefit line as the data layer returns it (decimal strings), shared with the
// client components that show and edit lines.
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
  recurring: Recurrence | null;
  startMonth: number | null;
  endMonth: number | null;
  schedule: Record<string, string> | null;
  escalation: string;
  riskAdjustment: string;
  rampMonths: number;
  rampCurve: RampCurveName;
  realisation: string;
  margin: string;
  capitalised?: Capitalised | null; // cost lines: depreciated for tax instead of expensed
}

export const toRampCurveName = (c: RampCurveColumn): RampCurveName => (c === "s_curve" ? "s-curve" : c);
export const toRampCurveColumn = (c: RampCurveName): RampCurveColumn => (c === "s-curve" ? "s_curve" : c);

// A stored row's columns (Prisma's Decimal or anything with the same toString).
interface Dec {
  toString(): string;
}
export interface LineRowLike {
  id: string;
  stableId: string;
  scenarioId: string;
  kind: "cost" | "benefit";
  position: number;
  name: string;
  category: string;
  notes: string;
  tangible: boolean;
  kpi: string | null;
  amount: Dec | null;
  low: Dec | null;
  high: Dec | null;
  labourHours: Dec | null;
  labourRate: Dec | null;
  labourPeople: Dec | null;
  month: number | null;
  recurring: Recurrence | null;
  startMonth: number | null;
  endMonth: number | null;
  schedule: unknown;
  escalation: Dec;
  riskAdjustment: Dec;
  rampMonths: number;
  rampCurve: RampCurveColumn;
  realisation: Dec;
  margin: Dec;
  capitalised: unknown;
}

const str = (d: Dec | null): string | null => (d === null ? null : d.toString());

export function toLineDTO(row: LineRowLike): LineDTO {
  return {
    id: row.id,
    stableId: row.stableId,
    scenarioId: row.scenarioId,
    kind: row.kind,
    position: row.position,
    name: row.name,
    category: row.category,
    notes: row.notes,
    tangible: row.tangible,
    kpi: row.kpi,
    amount: str(row.amount),
    low: str(row.low),
    high: str(row.high),
    labour:
      row.labourHours && row.labourRate && row.labourPeople
        ? { hours: row.labourHours.toString(), rate: row.labourRate.toString(), people: row.labourPeople.toString() }
        : null,
    month: row.month,
    recurring: row.recurring,
    startMonth: row.startMonth,
    endMonth: row.endMonth,
    schedule: (row.schedule as Record<string, string> | null) ?? null,
    escalation: row.escalation.toString(),
    riskAdjustment: row.riskAdjustment.toString(),
    rampMonths: row.rampMonths,
    rampCurve: toRampCurveName(row.rampCurve),
    realisation: row.realisation.toString(),
    margin: row.margin.toString(),
    capitalised: row.kind === "cost" ? ((row.capitalised as Capitalised | null) ?? null) : null,
  };
}

const same = (a: string, b: string) => new Decimal(a).eq(b);

// The fields of a line as a case-file line (only the fields it has, defaults left out): export,
// the audit trail, the grid's undo (which adds a deleted line back) and the line panel's draft all
// use this one shape. Without a stable id (a draft not yet saved) the line carries no `id`.
export type LineFields = Omit<LineDTO, "id" | "scenarioId" | "position">;

export function toFileLine(line: LineFields): CostLine | BenefitLine {
  const out: Record<string, unknown> = line.stableId ? { id: line.stableId, name: line.name } : { name: line.name };
  if (line.category) out.category = line.category;
  if (line.notes) out.notes = line.notes;
  if (line.amount !== null) out.amount = line.amount;
  if (line.labour) out.labour = { ...line.labour };
  if (line.month !== null) out.month = line.month;
  if (line.recurring !== null) out.recurring = line.recurring;
  if (line.startMonth !== null) out.startMonth = line.startMonth;
  if (line.endMonth !== null) out.endMonth = line.endMonth;
  if (line.schedule !== null) out.schedule = { ...line.schedule };
  if (!same(line.escalation, LINE_DEFAULTS.escalation)) out.escalation = line.escalation;
  if (!same(line.riskAdjustment, LINE_DEFAULTS.riskAdjustment)) out.riskAdjustment = line.riskAdjustment;
  if (line.low !== null) out.low = line.low;
  if (line.high !== null) out.high = line.high;
  if (line.kind === "cost" && line.capitalised) out.capitalised = { ...line.capitalised };
  if (line.kind === "benefit") {
    if (line.tangible !== LINE_DEFAULTS.tangible) out.tangible = line.tangible;
    if (line.kpi !== null) out.kpi = line.kpi;
    if (line.rampMonths !== LINE_DEFAULTS.rampMonths) out.rampMonths = line.rampMonths;
    if (line.rampCurve !== LINE_DEFAULTS.rampCurve) out.rampCurve = line.rampCurve;
    if (!same(line.realisation, LINE_DEFAULTS.realisation)) out.realisation = line.realisation;
    if (!same(line.margin, LINE_DEFAULTS.margin)) out.margin = line.margin;
  }
  return out as unknown as CostLine | BenefitLine;
}

// A case-file line as the value of every column (defaults filled in), so an update replaces the
// whole line. `schedule` is null when the line has none (lib/db turns it into a database NULL).
export function toLineColumns(line: CostLine | BenefitLine) {
  const b = line as Partial<BenefitLine> & CostLine;
  return {
    name: line.name,
    category: line.category ?? "",
    notes: line.notes ?? "",
    tangible: b.tangible ?? LINE_DEFAULTS.tangible,
    kpi: b.kpi ?? null,
    amount: line.amount ?? null,
    low: line.low ?? null,
    high: line.high ?? null,
    labourHours: line.labour?.hours ?? null,
    labourRate: line.labour?.rate ?? null,
    labourPeople: line.labour?.people ?? null,
    month: line.month ?? null,
    recurring: line.recurring ?? null,
    startMonth: line.startMonth ?? null,
    endMonth: line.endMonth ?? null,
    schedule: line.schedule ? { ...line.schedule } : null,
    escalation: line.escalation ?? LINE_DEFAULTS.escalation,
    riskAdjustment: line.riskAdjustment ?? LINE_DEFAULTS.riskAdjustment,
    rampMonths: b.rampMonths ?? LINE_DEFAULTS.rampMonths,
    rampCurve: toRampCurveColumn(b.rampCurve ?? LINE_DEFAULTS.rampCurve),
    realisation: b.realisation ?? LINE_DEFAULTS.realisation,
    margin: b.margin ?? LINE_DEFAULTS.margin,
    capitalised: (line as CostLine).capitalised ? { ...(line as CostLine).capitalised! } : null,
  };
}

// A merge patch on a case-file line, as updateLine (lib/db/lines.ts) stores it and the browser's
// live model shows it before the answer: a value sets the field, null removes it, undefined
// leaves it; `id` and `scenarioId` are not line fields (a move is the caller's business).
export function mergeLinePatch<L extends CostLine | BenefitLine>(line: L, patch: Record<string, unknown>): L {
  const merged: Record<string, unknown> = { ...line };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || key === "scenarioId" || key === "id") continue;
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged as L;
}

// The case file with the line of that stable id replaced by fn(line); every other object is the
// same object as before (the engine keeps per-line results by object, lib/finance/compute.ts), so
// a one-line change costs one line's work. null when no line has that id. The browser's live case
// model applies an edit with it, and the server derives the next version's file after a one-line
// write (lib/services/compute-case.ts).
export function mapLineById(
  file: CaseFile,
  stableId: string,
  fn: (line: CostLine | BenefitLine) => CostLine | BenefitLine,
): CaseFile | null {
  for (let si = 0; si < file.scenarios.length; si++) {
    const s = file.scenarios[si]!;
    const ci = s.costs.findIndex((l) => l.id === stableId);
    const bi = ci >= 0 ? -1 : s.benefits.findIndex((l) => l.id === stableId);
    if (ci < 0 && bi < 0) continue;
    const scenario =
      ci >= 0
        ? { ...s, costs: s.costs.map((l, i) => (i === ci ? (fn(l) as CostLine) : l)) }
        : { ...s, benefits: s.benefits.map((l, i) => (i === bi ? (fn(l) as BenefitLine) : l)) };
    return { ...file, scenarios: file.scenarios.map((x, i) => (i === si ? scenario : x)) };
  }
  return null;
}

// `next` with every line, scenario and the risks that equal their counterparts in `held` replaced
// by held's objects, so the engine's results kept for them still apply: a case read again after
// someone else's one-line edit then costs one line's work, like an edit of one's own. Lines are
// matched by stable id; equal means the same JSON. Nothing else changes.
export function reuseUnchanged(held: CaseFile, next: CaseFile): CaseFile {
  const lines = new Map<string, CostLine | BenefitLine>();
  for (const s of held.scenarios)
    for (const l of [...s.costs, ...s.benefits]) if (l.id !== undefined) lines.set(l.id, l);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const reuse = <L extends CostLine | BenefitLine>(l: L): L => {
    const old = l.id !== undefined ? lines.get(l.id) : undefined;
    return old !== undefined && same(old, l) ? (old as L) : l;
  };
  const scenarios = next.scenarios.map((s) => {
    const costs = s.costs.map(reuse);
    const benefits = s.benefits.map(reuse);
    const old = held.scenarios.find((x) => x.key === s.key);
    const sameLines = (a: readonly unknown[], b: readonly unknown[]) =>
      a.length === b.length && a.every((x, i) => x === b[i]);
    if (
      old &&
      sameLines(old.costs, costs) &&
      sameLines(old.benefits, benefits) &&
      same({ ...old, costs: [], benefits: [] }, { ...s, costs: [], benefits: [] })
    )
      return old;
    return { ...s, costs, benefits };
  });
  return { ...next, scenarios, risks: same(held.risks, next.risks) ? held.risks : next.risks };
}
