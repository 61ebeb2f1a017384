"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { createCaseFromInput } from "@/lib/services/templates";
import { createCaseSchema } from "@/lib/validation/case";
import { runAction } from "./result";

export async function createCaseAction(input: { slug: string; name: string; template?: string }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const data = createCaseSchema.parse({ name: input.name, ...(input.template ? { template: input.template } : {}) });
    const created = await createCaseFromInput(actor, z.string().min(1).max(100).parse(input.slug), data);
    revalidatePath(`/w/${encodeURIComponent(input.slug)}`);
    return { caseId: created.caseId };
  });
}
