// The engine's output for a stored case, cached by case version and tracking revision (tracking
// writes such as actuals change the engine's input without a new version).
//
//   getCaseCompute(actor, caseId)  viewer -> CaseComputeDTO { caseId, version, cached, output: ComputeOutput }
//
// Reads never recompute a version that was computed before: a small in-process map (keyed by case
// id + version + tracking revision, so it is only ever a cache) answers first, then the ComputeCache row; only a new
// version runs the engine (stored case -> case file -> computeCase) and stores the result.
import "server-only";
import { getCaseFileOrThrow, getCaseRevisionOrThrow, getStoredComputeOutput, saveComputeCache } from "@/lib/db/cases";
import type { Actor } from "@/lib/db/access";
import type { CaseFile } from "@/lib/case-file/schema";
import { computeCase } from "@/lib/finance/compute";
import type { ComputeOutput } from "@/lib/finance/types";

export interface CaseComputeDTO {
  caseId: string;
  version: number;
  trackingRevision: number;
  cached: boolean;
  source: "memory" | "database" | "computed";
  output: ComputeOutput;
  outputJson: string; // the output serialised once per version, for responses
}

const MEMORY_ENTRIES = 200;
const memory = new Map<string, { output: ComputeOutput; json: string }>();

const memoryKey = (caseId: string, version: number, trackingRevision: number) => `${caseId}@${version}.${trackingRevision}`;

function remember(caseId: string, version: number, trackingRevision: number, output: ComputeOutput): string {
  const key = memoryKey(caseId, version, trackingRevision);
  const json = JSON.stringify(output);
  memory.delete(key);
  memory.set(key, { output, json });
  while (memory.size > MEMORY_ENTRIES) memory.delete(memory.keys().next().value!);
  return json;
}

export async function getCaseCompute(actor: Actor, caseId: string): Promise<CaseComputeDTO> {
  const { version, trackingRevision } = await getCaseRevisionOrThrow(actor, caseId);
  const inMemory = memory.get(memoryKey(caseId, version, trackingRevision));
  if (inMemory) return { caseId, version, trackingRevision, cached: true, source: "memory", output: inMemory.output, outputJson: inMemory.json };
  const stored = (await getStoredComputeOutput(caseId, version, trackingRevision)) as ComputeOutput | null;
  if (stored) {
    const json = remember(caseId, version, trackingRevision, stored);
    return { caseId, version, trackingRevision, cached: true, source: "database", output: stored, outputJson: json };
  }
  return computeAndStore(actor, caseId);
}

// The output of a case file already read through the access layer at `version` and
// `trackingRevision` (the report's one read): the cache answers when it holds that state, else the
// engine runs and stores it.
export async function getComputeOfFile(caseId: string, version: number, trackingRevision: number, caseFile: CaseFile): Promise<ComputeOutput> {
  const inMemory = memory.get(memoryKey(caseId, version, trackingRevision));
  if (inMemory) return inMemory.output;
  const stored = (await getStoredComputeOutput(caseId, version, trackingRevision)) as ComputeOutput | null;
  if (stored) {
    remember(caseId, version, trackingRevision, stored);
    return stored;
  }
  const output = computeCase(caseFile);
  await saveComputeCache(caseId, version, remember(caseId, version, trackingRevision, output), trackingRevision);
  return output;
}

// Runs the engine on the case as stored now (its version may be newer than the one asked about).
export async function computeAndStore(actor: Actor, caseId: string): Promise<CaseComputeDTO> {
  // Every write validated its rows as case-file values and the database checks them again, so
  // the stored case is not parsed a second time here (this runs on every write with recompute).
  const { caseFile, version, trackingRevision } = await getCaseFileOrThrow(actor, caseId);
  const output = computeCase(caseFile);
  const json = remember(caseId, version, trackingRevision, output);
  await saveComputeCache(caseId, version, json, trackingRevision);
  return { caseId, version, trackingRevision, cached: false, source: "computed", output, outputJson: json };
}

