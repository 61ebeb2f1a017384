// GET /api/v1/notifications: the caller's notifications.
import { routeHandler } from "@/lib/api/handler";

export const dynamic = "force-dynamic";

export const GET = routeHandler("/notifications", "GET");
