// The entry of the long-work worker threads (lib/workers/pool.ts) in development and tests: a plain
// ES module resolved from the project folder at run time, so the Next build (Turbopack bundles
// server code) has nothing to bundle here: tsx loads the TypeScript tasks and their imports (the
// "@/" paths of tsconfig.json). Production runs the build's bundle of tasks.ts instead
// (scripts/build-workers.mjs).
import { register } from "tsx/esm/api";

register();
const tasks = await import("./tasks.ts");

export const renderReport = tasks.renderReport;
export const renderDeck = tasks.renderDeck;
export const runSimulation = tasks.runSimulation;
export const importWorkbook = tasks.importWorkbook;
export const solvePortfolio = tasks.solvePortfolio;
export const exportWorkbook = tasks.exportWorkbook;
