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
import { toKpiColumns, toFileKpi, type KpiDTO } from "@/lib/case-file/kpi";
import { LINE_COLUMNS, toFileLine, toLineColumns, toLineDTO, type LineDTO } from "@/lib/case-file/line";
import type { FinanceSettings } from "@/lib/case-file/finance-settings";
import { toFileRisk, toRiskColumns, type RiskDTO } from "@/lib/case-file/risk";
import type { AssumptionDTO } from "@/lib/case-file/assumption";
export type { AssumptionDTO };
import type { FxActuals, FxTable } from "@/lib/case-file/fx";
import { Prisma } from "./generated/client";
import { headlineKeys } from "@/lib/finance/headline";

type Dec = Prisma.Decimal | null;
const str = (d: Dec): string | null => (d === null ? null : d.toString());
const strReq = (d: Prisma.Decimal): string => d.toString();

export interface WriteResult<T> {
  caseId: string;
  version: number;
  // The case's tracking revision as the write left it (plan writes through writeCase): with
  // `version` it names the engine's input exactly (lib/services/compute-case.ts).
  trackingRevision?: number;
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
  chosenScenario: true,
  actualsThrough: true,
  goLiveMonth: true,
  trackingRevision: true,
  financeSettings: true,
  fx: true,
  fxActuals: true,
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
  // Benefit realisation (tracking fields, docs/finance.md#actuals); trackingRevision counts tracking writes.
  chosenScenario: string | null;
  actualsThrough: number | null;
  goLiveMonth: number;
  trackingRevision: number;
  // Tax, inflation and optimism bias (docs/tax-and-inflation.md); null: none set.
  financeSettings: FinanceSettings | null;
  // Currencies (docs/currencies.md): plan rates (a plan field) and actual rates (tracking).
  fx: FxTable | null;
  fxActuals: FxActuals | null;
}

