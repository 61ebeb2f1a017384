// GET /api/v1/cases/{caseId}/events: the case's Server-Sent Events (lib/live/stream.ts). The
// shared handler authenticates (API token or session cookie) and checks the query first; the
// stream lives on the Node runtime and ends when the client goes away.
import { routeHandler } from "@/lib/api/handler";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = routeHandler("/cases/{caseId}/events", "GET");
