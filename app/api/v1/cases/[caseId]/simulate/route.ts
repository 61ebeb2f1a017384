// POST /api/v1/cases/{caseId}/simulate: the case's Monte Carlo, streamed as NDJSON.
//   request  {"iterations": 10000, "seed": 1, "scenarioKey"?: "upgrade", "mode"?: "incremental"|"scenario"}
//   response one JSON object a line:
//     {"type":"progress","phase":"loaded"|"sampling"|"summarising","done":n,"total":N}
//     ... then {"type":"result","data":SimulationResult}   (or {"type":"error","error":{...}})
// By default the incremental NPV of the headline scenario against the baseline (the case's headline
// figure); mode "scenario" gives one scenario on its own.
//
// Thin by design: the operation is registered in lib/api/operations.ts (so the OpenAPI document
// lists it and the shared handler does auth, the Origin check, the body, zod's 422 and the error
// statuses before any streaming starts); the stream is lib/services/simulate.ts's.
import { routeHandler } from "@/lib/api/handler";

export const dynamic = "force-dynamic";

export const POST = routeHandler("/cases/{caseId}/simulate", "POST");
