// The entry of the long-work worker threads (lib/workers/pool.ts). A plain ES module resolved from
// the project folder at run time, so the Next build (Turbopack bundles server code) has nothing to
// bundle here: tsx loads the TypeScript tasks and their imports (the "@/" paths of tsconfig.json).
import { register } from "tsx/esm/api";

register();
const tasks = await import("./tasks.ts");

export const renderReport = tasks.renderReport;
export const runSimulation = tasks.runSimulation;
export const solvePortfolio = tasks.solvePortfolio;
