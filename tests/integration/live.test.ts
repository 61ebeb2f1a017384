// The live event stream of a case (docs/architecture.md#live-events), in-process through the real route handler and the
// real PostgreSQL LISTEN/NOTIFY: who may open it, what it sends, presence, the end of a removed
// member's or a revoked token's stream, replay by Last-Event-ID, and the per-user bound.
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
// The membership re-check, made to fail like a database error when a test asks for it.
const accessCheck = vi.hoisted(() => ({ fail: false }));
vi.mock("@/lib/db/live-access", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/db/live-access")>();
  return {
    ...original,
    canStillListen: async (...args: Parameters<typeof original.canStillListen>) => {
      if (accessCheck.fail) throw new Error("connection terminated unexpectedly");
      return original.canStillListen(...args);
    },
  };
});
import { handleOperation } from "@/lib/api/handler";
import { revokeApiToken } from "@/lib/db/api-tokens";
import { prisma } from "@/lib/db/client";
import { changeMemberRole, removeMember } from "@/lib/db/members";
import { liveHub } from "@/lib/live/hub";
import { readSse, type SseReader } from "../helpers/sse";
import { ORIGIN, authHeaders, call, operation } from "./api-client";
import { buildWorld, caseVersion, type RoleName, type World } from "./cases-world";

let w: World;
const open: SseReader[] = [];
beforeEach(async () => {
  w = await buildWorld();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  delete process.env.LIVE_MAX_STREAMS_PER_USER;
  accessCheck.fail = false;
});
afterAll(async () => {
  await liveHub().stop();
});

async function openStream(as: RoleName, options: { caseId?: string; tab?: string; lastEventId?: string } = {}) {
  const ac = new AbortController();
  const headers: Record<string, string> = authHeaders(w, as);
  if (options.lastEventId) headers["last-event-id"] = options.lastEventId;
  const caseId = options.caseId ?? w.caseId;
  const request = new Request(`${ORIGIN}/api/v1/cases/${caseId}/events${options.tab ? `?tab=${options.tab}` : ""}`, {
    headers,
    signal: ac.signal,
  });
  const response = await handleOperation(operation("streamCaseEvents"))(request, {
    params: Promise.resolve({ caseId }),
  });
  if (!response.ok) return { response, sse: null };
  const sse = readSse(response, ac);
  open.push(sse);
  return { response, sse };
}

describe("opening a stream", () => {
  it("members and the workspace's tokens may listen (viewers too); another workspace's case is 404, anonymous 401", async () => {
    for (const as of ["outsider", "foreignToken"] as const) {
      const { response } = await openStream(as);
      expect(response.status, as).toBe(404);
      expect((await response.json()).error.code).toBe("not_found");
    }
    expect((await openStream("anonymous")).response.status).toBe(401);
    expect((await openStream("viewer", { caseId: "not-a-uuid" })).response.status).toBe(404);
    // A member of alpha asking for beta's case: 404 as well.
    expect((await openStream("owner", { caseId: w.foreign.caseId })).response.status).toBe(404);
    expect((await openStream("viewer", { tab: "<script>" })).response.status).toBe(422);
    for (const as of ["viewer", "tokenViewer"] as const) {
      const { response, sse } = await openStream(as, { tab: "lines" });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      expect(response.headers.get("cache-control")).toContain("no-transform");
      const ready = await sse!.waitFor((e) => e.event === "ready");
      expect(ready.id).toMatch(/^[0-9]+$/);
    }
  });
});

describe("what a stream sends", () => {
  it("every committed change, with its version, kind and actor, and the audit row's id", async () => {
    const { sse } = await openStream("viewer", { tab: "lines" });
    await sse!.waitFor((e) => e.event === "ready");
    const sent = Date.now();
    const edit = await call(
      "updateLine",
      { lineId: w.lineId },
      { as: "editor", body: { amount: "38000" }, ifMatch: w.version },
      w,
    );
    expect(edit.status).toBe(200);
    const change = await sse!.waitFor((e) => e.event === "change", 2_000);
    expect(change.receivedAt - sent).toBeLessThan(2_000);
    expect(change.data).toMatchObject({
      version: w.version + 1,
      kind: "line.update",
      actor: { kind: "user", id: w.users.editor },
      door: "plan",
    });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { caseId: w.caseId }, orderBy: { id: "desc" } });
    expect(change.id).toBe(audit.id.toString());

    const comment = await call("createComment", { caseId: w.caseId }, { as: "viewer", body: { body: "noted" } }, w);
    expect(comment.status).toBe(201);
    const tracked = await sse!.waitFor(
      (e) => e.event === "change" && (e.data as { kind: string }).kind === "comment.create",
      2_000,
    );
    expect(tracked.data).toMatchObject({
      version: w.version + 1,
      door: "tracking",
      actor: { kind: "user", id: w.users.viewer },
    });
  });

  it("presence: who has the case open, on which tab", async () => {
    const viewer = await openStream("viewer", { tab: "lines" });
    await viewer.sse!.waitFor((e) => e.event === "ready");
    const owner = await openStream("owner", { tab: "risks" });
    await owner.sse!.waitFor((e) => e.event === "ready");
    const both = (e: { event: string; data: unknown }) =>
      e.event === "presence" && (e.data as { users: unknown[] }).users.length === 2;
    const seen = await viewer.sse!.waitFor(both, 2_000);
    expect((seen.data as { users: { name: string; tabs: string[] }[] }).users).toEqual([
      { id: w.users.owner, name: "Olivia Owner", tabs: ["risks"] },
      { id: w.users.viewer, name: "Vera Viewer", tabs: ["lines"] },
    ]);
    await owner.sse!.close();
    await viewer.sse!.waitFor(
      (e) =>
        e.event === "presence" &&
        (e.data as { users: unknown[] }).users.length === 1 &&
        e.receivedAt >= seen.receivedAt &&
        e !== seen,
      2_000,
    );
  });

  it("a reconnecting client gets what it missed, from Last-Event-ID", async () => {
    const first = await openStream("viewer");
    const ready = await first.sse!.waitFor((e) => e.event === "ready");
    await first.sse!.close();
    const edit = await call(
      "updateLine",
      { lineId: w.lineId },
      { as: "editor", body: { amount: "36500" }, ifMatch: w.version },
      w,
    );
    expect(edit.status, edit.text).toBe(200);
    await call("createComment", { caseId: w.caseId }, { as: "owner", body: { body: "while you were away" } }, w);
    const again = await openStream("viewer", { lastEventId: ready.id! });
    await again.sse!.waitFor((e) => e.event === "ready");
    const replayed = again
      .sse!.events.filter((e) => e.event === "change")
      .map((e) => (e.data as { kind: string; replayed?: boolean }).kind);
    expect(replayed).toEqual(["line.update", "comment.create"]);
  });
});

