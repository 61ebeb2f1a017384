// Thin by design: the operation (auth, validation, data call) is defined in lib/api/operations.ts.
import { routeHandler } from "@/lib/api/handler";

export const GET = routeHandler("/cases/{caseId}", "GET");
export const PATCH = routeHandler("/cases/{caseId}", "PATCH");
export const DELETE = routeHandler("/cases/{caseId}", "DELETE");
