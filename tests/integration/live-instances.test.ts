// Two app instances (two production servers on different ports, one PostgreSQL): a change made through
// one reaches an event stream opened on the other within 2 s, because every instance LISTENs on
// PostgreSQL rather than keeping changes to itself (docs/architecture.md#live-events).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
import { readSse } from "../helpers/sse";
import { ensureBuild, startApp, type AppProcess } from "../helpers/app";
import { buildWorld, type World } from "./cases-world";

let w: World;
const servers: AppProcess[] = [];

beforeAll(async () => {
  w = await buildWorld();
  ensureBuild();
  const url = process.env.DATABASE_URL!;
  servers.push(await startApp(url), await startApp(url));
}, 600_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

describe("two instances", () => {
  it("a line edited through instance A reaches a stream on instance B within 2 s; a comment too", async () => {
    const [a, b] = servers as [AppProcess, AppProcess];
    const ac = new AbortController();
    const res = await fetch(`${b.baseURL}/api/v1/cases/${w.caseId}/events?tab=lines`, {
      headers: { authorization: `Bearer ${w.tokens.viewer}`, accept: "text/event-stream", "accept-encoding": "gzip" },
      signal: ac.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBeNull(); // not buffered by compression
    const sse = readSse(res, ac);
    try {
      await sse.waitFor((e) => e.event === "ready", 10_000);
      const sent = Date.now();
      const edit = await fetch(`${a.baseURL}/api/v1/lines/${w.lineId}`, {
        method: "PATCH",
        headers: {
          authorization: `Bearer ${w.tokens.editor}`,
          "content-type": "application/json",
          "if-match": `"${w.version}"`,
        },
        body: JSON.stringify({ amount: "38000" }),
      });
      expect(edit.status).toBe(200);
      const answered = Date.now();
      // Committed when answered: from then on the other instance has 2 s.
      const change = await sse.waitFor(
        (e) => e.event === "change" && (e.data as { kind: string }).kind === "line.update",
        2_000,
      );
      expect(change.receivedAt - answered).toBeLessThan(2_000);
      expect(change.data).toMatchObject({ version: w.version + 1, actor: { kind: "token", id: w.tokenIds.editor } });
      console.log(
        `[live-instances] write answered after ${answered - sent} ms; event on the other instance ${change.receivedAt - answered} ms after the answer`,
      );

      const comment = await fetch(`${a.baseURL}/api/v1/cases/${w.caseId}/comments`, {
        method: "POST",
        headers: { authorization: `Bearer ${w.tokens.viewer}`, "content-type": "application/json" },
        body: JSON.stringify({ body: "seen from the other instance" }),
      });
      expect(comment.status).toBe(201);
      await sse.waitFor((e) => e.event === "change" && (e.data as { kind: string }).kind === "comment.create", 2_000);
    } finally {
      await sse.close();
    }
  });
});
