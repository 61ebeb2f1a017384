// Live events benchmark (docs/architecture.md#live-events): `npx tsx bench/events.ts` (add --build to force `next build`).
// One `next start` on an embedded PostgreSQL with the demo case; 200 event streams open on it
// (GET /api/v1/cases/{demo}/events, a viewer token) while 20 writers work on the same case for
// BENCH_DURATION seconds: half edit lines (plan writes: PATCH with If-Match; a 409 is retried with
// the version it carries), half comment (tracking writes: no version to race for).
// For every acknowledged write and every stream: the time from the write's answer to its change
// event arriving at that stream (p50, p95, p99; target p95 < 1 s; negative when the event beat
// the HTTP answer), events missed, and the server's memory (RSS) idle, with the streams open, and
// at the end. Writes bench-results/events.json.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startBenchApp } from "./lib/app-server";

const root = path.resolve(import.meta.dirname, "..");
const STREAMS = Number(process.env.BENCH_STREAMS ?? 200);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 20);
const DURATION = Number(process.env.BENCH_DURATION ?? 20);

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i]! * 10) / 10;
}

// Resident memory of a process and its children, in MB (Linux /proc).
function rssMb(pid: number): number {
  const kids = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      kids.set(ppid, [...(kids.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone
    }
  }
  let total = 0;
  const visit = (p: number) => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      total += m ? Number(m[1]) : 0;
    } catch {
      // gone
    }
    for (const c of kids.get(p) ?? []) visit(c);
  };
  visit(pid);
  return Math.round(total / 1024);
}

interface Stream {
  received: Map<string, number>; // "<entityId>@<version>" and "<entityId>" -> time the change event arrived
  ready: Promise<void>;
  abort: AbortController;
}

function openStream(url: string, headers: Record<string, string>): Stream {
  const abort = new AbortController();
  const received = new Map<string, number>();
  let markReady!: () => void;
  const ready = new Promise<void>((r) => (markReady = r));
  void (async () => {
    const res = await fetch(url, { headers, signal: abort.signal });
    if (res.status !== 200 || !res.body) throw new Error(`stream answered ${res.status}: ${await res.text()}`);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const now = performance.now();
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (block.includes("event: ready")) markReady();
        if (!block.includes("event: change")) continue;
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!data) continue;
        const e = JSON.parse(data) as { version: number | null; entityId?: string };
        if (!e.entityId) continue;
        if (!received.has(`${e.entityId}@${e.version}`)) received.set(`${e.entityId}@${e.version}`, now);
        if (!received.has(e.entityId)) received.set(e.entityId, now);
      }
    }
  })().catch((e: unknown) => {
    if ((e as Error).name !== "AbortError") console.error("stream failed:", (e as Error).message);
  });
  return { received, ready, abort };
}

