// Thin by design: the operation (auth, validation, data call) is defined in lib/api/operations.ts.
import { routeHandler } from "@/lib/api/handler";

export const POST = routeHandler("/cases/{caseId}/proposal", "POST");
