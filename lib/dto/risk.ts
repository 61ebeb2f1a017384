// A stored risk as the data layer returns it (decimal strings), shared with the client components
// that show and edit the risk register.
export interface RiskDTO {
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
  scenario: string | null; // the key of the scenario the risk's cost belongs to
  month: number | null;
}
