// POST /api/v1/cases/{caseId}/simulate: the case's Monte Carlo, streamed as NDJSON.
//   request  {"iterations": 10000, "seed": 1, "scenarioKey"?: "upgrade"}   (zod; 422 names the field)
//   response one JSON object a line:
//     {"type":"progress","phase":"loaded"|"sampling"|"summarising","done":n,"total":N}
//     ... then {"type":"result","data":SimulationResult}   (or {"type":"error","error":{...}})
// Auth, validation, the access check (viewers allowed: it changes nothing; other workspaces 404)
// and the work bound all happen before the stream starts, so they answer with real statuses.
//
// Why on the server and not in a browser Web Worker: financials are computed on the server from the
// stored lines (style.md §6), the same engine answers the API, the CLI and the report, and the
// client would otherwise need the whole case file and the decimal engine in its bundle. simulate()
// is synchronous and reports progress through onProgress every 1,000 iterations; those lines are
// produced during the run and reach the client as the run yields (100,000 iterations take a
// fraction of a second), so the phases are what a user actually watches on a slow network.
// Not registered in lib/api/operations.ts (a streamed body does not fit its JSON envelope), so the
// auth / Origin / body / error steps of lib/api/handler.ts are composed here explicitly.
import { assertSameOrigin, authenticateRequest } from "@/lib/api/auth";
import { HttpError, errorResponse, readJsonBody, zodFieldErrors } from "@/lib/api/http";
import { AppError } from "@/lib/errors";
import { prepareSimulation, runSimulation, simulateBodySchema } from "@/lib/services/simulate";

export const dynamic = "force-dynamic";

// A simulation holds the event loop while it samples: a few at a time per server process.
const MAX_CONCURRENT = 4;
let running = 0;

type Context = { params: Promise<{ caseId: string }> };

export async function POST(request: Request, context: Context): Promise<Response> {
  const url = new URL(request.url);
  let prepared;
  try {
    const caller = await authenticateRequest(request);
    if (caller.via === "session") assertSameOrigin(request);
    const { caseId } = await context.params;
    const raw = await readJsonBody(request, 16 * 1024);
    const parsed = simulateBodySchema.safeParse(raw ?? {});
    if (!parsed.success) throw new HttpError(422, "validation", "the input is not valid", { fieldErrors: zodFieldErrors(parsed.error) });
    prepared = await prepareSimulation(caller.actor, caseId, parsed.data);
    if (running >= MAX_CONCURRENT) throw new AppError("rate_limited", "too many simulations are running; try again in a moment");
  } catch (error) {
    return errorResponse(error, { method: request.method, path: url.pathname });
  }

  const job = prepared;
  const encoder = new TextEncoder();
  running++;
  let released = false;
  const release = () => {
    if (!released) {
      released = true;
      running--;
    }
  };
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      // After the client goes away (cancel) enqueue throws: the run still ends, quietly.
      const send = (value: unknown) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
        } catch {
          open = false;
        }
      };
      try {
        send({ type: "progress", phase: "loaded", done: 0, total: job.iterations });
        // Let the first line go out before the synchronous run holds the event loop.
        await new Promise((resolve) => setTimeout(resolve, 0));
        const step = Math.max(1_000, Math.ceil(job.iterations / 20 / 1_000) * 1_000);
        const result = runSimulation(job, (done, total) => {
          if (done % step === 0 && done < total) send({ type: "progress", phase: "sampling", done, total });
        });
        send({ type: "progress", phase: "summarising", done: job.iterations, total: job.iterations });
        send({ type: "result", data: result });
      } catch (error) {
        console.error(`[api] POST ${url.pathname} failed while streaming:`, error);
        send({ type: "error", error: { code: "internal", message: "the simulation failed; it has been logged" } });
      } finally {
        release();
        if (open) {
          try {
            controller.close();
          } catch {
            // already cancelled by the client
          }
        }
      }
    },
    cancel() {
      release();
    },
  });
  return new Response(stream, { status: 200, headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" } });
}
