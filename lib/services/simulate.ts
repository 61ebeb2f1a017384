// The Monte Carlo of a stored case, for POST /api/v1/cases/{caseId}/simulate: validate the request,
// read the case through the access filter (viewers may run it: it changes nothing), bound the work,
// then run the engine's simulate(). The maths is lib/finance/uncertainty.ts; nothing here computes.
import "server-only";
import { z } from "zod";
import type { CaseFile } from "@/lib/case-file/schema";
import { getCaseFileOrThrow } from "@/lib/db/cases";
import type { Actor } from "@/lib/db/access";
import { AppError } from "@/lib/errors";
import { simulate, type SimulationResult } from "@/lib/finance/uncertainty";

export const MIN_ITERATIONS = 1_000;
export const MAX_ITERATIONS = 100_000;
export const DEFAULT_ITERATIONS = 10_000;
export const DEFAULT_SEED = 1;
export const MAX_SEED = 4_294_967_295; // the PRNG takes a 32-bit seed: larger ones would alias smaller ones
// Sampling work is uncertain lines x iterations (memory is two Float64Arrays of iterations, so
// bounded by MAX_ITERATIONS); 20 M draws is well under a second (quality.md: 10,000 x 200 < 1 s).
export const MAX_DRAWS = 20_000_000;

export const simulateBodySchema = z.strictObject({
  iterations: z.number().int().min(MIN_ITERATIONS).max(MAX_ITERATIONS).default(DEFAULT_ITERATIONS),
  seed: z.number().int().min(0).max(MAX_SEED).default(DEFAULT_SEED),
  scenarioKey: z.string().min(1).max(200).optional(),
});
export type SimulateBody = z.infer<typeof simulateBodySchema>;

export interface PreparedSimulation {
  file: CaseFile;
  scenarioKey: string;
  iterations: number;
  seed: number;
  uncertainLines: number;
}

// The headline scenario (first non-baseline), as the case pages and the engine pick it.
function defaultScenario(file: CaseFile) {
  return file.scenarios.find((s) => s.baseline !== true) ?? file.scenarios[0];
}

// Everything that can fail with a status happens here, before any streaming starts.
export async function prepareSimulation(actor: Actor, caseId: string, body: SimulateBody): Promise<PreparedSimulation> {
  const { caseFile } = await getCaseFileOrThrow(actor, caseId);
  const scenario = body.scenarioKey ? caseFile.scenarios.find((s) => s.key === body.scenarioKey) : defaultScenario(caseFile);
  if (!scenario) throw new AppError("validation", "the case has no such scenario", { fieldErrors: [{ path: "scenarioKey", message: "no scenario with this key in the case" }] });
  const lines = [...scenario.costs, ...scenario.benefits];
  const uncertainLines = lines.filter((l) => l.low !== undefined || l.high !== undefined).length;
  if (uncertainLines * body.iterations > MAX_DRAWS) {
    const most = Math.max(MIN_ITERATIONS, Math.floor(MAX_DRAWS / Math.max(1, uncertainLines)));
    throw new AppError("validation", "too many iterations for a case with this many uncertain lines", {
      fieldErrors: [{ path: "iterations", message: `at most ${most} for ${uncertainLines} uncertain lines` }],
    });
  }
  return { file: caseFile, scenarioKey: scenario.key, iterations: body.iterations, seed: body.seed, uncertainLines };
}

export function runSimulation(prepared: PreparedSimulation, onProgress?: (done: number, total: number) => void): SimulationResult {
  return simulate(prepared.file, { iterations: prepared.iterations, seed: prepared.seed, scenarioKey: prepared.scenarioKey, onProgress });
}
