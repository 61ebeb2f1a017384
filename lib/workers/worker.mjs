// The entry of the long-work worker threads (lib/workers/pool.ts). A plain ES module resolved from
// the project folder at run time, so the Next build (Turbopack bundles server code) has nothing to
// bundle here: tsx loads the TypeScript tasks and their imports (the "@/" paths of tsconfig.json).
import os from "node:os";
import { register } from "tsx/esm/api";

// Below the request thread: on Linux a thread's nice value is its own, so on a busy machine the
// scheduler serves requests first and long work takes what is left (quality.md: long work never
// blocks answering).
try {
  os.setPriority(10);
} catch {
  // not permitted here: the work runs at normal priority
}
register();
const tasks = await import("./tasks.ts");

export const renderReport = tasks.renderReport;
export const runSimulation = tasks.runSimulation;
