import type { Risk as FileRisk } from "./schema";

// A stored risk as the data layer returns it (decimal strings), shared with the client components
// that show and edit the risk register.
export interface RiskDTO {
  id: string;
  stableId: string;
  position: number;
  title: string;
  category: string;
  likelihood: number;
  impact: number;
  owner: string;
  mitigation: string;
  probability: string | null;
  costImpact: string | null;
  includeInCosts: boolean;
  scenario: string | null; // the key of the scenario the risk's cost belongs to
  month: number | null;
}

// The risk as a case-file risk (only the fields it has): the audit trail, export, and the register's
// undo (which adds a deleted risk back) all use this one shape.
export function toFileRisk(r: RiskDTO): FileRisk {
  return {
    id: r.stableId,
    title: r.title,
    ...(r.category ? { category: r.category } : {}),
    likelihood: r.likelihood,
    impact: r.impact,
    ...(r.owner ? { owner: r.owner } : {}),
    ...(r.mitigation ? { mitigation: r.mitigation } : {}),
    ...(r.probability !== null ? { probability: r.probability } : {}),
    ...(r.costImpact !== null ? { costImpact: r.costImpact } : {}),
    ...(r.includeInCosts ? { includeInCosts: true } : {}),
    ...(r.scenario !== null ? { scenario: r.scenario } : {}),
    ...(r.month !== null ? { month: r.month } : {}),
  };
}

// A case-file risk as the value of every column (defaults filled in).
export function toRiskColumns(r: FileRisk) {
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
