// DTOs of the case aggregate and the mappers between database rows, DTOs and the case file.
//
//   CaseSummaryDTO   one case in a list (settings, version, status, archivedAt)
//   CaseDetailDTO    a case with its scenarios, lines, risks, KPIs and assumptions
//   ScenarioDTO, LineDTO, RiskDTO, KpiDTO, AssumptionDTO
//   WriteResult<T>   what every write returns: the case it touched, the case's NEW version, the data
//
// Every money/rate value is a decimal string (Decimal -> string here, at the boundary); dates are
// ISO strings. The selects below are the only columns that leave lib/db.
import "server-only";
import type { BenefitLine, CaseFile, CostLine, Kpi as FileKpi, Risk as FileRisk } from "@/lib/case-file/schema";
import { Prisma } from "./generated/client";

type Dec = Prisma.Decimal | null;
const str = (d: Dec): string | null => (d === null ? null : d.toString());
const strReq = (d: Prisma.Decimal): string => d.toString();

export interface WriteResult<T> {
  caseId: string;
  version: number;
  data: T;
}

// ---------------------------------------------------------------------------------------------
export const caseSummarySelect = {
  id: true,
  workspaceId: true,
  name: true,
  description: true,
  organisation: true,
  preparedBy: true,
  currency: true,
  startMonth: true,
  horizonMonths: true,
  discountRate: true,
  financeRate: true,
  reinvestRate: true,
  locale: true,
  status: true,
  version: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.BusinessCaseSelect;

export interface CaseSummaryDTO {
  id: string;
  workspaceId: string;
  name: string;
  description: string;
  organisation: string;
  preparedBy: string;
  currency: string;
  startMonth: string;
  horizonMonths: number;
  discountRate: string;
  financeRate: string | null;
  reinvestRate: string | null;
  locale: string;
  status: "draft" | "approved";
  version: number;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toCaseSummaryDTO(row: Prisma.BusinessCaseGetPayload<{ select: typeof caseSummarySelect }>): CaseSummaryDTO {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    description: row.description,
    organisation: row.organisation,
    preparedBy: row.preparedBy,
    currency: row.currency,
    startMonth: row.startMonth,
    horizonMonths: row.horizonMonths,
    discountRate: strReq(row.discountRate),
    financeRate: str(row.financeRate),
    reinvestRate: str(row.reinvestRate),
    locale: row.locale,
    status: row.status,
    version: row.version,
    archivedAt: row.archivedAt ? row.archivedAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

// ---------------------------------------------------------------------------------------------
export const scenarioSelect = { id: true, caseId: true, key: true, name: true, isBaseline: true, position: true } satisfies Prisma.ScenarioSelect;

export interface ScenarioDTO {
  id: string;
  key: string;
  name: string;
  isBaseline: boolean;
  position: number;
}

export function toScenarioDTO(row: Prisma.ScenarioGetPayload<{ select: typeof scenarioSelect }>): ScenarioDTO {
  return { id: row.id, key: row.key, name: row.name, isBaseline: row.isBaseline, position: row.position };
}

// ---------------------------------------------------------------------------------------------
export const lineSelect = {
  id: true,
  caseId: true,
  stableId: true,
  scenarioId: true,
  kind: true,
  position: true,
  name: true,
  category: true,
  notes: true,
  tangible: true,
  kpi: true,
  amount: true,
  low: true,
  high: true,
  labourHours: true,
  labourRate: true,
  labourPeople: true,
  month: true,
  recurring: true,
  startMonth: true,
  endMonth: true,
  schedule: true,
  escalation: true,
  riskAdjustment: true,
  rampMonths: true,
  rampCurve: true,
  realisation: true,
  margin: true,
} satisfies Prisma.CaseLineSelect;
export type LineRow = Prisma.CaseLineGetPayload<{ select: typeof lineSelect }>;

import { toFileLine, type LineDTO, type RampCurveName } from "@/lib/dto/line";
export { toFileLine };
export type { LineDTO, RampCurveName };

export const toRampCurveName = (c: "linear" | "s_curve" | "step"): RampCurveName => (c === "s_curve" ? "s-curve" : c);
export const fromRampCurveName = (c: RampCurveName): "linear" | "s_curve" | "step" => (c === "s-curve" ? "s_curve" : c);

export function toLineDTO(row: LineRow): LineDTO {
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
    escalation: strReq(row.escalation),
    riskAdjustment: strReq(row.riskAdjustment),
    rampMonths: row.rampMonths,
    rampCurve: toRampCurveName(row.rampCurve),
    realisation: strReq(row.realisation),
    margin: strReq(row.margin),
  };
}

// ---------------------------------------------------------------------------------------------
export const riskSelect = {
  id: true,
  caseId: true,
  stableId: true,
  position: true,
  title: true,
  category: true,
  likelihood: true,
  impact: true,
  owner: true,
  mitigation: true,
  probability: true,
  costImpact: true,
  includeInCosts: true,
  scenarioKey: true,
  month: true,
} satisfies Prisma.RiskSelect;
export type RiskRow = Prisma.RiskGetPayload<{ select: typeof riskSelect }>;

import { toFileRisk, type RiskDTO } from "@/lib/dto/risk";
export { toFileRisk };
export type { RiskDTO };

export function toRiskDTO(row: RiskRow): RiskDTO {
  return {
    id: row.id,
    stableId: row.stableId,
    position: row.position,
    title: row.title,
    category: row.category,
    likelihood: row.likelihood,
    impact: row.impact,
    owner: row.owner,
    mitigation: row.mitigation,
    probability: str(row.probability),
    costImpact: str(row.costImpact),
    includeInCosts: row.includeInCosts,
    scenario: row.scenarioKey,
    month: row.month,
  };
}

// ---------------------------------------------------------------------------------------------
export const kpiSelect = { id: true, caseId: true, stableId: true, position: true, name: true, unit: true, direction: true, baseline: true, target: true } satisfies Prisma.KpiSelect;
export type KpiRow = Prisma.KpiGetPayload<{ select: typeof kpiSelect }>;

import type { KpiDTO } from "@/lib/dto/kpi";
export type { KpiDTO };

export function toKpiDTO(row: KpiRow): KpiDTO {
  return { id: row.id, stableId: row.stableId, position: row.position, name: row.name, unit: row.unit, direction: row.direction, baseline: str(row.baseline), target: str(row.target) };
}

// ---------------------------------------------------------------------------------------------
export const assumptionSelect = { id: true, caseId: true, stableId: true, position: true, title: true, text: true, source: true, owner: true, confidence: true, lines: true } satisfies Prisma.AssumptionSelect;
export type AssumptionRow = Prisma.AssumptionGetPayload<{ select: typeof assumptionSelect }>;

export interface AssumptionDTO {
  id: string;
  stableId: string;
  position: number;
  title: string;
  text: string;
  source: string;
  owner: string;
  confidence: "low" | "medium" | "high" | null;
  lines: string[]; // stable ids of the lines it drives
}

export function toAssumptionDTO(row: AssumptionRow): AssumptionDTO {
  return { id: row.id, stableId: row.stableId, position: row.position, title: row.title, text: row.text, source: row.source, owner: row.owner, confidence: row.confidence, lines: row.lines };
}

// The register's optional fields as case-file fields (empty ones left out).
export function assumptionFileFields(a: { source: string; owner: string; confidence: string | null; lines: string[] }) {
  return { ...(a.source ? { source: a.source } : {}), ...(a.owner ? { owner: a.owner } : {}), ...(a.confidence ? { confidence: a.confidence } : {}), ...(a.lines.length ? { lines: a.lines } : {}) };
}

// ---------------------------------------------------------------------------------------------
export interface CaseDetailDTO extends CaseSummaryDTO {
  scenarios: ScenarioDTO[];
  lines: LineDTO[];
  risks: RiskDTO[];
  kpis: KpiDTO[];
  assumptions: AssumptionDTO[];
}

export const caseDetailSelect = {
  ...caseSummarySelect,
  scenarios: { select: scenarioSelect, orderBy: [{ position: "asc" }, { key: "asc" }] },
  lines: { select: lineSelect, orderBy: [{ position: "asc" }, { id: "asc" }] },
  risks: { select: riskSelect, orderBy: [{ position: "asc" }, { id: "asc" }] },
  kpis: { select: kpiSelect, orderBy: [{ position: "asc" }, { id: "asc" }] },
  assumptions: { select: assumptionSelect, orderBy: [{ position: "asc" }, { id: "asc" }] },
} satisfies Prisma.BusinessCaseSelect;
export type CaseDetailRow = Prisma.BusinessCaseGetPayload<{ select: typeof caseDetailSelect }>;

export function toCaseDetailDTO(row: CaseDetailRow): CaseDetailDTO {
  return {
    ...toCaseSummaryDTO(row),
    scenarios: row.scenarios.map(toScenarioDTO),
    lines: row.lines.map(toLineDTO),
    risks: row.risks.map(toRiskDTO),
    kpis: row.kpis.map(toKpiDTO),
    assumptions: row.assumptions.map(toAssumptionDTO),
  };
}

// ---------------------------------------------------------------------------------------------
// DTO -> case file (export, compute) and case file -> rows (import, templates, line writes).
// Defaults (escalation 0, realisation 1, ...) are left out of the file, as a person would write it.

export function toCaseFile(c: CaseDetailDTO): CaseFile {
  const file: Record<string, unknown> = {
    format: "caseboard/v1",
    name: c.name,
    ...(c.description ? { description: c.description } : {}),
    ...(c.organisation ? { organisation: c.organisation } : {}),
    ...(c.preparedBy ? { preparedBy: c.preparedBy } : {}),
    status: c.status,
    locale: c.locale,
    currency: c.currency,
    startMonth: c.startMonth,
    horizonMonths: c.horizonMonths,
    discountRate: c.discountRate,
    ...(c.financeRate !== null ? { financeRate: c.financeRate } : {}),
    ...(c.reinvestRate !== null ? { reinvestRate: c.reinvestRate } : {}),
    scenarios: c.scenarios.map((s) => ({
      key: s.key,
      name: s.name,
      ...(s.isBaseline ? { baseline: true } : {}),
      costs: c.lines.filter((l) => l.scenarioId === s.id && l.kind === "cost").map(toFileLine),
      benefits: c.lines.filter((l) => l.scenarioId === s.id && l.kind === "benefit").map(toFileLine),
    })),
    risks: c.risks.map((r) => toFileRisk(r)),
    kpis: c.kpis.map((k) => ({
      id: k.stableId,
      name: k.name,
      ...(k.unit ? { unit: k.unit } : {}),
      direction: k.direction,
      ...(k.baseline !== null ? { baseline: k.baseline } : {}),
      ...(k.target !== null ? { target: k.target } : {}),
    })),
    assumptions: c.assumptions.map((a) => ({ id: a.stableId, title: a.title, ...(a.text ? { text: a.text } : {}), ...assumptionFileFields(a) })),
  };
  return file as unknown as CaseFile;
}


// The stable id a new row takes from its case-file object; without one the database makes one.
// Updates never pass it: an object's id does not change while it lives.
export function stableIdData(o: { id?: string }): { stableId?: string } {
  return o.id !== undefined ? { stableId: o.id } : {};
}

type LineData = Omit<Prisma.CaseLineUncheckedCreateInput, "caseId" | "scenarioId" | "kind" | "position">;

// A case-file line as column values; every column is set, so an update replaces the whole line.
export function toLineData(line: CostLine | BenefitLine): LineData {
  const b = line as Partial<BenefitLine> & CostLine;
  return {
    name: line.name,
    category: line.category ?? "",
    notes: line.notes ?? "",
    tangible: b.tangible ?? true,
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
    schedule: line.schedule ? { ...line.schedule } : Prisma.DbNull,
    escalation: line.escalation ?? "0",
    riskAdjustment: line.riskAdjustment ?? "0",
    rampMonths: b.rampMonths ?? 0,
    rampCurve: fromRampCurveName(b.rampCurve ?? "linear"),
    realisation: b.realisation ?? "1",
    margin: b.margin ?? "1",
  };
}

type RiskData = Omit<Prisma.RiskUncheckedCreateInput, "caseId" | "position">;
export function toRiskData(r: FileRisk): RiskData {
  return {
    title: r.title,
    category: r.category ?? "",
    likelihood: r.likelihood,
    impact: r.impact,
    owner: r.owner ?? "",
    mitigation: r.mitigation ?? "",
    probability: r.probability ?? null,
    costImpact: r.costImpact ?? null,
    includeInCosts: r.includeInCosts ?? false,
    scenarioKey: r.scenario ?? null,
    month: r.month ?? null,
  };
}

type KpiData = Omit<Prisma.KpiUncheckedCreateInput, "caseId" | "position">;
export function toKpiData(k: FileKpi): KpiData {
  return { name: k.name, unit: k.unit ?? "", direction: k.direction ?? "up", baseline: k.baseline ?? null, target: k.target ?? null };
}
