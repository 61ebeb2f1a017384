// The production server (scripts/serve.mjs serving the Next build), as real processes on one
// PostgreSQL: the per-address sign-in limit uses the socket's address and holds across two
// instances; TRACE is 405; SIGTERM under load answers every request already sent, then exits.
import http from "node:http";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createSeededDatabase, demoOwner, ensureBuild, signInOver, startApp, type AppProcess } from "./app-process";

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
