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
