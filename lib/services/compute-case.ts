// The engine's output for a stored case, cached by case version and tracking revision (tracking
// writes such as actuals change the engine's input without a new version).
//
//   getCaseCompute(actor, caseId)  viewer -> CaseComputeDTO { caseId, version, cached, output: ComputeOutput }
//
//   computeAfterLineUpdate(actor, write, patch)   the figures for the version a one-line edit made
//
// Reads never recompute a version that was computed before: a small in-process map (keyed by case
// id + version + tracking revision, so it is only ever a cache) answers first, then the ComputeCache row; only a new
// version runs the engine (stored case -> case file -> computeCase) and stores the result.
//
// Warm across versions (docs/architecture.md#warm-file): the case file each computed state came from is kept too, by
// case (only the newest). A one-line edit that made version v+1 from the state held at v derives
// v+1's file from it (the line as the write stored it replaces the old one, by stable id) instead
// of reading the whole case again; the engine reuses the other lines' results (they are the same
// objects). Any other write, or a state this instance did not hold, reads the case as stored.
// Writing the output to ComputeCache and the headline to the history happens after the response
// (next/server after()): this instance's map already answers, and another instance that finds no
// row computes the same figures itself.
import "server-only";
import { after } from "next/server";
import { getCaseFileOrThrow, getCaseRevisionOrThrow, getStoredComputeOutput, saveComputeCache } from "@/lib/db/cases";
import type { Actor } from "@/lib/db/access";
import type { WriteResult } from "@/lib/db/case-mappers";
import { mapLineById, toFileLine, type LineDTO } from "@/lib/case-file/line";
import type { CaseFile } from "@/lib/case-file/schema";
import { computeCase } from "@/lib/finance/compute";
import type { ComputeOutput } from "@/lib/finance/types";
import { recordHeadline } from "./history-view";

export interface CaseComputeDTO {
  caseId: string;
  version: number;
  trackingRevision: number;
  cached: boolean;
  source: "memory" | "database" | "computed" | "derived"; // derived: computed on the previous version's file with the edit applied
  output: ComputeOutput;
  outputJson: string; // the output serialised once per version, for responses
}

const MEMORY_ENTRIES = 200;
const memory = new Map<string, { output: ComputeOutput; json: string }>();

const memoryKey = (caseId: string, version: number, trackingRevision: number) =>
  `${caseId}@${version}.${trackingRevision}`;

const WARM_FILES = 50;
const warmFiles = new Map<string, { version: number; trackingRevision: number; file: CaseFile }>();

function keepWarm(caseId: string, version: number, trackingRevision: number, file: CaseFile) {
  const held = warmFiles.get(caseId);
  if (held && (held.version > version || (held.version === version && held.trackingRevision > trackingRevision)))
    return;
  warmFiles.delete(caseId);
  warmFiles.set(caseId, { version, trackingRevision, file });
  while (warmFiles.size > WARM_FILES) warmFiles.delete(warmFiles.keys().next().value!);
}

// Work that must happen but need not delay the answer: after the response inside a request;
// awaited at once outside one (scripts, tests), where after() is not available.
// `work` learns which (true: after a response, in a server that keeps running).
async function afterResponse(work: (afterAResponse: boolean) => Promise<unknown>): Promise<void> {
  const guarded = (afterAResponse: boolean) =>
    work(afterAResponse).catch((error: unknown) => {
      console.error(
        JSON.stringify({ event: "compute-cache-store-failed", message: String((error as Error)?.message ?? error) }),
      );
    });
  try {
    after(() => guarded(true));
  } catch {
    await guarded(false);
  }
}

// The ComputeCache row is written once per burst of a case's writes: a state waits
// STORE_QUIET_MS for a newer one to replace it (its JSON is the big part: 49 KB for the demo case),
// and while one store is in flight the newest waiting state follows it. This instance's map
// answers meanwhile; another instance that finds an older row computes the figures itself. The
// headline NPV goes to the history for every version (History's "effect on NPV"), after the
// response.
const STORE_QUIET_MS = 300;
const storing = new Map<string, Promise<void>>();
const waiting = new Map<
  string,
  { version: number; trackingRevision: number; json: string; timer: NodeJS.Timeout | null }
>();

async function storeNewest(caseId: string): Promise<void> {
  for (let next = waiting.get(caseId); next; next = waiting.get(caseId)) {
    waiting.delete(caseId);
    await saveComputeCache(caseId, next.version, next.json, next.trackingRevision);
  }
}

