// Board report benchmarks (docs/benchmarks.md#targets): npx tsx bench/report.ts
// Warm: in-process renders after a first one; cold: a fresh `caseboard report` process each time.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseCaseFile } from "../lib/case-file/parse";
import { renderReportPdf } from "../lib/report/render";
import { syntheticCase } from "./engine-cases";

const root = path.resolve(import.meta.dirname, "..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "caseboard-bench-report-"));
const demoPath = path.join(root, "tests/fixtures/cases/demo-crm-upgrade.json");
const parsed = parseCaseFile(JSON.parse(readFileSync(demoPath, "utf8")));
if (!parsed.ok) throw new Error("demo case invalid");
const demo = parsed.value;
const big = syntheticCase(1000, 60, 2);
const bigPath = path.join(tmp, "thousand.json");
writeFileSync(bigPath, JSON.stringify(big));

async function warm(label: string, file: typeof demo, runs: number) {
  await renderReportPdf(file);
  const samples: number[] = [];
  let peak = process.memoryUsage().rss;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await renderReportPdf(file);
    samples.push(performance.now() - t);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  samples.sort((a, b) => a - b);
  return {
    label,
    runs,
    p50ms: Math.round(samples[Math.floor(runs / 2)]!),
    maxMs: Math.round(samples[runs - 1]!),
    peakRssMB: Math.round(peak / 1048576),
  };
}

function cold(label: string, file: string, runs: number) {
  const samples: number[] = [];
  let peakKB = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    // GNU time reports the child's peak RSS when it is installed; the wall time is ours.
    const r = spawnSync(
      "/usr/bin/time",
      [
        "-f",
        "%M",
        process.execPath,
        path.join(root, "bin/caseboard.mjs"),
        "report",
        file,
        "-o",
        path.join(tmp, "out.pdf"),
      ],
      { encoding: "utf8" },
    );
    const ms = performance.now() - t;
    if (r.error) {
      const plain = spawnSync(process.execPath, [
        path.join(root, "bin/caseboard.mjs"),
        "report",
        file,
        "-o",
        path.join(tmp, "out.pdf"),
      ]);
      if (plain.status !== 0) throw new Error(`report failed: ${plain.stderr}`);
    } else {
      peakKB = Math.max(peakKB, Number(r.stderr.trim().split("\n").pop()) || 0);
    }
    samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  return {
    label,
    runs,
    p50ms: Math.round(samples[Math.floor(runs / 2)]!),
    maxMs: Math.round(samples[runs - 1]!),
    peakRssMB: peakKB ? Math.round(peakKB / 1024) : "n/a (no /usr/bin/time)",
  };
}

const results = [
  await warm("demo report, warm (target < 1,500 ms)", demo, 10),
  await warm("1,000-line case, warm", big, 3),
  cold("demo report, cold CLI", demoPath, 3),
  cold("1,000-line case, cold CLI", bigPath, 2),
];
console.table(results);
mkdirSync(path.join(root, "bench-results"), { recursive: true });
writeFileSync(path.join(root, "bench-results/report.json"), JSON.stringify(results, null, 2));
