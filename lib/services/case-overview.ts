import "server-only";
import type { Actor } from "@/lib/db/access";
import { getCaseOrThrow } from "@/lib/db/cases";
import { getCaseCompute } from "./compute-case";

// What the case overview page needs: the stored case's settings and the engine's output for its
// current version (cached), both through the access layer.
export async function getCaseOverview(actor: Actor, caseId: string) {
  const [detail, compute] = await Promise.all([getCaseOrThrow(actor, caseId), getCaseCompute(actor, caseId)]);
  return { detail, output: compute.output, version: compute.version };
}
