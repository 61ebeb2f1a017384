// The production server (scripts/serve.mjs serving the Next build), as real processes on one
// PostgreSQL: the per-address sign-in limit uses the socket's address and holds across two
// instances; TRACE is 405; SIGTERM with live streams open ends them at once with a reconnect hint
// (the client resumes on the other instance without missing a change); SIGTERM under load
// answers every request already sent, then exits.
import http from "node:http";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createSeededDatabase, demoOwner, ensureBuild, signInOver, startApp, type AppProcess } from "../helpers/app";
import { readSse } from "../helpers/sse";

let databaseUrl: string;
let a: AppProcess | undefined;
let b: AppProcess | undefined;

async function clearLimits() {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`DELETE FROM "RateLimitBucket"`);
  await client.end();
}

beforeAll(async () => {
  ensureBuild();
  databaseUrl = await createSeededDatabase(inject("adminDatabaseUrl"), "serve_test");
  [a, b] = await Promise.all([startApp(databaseUrl), startApp(databaseUrl)]);
}, 900_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

describe("sign-in limit per address", () => {
  it("20 failures through one instance, each with a made-up X-Forwarded-For, limit that address on the other instance too", async () => {
    await clearLimits();
    for (let i = 0; i < 20; i++) {
      const r = await signInOver(a!.baseURL, `nobody${i}@example.com`, "wrong password", {
        "x-forwarded-for": `10.77.${i}.1`,
      });
      expect(r.error, `attempt ${i}`).toBe("CredentialsSignin");
    }
    const blocked = await signInOver(b!.baseURL, demoOwner.email, demoOwner.password, {
      "x-forwarded-for": "10.77.99.1",
    });
    expect(blocked.error).toBe("TooManyAttempts");
    expect(blocked.cookie).toBeNull();
    await clearLimits();
    const allowed = await signInOver(b!.baseURL, demoOwner.email, demoOwner.password);
    expect(allowed.error).toBeNull();
    expect(allowed.cookie).toMatch(/session-token=/);
  }, 120_000);
});

describe("methods", () => {
  it("TRACE (and other methods Next does not serve) answer 405 on any route, never 500", async () => {
    // fetch() refuses to send TRACE itself: node:http does.
    const status = (method: string, path: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(`${a!.baseURL}${path}`, { method, agent: false }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("error", reject);
        req.end();
      });
    for (const path of ["/", "/signin", "/api/v1/openapi.json", "/api/v1/cases/not-a-uuid", "/w/nordic-retail"]) {
      for (const method of ["TRACE", "PROPFIND"]) expect(await status(method, path), `${method} ${path}`).toBe(405);
    }
  });
});

// One request on its own connection, recording when it was fully sent; the answer's status and
// body length, or the socket error.
function send(
  baseURL: string,
  path: string,
  cookie: string,
): { sent: Promise<void>; done: Promise<{ status?: number; bytes?: number; error?: string }> } {
  let markSent!: () => void;
  const sent = new Promise<void>((r) => (markSent = r));
  const done = new Promise<{ status?: number; bytes?: number; error?: string }>((resolve) => {
    const req = http.request(`${baseURL}${path}`, { headers: { cookie }, agent: false }, (res) => {
      let bytes = 0;
      res.on("data", (c: Buffer) => (bytes += c.length));
      res.on("end", () => resolve({ status: res.statusCode, bytes }));
      res.on("error", (e) => resolve({ error: e.message }));
    });
    req.on("error", (e) => {
      markSent();
      resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message });
    });
    req.on("finish", () => markSent());
    req.end();
  });
  return { sent, done };
}