describe("access is checked again when it changes", () => {
  it("a removed member's stream ends; a role change keeps it", async () => {
    const { sse } = await openStream("viewer");
    await sse!.waitFor((e) => e.event === "ready");
    const membership = await prisma.membership.findFirstOrThrow({
      where: { userId: w.users.viewer, workspaceId: w.alpha.id },
    });
    await changeMemberRole(w.actors.owner, membership.id, "editor");
    await new Promise((r) => setTimeout(r, 300));
    expect(sse!.isEnded()).toBe(false);
    await removeMember(w.actors.owner, membership.id);
    const end = await sse!.waitFor((e) => e.event === "end", 2_000);
    expect(end.data).toEqual({ reason: "revoked" });
    await sse!.ended;
    // And nothing more reaches it.
    expect(
      (
        await call(
          "updateLine",
          { lineId: w.lineId },
          { as: "editor", body: { amount: "37000" }, ifMatch: await caseVersion(w.caseId) },
          w,
        )
      ).status,
    ).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(sse!.events.filter((e) => e.event === "change")).toEqual([]);
  });

  it("fails closed: when the re-check cannot reach the database, the stream ends", async () => {
    const { sse } = await openStream("viewer");
    await sse!.waitFor((e) => e.event === "ready");
    accessCheck.fail = true;
    const membership = await prisma.membership.findFirstOrThrow({
      where: { userId: w.users.viewer, workspaceId: w.alpha.id },
    });
    await changeMemberRole(w.actors.owner, membership.id, "editor");
    expect((await sse!.waitFor((e) => e.event === "end", 2_000)).data).toEqual({ reason: "revoked" });
    await sse!.ended;
  });

  it("a revoked token's stream ends", async () => {
    const { sse } = await openStream("tokenViewer");
    await sse!.waitFor((e) => e.event === "ready");
    await revokeApiToken(w.actors.owner, w.tokenIds.viewer);
    expect((await sse!.waitFor((e) => e.event === "end", 2_000)).data).toEqual({ reason: "revoked" });
  });
});

describe("the hub's heartbeat", () => {
  it("runs while a stream is open and stops when the last one closes", async () => {
    const hub = liveHub();
    const first = await openStream("viewer");
    const second = await openStream("owner");
    await first.sse!.waitFor((e) => e.event === "ready");
    await second.sse!.waitFor((e) => e.event === "ready");
    expect(hub.heartbeatRunning).toBe(true);
    await first.sse!.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(hub.heartbeatRunning).toBe(true);
    await second.sse!.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(hub.streamCount).toBe(0);
    expect(hub.heartbeatRunning).toBe(false);
  });
});

describe("shutdown", () => {
  it("a draining server's hub ends every stream with a short retry and a reconnect event, and so any stream opened after", async () => {
    const hub = liveHub();
    const { sse } = await openStream("viewer");
    const ready = await sse!.waitFor((e) => e.event === "ready");
    const hooks = (globalThis as Record<symbol, unknown>)[Symbol.for("caseboard.draining")] as Set<() => unknown>;
    try {
      for (const hook of hooks) await hook();
      const hint = await sse!.waitFor((e) => e.event === "reconnect", 1_000);
      expect(hint.data).toEqual({ reason: "shutdown" });
      expect(hint.id).toBe(ready.id);
      expect(sse!.retries.at(-1)).toBe(250);
      await sse!.ended;
      expect(sse!.events.map((e) => e.event)).not.toContain("end");
      const late = await openStream("owner");
      expect(late.response.status).toBe(200);
      await late.sse!.waitFor((e) => e.event === "reconnect", 1_000);
      await late.sse!.ended;
      expect(hub.streamCount).toBe(0);
    } finally {
      // The next file gets a fresh hub.
      await hub.stop();
    }
  });
});

describe("bounds", () => {
  it("beyond LIVE_MAX_STREAMS_PER_USER a new stream answers 429 with Retry-After; closing one frees its place", async () => {
    process.env.LIVE_MAX_STREAMS_PER_USER = "2";
    const a = await openStream("viewer");
    await openStream("viewer");
    const third = await openStream("viewer");
    expect(third.response.status).toBe(429);
    expect(third.response.headers.get("retry-after")).toMatch(/^[0-9]+$/);
    // Another user is not affected.
    expect((await openStream("owner")).response.status).toBe(200);
    await a.sse!.close();
    await new Promise((r) => setTimeout(r, 50));
    expect((await openStream("viewer")).response.status).toBe(200);
  });
});
