// Long work off the request event loop (docs/architecture.md#workers): PDF reports, slide decks, workbooks and big Monte Carlo runs go
// to a pool of worker threads (piscina), bounded in count (WORKER_THREADS, default: the cores but
// one, at least one) and memory (WORKER_MEMORY_MB of old generation each, default 768), with a
// queue of WORKER_QUEUE tasks (default 64). Only a full queue refuses work: 503 + Retry-After, logged
// with its cause. Requests keep being answered while workers render.
//
// The worker entry, found from the project folder at run time: in production the bundle the build
// makes (.next/workers/worker.mjs, scripts/build-workers.mjs: no TypeScript compiled at run time,
// and present in the Docker image's standalone output), in development and tests the sources
// through tsx (lib/workers/worker.mjs). Where neither is present the work runs in the request's
// thread and the log says so once (docs/runtime.md).
import "server-only";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import { AppError } from "@/lib/errors";
import { readEnv } from "@/lib/env";
import type { SimulationResult } from "@/lib/finance/uncertainty";
import type { FrontierPoint } from "@/lib/portfolio/selection";
import type {
  ImportProgress,
  ExportWorkbookTask,
  ImportWorkbookOutcome,
  ImportWorkbookTask,
  PortfolioTask,
  PortfolioTaskResult,
  RenderDeckTask,
  RenderReportTask,
  SimulationTask,
  WorkbookChunk,
} from "./tasks";

const globalForPool = globalThis as unknown as { caseboardWorkers?: Piscina | null };

export const RETRY_AFTER_SECONDS = 10;

export const WORKER_BUNDLE = ".next/workers/worker.mjs";
const WORKER_SOURCE = "lib/workers/worker.mjs";

// The entry the workers load, or null. A production server without the bundle (a `next build`
// run without scripts/build-workers.mjs) still has workers when the sources are there, but says so.
export function workerFile(): string | null {
  const root = process.env.CASEBOARD_ROOT ?? process.cwd();
  const bundled = path.join(root, WORKER_BUNDLE);
  const source = path.join(root, WORKER_SOURCE);
  if (process.env.NODE_ENV === "production" && existsSync(bundled)) return bundled;
  if (existsSync(source)) {
    if (process.env.NODE_ENV === "production")
      console.warn(
        JSON.stringify({
          event: "workers-unbundled",
          message: `${WORKER_BUNDLE} is missing (run npm run build): workers compile TypeScript at run time`,
        }),
      );
    return source;
  }
  return null;
}

function pool(): Piscina | null {
  if (globalForPool.caseboardWorkers !== undefined) return globalForPool.caseboardWorkers;
  const file = workerFile();
  if (!file) {
    console.warn(
      JSON.stringify({
        event: "workers-unavailable",
        message: `neither ${WORKER_BUNDLE} nor ${WORKER_SOURCE} is present: long work runs on the request thread`,
      }),
    );
    globalForPool.caseboardWorkers = null;
    return null;
  }
  const env = readEnv();
  const threads = env.WORKER_THREADS ?? Math.max(1, (os.availableParallelism?.() ?? os.cpus().length) - 1);
  const created = new Piscina({
    filename: file,
    minThreads: 0,
    maxThreads: threads,
    maxQueue: env.WORKER_QUEUE ?? 64,
    idleTimeout: 60_000,
    atomics: "disabled",
    resourceLimits: { maxOldGenerationSizeMb: env.WORKER_MEMORY_MB ?? 768 },
  });
  globalForPool.caseboardWorkers = created;
  console.log(
    JSON.stringify({
      event: "workers-started",
      entry: path.relative(process.env.CASEBOARD_ROOT ?? process.cwd(), file),
      maxThreads: threads,
    }),
  );
  const hooks = ((globalThis as Record<symbol, unknown>)[Symbol.for("caseboard.shutdown")] ??= new Set()) as Set<
    () => Promise<void>
  >;
  hooks.add(() => created.destroy());
  return created;
}

async function run<T>(
  name: string,
  task: unknown,
  options: { transferList?: import("node:worker_threads").TransferListItem[]; signal?: AbortSignal } = {},
): Promise<T> {
  const workers = pool()!;
  try {
    return (await workers.run(task, { name, ...options })) as T;
  } catch (error) {
    if (error instanceof Error && /queue is at limit/i.test(error.message)) {
      console.warn(
        JSON.stringify({
          event: "worker-queue-full",
          task: name,
          queued: workers.queueSize,
          threads: workers.threads.length,
        }),
      );
      throw new AppError(
        "unavailable",
        "the server is busy with other long work (reports, simulations); try again shortly",
        { details: { retryAfterSeconds: RETRY_AFTER_SECONDS } },
      );
    }
    throw error;
  }
}

