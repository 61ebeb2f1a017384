// Workbook benchmarks (docs/workbook.md#figures): npm run bench -- xlsx
// Export of a 1,000-line (per scenario, as bench/report.ts counts), 120-month, 3-scenario case:
// time and peak memory in a fresh `caseboard xlsx` process (target: under 5 s and 300 MB); the
// export in this process (streamed to a file); the download's work in a worker thread (the pool's
// entry, bytes streamed back through a port) with the longest stall of this thread meanwhile;
// beside them, the time LibreOffice takes to recalculate that workbook from its formulas and the
// time `caseboard compute` takes on the same case (both fresh processes, start-up included).
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import os from "node:os";
import path from "node:path";
import { computeCase } from "../lib/finance/compute";
import { writeWorkbook } from "../lib/xlsx/export";
import type { WorkbookChunk } from "../lib/workers/tasks";
import { syntheticCase } from "./engine-cases";

const root = path.resolve(import.meta.dirname, "..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "caseboard-bench-xlsx-"));
const file = syntheticCase(1000, 120, 3);
const casePath = path.join(tmp, "case.json");
writeFileSync(casePath, JSON.stringify(file));
const xlsxPath = path.join(tmp, "case.xlsx");
const cli = path.join(root, "bin/caseboard.mjs");

// Wall time of a child process, and its peak RSS when GNU time is installed.
function timed(cmd: string, args: string[]): { ms: number; peakMB: number | null } {
  const t = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "%M", cmd, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = performance.now() - t;
  if (r.error) {
    const t2 = performance.now();
    const plain = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 30 });
    if (plain.status !== 0) throw new Error(`${cmd} failed: ${plain.stderr}`);
    return { ms: performance.now() - t2, peakMB: null };
  }
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr}`);
  return { ms, peakMB: Math.round((Number(r.stderr.trim().split("\n").pop()) || 0) / 1024) };
}

// In process: the export alone (compute output given), heap growth as a lower bound of its memory.
const output = computeCase(file);
global.gc?.();
const heapBefore = process.memoryUsage().rss;
let peak = heapBefore;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const t0 = performance.now();
const inProcessPath = path.join(tmp, "in-process.xlsx");
await writeWorkbook(file, output, createWriteStream(inProcessPath));
const inProcessMs = performance.now() - t0;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);

// The API's path: the pool's worker entry writes the workbook and streams its bytes back; this
// thread only receives them (and must keep ticking).
const workers = new Piscina({ filename: path.join(root, "lib/workers/worker.mjs"), maxThreads: 1 });
const outputJson = JSON.stringify(output);
let stall = 0;
let tick = performance.now();
const ticker = setInterval(() => {
  const now = performance.now();
  stall = Math.max(stall, now - tick);
  tick = now;
}, 10);
const t1 = performance.now();
const channel = new MessageChannel();
let workerBytes = 0;
const received = new Promise<void>((resolve) =>
  channel.port1.on("message", (m: WorkbookChunk) => {
    if ("chunk" in m) workerBytes += m.chunk.byteLength;
    else resolve();
  }),
);
await workers.run({ file, outputJson, port: channel.port2 }, { name: "exportWorkbook", transferList: [channel.port2] });
await received;
const workerMs = performance.now() - t1;
clearInterval(ticker);
channel.port1.close();
await workers.destroy();

const exportCli = timed(process.execPath, [cli, "xlsx", casePath, "-o", xlsxPath]);
const computeCli = timed(process.execPath, [cli, "compute", casePath]);

// LibreOffice: recalculate every formula on load (OOXMLRecalcMode 0) and write the Summary.
let recalc: { ms: number; peakMB: number | null } | null = null;
const soffice = spawnSync("soffice", ["--version"], { encoding: "utf8" });
if (!soffice.error && soffice.status === 0) {
  const profile = path.join(tmp, "profile");
  mkdirSync(path.join(profile, "user"), { recursive: true });
  writeFileSync(
    path.join(profile, "user/registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n</oor:items>\n`,
  );
  // A first start creates the profile; it is not part of the measurement.
  spawnSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--terminate_after_init"], {
    encoding: "utf8",
  });
  recalc = timed("soffice", [
    `-env:UserInstallation=file://${profile}`,
    "--headless",
    "--calc",
    "--convert-to",
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1",
    "--outdir",
    path.join(tmp, "csv"),
    xlsxPath,
  ]);
}

const lines = file.scenarios.reduce((n, s) => n + s.costs.length + s.benefits.length, 0);
const results = [
  {
    label: `export in process (${lines} lines, 120 months, 3 scenarios)`,
    ms: Math.round(inProcessMs),
    peakRssMB: Math.round(peak / 1048576),
    fileMB: +(statSync(inProcessPath).size / 1048576).toFixed(1),
  },
  {
    label: "export in a worker thread, bytes streamed back (the API's work)",
    ms: Math.round(workerMs),
    peakRssMB: `request thread's longest stall ${Math.round(stall)} ms`,
    fileMB: +(workerBytes / 1048576).toFixed(1),
  },
  {
    label: "caseboard xlsx, fresh process",
    ms: Math.round(exportCli.ms),
    peakRssMB: exportCli.peakMB ?? "n/a",
    fileMB: +(statSync(xlsxPath).size / 1048576).toFixed(1),
  },
  {
    label: "caseboard compute, fresh process",
    ms: Math.round(computeCli.ms),
    peakRssMB: computeCli.peakMB ?? "n/a",
    fileMB: "",
  },
  {
    label: "LibreOffice recalculation of the workbook",
    ms: recalc ? Math.round(recalc.ms) : "n/a (no soffice)",
    peakRssMB: recalc?.peakMB ?? "n/a",
    fileMB: "",
  },
];
console.table(results);
mkdirSync(path.join(root, "bench-results"), { recursive: true });
writeFileSync(path.join(root, "bench-results/xlsx.json"), JSON.stringify(results, null, 2));
