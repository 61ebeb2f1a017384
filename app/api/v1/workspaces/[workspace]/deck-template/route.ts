// Thin by design: the operations (auth, validation, data call) are defined in lib/api/operations.ts.
import { routeHandler } from "@/lib/api/handler";

export const GET = routeHandler("/workspaces/{workspace}/deck-template", "GET");
export const PUT = routeHandler("/workspaces/{workspace}/deck-template", "PUT");
export const DELETE = routeHandler("/workspaces/{workspace}/deck-template", "DELETE");
