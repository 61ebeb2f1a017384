// The shapes the client editors receive: the DTOs of lib/dto, shared with lib/db/case-mappers.ts.
export type { RiskDTO as RiskItem } from "@/lib/case-file/risk";
export type { KpiDTO as KpiItem } from "@/lib/case-file/kpi";
