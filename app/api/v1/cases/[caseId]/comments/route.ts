// GET|POST /api/v1/cases/{caseId}/comments (lib/api/operations.ts; data: lib/db/comments.ts).
import { routeHandlers } from "@/lib/api/handler";

const h = routeHandlers("/cases/{caseId}/comments");
export const GET = h.GET;
export const POST = h.POST;
