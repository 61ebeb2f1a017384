// npm run bench: every benchmark in bench/ in turn (each prints a table and writes
// bench-results/<name>.json). Pass names to run some: npm run bench -- engine report
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const only = process.argv.slice(2);
const files = readdirSync(path.join(root, "bench"))
  .filter((f) => f.endsWith(".ts") && !f.endsWith("-cases.ts"))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.ts$/, "")))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n== bench/${file}`);
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join("bench", file)], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
