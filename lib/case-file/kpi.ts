import type { Kpi as FileKpi } from "./schema";

// A stored KPI as the data layer returns it (decimal strings), shared with the client components
// that show and edit the KPI table.
export interface KpiDTO {
  id: string;
  stableId: string;
  position: number;
  name: string;
  unit: string;
  direction: "up" | "down";
  baseline: string | null;
  target: string | null;
}

// The KPI as a case-file KPI (only the fields it has): export and the KPI table's undo.
export function toFileKpi(k: KpiDTO): FileKpi {
  return {
    id: k.stableId,
    name: k.name,
    ...(k.unit ? { unit: k.unit } : {}),
    direction: k.direction,
    ...(k.baseline !== null ? { baseline: k.baseline } : {}),
    ...(k.target !== null ? { target: k.target } : {}),
  };
}

// A case-file KPI as the value of every column (defaults filled in).
export function toKpiColumns(k: FileKpi) {
  return {
    name: k.name,
    unit: k.unit ?? "",
    direction: k.direction ?? "up",
    baseline: k.baseline ?? null,
    target: k.target ?? null,
  };
}
