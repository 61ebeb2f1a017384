// Board pack (PowerPoint) benchmarks: npx tsx bench/pptx.ts (or npm run bench -- pptx)
// Warm: in-process builds after a first one (compute, report model, deck); cold: a fresh
// `caseboard pptx` process each time, as the command line runs it.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseCaseFile } from "../lib/case-file/parse";
import type { CaseFile } from "../lib/case-file/schema";
import { renderReportPptx } from "../lib/pptx/render";
import { syntheticCase } from "./engine-cases";

const root = path.resolve(import.meta.dirname, "..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "caseboard-bench-pptx-"));
const demoPath = path.join(root, "tests/fixtures/cases/demo-crm-upgrade.json");
const parsed = parseCaseFile(JSON.parse(readFileSync(demoPath, "utf8")));
if (!parsed.ok) throw new Error("demo case invalid");
const demo = parsed.value;
const big = syntheticCase(1000, 60, 2);
const bigPath = path.join(tmp, "thousand.json");
writeFileSync(bigPath, JSON.stringify(big));

async function warm(label: string, file: CaseFile, runs: number, locale = "en") {
  let size = (await renderReportPptx(file, { locale })).byteLength;
  const samples: number[] = [];
  let peak = process.memoryUsage().rss;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    size = (await renderReportPptx(file, { locale })).byteLength;
    samples.push(performance.now() - t);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  samples.sort((a, b) => a - b);
  return {
    label,
    runs,
    p50ms: Math.round(samples[Math.floor(runs / 2)]!),
    maxMs: Math.round(samples[runs - 1]!),
    sizeKB: Math.round(size / 1024),
    peakRssMB: Math.round(peak / 1048576),
  };
}

function cold(label: string, file: string, runs: number) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [
      path.join(root, "bin/caseboard.mjs"),
      "pptx",
      file,
      "-o",
      path.join(tmp, "out.pptx"),
    ]);
    if (r.status !== 0) throw new Error(`pptx failed: ${r.stderr}`);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return {
    label,
    runs,
    p50ms: Math.round(samples[Math.floor(runs / 2)]!),
    maxMs: Math.round(samples[runs - 1]!),
    sizeKB: Math.round(readFileSync(path.join(tmp, "out.pptx")).byteLength / 1024),
    peakRssMB: "n/a",
  };
}

const results = [
  await warm("demo deck, warm", demo, 10),
  await warm("demo deck in Chinese, warm (theme part rewritten)", demo, 10, "zh"),
  await warm("1,000-line case deck, warm", big, 3),
  cold("demo deck, cold CLI", demoPath, 3),
  cold("1,000-line case deck, cold CLI", bigPath, 2),
];
console.table(results);
mkdirSync(path.join(root, "bench-results"), { recursive: true });
writeFileSync(path.join(root, "bench-results/pptx.json"), JSON.stringify(results, null, 2));
