"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { addKpi, deleteKpi, duplicateKpi, reorderKpis, updateKpi } from "@/lib/db/kpis";
import { reorderSchema, kpiSchema, updateKpiSchema } from "@/lib/validation/case";
import { runAction } from "./result";

// The KPI table's writes. Each names the case version the page was rendered with; a stale one
// comes back as code "conflict" with the current version, and the form keeps what was typed.
const version = z.int().min(1);
const id = z.uuid();
const slug = z.string().min(1).max(100);

function revalidateCase(input: { slug: string; caseId: string }) {
  revalidatePath(`/w/${encodeURIComponent(slug.parse(input.slug))}/cases/${id.parse(input.caseId)}`, "layout");
}

export async function addKpiAction(input: { slug: string; caseId: string; version: number; kpi: unknown }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const result = await addKpi(actor, id.parse(input.caseId), version.parse(input.version), kpiSchema.parse(input.kpi));
    revalidateCase(input);
    return { version: result.version, id: result.data.id };
  });
}

export async function updateKpiAction(input: { slug: string; caseId: string; kpiId: string; version: number; patch: unknown }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const result = await updateKpi(actor, id.parse(input.kpiId), version.parse(input.version), updateKpiSchema.parse(input.patch));
    revalidateCase(input);
    return { version: result.version };
  });
}

export async function duplicateKpiAction(input: { slug: string; caseId: string; kpiId: string; version: number }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const result = await duplicateKpi(actor, id.parse(input.kpiId), version.parse(input.version));
    revalidateCase(input);
    return { version: result.version, id: result.data.id };
  });
}

export async function reorderKpisAction(input: { slug: string; caseId: string; version: number; ids: unknown }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const { ids } = reorderSchema.parse({ ids: input.ids });
    const result = await reorderKpis(actor, id.parse(input.caseId), version.parse(input.version), ids);
    revalidateCase(input);
    return { version: result.version };
  });
}

export async function deleteKpiAction(input: { slug: string; caseId: string; kpiId: string; version: number }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const result = await deleteKpi(actor, id.parse(input.kpiId), version.parse(input.version));
    revalidateCase(input);
    return { version: result.version };
  });
}
