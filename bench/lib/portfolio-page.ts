// The page half of bench/portfolio.ts: an embedded PostgreSQL, the migrations, one workspace of
// 500 seeded cases (scripts/seed-portfolio.ts), then the portfolio view's server time: the first
// read (cold: nothing of the portfolio in memory) and ten more (warm). Needs the react-server
// condition (server-only modules). Writes its figures to the path given.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase, startEmbeddedPostgres } from "../../scripts/lib/embedded-db";
import { applyMigrations } from "../../scripts/lib/migrate";

const COUNT = Number(process.env.BENCH_PORTFOLIO_CASES ?? 500);
const out = process.argv[2]!;
const dir = mkdtempSync(path.join(os.tmpdir(), "caseboard-portfolio-bench-"));
const db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), persistent: false, quiet: true });
try {
  await createDatabase(db.url("postgres"), "bench");
  process.env.DATABASE_URL = db.url("bench");
  await applyMigrations(process.env.DATABASE_URL, { quiet: true });
  const { prisma } = await import("../../lib/db/client");
  const user = await prisma.user.create({ data: { email: "bench@example.com", name: "Bench" } });
  const ws = await prisma.workspace.create({ data: { name: "Bench", slug: "bench" } });
  await prisma.membership.create({ data: { workspaceId: ws.id, userId: user.id, role: "owner" } });
  const { seedPortfolio } = await import("../../scripts/seed-portfolio");
  const t0 = performance.now();
  const actor = await seedPortfolio("bench", COUNT, () => {});
  const seedS = +((performance.now() - t0) / 1000).toFixed(1);
  const { getPortfolio } = await import("../../lib/services/portfolio");
  const c0 = performance.now();
  const view = await getPortfolio(actor, "bench");
  const coldMs = +(performance.now() - c0).toFixed(1);
  const warm: number[] = [];
  for (let i = 0; i < 10; i++) {
    const w0 = performance.now();
    await getPortfolio(actor, "bench");
    warm.push(performance.now() - w0);
  }
  warm.sort((a, b) => a - b);
  const result = {
    cases: view.cases.length,
    seedSeconds: seedS,
    coldMs,
    warmP50Ms: +warm[5]!.toFixed(1),
    warmMaxMs: +warm[9]!.toFixed(1),
  };
  console.log(`portfolio view of ${result.cases} cases (seeded in ${seedS} s):`);
  console.table([result]);
  writeFileSync(out, JSON.stringify(result) + "\n");
  await prisma.$disconnect();
} finally {
  await db.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
