// Workbook import benchmark: npx tsx bench/import.ts
// A 100,000-row sheet (items as rows, a type column, six year columns, formulas for the totals,
// a title above), as .xlsx and as .csv: read (exceljs / CSV), guess (sheet, header, layout, rows),
// apply (lines, rounding, totals left out), each timed, with the peak RSS of the whole import in
// a fresh `caseboard import --print-mapping` process. Such a sheet holds more lines than a case
// may (5,000 a scenario): the import reads and reports it; the case-file check then refuses it.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { applyMapping } from "../lib/import/build";
import { guessMapping } from "../lib/import/guess";
import { readBook } from "../lib/import/read";

const root = path.resolve(import.meta.dirname, "..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "caseboard-bench-import-"));
const ROWS = 100_000;
const YEARS = 6;

async function build(): Promise<{ xlsx: Uint8Array; csv: string }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Model");
  ws.getCell("A1").value = "Bench portfolio (EUR)";
  const header = ["Item", "Type", ...Array.from({ length: YEARS }, (_, k) => `Year ${k}`), "Total"];
  ws.addRow([]);
  ws.addRow(header);
  const csv: string[] = [header.join(";")];
  for (let i = 0; i < ROWS; i++) {
    const values = Array.from({ length: YEARS }, (_, k) => Math.round(((i * 7919 + k * 104729) % 100000) * 1.37) / 100);
    const r = i + 4;
    ws.addRow([
      `Item ${i + 1} licence`,
      i % 3 === 0 ? "Benefit" : "Cost",
      ...values,
      { formula: `SUM(C${r}:H${r})`, result: values.reduce((a, b) => a + b, 0) },
    ]);
    csv.push(
      [
        `Item ${i + 1} licence`,
        i % 3 === 0 ? "Benefit" : "Cost",
        ...values.map((v) => String(v).replace(".", ",")),
      ].join(";"),
    );
  }
  return { xlsx: new Uint8Array(await wb.xlsx.writeBuffer()), csv: csv.join("\r\n") };
}

function rssMB() {
  return Math.round(process.memoryUsage().rss / 1048576);
}

const { xlsx, csv } = await build();
const xlsxPath = path.join(tmp, "big.xlsx");
writeFileSync(xlsxPath, xlsx);
const results: Record<string, unknown>[] = [];
for (const [label, bytes, name] of [
  ["xlsx", xlsx, "big.xlsx"],
  ["csv", new TextEncoder().encode(csv), "big.csv"],
] as const) {
  global.gc?.();
  const t0 = performance.now();
  const book = await readBook(bytes, name);
  const t1 = performance.now();
  const guess = guessMapping(book);
  const t2 = performance.now();
  const built = applyMapping(book, guess.mapping);
  const t3 = performance.now();
  const lines = built.file.scenarios as { costs: unknown[]; benefits: unknown[] }[];
  results.push({
    label: `${label}: ${ROWS.toLocaleString("en")} rows x ${YEARS} years (${(bytes.byteLength / 1048576).toFixed(1)} MB)`,
    readMs: Math.round(t1 - t0),
    guessMs: Math.round(t2 - t1),
    applyMs: Math.round(t3 - t2),
    totalMs: Math.round(t3 - t0),
    lines: lines.reduce((n, s) => n + s.costs.length + s.benefits.length, 0),
    rssMB: rssMB(),
  });
}

// A fresh process: the whole command, start-up included, and its peak memory (GNU time).
const t = performance.now();
const r = spawnSync(
  "/usr/bin/time",
  ["-f", "%M", process.execPath, path.join(root, "bin/caseboard.mjs"), "import", xlsxPath, "--print-mapping"],
  {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1 << 30,
  },
);
const cliMs = performance.now() - t;
results.push({
  label: "caseboard import --print-mapping (xlsx), fresh process",
  readMs: "",
  guessMs: "",
  applyMs: "",
  totalMs: Math.round(cliMs),
  lines: "",
  rssMB: r.error ? "n/a" : Math.round((Number(r.stderr.trim().split("\n").pop()) || 0) / 1024),
});
console.table(results);
mkdirSync(path.join(root, "bench-results"), { recursive: true });
writeFileSync(path.join(root, "bench-results/import.json"), JSON.stringify(results, null, 2));
