// PATCH|DELETE /api/v1/comments/{commentId} (lib/api/operations.ts; data: lib/db/comments.ts).
import { routeHandlers } from "@/lib/api/handler";

const h = routeHandlers("/comments/{commentId}");
export const PATCH = h.PATCH;
export const DELETE = h.DELETE;
