// Portfolio benchmarks (docs/portfolio.md "Scale"): npm run bench -- portfolio
//   selection: 200 cases x 3 alternatives x 5 budget years, proved optimal (target under 2 s);
//   frontier:  20 points (and the asked budget) on the same portfolio (target under 10 s);
//   page:      the portfolio view of a seeded 500-case workspace, cold (first read: the cached
//              compute outputs trimmed by PostgreSQL) and warm (target 500 ms warm, 3 s cold);
//              run in a child process with the react-server condition (bench/lib/portfolio-page.ts).
// Wall time and this process's CPU time are both printed: on a shared machine the wall time
// includes waiting for a core. Writes bench-results/portfolio.json.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { portfolioFrontier, selectPortfolio, type SelectionCase } from "../lib/portfolio/selection";

const root = path.resolve(import.meta.dirname, "..");
const YEARS = ["2027", "2028", "2029", "2030", "2031"];

// A fixed pseudo-random portfolio: each alternative's NPV between -30 % and +130 % of its cost,
// half of the cost in the first year, the rest spread over four.
function syntheticPortfolio(cases: number, alternatives: number, seed = 7): SelectionCase[] {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: cases }, (_, i) => ({
    id: `case-${i}`,
    proposal: "s0",
    options: Array.from({ length: alternatives }, (_, k) => {
      const cost = 100_000 + rnd() * 2_000_000;
      const npv = (rnd() * 1.6 - 0.3) * cost;
      return {
        scenario: `s${k}`,
        npv: npv.toFixed(2),
        profitabilityIndex: (npv / cost).toFixed(6),
        spend: Object.fromEntries(
          YEARS.map((y, j) => [y, (cost * (j === 0 ? 0.5 : 0.125) * (0.5 + rnd())).toFixed(2)]),
        ),
      };
    }),
  }));
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; wallMs: number; cpuMs: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const c = process.cpuUsage(c0);
  return { value, wallMs: +(performance.now() - t0).toFixed(1), cpuMs: +((c.user + c.system) / 1000).toFixed(1) };
}

const cases = syntheticPortfolio(200, 3);
const firstYear = cases.reduce((t, c) => t + Number(c.options[0]!.spend["2027"]), 0);
const budgets = Object.fromEntries(YEARS.map((y, j) => [y, String(Math.round(firstYear * (j === 0 ? 0.4 : 0.15)))]));
await selectPortfolio(syntheticPortfolio(5, 2), { budgets }); // load the solver
const runs = [];
for (let i = 0; i < 3; i++) runs.push(await timed(() => selectPortfolio(cases, { budgets, alternatives: true })));
const selection = runs.map((r) => ({
  wallMs: r.wallMs,
  cpuMs: r.cpuMs,
  optimal: r.value.optimal,
  solveMs: r.value.solveMs,
}));
const frontierRun = await timed(() => portfolioFrontier(cases, { budgets, alternatives: true }));
const frontier = {
  points: frontierRun.value.length,
  allOptimal: frontierRun.value.every((p) => p.optimal),
  wallMs: frontierRun.wallMs,
  cpuMs: frontierRun.cpuMs,
};
console.log("selection 200 x 3 x 5 (alternatives allowed):");
console.table(selection);
console.log("frontier:");
console.table([frontier]);

let page: unknown = null;
if (!process.argv.includes("--no-page")) {
  const out = path.join(root, "bench-results/portfolio-page.json");
  const r = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "bench/lib/portfolio-page.ts", out],
    { cwd: root, stdio: "inherit", env: { ...process.env, CHECKPOINT_DISABLE: "1" } },
  );
  if (r.status === 0) page = JSON.parse(readFileSync(out, "utf8"));
  else console.error("the page benchmark failed");
}

mkdirSync(path.join(root, "bench-results"), { recursive: true });
writeFileSync(
  path.join(root, "bench-results/portfolio.json"),
  JSON.stringify({ selection, frontier, page }, null, 2) + "\n",
);
const best = Math.min(...selection.map((s) => s.wallMs));
console.log(
  `headline: selection ${best} ms wall (${Math.min(...selection.map((s) => s.cpuMs))} ms CPU; target 2000), frontier ${frontier.wallMs} ms wall (${frontier.cpuMs} ms CPU; target 10000)`,
);
