// Thin by design: the operation (auth, validation, data call) is defined in lib/api/operations.ts.
import { routeHandler } from "@/lib/api/handler";

export const PATCH = routeHandler("/risks/{riskId}", "PATCH");
export const DELETE = routeHandler("/risks/{riskId}", "DELETE");
