// GET /api/v1/cases/{caseId}/events: one Server-Sent Events stream of a case.
//   event: ready     { presence }                         first, with the id to resume from
//   event: change    { version, kind, actor, door, entityType, entityId, at }   every committed change
//   event: presence  { users: [{ id, name, tabs }] }      who has the case open, on which tab
//   event: end       { reason: "revoked" | "deleted" | "shutdown" }   then the stream closes
//   event: reconnect { reason: "shutdown" }   after `retry: 250`, then the stream closes: this
//                    instance is draining; reconnect (elsewhere) with Last-Event-ID
//   ": ping"         a comment line every 15 s (keeps proxies from closing an idle stream)
// Every event carries `id:` = the case's newest audit row the stream has passed. A reconnecting
// client sends it back (Last-Event-ID, or ?lastEventId=) and gets the changes it missed from the
// audit trail (a `resync` change when there are more than 100).
import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/db/access";
import { listChangesAfter, listenerName, openListenTarget } from "@/lib/db/live-access";
import { AppError } from "@/lib/errors";
import { HttpError } from "@/lib/http";
import { LimitError, liveHub, sseFrame, type LiveStream } from "./hub";

const REPLAY_LIMIT = 100;
const TRACKING_PREFIXES = ["comment.", "actual", "kpi-value", "snapshot.", "notification."];

export async function openCaseEventStream(
  actor: Actor,
  caseId: string,
  options: { tab?: string; lastEventId?: string | null; signal: AbortSignal },
): Promise<Response> {
  const hub = liveHub();
  let release: () => void;
  try {
    release = hub.reserve(actor);
  } catch (error) {
    if (error instanceof LimitError)
      throw new HttpError(error.status, error.status === 429 ? "rate_limited" : "unavailable", error.message, {
        headers: { "retry-after": error.status === 429 ? "30" : "10" },
      });
    throw error;
  }
  try {
    const target = await openListenTarget(actor, caseId);
    if (!target) throw new AppError("not_found", "not found");
    await hub.ready().catch(() => {
      throw new AppError("unavailable", "live updates are unavailable; try again shortly");
    });
    const name = await listenerName(actor);
    const resumeFrom = options.lastEventId && /^[0-9]{1,19}$/.test(options.lastEventId) ? options.lastEventId : null;
    return respond(actor, target, { tab: options.tab ?? "", name, resumeFrom, signal: options.signal, release });
  } catch (error) {
    release();
    throw error;
  }
}

function respond(
  actor: Actor,
  target: { caseId: string; workspaceId: string; lastEventId: string },
  o: { tab: string; name: string | null; resumeFrom: string | null; signal: AbortSignal; release: () => void },
): Response {
  const hub = liveHub();
  const encoder = new TextEncoder();
  let stream: LiveStream | null = null;
  let closed = false;
  const cleanup = () => {
    if (closed) return;
    closed = true;
    if (stream) hub.remove(stream);
    o.release();
    o.signal.removeEventListener("abort", cleanup);
  };
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (frame: string) => {
        if (closed) return false;
        try {
          controller.enqueue(encoder.encode(frame));
          return true;
        } catch {
          cleanup();
          return false;
        }
      };
      stream = {
        id: randomUUID(),
        caseId: target.caseId,
        workspaceId: target.workspaceId,
        actor,
        userId: actor.kind === "user" ? actor.userId : null,
        name: o.name,
        tab: o.tab,
        lastEventId: o.resumeFrom ?? target.lastEventId,
        write,
        end: () => {
          cleanup();
          try {
            controller.close();
          } catch {
            // already closed
          }
        },
      };
      o.signal.addEventListener("abort", cleanup);
      if (o.signal.aborted) return cleanup();
      write("retry: 2000\n\n");
      // Replay what a reconnecting client missed, then go live.
      if (o.resumeFrom) {
        const missed = await listChangesAfter(target.caseId, o.resumeFrom, REPLAY_LIMIT).catch(() => null);
        if (!missed || missed.length > REPLAY_LIMIT) {
          stream.lastEventId = target.lastEventId;
          write(sseFrame("change", { version: null, kind: "resync", actor: null, door: null }, stream.lastEventId));
        } else {
          for (const m of missed) {
            stream.lastEventId = m.id;
            const door = TRACKING_PREFIXES.some((p) => m.kind.startsWith(p)) ? "tracking" : "plan";
            write(
              sseFrame(
                "change",
                {
                  version: m.version,
                  kind: m.kind,
                  actor: m.actor,
                  door,
                  entityType: m.entityType,
                  entityId: m.entityId,
                  at: m.at,
                  replayed: true,
                },
                m.id,
              ),
            );
          }
        }
      }
      write(sseFrame("ready", { presence: hub.presenceOf(target.caseId) }, stream.lastEventId));
      hub.add(stream);
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform: Next's compression must not buffer the stream.
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
