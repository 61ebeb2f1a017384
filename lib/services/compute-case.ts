// The engine's output for a stored case, cached by case version.
//
//   getCaseCompute(actor, caseId)  viewer -> CaseComputeDTO { caseId, version, cached, output: ComputeOutput }
//
// Reads never recompute a version that was computed before: a small in-process map (keyed by case
// id + version, so it is only ever a cache) answers first, then the ComputeCache row; only a new
// version runs the engine (stored case -> case file -> computeCase) and stores the result.
import "server-only";
import { parseCaseFile } from "@/lib/case-file/parse";
import { getCaseFileOrThrow, getComputeCacheState, getStoredComputeOutput, saveComputeCache } from "@/lib/db/cases";
import type { Actor } from "@/lib/db/access";
import { AppError } from "@/lib/errors";
import { computeCase } from "@/lib/finance/compute";
import type { ComputeOutput } from "@/lib/finance/types";

export interface CaseComputeDTO {
  caseId: string;
  version: number;
  cached: boolean;
  output: ComputeOutput;
}

const MEMORY_ENTRIES = 200;
const memory = new Map<string, ComputeOutput>();

function remember(caseId: string, version: number, output: ComputeOutput) {
  const key = `${caseId}@${version}`;
  memory.delete(key);
  memory.set(key, output);
  while (memory.size > MEMORY_ENTRIES) memory.delete(memory.keys().next().value!);
}

export async function getCaseCompute(actor: Actor, caseId: string): Promise<CaseComputeDTO> {
  const state = await getCaseComputeState(actor, caseId);
  const inMemory = memory.get(`${caseId}@${state.version}`);
  if (inMemory) return { caseId, version: state.version, cached: true, output: inMemory };
  if (state.cachedVersion === state.version) {
    const stored = (await getStoredComputeOutput(caseId, state.version)) as ComputeOutput | null;
    if (stored) {
      remember(caseId, state.version, stored);
      return { caseId, version: state.version, cached: true, output: stored };
    }
  }
  return computeAndStore(actor, caseId);
}

// Runs the engine on the case as stored now (its version may be newer than the one asked about).
export async function computeAndStore(actor: Actor, caseId: string): Promise<CaseComputeDTO> {
  const { caseFile, version } = await getCaseFileOrThrow(actor, caseId);
  const parsed = parseCaseFile(caseFile);
  if (!parsed.ok) throw new AppError("validation", "the stored case is not a valid case file", { fieldErrors: parsed.issues });
  const output = computeCase(parsed.value);
  remember(caseId, version, output);
  await saveComputeCache(caseId, version, output);
  return { caseId, version, cached: false, output };
}

const getCaseComputeState = getComputeCacheState;
