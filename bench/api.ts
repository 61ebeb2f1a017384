// API benchmark (docs/benchmarks.md#targets): `npx tsx bench/api.ts` (add --build to force `next build`).
// Starts an embedded PostgreSQL, migrates, seeds the demo case, runs `next start`, authenticates
// with a workspace API token, then measures with autocannon:
//   1. GET  /api/v1/cases/{demo}/compute           50 connections, 30 s (cached read)
//   2. PATCH /api/v1/lines/{line}?include=compute  20 and 50 connections, 30 s, If-Match = the
//      latest version seen (from every response's ETag). All writers share one case, so most
//      requests lose the race and get 409: latencies are reported for all responses and for the
//      acknowledged (200) ones separately, with the 409 count.
//   3. The same PATCH from 20 clients that retry on 409 with the version the 409 carries, until
//      acknowledged: latency per acknowledged edit (all attempts included) and attempts per edit.
//   4. PATCH with recompute, 20 connections, each on its own copy of the demo case (no contention):
//      the cost of a write + recompute when writers are not racing for one case.
// Writes bench-results/api.json. Targets: p95 < 50 ms cached read, < 150 ms write with recompute.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { startBenchApp } from "./lib/app-server";

const root = path.resolve(import.meta.dirname, "..");
const DURATION = Number(process.env.BENCH_DURATION ?? 30);
// BENCH_ONLY=floor,read,patch,retry,own runs a subset (all by default).
const ONLY = new Set((process.env.BENCH_ONLY ?? "floor,read,patch,retry,own").split(","));

interface Stats {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statuses: Record<string, number>;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i]! * 100) / 100;
}

function summarise(samples: { ms: number; status: number }[], seconds: number, errors = 0, timeouts = 0): Stats {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const s of samples) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
  return {
    requests: samples.length,
    rps: Math.round((samples.length / seconds) * 10) / 10,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
    errors,
    timeouts,
    non2xx: samples.filter((s) => s.status < 200 || s.status >= 300).length,
    statuses,
  };
}

type Request = autocannon.Request;

async function cannon(label: string, opts: autocannon.Options): Promise<{ all: Stats; ok: Stats }> {
  const samples: { ms: number; status: number }[] = [];
  const started = Date.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ ...opts, duration: DURATION }, (error, res) =>
      error ? reject(error) : resolve(res),
    );
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) =>
      samples.push({ ms, status }),
    );
  });
  const seconds = (Date.now() - started) / 1000;
  const all = summarise(samples, seconds, result.errors, result.timeouts);
  const ok = summarise(
    samples.filter((s) => s.status >= 200 && s.status < 300),
    seconds,
  );
  console.log(
    `${label}: ${all.requests} requests, p50 ${all.p50} ms, p95 ${all.p95} ms, p99 ${all.p99} ms, errors ${all.errors}, statuses ${JSON.stringify(all.statuses)}`,
  );
  return { all, ok };
}

function buildIsCurrent(): boolean {
  const manifest = path.join(root, ".next/server/app-paths-manifest.json");
  if (!existsSync(path.join(root, ".next/BUILD_ID")) || !existsSync(manifest)) return false;
  const text = readFileSync(manifest, "utf8");
  return text.includes("/api/v1/lines/[lineId]/route") && text.includes("/api/v1/cases/[caseId]/compute/route");
}

