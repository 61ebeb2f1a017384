// The shapes the client editors receive (the DTOs of lib/db/case-mappers.ts, which client code
// does not import).
export interface RiskItem {
  id: string;
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
  scenario: string | null;
  month: number | null;
}

export interface KpiItem {
  id: string;
  position: number;
  name: string;
  unit: string;
  direction: "up" | "down";
  baseline: string | null;
  target: string | null;
}
