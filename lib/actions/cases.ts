"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { deleteLine, addLine } from "@/lib/db/lines";
import { createCaseFromInput } from "@/lib/services/templates";
import { addLineSchema, createCaseSchema } from "@/lib/validation/case";
import { runAction } from "./result";

const version = z.int().min(1);
const id = z.uuid();

export async function createCaseAction(input: { slug: string; name: string; template?: string }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const data = createCaseSchema.parse({ name: input.name, ...(input.template ? { template: input.template } : {}) });
    const created = await createCaseFromInput(actor, z.string().min(1).max(100).parse(input.slug), data);
    revalidatePath(`/w/${encodeURIComponent(input.slug)}`);
    return { caseId: created.caseId };
  });
}

// A refused write (someone changed the case first) comes back as code "conflict": the form keeps
// what the user typed and the page reloads the current figures.
export async function addLineAction(input: { slug: string; caseId: string; version: number; line: unknown }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const result = await addLine(actor, id.parse(input.caseId), version.parse(input.version), addLineSchema.parse(input.line));
    revalidatePath(`/w/${encodeURIComponent(input.slug)}/cases/${input.caseId}`);
    return { version: result.version };
  });
}

export async function deleteLineAction(input: { slug: string; caseId: string; lineId: string; version: number }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const result = await deleteLine(actor, id.parse(input.lineId), version.parse(input.version));
    revalidatePath(`/w/${encodeURIComponent(input.slug)}/cases/${input.caseId}`);
    return { version: result.version };
  });
}