function startStore(caseId: string): Promise<void> {
  let run = storing.get(caseId);
  if (!run) {
    run = storeNewest(caseId)
      .catch((error: unknown) => {
        console.error(
          JSON.stringify({ event: "compute-cache-store-failed", message: String((error as Error)?.message ?? error) }),
        );
      })
      .finally(() => storing.delete(caseId));
    storing.set(caseId, run);
  }
  return run;
}

function storeLater(
  caseId: string,
  version: number,
  trackingRevision: number,
  json: string,
  output: ComputeOutput,
  chosen: string | undefined,
) {
  const held = waiting.get(caseId);
  if (held?.timer) clearTimeout(held.timer);
  const entry = { version, trackingRevision, json, timer: null as NodeJS.Timeout | null };
  waiting.set(caseId, entry);
  return afterResponse(async (afterAResponse) => {
    await recordHeadline(caseId, version, output, chosen);
    if (!afterAResponse) {
      // A script or a test: stored before this returns.
      await startStore(caseId);
      return;
    }
    entry.timer = setTimeout(() => {
      entry.timer = null;
      if (waiting.get(caseId) === entry) void startStore(caseId);
    }, STORE_QUIET_MS);
    entry.timer.unref?.();
  });
}

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
  if (inMemory)
    return {
      caseId,
      version,
      trackingRevision,
      cached: true,
      source: "memory",
      output: inMemory.output,
      outputJson: inMemory.json,
    };
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
export async function getComputeOfFile(
  caseId: string,
  version: number,
  trackingRevision: number,
  caseFile: CaseFile,
): Promise<{ output: ComputeOutput; json: string }> {
  const inMemory = memory.get(memoryKey(caseId, version, trackingRevision));
  if (inMemory) return inMemory;
  const stored = (await getStoredComputeOutput(caseId, version, trackingRevision)) as ComputeOutput | null;
  if (stored) return { output: stored, json: remember(caseId, version, trackingRevision, stored) };
  const output = computeCase(caseFile);
  const json = remember(caseId, version, trackingRevision, output);
  keepWarm(caseId, version, trackingRevision, caseFile);
  await storeLater(caseId, version, trackingRevision, json, output, caseFile.chosenScenario);
  return { output, json };
}

// Runs the engine on the case as stored now (its version may be newer than the one asked about).
export async function computeAndStore(actor: Actor, caseId: string): Promise<CaseComputeDTO> {
  // Every write validated its rows as case-file values and the database checks them again, so
  // the stored case is not parsed a second time here (this runs on every write with recompute).
  const { caseFile, version, trackingRevision } = await getCaseFileOrThrow(actor, caseId);
  return computeFile(caseId, version, trackingRevision, caseFile);
}

async function computeFile(
  caseId: string,
  version: number,
  trackingRevision: number,
  caseFile: CaseFile,
  source: "computed" | "derived" = "computed",
): Promise<CaseComputeDTO> {
  const output = computeCase(caseFile);
  const json = remember(caseId, version, trackingRevision, output);
  keepWarm(caseId, version, trackingRevision, caseFile);
  await storeLater(caseId, version, trackingRevision, json, output, caseFile.chosenScenario);
  return { caseId, version, trackingRevision, cached: false, source, output, outputJson: json };
}

// The figures for the version `write` made by changing one line (updateLine; `patch` as sent).
// From the warm file when this instance held the state just before (same tracking revision, one
// version earlier); a move to another scenario or a change of `tangible` decides which actuals
// the file carries, so those read the case as stored, like every other case.
export async function computeAfterLineUpdate(
  actor: Actor,
  write: WriteResult<LineDTO>,
  patch: Record<string, unknown>,
): Promise<CaseComputeDTO> {
  const held = warmFiles.get(write.caseId);
  const line = write.data;
  if (
    held &&
    write.trackingRevision !== undefined &&
    held.version === write.version - 1 &&
    held.trackingRevision === write.trackingRevision &&
    line.stableId &&
    patch.scenarioId === undefined &&
    patch.tangible === undefined
  ) {
    // The actuals stay as they were (a plan edit does not change them; lib/db/case-mappers.ts
    // realisationParts decides by scenario and tangibility, both unchanged here).
    const file = mapLineById(held.file, line.stableId, (old) => {
      const next = toFileLine(line);
      return old.actuals ? { ...next, actuals: old.actuals } : next;
    });
    if (file) return computeFile(write.caseId, write.version, write.trackingRevision, file, "derived");
  }
  return computeAndStore(actor, write.caseId);
}