export function toCaseSummaryDTO(
  row: Prisma.BusinessCaseGetPayload<{ select: typeof caseSummarySelect }>,
): CaseSummaryDTO {
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
    chosenScenario: row.chosenScenario,
    actualsThrough: row.actualsThrough,
    goLiveMonth: row.goLiveMonth,
    trackingRevision: row.trackingRevision,
    financeSettings: (row.financeSettings as FinanceSettings | null) ?? null,
    fx: (row.fx as FxTable | null) ?? null,
    fxActuals: (row.fxActuals as FxActuals | null) ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
export const scenarioSelect = {
  id: true,
  caseId: true,
  key: true,
  name: true,
  isBaseline: true,
  position: true,
} satisfies Prisma.ScenarioSelect;

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
// Where a line lives, then every column of the line field table (lib/case-file/line-fields.ts).
export const lineSelect = {
  id: true,
  caseId: true,
  stableId: true,
  scenarioId: true,
  kind: true,
  position: true,
  ...(Object.fromEntries(LINE_COLUMNS.map((c) => [c, true])) as { [C in (typeof LINE_COLUMNS)[number]]: true }),
} satisfies Prisma.CaseLineSelect;
export type LineRow = Prisma.CaseLineGetPayload<{ select: typeof lineSelect }>;

export { toFileLine, toLineDTO };
export type { LineDTO };

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
export const kpiSelect = {
  id: true,
  caseId: true,
  stableId: true,
  position: true,
  name: true,
  unit: true,
  direction: true,
  baseline: true,
  target: true,
} satisfies Prisma.KpiSelect;
export type KpiRow = Prisma.KpiGetPayload<{ select: typeof kpiSelect }>;

export type { KpiDTO };

export function toKpiDTO(row: KpiRow): KpiDTO {
  return {
    id: row.id,
    stableId: row.stableId,
    position: row.position,
    name: row.name,
    unit: row.unit,
    direction: row.direction,
    baseline: str(row.baseline),
    target: str(row.target),
  };
}

// ---------------------------------------------------------------------------------------------
export const assumptionSelect = {
  id: true,
  caseId: true,
  stableId: true,
  position: true,
  title: true,
  text: true,
  source: true,
  owner: true,
  confidence: true,
  lines: true,
} satisfies Prisma.AssumptionSelect;
export type AssumptionRow = Prisma.AssumptionGetPayload<{ select: typeof assumptionSelect }>;

export function toAssumptionDTO(row: AssumptionRow): AssumptionDTO {
  return {
    id: row.id,
    stableId: row.stableId,
    position: row.position,
    title: row.title,
    text: row.text,
    source: row.source,
    owner: row.owner,
    confidence: row.confidence,
    lines: row.lines,
  };
}

// The register's optional fields as case-file fields (empty ones left out).
export function assumptionFileFields(a: { source: string; owner: string; confidence: string | null; lines: string[] }) {
  return {
    ...(a.source ? { source: a.source } : {}),
    ...(a.owner ? { owner: a.owner } : {}),
    ...(a.confidence ? { confidence: a.confidence } : {}),
    ...(a.lines.length ? { lines: a.lines } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
export interface LineActualDTO {
  lineId: string;
  month: number;
  amount: string;
}

export interface KpiValueDTO {
  kpiId: string;
  month: number;
  value: string;
}

export interface CaseDetailDTO extends CaseSummaryDTO {
  scenarios: ScenarioDTO[];
  lines: LineDTO[];
  risks: RiskDTO[];
  kpis: KpiDTO[];
  assumptions: AssumptionDTO[];
  lineActuals: LineActualDTO[]; // by line row id, month ascending
  kpiValues: KpiValueDTO[];
}

export const lineActualSelect = { lineId: true, month: true, amount: true } satisfies Prisma.LineActualSelect;
export const kpiValueSelect = { kpiId: true, month: true, value: true } satisfies Prisma.KpiValueSelect;
export const toLineActualDTO = (
  r: Prisma.LineActualGetPayload<{ select: typeof lineActualSelect }>,
): LineActualDTO => ({ lineId: r.lineId, month: r.month, amount: r.amount.toString() });
export const toKpiValueDTO = (r: Prisma.KpiValueGetPayload<{ select: typeof kpiValueSelect }>): KpiValueDTO => ({
  kpiId: r.kpiId,
  month: r.month,
  value: r.value.toString(),
});

export const caseDetailSelect = {
  ...caseSummarySelect,
  scenarios: { select: scenarioSelect, orderBy: [{ position: "asc" }, { key: "asc" }] },
  lines: { select: lineSelect, orderBy: [{ position: "asc" }, { id: "asc" }] },
  risks: { select: riskSelect, orderBy: [{ position: "asc" }, { id: "asc" }] },
  kpis: { select: kpiSelect, orderBy: [{ position: "asc" }, { id: "asc" }] },
  assumptions: { select: assumptionSelect, orderBy: [{ position: "asc" }, { id: "asc" }] },
  lineActuals: { select: lineActualSelect, orderBy: [{ lineId: "asc" }, { month: "asc" }] },
  kpiValues: { select: kpiValueSelect, orderBy: [{ kpiId: "asc" }, { month: "asc" }] },
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
    lineActuals: row.lineActuals.map(toLineActualDTO),
    kpiValues: row.kpiValues.map(toKpiValueDTO),
  };
}

// ---------------------------------------------------------------------------------------------
// DTO -> case file (export, compute) and case file -> rows (import, templates, line writes).
// Defaults (escalation 0, realisation 1, ...) are left out of the file, as a person would write it.

export function toCaseFile(c: CaseDetailDTO): CaseFile {
  const real = realisationParts(c);
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
    ...(c.financeSettings ?? {}),
    ...(c.fx && Object.keys(c.fx).length ? { fx: c.fx } : {}),
    ...real.fields,
    scenarios: c.scenarios.map((s) => ({
      key: s.key,
      name: s.name,
      ...(s.isBaseline ? { baseline: true } : {}),
      costs: c.lines.filter((l) => l.scenarioId === s.id && l.kind === "cost").map((l) => real.line(l)),
      benefits: c.lines.filter((l) => l.scenarioId === s.id && l.kind === "benefit").map((l) => real.line(l)),
    })),
    risks: c.risks.map((r) => toFileRisk(r)),
    kpis: c.kpis.map((k) => ({ ...toFileKpi(k), ...real.kpi(k.id) })),
    assumptions: c.assumptions.map((a) => ({
      id: a.stableId,
      title: a.title,
      ...(a.text ? { text: a.text } : {}),
      ...assumptionFileFields(a),
    })),
  };
  return file as unknown as CaseFile;
}

// The realisation parts of the case file (docs/case-file.md#actuals). The file carries only what
// its rules accept: actuals of tangible lines of the chosen scenario in months 0..actualsThrough,
// KPI values within -120..horizon. Tracking writes refuse anything else; this keeps an export
// valid even after a plan change (a line made intangible, a scenario deleted) left rows behind.
function realisationParts(c: CaseDetailDTO) {
  const fields: Record<string, unknown> = {};
  const chosenExists = c.chosenScenario !== null && c.scenarios.some((s) => s.key === c.chosenScenario);
  if (chosenExists) fields.chosenScenario = c.chosenScenario;
  if (c.actualsThrough !== null && c.actualsThrough <= c.horizonMonths) fields.actualsThrough = c.actualsThrough;
  if (c.goLiveMonth !== 0 && c.goLiveMonth <= c.horizonMonths) fields.goLiveMonth = c.goLiveMonth;
  const chosenKey = chosenExists
    ? c.chosenScenario!
    : headlineKeys(c.scenarios.map((s) => ({ key: s.key, baseline: s.isBaseline }))).alternative;
  const chosenId = c.scenarios.find((s) => s.key === chosenKey)?.id;
  const byLine = new Map<string, Record<string, string>>();
  if (fields.actualsThrough !== undefined) {
    for (const a of c.lineActuals) {
      if (a.month > c.actualsThrough!) continue;
      let rec = byLine.get(a.lineId);
      if (!rec) byLine.set(a.lineId, (rec = {}));
      rec[String(a.month)] = a.amount;
    }
  }
  if (fields.actualsThrough !== undefined && c.fxActuals) {
    const rates: Record<string, Record<string, string>> = {};
    for (const [currency, months] of Object.entries(c.fxActuals)) {
      if (currency === c.currency) continue;
      const kept = Object.entries(months).filter(([m]) => Number(m) <= c.actualsThrough!);
      if (kept.length) rates[currency] = Object.fromEntries(kept);
    }
    if (Object.keys(rates).length) fields.fxActuals = rates;
  }
  const byKpi = new Map<string, { month: number; value: string }[]>();
  for (const v of c.kpiValues) {
    if (v.month > c.horizonMonths) continue;
    let list = byKpi.get(v.kpiId);
    if (!list) byKpi.set(v.kpiId, (list = []));
    list.push({ month: v.month, value: v.value });
  }
  return {
    fields,
    line: (l: LineDTO) => {
      const out = toFileLine(l);
      const actuals = byLine.get(l.id);
      if (!actuals || l.scenarioId !== chosenId || !l.tangible) return out;
      return { ...out, actuals };
    },
    kpi: (kpiId: string) => {
      const list = byKpi.get(kpiId);
      return list?.length ? { actuals: list } : {};
    },
  };
}

// The stable id a new row takes from its case-file object; without one the database makes one.
// Updates never pass it: an object's id does not change while it lives.
export function stableIdData(o: { id?: string }): { stableId?: string } {
  return o.id !== undefined ? { stableId: o.id } : {};
}

type LineData = Omit<Prisma.CaseLineUncheckedCreateInput, "caseId" | "scenarioId" | "kind" | "position">;

// A case-file line as column values (lib/case-file/line.ts); every column is set, so an update
// replaces the whole line.
export function toLineData(line: CostLine | BenefitLine): LineData {
  const columns = toLineColumns(line);
  return {
    ...columns,
    schedule: columns.schedule ?? Prisma.DbNull,
    capitalised: columns.capitalised ?? Prisma.DbNull,
  };
}

type RiskData = Omit<Prisma.RiskUncheckedCreateInput, "caseId" | "position">;
export function toRiskData(r: FileRisk): RiskData {
  return toRiskColumns(r);
}

type KpiData = Omit<Prisma.KpiUncheckedCreateInput, "caseId" | "position">;
export function toKpiData(k: FileKpi): KpiData {
  return toKpiColumns(k);
}
