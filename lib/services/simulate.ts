// The Monte Carlo of a stored case, for POST /api/v1/cases/{caseId}/simulate (registered in
// lib/api/operations.ts, so auth, Origin, body and error handling are lib/api/handler.ts's): validate
// the request, read the case through the access filter (viewers may run it: it changes nothing),
// bound the work, then stream the engine's simulateAsync() as NDJSON. The maths is
// lib/finance/uncertainty.ts; nothing here computes.
//
// By default the quantity is the one the case pages headline: the incremental NPV of the headline
// scenario (first non-baseline) against the baseline, with the lines of both scenarios drawn
// (docs/finance.md#uncertainty). mode "scenario" runs one scenario on its own NPV.
//
// Why on the server and not in a browser Web Worker: financials are computed on the server from the
// stored lines (docs/architecture.md#layers), the same engine answers the API, the CLI and the report, and the
// client would otherwise need the whole case file and the decimal engine in its bundle. The run is
// drawn in chunks with a turn of the event loop between them (simulateAsync), and each chunk's
// progress line is enqueued as it happens, so a client's progress bar moves during the run and the
// server keeps answering other requests meanwhile.
import "server-only";
import { z } from "zod";
import type { CaseFile } from "@/lib/case-file/schema";
import { getCaseFileOrThrow } from "@/lib/db/cases";
import type { Actor } from "@/lib/db/access";
import { AppError } from "@/lib/errors";
import { baselineOf } from "@/lib/finance/compute";
import { headlineKeys } from "@/lib/finance/headline";
import { SimulationAborted, simulateAsync, type Comparison, type SimulationResult } from "@/lib/finance/uncertainty";
import type { SimulationTask } from "@/lib/workers/tasks";
import { simulateInWorker } from "@/lib/workers/pool";
import { ndjsonResponse } from "./ndjson";

export const MIN_ITERATIONS = 1_000;
export const MAX_ITERATIONS = 100_000;
export const DEFAULT_ITERATIONS = 10_000;
export const DEFAULT_SEED = 1;
export const MAX_SEED = 4_294_967_295; // the PRNG takes a 32-bit seed: larger ones would alias smaller ones
// Sampling work is uncertain lines x iterations (memory is two Float64Arrays of iterations, so
// bounded by MAX_ITERATIONS); 20 M draws is well under a second (docs/benchmarks.md#targets: 10,000 x 200 < 1 s).
export const MAX_DRAWS = 20_000_000;
// Runs at a time per server process (each holds two Float64Arrays and a share of the CPU).
export const MAX_CONCURRENT = 4;

export const simulateBodySchema = z.strictObject({
  iterations: z
    .number()
    .int()
    .min(MIN_ITERATIONS)
    .max(MAX_ITERATIONS)
    .default(DEFAULT_ITERATIONS)
    .describe("Monte Carlo iterations"),
  seed: z
    .number()
    .int()
    .min(0)
    .max(MAX_SEED)
    .default(DEFAULT_SEED)
    .describe("PRNG seed: the same seed gives the same result"),
  scenarioKey: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe("The scenario (the alternative in the incremental mode); default the first non-baseline scenario"),
  mode: z
    .enum(["incremental", "scenario"])
    .optional()
    .describe(
      "incremental: NPV and ROI of the scenario minus the baseline, lines of both drawn (the headline figure; the default when the case has a baseline); scenario: the scenario on its own",
    ),
});
export type SimulateBody = z.infer<typeof simulateBodySchema>;

export interface PreparedSimulation {
  file: CaseFile;
  scenarioKey: string;
  comparison: Comparison | null; // the incremental mode
  iterations: number;
  seed: number;
  uncertainLines: number;
}

// The headline scenario (the proposal, else the first non-baseline), as the case pages pick it.
function defaultScenario(file: CaseFile) {
  const key = headlineKeys(file.scenarios, file.chosenScenario).alternative;
  return file.scenarios.find((s) => s.key === key);
}

// Everything that can fail with a status happens here, before any streaming starts.
export async function prepareSimulation(actor: Actor, caseId: string, body: SimulateBody): Promise<PreparedSimulation> {
  const { caseFile } = await getCaseFileOrThrow(actor, caseId);
  return prepareSimulationOf(caseFile, body);
}

