// PostgreSQL stopped and restarted under load, with the app as production runs it (scripts/serve.mjs
// serving the Next build): while it is down every answer is 503, never a 500; within 10 s of its
// return reads and writes succeed again; the app's log holds no uncaught exception, no unhandled
// rejection and no pg deprecation warning.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFreePort, startEmbeddedPostgres, type EmbeddedDb } from "../../scripts/lib/embedded-db";
import { createSeededDatabase, demoOwner, ensureBuild, signInOver, startApp, type AppProcess } from "../helpers/app";

const dir = mkdtempSync(path.join(os.tmpdir(), "caseboard-outage-load-"));
let db: EmbeddedDb | undefined;
let app: AppProcess | undefined;
let pgPort = 0;

beforeAll(async () => {
  ensureBuild();
  pgPort = await findFreePort();
  db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: pgPort });
  const url = await createSeededDatabase(db.url("postgres"), "outage_app");
  app = await startApp(url, { env: { DATABASE_POOL_SIZE: "5" } });
}, 900_000);

afterAll(async () => {
  await app?.stop();
  await db?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Phase = "before" | "during" | "after";
interface Answer {
  phase: Phase;
  kind: "read" | "write";
  status: number;
  startedAt: number;
  endedAt: number;
}

describe("PostgreSQL stopped under load", () => {
  it("answers only 503 while it is down, recovers within 10 s of its return, logs nothing uncaught", async () => {
    const { cookie } = await signInOver(app!.baseURL, demoOwner.email, demoOwner.password);
    expect(cookie).not.toBeNull();
    const headers = { cookie: cookie!, origin: app!.baseURL };
    const list = await fetch(`${app!.baseURL}/api/v1/workspaces/nordic-retail/cases`, { headers });
    const caseId = ((await list.json()) as { data: { id: string }[] }).data[0]!.id;
    const detail = (await (await fetch(`${app!.baseURL}/api/v1/cases/${caseId}`, { headers })).json()) as {
      data: { lines: { id: string }[] };
      version: number;
    };
    const lineId = detail.data.lines[0]!.id;
    let version = detail.version;

    let phase: Phase = "before";
    let running = true;
    const answers: Answer[] = [];
    const client = async (n: number) => {
      for (let i = 0; running; i++) {
        const write = (n + i) % 3 === 0;
        const startedAt = Date.now();
        const at = phase;
        let status = 0;
        try {
          const r = write
            ? await fetch(`${app!.baseURL}/api/v1/lines/${lineId}`, {
                method: "PATCH",
                headers: { ...headers, "content-type": "application/json", "if-match": `"${version}"` },
                body: JSON.stringify({ notes: `load ${n}-${i}` }),
              })
            : await fetch(`${app!.baseURL}/api/v1/cases/${caseId}${i % 2 ? "/compute" : ""}`, { headers });
          status = r.status;
          const tag = r.headers.get("etag");
          if (tag && (write || r.status === 409)) version = Math.max(version, Number(tag.replace(/\D/g, "")));
          await r.arrayBuffer();
        } catch {
          status = -1; // the connection itself failed: the app is not answering
        }
        answers.push({ phase: at, kind: write ? "write" : "read", status, startedAt, endedAt: Date.now() });
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const clients = Array.from({ length: 6 }, (_, n) => client(n));

    await new Promise((r) => setTimeout(r, 2_000));
    // A fast shutdown takes PostgreSQL a moment (57P03 "shutting down" meanwhile): the outage
    // starts when stop() is called; it is complete when stop() returns.
    phase = "during";
    await db!.stop();
    const stoppedAt = Date.now();
    await new Promise((r) => setTimeout(r, 6_000));
    const restarting = Date.now();
    db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: pgPort });
    const restartedAt = Date.now();
    phase = "after";
    // Recovered: a successful read and a successful write, each started after the restart.
    const recovered = (kind: Answer["kind"]) =>
      answers.find((x) => x.kind === kind && x.startedAt >= restartedAt && x.status >= 200 && x.status < 300);
    while ((!recovered("read") || !recovered("write")) && Date.now() - restartedAt < 15_000)
      await new Promise((r) => setTimeout(r, 100));
    running = false;
    await Promise.all(clients);

    const byStatus = (list: Answer[]) =>
      list.reduce<Record<number, number>>((m, x) => ((m[x.status] = (m[x.status] ?? 0) + 1), m), {});
    const summary = JSON.stringify({
      before: byStatus(answers.filter((x) => x.phase === "before")),
      during: byStatus(answers.filter((x) => x.phase === "during")),
      after: byStatus(answers.filter((x) => x.phase === "after")),
    });
    console.log(`outage under load: ${summary}`);
    console.log(
      app!
        .log()
        .split("\n")
        .filter((l) => /http-503/.test(l))
        .slice(0, 3)
        .join("\n"),
    );
    expect(
      answers.filter((x) => x.status >= 500 && x.status !== 503),
      summary,
    ).toEqual([]);
    expect(
      answers.filter((x) => x.status === -1),
      summary,
    ).toEqual([]);
    // Started and answered while PostgreSQL was down: 503, nothing else.
    const down = answers.filter((x) => x.startedAt > stoppedAt && x.endedAt < restarting);
    expect(down.length, summary).toBeGreaterThan(5);
    expect(
      down.filter((x) => x.status !== 503),
      summary,
    ).toEqual([]);
    expect(recovered("read"), summary).toBeDefined();
    expect(recovered("write"), summary).toBeDefined();
    expect(recovered("read")!.startedAt - restartedAt).toBeLessThan(10_000);
    expect(recovered("write")!.startedAt - restartedAt).toBeLessThan(10_000);
    expect(app!.child.exitCode).toBeNull();
    expect(app!.log()).not.toMatch(/uncaught|unhandled|DeprecationWarning|already executing a query/i);
  }, 180_000);
});
