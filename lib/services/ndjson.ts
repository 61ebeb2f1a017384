// A long piece of work answered as NDJSON (docs/api.md#streams): one JSON value a line, each sent
// as the work produces it (progress, frontier points), then a `result` line or an `error` line
// with the body a 4xx/5xx would carry. Shared by the simulation, the portfolio frontier and the
// workbook import preview. The client going away aborts the work's signal; a run that ends because
// it was aborted sends nothing more.
import "server-only";
import { AppError } from "@/lib/errors";

export type SendLine = (value: unknown) => void;

export interface NdjsonOptions {
  // Where a failure is logged ("POST /cases/{id}/simulate"), and what an unexpected one says.
  label: string;
  failure: string;
  // Called once when the stream ends, however it ends (a slot released).
  onEnd?: () => void;
}

export function ndjsonResponse(
  run: (send: SendLine, signal: AbortSignal) => Promise<void>,
  options: NdjsonOptions,
): Response {
  const encoder = new TextEncoder();
  const cancelled = new AbortController();
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    options.onEnd?.();
  };
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      // After the client goes away enqueue throws: the work is told through its signal.
      const send: SendLine = (value) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
        } catch {
          open = false;
          cancelled.abort();
        }
      };
      try {
        await run(send, cancelled.signal);
      } catch (error) {
        if (cancelled.signal.aborted) return;
        if (error instanceof AppError) {
          if (error.code === "unavailable")
            console.warn(JSON.stringify({ event: "http-503", path: options.label, cause: error.message }));
          send({
            type: "error",
            error: {
              code: error.code,
              message: error.message,
              ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
              ...(error.details ? { details: error.details } : {}),
            },
          });
        } else {
          console.error(`[api] ${options.label} failed while streaming:`, error);
          send({ type: "error", error: { code: "internal", message: options.failure } });
        }
      } finally {
        end();
        if (open)
          try {
            controller.close();
          } catch {
            // already cancelled by the client
          }
      }
    },
    cancel() {
      cancelled.abort();
      end();
    },
  });
  return new Response(stream, {
    status: 200,
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "cache-control": "no-store, no-transform",
      "x-content-type-options": "nosniff",
      "x-accel-buffering": "no", // a reverse proxy (nginx) must pass each line on as it comes
    },
  });
}
