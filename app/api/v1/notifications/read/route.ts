// POST /api/v1/notifications/read: mark the caller's notifications read.
import { routeHandler } from "@/lib/api/handler";

export const POST = routeHandler("/notifications/read", "POST");
