"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { addRisk, deleteRisk, duplicateRisk, reorderRisks, updateRisk } from "@/lib/db/risks";
import { reorderSchema, riskSchema, updateRiskSchema } from "@/lib/validation/case";
import { runAction } from "./result";

// The risk register's writes. Each names the case version the page was rendered with; a stale one
// comes back as code "conflict" with the current version, and the form keeps what was typed.
const version = z.int().min(1);
const id = z.uuid();
const slug = z.string().min(1).max(100);

function revalidateCase(input: { slug: string; caseId: string }) {
  revalidatePath(`/w/${encodeURIComponent(slug.parse(input.slug))}/cases/${id.parse(input.caseId)}`, "layout");
}

export async function addRiskAction(input: { slug: string; caseId: string; version: number; risk: unknown }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const result = await addRisk(actor, id.parse(input.caseId), version.parse(input.version), riskSchema.parse(input.risk));
    revalidateCase(input);
    return { version: result.version, id: result.data.id };
  });
}

export async function updateRiskAction(input: { slug: string; caseId: string; riskId: string; version: number; patch: unknown }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const result = await updateRisk(actor, id.parse(input.riskId), version.parse(input.version), updateRiskSchema.parse(input.patch));
    revalidateCase(input);
    return { version: result.version };
  });
}

export async function duplicateRiskAction(input: { slug: string; caseId: string; riskId: string; version: number }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const result = await duplicateRisk(actor, id.parse(input.riskId), version.parse(input.version));
    revalidateCase(input);
    return { version: result.version, id: result.data.id };
  });
}

export async function reorderRisksAction(input: { slug: string; caseId: string; version: number; ids: unknown }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const { ids } = reorderSchema.parse({ ids: input.ids });
    const result = await reorderRisks(actor, id.parse(input.caseId), version.parse(input.version), ids);
    revalidateCase(input);
    return { version: result.version };
  });
}

export async function deleteRiskAction(input: { slug: string; caseId: string; riskId: string; version: number }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const result = await deleteRisk(actor, id.parse(input.riskId), version.parse(input.version));
    revalidateCase(input);
    return { version: result.version };
  });
}