// The same checks on a case file already read (the board report reads its case once).
export function prepareSimulationOf(caseFile: CaseFile, body: SimulateBody): PreparedSimulation {
  const scenario = body.scenarioKey
    ? caseFile.scenarios.find((s) => s.key === body.scenarioKey)
    : defaultScenario(caseFile);
  if (!scenario)
    throw new AppError("validation", "the case has no such scenario", {
      fieldErrors: [{ path: "scenarioKey", message: "no scenario with this key in the case" }],
    });
  const baseline = baselineOf(caseFile);
  const comparable = baseline !== null && baseline.key !== scenario.key;
  if (body.mode === "incremental" && !comparable) {
    throw new AppError("validation", "there is no baseline to compare this scenario with", {
      fieldErrors: [
        {
          path: "mode",
          message: baseline ? "the scenario is the baseline itself" : "the case has no baseline scenario",
        },
      ],
    });
  }
  const comparison =
    comparable && body.mode !== "scenario" ? { alternative: scenario.key, baseline: baseline.key } : null;
  const scenarios = comparison
    ? caseFile.scenarios.filter((s) => s.key === comparison.alternative || s.key === comparison.baseline)
    : [scenario];
  const lines = scenarios.flatMap((s) => [...s.costs, ...s.benefits]);
  const uncertainLines = lines.filter((l) => l.low !== undefined || l.high !== undefined).length;
  if (uncertainLines * body.iterations > MAX_DRAWS) {
    const most = Math.max(MIN_ITERATIONS, Math.floor(MAX_DRAWS / Math.max(1, uncertainLines)));
    throw new AppError("validation", "too many iterations for a case with this many uncertain lines", {
      fieldErrors: [{ path: "iterations", message: `at most ${most} for ${uncertainLines} uncertain lines` }],
    });
  }
  return {
    file: caseFile,
    scenarioKey: scenario.key,
    comparison,
    iterations: body.iterations,
    seed: body.seed,
    uncertainLines,
  };
}

// Iterations per chunk: about 20 progress lines per run, never fewer than 1,000 iterations each.
export function chunkOf(iterations: number): number {
  return Math.max(1_000, Math.ceil(iterations / 20 / 1_000) * 1_000);
}

// The engine's options for a prepared run (the same in this thread and in a worker).
export function simulationOptions(prepared: PreparedSimulation, chunk?: number): SimulationTask["options"] {
  return {
    iterations: prepared.iterations,
    seed: prepared.seed,
    ...(prepared.comparison ? { comparison: prepared.comparison } : { scenarioKey: prepared.scenarioKey }),
    chunk: chunk ?? chunkOf(prepared.iterations),
  };
}

export function runSimulation(
  prepared: PreparedSimulation,
  options: {
    onProgress?: (done: number, total: number) => void | Promise<void>;
    signal?: AbortSignal;
    chunk?: number;
  } = {},
): Promise<SimulationResult> {
  return simulateAsync(prepared.file, {
    ...simulationOptions(prepared, options.chunk),
    onProgress: options.onProgress,
    signal: options.signal,
  });
}

// From this many draws (uncertain lines x iterations) a run goes to a worker thread
// (lib/workers/pool.ts); smaller ones finish in a few milliseconds of chunks on the request thread.
export const WORKER_MIN_DRAWS = 500_000;

function runBigOrSmall(
  prepared: PreparedSimulation,
  options: { onProgress: (done: number, total: number) => void; signal: AbortSignal },
): Promise<SimulationResult> {
  if (prepared.uncertainLines * prepared.iterations < WORKER_MIN_DRAWS) return runSimulation(prepared, options);
  return simulateInWorker({ file: prepared.file, options: simulationOptions(prepared) }, options).catch(
    (error: unknown) => {
      // A cancelled run ends its worker task with an AbortError: the same as a cancelled run here.
      if (options.signal.aborted) throw new SimulationAborted();
      throw error;
    },
  );
}

let running = 0;

// The NDJSON response:
//   {"type":"progress","phase":"loaded"|"sampling"|"summarising","done":n,"total":N}
//   ... then {"type":"result","data":SimulationResult}   (or {"type":"error","error":{...}})
// One progress line per chunk, enqueued (and so sent) as the chunk ends.
export function simulationResponse(prepared: PreparedSimulation, log: { method: string; path: string }): Response {
  if (running >= MAX_CONCURRENT)
    throw new AppError("rate_limited", "too many simulations are running; try again in a moment");
  running++;
  return ndjsonResponse(
    async (send, signal) => {
      send({ type: "progress", phase: "loaded", done: 0, total: prepared.iterations });
      const result = await runBigOrSmall(prepared, {
        signal,
        onProgress: (done, total) =>
          send({ type: "progress", phase: done < total ? "sampling" : "summarising", done, total }),
      });
      send({ type: "result", data: result });
    },
    {
      label: `${log.method} ${log.path}`,
      failure: "the simulation failed; it has been logged",
      onEnd: () => running--,
    },
  );
}
