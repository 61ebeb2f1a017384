// POST /api/v1/cases/{caseId}/goal-seek: the value of one input that brings a metric to a target.
//   request  {"input": "<line id>.amount" | "discountRate", "metric": "npv"|"irr"|"payback"|"roi"|"afterTaxNpv",
//             "target": "0", "scenario"?: "KEY", "low"?: "0", "high"?: "1000000"}
//   response {"reached": true, "value": "...", "achieved": "...", ...} or {"reached": false, "message": "..."}
// Registered in lib/api/operations.ts (auth, body, errors and OpenAPI come from there).
import { routeHandler } from "@/lib/api/handler";

export const dynamic = "force-dynamic";

export const POST = routeHandler("/cases/{caseId}/goal-seek", "POST");
