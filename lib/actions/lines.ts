"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { addLine, addLines, deleteLine, duplicateLine, reorderLines, updateLine } from "@/lib/db/lines";
import { computeAfterLineUpdate } from "@/lib/services/compute-case";
import { figuresDigest } from "@/lib/live/digest";
import { addLineSchema, addLinesSchema, reorderSchema, updateLineSchema } from "@/lib/validation/case";
import { runAction } from "./result";
import type { LinePatch } from "@/lib/case-file/line";

// The line grid's writes. Each names the case version the user's screen showed; a stale one is
// refused with code "conflict" and the current version (runAction), and nothing changes. The
// client then shows what changed (ConflictNotice) and keeps what was typed.
const version = z.int().min(1);
const id = z.uuid();
const refresh = () => revalidatePath("/w/[slug]/cases/[caseId]", "layout");

export async function addLineAction(input: { caseId: string; version: number; line: unknown }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const r = await addLine(
      actor,
      id.parse(input.caseId),
      version.parse(input.version),
      addLineSchema.parse(input.line),
    );
    refresh();
    return { version: r.version, lineId: r.data.id };
  });
}

// An edit of one line answers with the digest of the engine's output for the case as it left it
// (computed and kept in the compute cache) and re-renders nothing: the page already shows the edit
// and its own figures (components/live/case-model.tsx), which it checks against the digest and,
// when they differ, replaces with the server's (GET /compute answers them from memory).
// `figures.version` may be newer than `version` when another write landed between.
export async function updateLineAction(input: { lineId: string; version: number; patch: LinePatch }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const patch = updateLineSchema.parse(input.patch);
    const r = await updateLine(actor, id.parse(input.lineId), version.parse(input.version), patch);
    // A new version has nothing cached yet: compute it now (from the state this instance held
    // just before, when it did), as the API's ?include=compute does.
    const figures = await computeAfterLineUpdate(actor, r, patch);
    return { version: r.version, figures: { version: figures.version, digest: figuresDigest(figures.outputJson) } };
  });
}

export async function duplicateLineAction(input: { lineId: string; version: number }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const r = await duplicateLine(actor, id.parse(input.lineId), version.parse(input.version));
    refresh();
    return { version: r.version, lineId: r.data.id };
  });
}

export async function deleteLineAction(input: { lineId: string; version: number }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const r = await deleteLine(actor, id.parse(input.lineId), version.parse(input.version));
    refresh();
    return { version: r.version };
  });
}

export async function reorderLinesAction(input: { caseId: string; version: number; ids: string[] }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const r = await reorderLines(
      actor,
      id.parse(input.caseId),
      version.parse(input.version),
      reorderSchema.parse({ ids: input.ids }).ids,
    );
    refresh();
    return { version: r.version };
  });
}

// Rows pasted from a spreadsheet: all of them in one version, or none (fieldErrors name
// "lines.<i>.<field>", i counting the lines sent).
export async function addLinesAction(input: {
  caseId: string;
  version: number;
  kind: "cost" | "benefit";
  scenarioId: string;
  lines: unknown[];
}) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const body = addLinesSchema.parse({ kind: input.kind, scenarioId: input.scenarioId, lines: input.lines });
    const r = await addLines(actor, id.parse(input.caseId), version.parse(input.version), body);
    refresh();
    return { version: r.version, added: r.data.length, lineIds: r.data.map((l) => l.id) };
  });
}