export function workersAvailable(): boolean {
  return pool() !== null;
}

export async function renderReportInWorker(task: RenderReportTask): Promise<Uint8Array> {
  if (!pool()) {
    const { renderReport } = await import("./tasks");
    return renderReport(task);
  }
  return run<Uint8Array>("renderReport", task);
}

export async function renderDeckInWorker(task: RenderDeckTask): Promise<Uint8Array> {
  if (!pool()) {
    const { renderDeck } = await import("./tasks");
    return renderDeck(task);
  }
  return run<Uint8Array>("renderDeck", task);
}

export async function simulateInWorker(
  task: SimulationTask,
  options: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<SimulationResult> {
  if (!pool()) {
    const { runSimulation } = await import("./tasks");
    return runSimulation(task);
  }
  const channel = new MessageChannel();
  channel.port1.on("message", (m: { done: number; total: number }) => options.onProgress?.(m.done, m.total));
  try {
    return await run<SimulationResult>(
      "runSimulation",
      { ...task, progress: channel.port2 },
      { transferList: [channel.port2], signal: options.signal },
    );
  } finally {
    channel.port1.close();
  }
}

// The workbook download: written in a worker, streamed to the response as the worker makes it
// (the request's thread only passes chunks on). It resolves with the first chunk, so a refusal (a
// full queue) or an early failure is still an HTTP error; a failure after that ends the stream
// with the error (the client sees a broken download, never a short file taken for whole).
export async function exportWorkbookInWorker(task: ExportWorkbookTask): Promise<ReadableStream<Uint8Array>> {
  if (!pool()) {
    const { PassThrough, Readable } = await import("node:stream");
    const { writeWorkbook } = await import("@/lib/xlsx/export");
    const out = new PassThrough();
    writeWorkbook(task.file, JSON.parse(task.outputJson), out).catch((error: unknown) => out.destroy(error as Error));
    return Readable.toWeb(out) as ReadableStream<Uint8Array>;
  }
  const channel = new MessageChannel();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      channel.port1.close();
    },
  });
  return new Promise((resolve, reject) => {
    let started = false;
    channel.port1.on("message", (m: WorkbookChunk) => {
      if (!started) {
        started = true;
        resolve(stream);
      }
      if ("chunk" in m) controller.enqueue(m.chunk);
      else {
        controller.close();
        channel.port1.close();
      }
    });
    run<number>("exportWorkbook", { ...task, port: channel.port2 }, { transferList: [channel.port2] }).catch(
      (error: unknown) => {
        channel.port1.close();
        if (started) controller.error(error);
        else reject(error);
      },
    );
  });
}

// A workbook import (reading, guessing, checking, computing the preview) is CPU work of seconds for
// a big file: off the request loop like the reports.
// Progress comes back over a MessagePort; an aborted signal cancels the task (piscina ends it in
// its worker; on the request thread the next progress step throws), and nothing is written.
export async function importWorkbookInWorker(
  task: ImportWorkbookTask,
  options: { onProgress?: (progress: ImportProgress) => void; signal?: AbortSignal } = {},
): Promise<ImportWorkbookOutcome> {
  const channel = new MessageChannel();
  channel.port1.on("message", (m: ImportProgress) => {
    if (!options.signal?.aborted) options.onProgress?.(m);
  });
  try {
    if (!pool()) {
      const { importWorkbook } = await import("./tasks");
      const { ImportCancelled } = await import("@/lib/import/progress");
      // On this thread: progress straight to the caller, and a cancelled signal stops the next step.
      return await importWorkbook(task, (p) => {
        if (options.signal?.aborted) throw new ImportCancelled();
        options.onProgress?.(p);
      });
    }
    return await run<ImportWorkbookOutcome>(
      "importWorkbook",
      { ...task, progress: channel.port2 },
      { transferList: [channel.port2], signal: options.signal },
    );
  } finally {
    channel.port1.close();
  }
}

// The portfolio's selection (and frontier): HiGHS solves synchronously, so it runs off the request
// thread. onPoint hears each frontier point as it is solved.
export async function solvePortfolioInWorker(
  task: PortfolioTask,
  options: { onPoint?: (point: FrontierPoint) => void; signal?: AbortSignal } = {},
): Promise<PortfolioTaskResult> {
  const channel = new MessageChannel();
  channel.port1.on("message", (point: FrontierPoint) => options.onPoint?.(point));
  try {
    if (!pool()) {
      const { solvePortfolio } = await import("./tasks");
      return await solvePortfolio({ ...task, progress: channel.port2 });
    }
    return await run<PortfolioTaskResult>(
      "solvePortfolio",
      { ...task, progress: channel.port2 },
      { transferList: [channel.port2], signal: options.signal },
    );
  } finally {
    channel.port1.close();
  }
}
