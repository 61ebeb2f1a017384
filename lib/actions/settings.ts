"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { archiveCase, deleteCase, setCaseStatus, updateCase } from "@/lib/db/cases";
import { archiveCaseSchema, caseStatusSchema, updateCaseSchema } from "@/lib/validation/case";
import { runAction } from "./result";

// Case settings from the Settings tab. Writes carry the version the form was rendered with.
const version = z.int().min(1);
const id = z.uuid();
const slug = z.string().min(1).max(100);

export async function updateCaseSettingsAction(input: {
  slug: string;
  caseId: string;
  version: number;
  patch: unknown;
}) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const result = await updateCase(
      actor,
      id.parse(input.caseId),
      version.parse(input.version),
      updateCaseSchema.parse(input.patch),
    );
    const s = encodeURIComponent(slug.parse(input.slug));
    revalidatePath(`/w/${s}/cases/${input.caseId}`, "layout");
    revalidatePath(`/w/${s}`);
    return { version: result.version };
  });
}

export async function archiveCaseAction(input: { slug: string; caseId: string; version: number; archived: boolean }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const { archived } = archiveCaseSchema.parse({ archived: input.archived });
    const result = await archiveCase(actor, id.parse(input.caseId), version.parse(input.version), archived);
    const s = encodeURIComponent(slug.parse(input.slug));
    revalidatePath(`/w/${s}/cases/${input.caseId}`, "layout");
    revalidatePath(`/w/${s}`);
    return { version: result.version, archivedAt: result.data.archivedAt };
  });
}

// The caller has typed the case's name; the data layer requires the owner role.
export async function deleteCaseAction(input: { slug: string; caseId: string; version: number }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    await deleteCase(actor, id.parse(input.caseId), version.parse(input.version));
    revalidatePath(`/w/${encodeURIComponent(slug.parse(input.slug))}`);
    return { deleted: true };
  });
}

// Approve the case or send it back to draft (owners; the data layer checks the role).
export async function setCaseStatusAction(input: {
  slug: string;
  caseId: string;
  version: number;
  status: "draft" | "approved";
}) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const { status } = caseStatusSchema.parse({ status: input.status });
    const result = await setCaseStatus(actor, id.parse(input.caseId), version.parse(input.version), status);
    const s = encodeURIComponent(slug.parse(input.slug));
    revalidatePath(`/w/${s}/cases/${input.caseId}`, "layout");
    revalidatePath(`/w/${s}`);
    return { version: result.version, status: result.data.status };
  });
}