describe("SIGTERM with a live stream open", () => {
  it("ends the stream at once with a reconnect hint, exits within ~2 s; the client resumes on the other instance by Last-Event-ID", async () => {
    await clearLimits();
    const { cookie } = await signInOver(a!.baseURL, demoOwner.email, demoOwner.password);
    expect(cookie).not.toBeNull();
    const headers = { cookie: cookie!, accept: "application/json" };
    const list = await fetch(`${a!.baseURL}/api/v1/workspaces/nordic-retail/cases`, { headers });
    const caseId = ((await list.json()) as { data: { id: string }[] }).data[0]!.id;
    const detail = (await (await fetch(`${a!.baseURL}/api/v1/cases/${caseId}`, { headers })).json()) as {
      data: { version: number; lines: { id: string }[] };
    };
    const ac = new AbortController();
    const res = await fetch(`${a!.baseURL}/api/v1/cases/${caseId}/events?tab=lines`, {
      headers: { cookie: cookie!, accept: "text/event-stream" },
      signal: ac.signal,
    });
    expect(res.status).toBe(200);
    const sse = readSse(res, ac);
    await sse.waitFor((e) => e.event === "ready", 10_000);

    const signalled = Date.now();
    a!.child.kill("SIGTERM");
    const hint = await sse.waitFor((e) => e.event === "reconnect", 2_000);
    expect(hint.data).toEqual({ reason: "shutdown" });
    await sse.ended;
    const streamEndedMs = Date.now() - signalled;
    expect(sse.retries.at(-1)).toBeGreaterThan(0);
    expect(sse.retries.at(-1)).toBeLessThanOrEqual(1_000);
    expect(sse.events.map((e) => e.event)).not.toContain("end"); // "end" would tell the client to stop
    const exit = await a!.exited;
    const exitMs = Date.now() - signalled;
    console.log(`[server] SIGTERM with a live stream: stream ended after ${streamEndedMs} ms, exit after ${exitMs} ms`);
    expect(exit.code).toBe(0);
    expect(exitMs).toBeLessThan(4_000);

    // Meanwhile a change lands through the other instance; the reconnect there replays it.
    const edit = await fetch(`${b!.baseURL}/api/v1/lines/${detail.data.lines[0]!.id}`, {
      method: "PATCH",
      headers: {
        ...headers,
        origin: b!.baseURL,
        "content-type": "application/json",
        "if-match": `"${detail.data.version}"`,
      },
      body: JSON.stringify({ name: "Renamed while reconnecting" }),
    });
    expect(edit.status).toBe(200);
    const ac2 = new AbortController();
    const again = await fetch(`${b!.baseURL}/api/v1/cases/${caseId}/events?tab=lines`, {
      headers: { cookie: cookie!, accept: "text/event-stream", "last-event-id": hint.id! },
      signal: ac2.signal,
    });
    expect(again.status).toBe(200);
    const resumed = readSse(again, ac2);
    try {
      const missed = await resumed.waitFor((e) => e.event === "change", 10_000);
      expect(missed.data).toMatchObject({
        kind: "line.update",
        entityId: detail.data.lines[0]!.id,
        version: detail.data.version + 1,
        replayed: true,
      });
      await resumed.waitFor((e) => e.event === "ready", 10_000);
    } finally {
      await resumed.close();
    }
  }, 120_000);
});

describe("SIGTERM under load", () => {
  it("answers every request sent before the signal (reports and reads), refuses new connections, exits 0 within 30 s", async () => {
    await clearLimits();
    const { cookie } = await signInOver(b!.baseURL, demoOwner.email, demoOwner.password);
    expect(cookie).not.toBeNull();
    const list = await fetch(`${b!.baseURL}/api/v1/workspaces/nordic-retail/cases`, { headers: { cookie: cookie! } });
    const caseId = ((await list.json()) as { data: { id: string }[] }).data[0]!.id;
    // Warm: a first report starts the worker thread.
    expect(
      (await fetch(`${b!.baseURL}/api/v1/cases/${caseId}/report.pdf`, { headers: { cookie: cookie! } })).status,
    ).toBe(200);

    const requests = Array.from({ length: 20 }, (_, i) =>
      send(b!.baseURL, i % 5 === 0 ? `/api/v1/cases/${caseId}/report.pdf` : `/api/v1/cases/${caseId}/compute`, cookie!),
    );
    await Promise.all(requests.map((r) => r.sent));
    const signalled = Date.now();
    b!.child.kill("SIGTERM");
    const answers = await Promise.all(requests.map((r) => r.done));
    expect(
      answers.filter((x) => x.status !== 200),
      JSON.stringify(answers),
    ).toEqual([]);
    for (const x of answers) expect(x.bytes).toBeGreaterThan(100);
    const exit = await b!.exited;
    expect(exit.code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(30_000);
    await expect(fetch(`${b!.baseURL}/signin`)).rejects.toThrow();
    expect(b!.log()).not.toMatch(/uncaught|unhandled|ECONNRESET/i);
  }, 120_000);
});
