// Versions benchmark (docs/architecture.md#versions-and-approval): the difference between two versions of a 1,000-line case
// (target < 200 ms) and what one snapshot of it takes in PostgreSQL. npx tsx bench/diff.ts
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { syntheticCase, unseen } from "./engine-cases";
import { computeCase } from "../lib/finance/compute";
import { diffCaseVersions } from "../lib/finance/diff";
import { createDatabase, startEmbeddedPostgres } from "../scripts/lib/embedded-db";
import { applyMigrations } from "../scripts/lib/migrate";

function time(fn: () => unknown, runs: number) {
  for (let i = 0; i < Math.min(3, runs); i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!;
  return { runs, p50: +q(0.5).toFixed(2), p95: +q(0.95).toFixed(2), max: +samples[samples.length - 1]!.toFixed(2) };
}

// Version A: two scenarios of 500 lines each over 120 months. Version B: 20 amounts changed,
// 5 lines removed, 5 added, a scenario renamed, a risk added.
const a = syntheticCase(500, 120, 2);
const b = structuredClone(a);
const alt = b.scenarios[1]!;
for (let i = 0; i < 20; i++) alt.costs[i * 10]!.amount = String(Number(alt.costs[i * 10]!.amount ?? "0") + 1234);
alt.benefits.splice(0, 5);
for (let i = 0; i < 5; i++)
  alt.benefits.push({
    id: `new-${i}`,
    name: `new benefit ${i}`,
    category: "productivity",
    amount: "5000",
    recurring: "monthly",
    startMonth: 3,
    endMonth: 120,
  });
alt.name = "Scenario 1, renamed";
b.risks.push({ id: "bench-risk", title: "Key user leaves", likelihood: 3, impact: 4 });
const lines = a.scenarios.reduce((n, s) => n + s.costs.length + s.benefits.length, 0);
const outA = computeCase(a);
const outB = computeCase(b);
const freshB = unseen(b); // copies the engine has never seen (it keeps per-line results by object)
freshB.prepare(13);
const diff = diffCaseVersions({ caseFile: a, output: outA }, { caseFile: b, output: outB });

const results: Record<string, unknown> = {};
results["lines in the case"] = lines;
results["changes found (20 amounts + 5 removed + 5 added + 1 rename + 1 risk = 32)"] = diff.changeCount;
results["diff of two stored versions, 1,000 lines (ms, target < 200)"] = time(
  () => diffCaseVersions({ caseFile: a, output: outA }, { caseFile: b, output: outB }),
  30,
);
results["diff against the current plan when its compute is not cached: compute + diff (ms)"] = time(
  () => diffCaseVersions({ caseFile: a, output: outA }, { caseFile: b, output: computeCase(freshB.take()) }),
  10,
);

// One snapshot row in a real PostgreSQL (migrations applied): the JSONB columns as stored (TOAST
// compression included) against the JSON text they hold.
const dir = mkdtempSync(path.join(os.tmpdir(), "caseboard-bench-diff-"));
const db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), persistent: false, quiet: true });
try {
  await createDatabase(db.url("postgres"), "bench");
  const url = db.url("bench");
  await applyMigrations(url, { quiet: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const ws = randomUUID();
  const caseId = randomUUID();
  await client.query(`INSERT INTO "Workspace" (id, name, slug, "updatedAt") VALUES ($1, 'Bench', 'bench', now())`, [
    ws,
  ]);
  await client.query(
    `INSERT INTO "BusinessCase" (id, "workspaceId", name, currency, "startMonth", "discountRate", "updatedAt") VALUES ($1, $2, 'bench', 'SEK', '2027-01', 0.1, now())`,
    [caseId, ws],
  );
  const fileJson = JSON.stringify(a);
  const outputJson = JSON.stringify(outA);
  const id = randomUUID();
  await client.query(
    `INSERT INTO "Snapshot" (id, "caseId", name, "caseVersion", "caseStatus", "caseFile", "computeOutput") VALUES ($1, $2, 'bench', 1, 'approved', $3::jsonb, $4::jsonb)`,
    [id, caseId, fileJson, outputJson],
  );
  const t = performance.now();
  await client.query(`SELECT "caseFile", "computeOutput" FROM "Snapshot" WHERE id = $1`, [id]);
  const readMs = performance.now() - t;
  const r = await client.query(
    `SELECT pg_column_size("caseFile") AS file, pg_column_size("computeOutput") AS output, pg_total_relation_size('"Snapshot"') AS relation FROM "Snapshot" WHERE id = $1`,
    [id],
  );
  const kb = (n: number) => +(n / 1024).toFixed(1);
  results["case file as JSON text (KB)"] = kb(Buffer.byteLength(fileJson));
  results["compute output as JSON text (KB)"] = kb(Buffer.byteLength(outputJson));
  results["snapshot caseFile column, pg_column_size (KB)"] = kb(Number(r.rows[0].file));
  results["snapshot computeOutput column, pg_column_size (KB)"] = kb(Number(r.rows[0].output));
  results["Snapshot table with its TOAST, one row (KB)"] = kb(Number(r.rows[0].relation));
  results["read one snapshot back (ms, first read)"] = +readMs.toFixed(1);
  await client.end();
} finally {
  await db.stop();
  rmSync(dir, { recursive: true, force: true });
}

console.table(
  Object.fromEntries(Object.entries(results).map(([k, v]) => [k, typeof v === "object" ? JSON.stringify(v) : v])),
);
mkdirSync("bench-results", { recursive: true });
writeFileSync("bench-results/diff.json", JSON.stringify(results, null, 2));
