// Long work off the request event loop (quality.md, speed): PDF reports and big Monte Carlo runs go
// to a pool of worker threads (piscina), bounded in count (WORKER_THREADS, default: the cores but
// one, at least one) and memory (WORKER_MEMORY_MB of old generation each, default 768), with a
// queue of WORKER_QUEUE tasks (default 64). Only a full queue refuses work: 503 + Retry-After, logged
// with its cause. Requests keep being answered while workers render.
//
// The worker entry is lib/workers/worker.mjs, found from the project folder at run time. Where it
// is absent (the Docker image's standalone output has no TypeScript sources) the work runs in the
// request's thread, as before, and the log says so once.
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
import type { PortfolioTask, PortfolioTaskResult, RenderReportTask, SimulationTask } from "./tasks";

const globalForPool = globalThis as unknown as { caseboardWorkers?: Piscina | null };

export const RETRY_AFTER_SECONDS = 10;

function workerFile(): string {
  return path.join(process.env.CASEBOARD_ROOT ?? process.cwd(), "lib/workers/worker.mjs");
}

function pool(): Piscina | null {
  if (globalForPool.caseboardWorkers !== undefined) return globalForPool.caseboardWorkers;
  const file = workerFile();
  if (!existsSync(file)) {
    console.warn(
      JSON.stringify({
        event: "workers-unavailable",
        message: `${file} is missing: long work runs on the request thread`,
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
