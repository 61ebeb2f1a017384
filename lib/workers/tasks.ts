// What runs in the worker threads of lib/workers/pool.ts (loaded by worker.mjs): PDF reports, slide
// decks, Monte Carlo runs, workbook imports and exports, pure functions of a case file. No database, no Next, no "server-only": a worker
// gets everything it needs in its arguments (structured-cloned) and answers with plain data.
import type { MessagePort } from "node:worker_threads";
import type { CaseFile } from "@/lib/case-file/schema";
import type { ComputeOutput } from "@/lib/finance/types";
import { simulateAsync, type SimulateOptions, type SimulationResult } from "@/lib/finance/uncertainty";
import { importFile } from "@/lib/import/file";
import { problem, type Problem } from "@/lib/import/messages";
import type { ImportProgress } from "@/lib/import/progress";
import type { ImportOptions, ImportPreview } from "@/lib/import/workbook";
import { renderReportPdf, type ReportOptions } from "@/lib/report/render";
import { renderReportPptx } from "@/lib/pptx/render";
import type { TemplateTheme } from "@/lib/pptx/theme";
import {
  SelectionInfeasible,
  SelectionInputError,
  portfolioFrontier,
  selectPortfolio,
  type FrontierPoint,
  type SelectionCase,
  type SelectionInput,
  type SelectionResult,
} from "@/lib/portfolio/selection";

export interface SimulationTask {
  file: CaseFile;
  options: Omit<SimulateOptions, "onProgress"> & { chunk?: number };
}

export interface RenderReportTask {
  file: CaseFile;
  options: Omit<ReportOptions, "simulation" | "output">;
  // The cached compute output of this version, as the JSON text the cache holds: a string crosses
  // to the worker as one copy, where cloning the object would cost the request thread its walk.
  outputJson?: string;
  simulation?: SimulationTask["options"]; // run first, printed in the report
}

export async function renderReport(task: RenderReportTask): Promise<Uint8Array> {
  const simulation = task.simulation ? await simulateAsync(task.file, task.simulation) : null;
  const output = task.outputJson === undefined ? undefined : (JSON.parse(task.outputJson) as ReportOptions["output"]);
  const pdf = await renderReportPdf(task.file, { ...task.options, output, simulation });
  return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
}

// The board pack: the same task as the PDF, with the workspace's slide template when it has one.
export interface RenderDeckTask extends RenderReportTask {
  template?: TemplateTheme | null;
}

export async function renderDeck(task: RenderDeckTask): Promise<Uint8Array> {
  const simulation = task.simulation ? await simulateAsync(task.file, task.simulation) : null;
  const output = task.outputJson === undefined ? undefined : (JSON.parse(task.outputJson) as ReportOptions["output"]);
  return renderReportPptx(task.file, { ...task.options, output, simulation, template: task.template ?? null });
}

// Progress goes to the caller through its MessagePort as {done, total}, one message per chunk.
export async function runSimulation(task: SimulationTask & { progress?: MessagePort }): Promise<SimulationResult> {
  try {
    return await simulateAsync(task.file, {
      ...task.options,
      onProgress: (done, total) => task.progress?.postMessage({ done, total }),
    });
  } finally {
    task.progress?.close();
  }
}

// Another person's workbook read, guessed and checked (lib/import): the bytes come transferred, the
// preview goes back as plain data. Problems with the file itself come back as { problem }.
export interface ImportWorkbookTask {
  bytes: Uint8Array;
  fileName: string;
  options: Omit<ImportOptions, "today" | "onProgress">;
}

export type { ImportProgress } from "@/lib/import/progress";

export type ImportWorkbookOutcome = { ok: true; preview: ImportPreview } | { ok: false; problems: Problem[] };

