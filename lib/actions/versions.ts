"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { approveCase, rejectApproval, requestApproval } from "@/lib/db/approvals";
import { restoreSnapshot } from "@/lib/db/cases";
import { createSnapshot } from "@/lib/db/snapshots";
import { approveSchema, createSnapshotSchema, rejectSchema, requestApprovalSchema } from "@/lib/validation/versions";
import { runAction } from "./result";

// The Versions tab: snapshots, restore and the approval workflow. The data layer checks roles.
const version = z.int().min(1);
const id = z.uuid();
const slug = z.string().min(1).max(100);

function refresh(s: string, caseId: string) {
  const ws = encodeURIComponent(slug.parse(s));
  revalidatePath(`/w/${ws}/cases/${caseId}`, "layout");
  revalidatePath(`/w/${ws}`);
}

export async function createSnapshotAction(input: { slug: string; caseId: string; name: string }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const { name } = createSnapshotSchema.parse({ name: input.name });
    const r = await createSnapshot(actor, id.parse(input.caseId), name);
    refresh(input.slug, input.caseId);
    return { id: r.data.id };
  });
}

export async function restoreSnapshotAction(input: {
  slug: string;
  caseId: string;
  snapshotId: string;
  version: number;
}) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const r = await restoreSnapshot(actor, id.parse(input.snapshotId), version.parse(input.version));
    refresh(input.slug, input.caseId);
    return { version: r.version };
  });
}

export async function requestApprovalAction(input: {
  slug: string;
  caseId: string;
  approverIds: string[];
  note: string;
}) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const body = requestApprovalSchema.parse({ approverIds: input.approverIds, note: input.note });
    const r = await requestApproval(actor, id.parse(input.caseId), body);
    refresh(input.slug, input.caseId);
    return { id: r.data.id };
  });
}

export async function decideApprovalAction(input: {
  slug: string;
  caseId: string;
  version: number;
  decision: "approve" | "reject";
  comment: string;
}) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const caseId = id.parse(input.caseId);
    if (input.decision === "approve") {
      const { comment } = approveSchema.parse({ comment: input.comment });
      const r = await approveCase(actor, caseId, version.parse(input.version), { comment });
      refresh(input.slug, caseId);
      return { version: r.version, snapshotId: r.data.snapshot.id as string | null };
    }
    const { comment } = rejectSchema.parse({ comment: input.comment });
    const r = await rejectApproval(actor, caseId, { comment });
    refresh(input.slug, caseId);
    return { version: r.version, snapshotId: null };
  });
}
