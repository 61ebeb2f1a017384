// A stored assumption as the data layer returns it, shared with the client component that shows
// and edits the assumption register (like risk.ts and kpi.ts for theirs).
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
