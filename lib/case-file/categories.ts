// The case file's category vocabulary (docs/case-file.md#categories), named once: the engine (IT/business
// split), the health checks, the forms, the grid's labels and the report all import it from here.
// No zod, no decimal.js: client components import it too.

// Cost categories by group. The order is the order forms list them in.
export const IT_COST_CATEGORIES = [
  "software",
  "other-licences",
  "hardware",
  "integration",
  "implementation-labour",
  "support-labour",
] as const;
export const BUSINESS_COST_CATEGORIES = ["planning", "training", "change-management"] as const;
export const OTHER_COST_CATEGORIES = ["other"] as const;
export const COST_CATEGORIES = [...IT_COST_CATEGORIES, ...BUSINESS_COST_CATEGORIES, ...OTHER_COST_CATEGORIES] as const;
export const BENEFIT_CATEGORIES = [
  "revenue",
  "productivity",
  "cost-saving",
  "sales-cost",
  "retention",
  "inventory",
  "other",
] as const;
// Every category label a page may need (costs first, then the benefits' own).
export const ALL_CATEGORIES = [...COST_CATEGORIES, ...BENEFIT_CATEGORIES.filter((c) => c !== "other")] as const;

export type CostCategory = (typeof COST_CATEGORIES)[number];
export type BenefitCategory = (typeof BENEFIT_CATEGORIES)[number];
export type CostGroup = "it" | "business" | "other";

// The health checks' rules of thumb (docs/finance.md#health-checks): one-time costs of these categories mark the
// deployment; implementation is what ongoing support is measured against.
export const DEPLOYMENT_COST_CATEGORIES = [
  "implementation-labour",
  "integration",
  "planning",
  "hardware",
  "change-management",
  "training",
] as const satisfies readonly CostCategory[];
export const IMPLEMENTATION_COST_CATEGORIES = [
  "implementation-labour",
  "integration",
] as const satisfies readonly CostCategory[];
export const SUPPORT_COST_CATEGORIES = ["support-labour"] as const satisfies readonly CostCategory[];

const IT = new Set<string>(IT_COST_CATEGORIES);
const BUSINESS = new Set<string>(BUSINESS_COST_CATEGORIES);

export function costGroupOf(category: string): CostGroup {
  return IT.has(category) ? "it" : BUSINESS.has(category) ? "business" : "other";
}