// Progress goes to the caller through its MessagePort as {phase, done, total}, at most one message
// per phase and tenth of the way (a 100,000-row sheet tells its build every 2,000 rows).
// On the request thread (no pool) the caller gives onProgress itself.
export async function importWorkbook(
  task: ImportWorkbookTask & { progress?: MessagePort },
  report?: (progress: ImportProgress) => void,
): Promise<ImportWorkbookOutcome> {
  const { ReadProblem } = await import("@/lib/import/read");
  const { MappingProblem } = await import("@/lib/import/workbook");
  const port = task.progress;
  try {
    const onProgress = report ?? (port ? (p: ImportProgress) => port.postMessage(p) : undefined);
    return { ok: true, preview: await importFile(task.bytes, task.fileName, { ...task.options, onProgress }) };
  } catch (error) {
    if (error instanceof ReadProblem)
      return { ok: false, problems: [problem(error.where ?? task.fileName, error.code, error.params)] };
    if (error instanceof MappingProblem) return { ok: false, problems: error.problems };
    throw error;
  } finally {
    port?.close();
  }
}

// The portfolio's selection (HiGHS) and, when asked, its frontier. An input error or an infeasible
// input comes back as data (an error's class does not survive the thread boundary).
export interface PortfolioTask {
  cases: SelectionCase[];
  input: SelectionInput;
  frontier?: boolean;
}

export type PortfolioTaskResult =
  | { ok: true; selection: SelectionResult; frontier: FrontierPoint[] | null }
  | { ok: false; kind: "input"; field: string; message: string }
  | { ok: false; kind: "infeasible"; cause: string; message: string };

export async function solvePortfolio(task: PortfolioTask & { progress?: MessagePort }): Promise<PortfolioTaskResult> {
  try {
    const selection = await selectPortfolio(task.cases, task.input);
    const frontier = task.frontier
      ? await portfolioFrontier(task.cases, task.input, { onPoint: (point) => task.progress?.postMessage(point) })
      : null;
    return { ok: true, selection, frontier };
  } catch (error) {
    if (error instanceof SelectionInputError)
      return { ok: false, kind: "input", field: error.field, message: error.message };
    if (error instanceof SelectionInfeasible)
      return { ok: false, kind: "infeasible", cause: error.reason, message: error.message };
    throw error;
  } finally {
    task.progress?.close();
  }
}

// The workbook (lib/xlsx/export.ts), written in the worker and sent back as it is made: each chunk
// of the zip goes through the port (its bytes transferred, not copied), then { end: true }. The
// request's thread hands the chunks to the response as they come.
export interface ExportWorkbookTask {
  file: CaseFile;
  outputJson: string; // the compute output of this version, as JSON text (one copy across)
}

export type WorkbookChunk = { chunk: Uint8Array } | { end: true };

export async function exportWorkbook(task: ExportWorkbookTask & { port: MessagePort }): Promise<number> {
  const { Writable } = await import("node:stream");
  const { writeWorkbook } = await import("@/lib/xlsx/export");
  let bytes = 0;
  // The zip comes in many small pieces: they cross in batches of 64 KiB, one message each.
  let batch: Buffer[] = [];
  let batched = 0;
  const send = () => {
    if (batched === 0) return;
    const copy = new Uint8Array(batched);
    let at = 0;
    for (const piece of batch) {
      copy.set(piece, at);
      at += piece.byteLength;
    }
    bytes += batched;
    batch = [];
    batched = 0;
    task.port.postMessage({ chunk: copy } satisfies WorkbookChunk, [copy.buffer]);
  };
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      batch.push(chunk);
      batched += chunk.byteLength;
      if (batched >= 65536) send();
      done();
    },
    final(done) {
      send();
      done();
    },
  });
  try {
    const { collectorAfter } = await import("@/lib/xlsx/collect");
    await writeWorkbook(task.file, JSON.parse(task.outputJson) as ComputeOutput, out, {
      afterSheet: collectorAfter(),
    });
    task.port.postMessage({ end: true } satisfies WorkbookChunk);
    return bytes;
  } finally {
    task.port.close();
  }
}