async function main() {
  const app = await startBenchApp({
    build: process.argv.includes("--build"),
    isBuildCurrent: buildIsCurrent,
    env: { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? "20" },
    // BENCH_PROFILE=dir writes a CPU profile of the server (for finding hot spots).
    nodeArgs: process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [],
    readyPath: "/api/v1/openapi.json",
  });
  const { baseURL, databaseUrl } = app;
  try {
    // An editor token for the demo workspace, inserted as createApiToken stores it (sha256).
    const client = new pg.Client({ connectionString: databaseUrl });
    client.on("error", () => {}); // the database stops before this client on failures
    await client.connect();
    const secret = `cbt_${randomBytes(32).toString("base64url")}`;
    const { rows: ws } = await client.query<{ id: string; owner: string }>(
      `SELECT w.id, m."userId" AS owner FROM "Workspace" w JOIN "Membership" m ON m."workspaceId" = w.id AND m.role = 'owner' WHERE w.slug = 'nordic-retail' LIMIT 1`,
    );
    await client.query(
      `INSERT INTO "ApiToken" (id, "workspaceId", name, "tokenHash", prefix, role, "createdById") VALUES (gen_random_uuid(), $1, 'bench', $2, $3, 'editor', $4)`,
      [ws[0]!.id, createHash("sha256").update(secret).digest("hex"), secret.slice(0, 10), ws[0]!.owner],
    );
    const { rows: cases } = await client.query<{ id: string }>(
      `SELECT id FROM "BusinessCase" WHERE "workspaceId" = $1 LIMIT 1`,
      [ws[0]!.id],
    );
    const caseId = cases[0]!.id;
    const lineOf = async (id: string) =>
      (
        await client.query<{ id: string }>(
          `SELECT l.id FROM "CaseLine" l JOIN "Scenario" s ON s.id = l."scenarioId" WHERE l."caseId" = $1 AND s.key = 'upgrade' AND l.kind = 'cost' AND l.amount IS NOT NULL AND l.low IS NULL ORDER BY l.position LIMIT 1`,
          [id],
        )
      ).rows[0]!.id;
    const lineId = await lineOf(caseId);
    console.log(`demo case ${caseId}, line ${lineId}`);

    const auth = { authorization: `Bearer ${secret}`, "content-type": "application/json" };
    const computeUrl = `${baseURL}/api/v1/cases/${caseId}/compute`;
    const first = await fetch(computeUrl, { headers: auth });
    if (first.status !== 200) throw new Error(`compute answered ${first.status}: ${await first.text()}`);
    let version = Number((first.headers.get("etag") ?? "").replace(/"/g, ""));
    for (let i = 0; i < 200; i++) await (await fetch(computeUrl, { headers: auth })).arrayBuffer();

    // Warm the JIT and the pools under the same load before anything is recorded.
    await new Promise((resolve, reject) =>
      autocannon({ url: computeUrl, connections: 50, duration: 5, headers: auth }, (e, r) =>
        e ? reject(e) : resolve(r),
      ),
    );

    const results: Record<string, unknown> = {};
    // Other work on the machine skews latencies; the load average is recorded next to the figures.
    results.machine = {
      cpus: os.cpus().length,
      node: process.version,
      durationSeconds: DURATION,
      loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    };

    // 0. The floor: a route handler that touches neither auth nor the database.
    if (ONLY.has("floor")) {
      results.anonymous401Floor50 = (
        await cannon("GET compute without credentials (401: no database), 50 connections", {
          url: computeUrl,
          connections: 50,
        })
      ).all;
      // The same floor at the writers' 20 connections (the PATCH figures' yardstick).
      results.anonymous401Floor20 = (
        await cannon("GET compute without credentials (401: no database), 20 connections", {
          url: computeUrl,
          connections: 20,
        })
      ).all;
      results.tokenOnlyFloor50 = (
        await cannon("GET a case of another id (token checked, then 404), 50 connections", {
          url: `${baseURL}/api/v1/cases/00000000-0000-4000-8000-000000000000/compute`,
          connections: 50,
          headers: auth,
        })
      ).all;
    }

    // 1. Cached compute read.
    if (ONLY.has("read"))
      results.computeRead50 = (
        await cannon("GET compute, 50 connections", { url: computeUrl, connections: 50, headers: auth })
      ).all;

    // 2. PATCH with recompute, If-Match = latest version seen.
    let counter = 0;
    const patchRequest = (line: string): Request => ({
      method: "PATCH",
      path: `/api/v1/lines/${line}?include=compute`,
      setupRequest: (req: Request) => ({
        ...req,
        headers: { ...auth, "if-match": `"${version}"` },
        body: JSON.stringify({ amount: String(100000 + (counter++ % 50000)) }),
      }),
      onResponse: (
        _status: number,
        _body: string,
        _ctx: object,
        headers?: Record<string, string | string[] | undefined>,
      ) => {
        const tag = headers?.etag ?? headers?.ETag;
        const v = Number(String(tag ?? "").replace(/"/g, ""));
        if (v > version) version = v;
      },
    });
    for (const connections of ONLY.has("patch") ? [20, 50] : []) {
      const r = await cannon(`PATCH line + recompute, ${connections} connections on one case`, {
        url: baseURL,
        connections,
        requests: [patchRequest(lineId)],
      });
      results[`patchOneCase${connections}`] = {
        allResponses: r.all,
        acknowledged: r.ok,
        refused409: r.all.statuses["409"] ?? 0,
      };
    }

    // 3. Writers that retry on 409 until acknowledged (20 clients, one case).
    if (ONLY.has("retry")) {
      const until = Date.now() + DURATION * 1000;
      const edits: { ms: number; status: number }[] = [];
      let attempts = 0;
      let failures = 0;
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          while (Date.now() < until) {
            const t0 = performance.now();
            for (;;) {
              attempts++;
              const res = await fetch(`${baseURL}/api/v1/lines/${lineId}?include=compute`, {
                method: "PATCH",
                headers: { ...auth, "if-match": `"${version}"` },
                body: JSON.stringify({ amount: String(100000 + (counter++ % 50000)) }),
              });
              await res.arrayBuffer();
              const v = Number((res.headers.get("etag") ?? "").replace(/"/g, ""));
              if (v > version) version = v;
              if (res.status === 409) continue;
              if (res.status !== 200) failures++;
              edits.push({ ms: performance.now() - t0, status: res.status });
              break;
            }
          }
        }),
      );
      const s = summarise(edits, DURATION);
      results.patchRetryUntilAcknowledged20 = {
        perAcknowledgedEdit: s,
        attempts,
        attemptsPerEdit: Math.round((attempts / Math.max(1, edits.length)) * 100) / 100,
        failures,
      };
      console.log(
        `PATCH retry-until-acknowledged, 20 clients: ${edits.length} edits, p50 ${s.p50} ms, p95 ${s.p95} ms, p99 ${s.p99} ms, ${results.patchRetryUntilAcknowledged20 && (attempts / Math.max(1, edits.length)).toFixed(2)} attempts/edit`,
      );
    }

    // 4. No contention: each connection edits its own copy of the demo case.
    if (ONLY.has("own")) {
      const exported = await (await fetch(`${baseURL}/api/v1/cases/${caseId}/export`, { headers: auth })).json();
      const own: { line: string; version: number }[] = [];
      for (let i = 0; i < 20; i++) {
        const res = await fetch(`${baseURL}/api/v1/workspaces/nordic-retail/cases/import`, {
          method: "POST",
          headers: auth,
          body: JSON.stringify({ ...exported, name: `Bench copy ${i}` }),
        });
        const body = (await res.json()) as { data: { id: string }; version: number };
        own.push({ line: await lineOf(body.data.id), version: body.version });
      }
      const samples: { ms: number; status: number }[] = [];
      const until = Date.now() + DURATION * 1000;
      await Promise.all(
        own.map(async (slot) => {
          while (Date.now() < until) {
            const t0 = performance.now();
            const res = await fetch(`${baseURL}/api/v1/lines/${slot.line}?include=compute`, {
              method: "PATCH",
              headers: { ...auth, "if-match": `"${slot.version}"` },
              body: JSON.stringify({ amount: String(100000 + (counter++ % 50000)) }),
            });
            await res.arrayBuffer();
            samples.push({ ms: performance.now() - t0, status: res.status });
            const v = Number((res.headers.get("etag") ?? "").replace(/"/g, ""));
            if (v) slot.version = v;
          }
        }),
      );
      const s = summarise(samples, DURATION);
      results.patchOwnCase20 = s;
      console.log(
        `PATCH line + recompute, 20 clients on their own cases: ${s.requests} requests, p50 ${s.p50} ms, p95 ${s.p95} ms, p99 ${s.p99} ms, statuses ${JSON.stringify(s.statuses)}`,
      );
    }
    await client.end();

    results.targets = { cachedReadP95Ms: 50, writeWithRecomputeP95Ms: 150 };
    results.loadAverageAtEnd = os.loadavg().map((l) => Math.round(l * 100) / 100);
    mkdirSync(path.join(root, "bench-results"), { recursive: true });
    writeFileSync(path.join(root, "bench-results/api.json"), JSON.stringify(results, null, 2) + "\n");
    const row = (s: Stats | undefined) =>
      s
        ? {
            requests: s.requests,
            "req/s": s.rps,
            "p50 ms": s.p50,
            "p95 ms": s.p95,
            "p99 ms": s.p99,
            errors: s.errors,
            non2xx: s.non2xx,
          }
        : undefined;
    const table: Record<string, unknown> = {};
    const r = results as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (r.anonymous401Floor50) table["floor: 401 without credentials, 50 conn"] = row(r.anonymous401Floor50);
    if (r.tokenOnlyFloor50) table["token checked (auth cache), then 404, 50 conn"] = row(r.tokenOnlyFloor50);
    if (r.computeRead50) table["GET compute (cached), 50 conn"] = row(r.computeRead50);
    if (r.computeRead50 && r.anonymous401Floor50) {
      r.cachedReadP95OverFloor = Math.round((r.computeRead50.p95 / Math.max(1, r.anonymous401Floor50.p95)) * 100) / 100;
      writeFileSync(path.join(root, "bench-results/api.json"), JSON.stringify(results, null, 2) + "\n");
      console.log(
        `cached compute read p95 ${r.computeRead50.p95} ms = ${r.cachedReadP95OverFloor}x the no-database floor (${r.anonymous401Floor50.p95} ms); target 1.3x`,
      );
    }
    for (const c of [20, 50]) {
      if (!r[`patchOneCase${c}`]) continue;
      table[`PATCH+recompute one case, ${c} conn, all`] = row(r[`patchOneCase${c}`].allResponses);
      table[`PATCH+recompute one case, ${c} conn, 200 only`] = row(r[`patchOneCase${c}`].acknowledged);
    }
    if (r.patchRetryUntilAcknowledged20)
      table["PATCH retried until 200, 20 clients (per edit)"] = row(
        r.patchRetryUntilAcknowledged20.perAcknowledgedEdit,
      );
    if (r.anonymous401Floor20) table["floor: 401 without credentials, 20 conn"] = row(r.anonymous401Floor20);
    if (r.patchOwnCase20) table["PATCH+recompute own case each, 20 conn"] = row(r.patchOwnCase20);
    // The target: PATCH with recompute from 20 clients within 3x the floor at 20 connections. Every
    // request of the own-case run is a real write and recompute (no 409 shortcuts); the one-case
    // run's acknowledged writes are shown too.
    if (r.anonymous401Floor20) {
      const floor = Math.max(1, r.anonymous401Floor20.p95);
      if (r.patchOwnCase20) r.patchOwnCaseP95OverFloor = Math.round((r.patchOwnCase20.p95 / floor) * 100) / 100;
      if (r.patchOneCase20)
        r.patchOneCaseAckP95OverFloor = Math.round((r.patchOneCase20.acknowledged.p95 / floor) * 100) / 100;
      writeFileSync(path.join(root, "bench-results/api.json"), JSON.stringify(results, null, 2) + "\n");
      if (r.patchOwnCase20)
        console.log(
          `PATCH + recompute, 20 clients on their own cases: p95 ${r.patchOwnCase20.p95} ms = ${r.patchOwnCaseP95OverFloor}x the floor at 20 connections (${r.anonymous401Floor20.p95} ms); target 3x; errors ${r.patchOwnCase20.errors}, non-2xx ${r.patchOwnCase20.non2xx}`,
        );
      if (r.patchOneCase20)
        console.log(
          `PATCH + recompute, 20 connections on one case, acknowledged: p95 ${r.patchOneCase20.acknowledged.p95} ms = ${r.patchOneCaseAckP95OverFloor}x the floor`,
        );
    }
    console.table(table);
    console.log("wrote bench-results/api.json");
  } finally {
    await app.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench/api: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
