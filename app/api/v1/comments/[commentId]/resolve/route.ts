// POST /api/v1/comments/{commentId}/resolve ({ resolved: true|false }).
import { routeHandler } from "@/lib/api/handler";

export const POST = routeHandler("/comments/{commentId}/resolve", "POST");