async function main() {
  const buildId = path.join(root, ".next/BUILD_ID");
  const app = await startBenchApp({
    build: process.argv.includes("--build"),
    isBuildCurrent: () => existsSync(buildId),
    env: {
      DATABASE_POOL_SIZE: "20",
      LIVE_MAX_STREAMS_PER_USER: String(STREAMS + 10),
      LIVE_MAX_STREAMS: String(STREAMS + 50),
    },
    readyPath: "/api/v1/openapi.json",
  });
  try {
    const client = new pg.Client({ connectionString: app.databaseUrl });
    client.on("error", () => {});
    await client.connect();
    const { rows: ws } = await client.query<{ id: string; owner: string }>(
      `SELECT w.id, m."userId" AS owner FROM "Workspace" w JOIN "Membership" m ON m."workspaceId" = w.id AND m.role = 'owner' WHERE w.slug = 'nordic-retail' LIMIT 1`,
    );
    const token = async (role: "viewer" | "editor") => {
      const secret = `cbt_${randomBytes(32).toString("base64url")}`;
      await client.query(
        `INSERT INTO "ApiToken" (id, "workspaceId", name, "tokenHash", prefix, role, "createdById") VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6)`,
        [
          ws[0]!.id,
          `bench ${role}`,
          createHash("sha256").update(secret).digest("hex"),
          secret.slice(0, 10),
          role,
          ws[0]!.owner,
        ],
      );
      return secret;
    };
    const [viewer, editor] = [await token("viewer"), await token("editor")];
    const caseId = (
      await client.query<{ id: string }>(`SELECT id FROM "BusinessCase" WHERE "workspaceId" = $1 LIMIT 1`, [ws[0]!.id])
    ).rows[0]!.id;
    const lines = (
      await client.query<{ id: string; amount: string }>(
        `SELECT l.id, l.amount::text AS amount FROM "CaseLine" l WHERE l."caseId" = $1 AND l.amount IS NOT NULL AND l.low IS NULL AND l.high IS NULL ORDER BY l.position, l.id LIMIT $2`,
        [caseId, WRITERS],
      )
    ).rows;
    await client.end();
    const pid = app.pid!;
    const idleMb = rssMb(pid);

    const started = performance.now();
    const streams = Array.from({ length: STREAMS }, () =>
      openStream(`${app.baseURL}/api/v1/cases/${caseId}/events?tab=lines`, { authorization: `Bearer ${viewer}` }),
    );
    await Promise.all(streams.map((s) => s.ready));
    const openMs = Math.round(performance.now() - started);
    const openMb = rssMb(pid);
    console.log(`${STREAMS} streams open in ${openMs} ms; server RSS ${idleMb} MB idle -> ${openMb} MB`);

    // 20 writers on one case: If-Match with the newest version seen; a 409 carries the current one.
    let version = Number(
      (
        (
          await fetch(`${app.baseURL}/api/v1/cases/${caseId}`, { headers: { authorization: `Bearer ${editor}` } })
        ).headers.get("etag") ?? ""
      ).replace(/"/g, ""),
    );
    const acknowledged: { key: string; kind: "plan" | "tracking"; answeredAt: number }[] = [];
    let conflicts = 0;
    let failures = 0;
    const until = performance.now() + DURATION * 1000;
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, i) => {
        const line = lines[i % lines.length]!;
        let n = 0;
        while (performance.now() < until && i % 2 === 1) {
          const res = await fetch(`${app.baseURL}/api/v1/cases/${caseId}/comments`, {
            method: "POST",
            headers: { authorization: `Bearer ${viewer}`, "content-type": "application/json" },
            body: JSON.stringify({ body: `bench comment ${i}.${++n}` }),
          });
          const answeredAt = performance.now();
          const json = (await res.json()) as { data?: { id: string } };
          if (res.status === 201 && json.data) acknowledged.push({ key: json.data.id, kind: "tracking", answeredAt });
          else failures++;
        }
        while (performance.now() < until) {
          const amount = (Number(line.amount) + (++n % 7)).toString();
          const res = await fetch(`${app.baseURL}/api/v1/lines/${line.id}`, {
            method: "PATCH",
            headers: {
              authorization: `Bearer ${editor}`,
              "content-type": "application/json",
              "if-match": `"${version}"`,
            },
            body: JSON.stringify({ amount }),
          });
          const answeredAt = performance.now();
          const tag = Number((res.headers.get("etag") ?? "").replace(/"/g, ""));
          await res.arrayBuffer();
          if (res.status === 200) {
            acknowledged.push({ key: `${line.id}@${tag}`, kind: "plan", answeredAt });
            version = Math.max(version, tag);
          } else if (res.status === 409) {
            conflicts++;
            if (tag) version = Math.max(version, tag);
          } else failures++;
        }
      }),
    );
    await new Promise((r) => setTimeout(r, 2_000)); // the last events in flight
    const endMb = rssMb(pid);

    const delays: number[] = [];
    let missed = 0;
    for (const w of acknowledged)
      for (const s of streams) {
        const at = s.received.get(w.key);
        if (at === undefined) missed++;
        else delays.push(at - w.answeredAt);
      }
    delays.sort((a, b) => a - b);
    for (const s of streams) s.abort.abort();
    const result = {
      machine: { cpus: os.cpus().length, node: process.version },
      streams: STREAMS,
      writers: WRITERS,
      seconds: DURATION,
      writesAcknowledged: acknowledged.length,
      planWrites: acknowledged.filter((a) => a.kind === "plan").length,
      trackingWrites: acknowledged.filter((a) => a.kind === "tracking").length,
      conflicts409: conflicts,
      otherFailures: failures,
      deliveries: delays.length,
      missed,
      writeAnswerToEventMs: {
        p50: percentile(delays, 50),
        p95: percentile(delays, 95),
        p99: percentile(delays, 99),
        max: percentile(delays, 100),
        min: percentile(delays, 0),
      },
      target: "p95 < 1000 ms",
      streamsOpenMs: openMs,
      serverRssMb: { idle: idleMb, streamsOpen: openMb, afterWrites: endMb },
    };
    console.table([
      { ...result.writeAnswerToEventMs, writes: acknowledged.length, deliveries: delays.length, missed, conflicts },
    ]);
    console.log(JSON.stringify(result, null, 2));
    mkdirSync(path.join(root, "bench-results"), { recursive: true });
    writeFileSync(path.join(root, "bench-results/events.json"), JSON.stringify(result, null, 2));
  } finally {
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
