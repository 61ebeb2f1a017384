"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { ROLES } from "@/lib/db/access";
import { acceptInvitation, createInvitation, revokeInvitation } from "@/lib/db/invitations";
import { changeMemberRole, removeMember } from "@/lib/db/members";
import { createWorkspace } from "@/lib/db/workspaces";
import { runAction } from "./result";

const nameSchema = z.object({ name: z.string().trim().min(1, "Give the workspace a name").max(200) });
const id = z.uuid();

export async function createWorkspaceAction(input: { name: string }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const ws = await createWorkspace(actor, nameSchema.parse(input));
    revalidatePath("/w");
    return { slug: ws.slug };
  });
}

export async function changeMemberRoleAction(input: { memberId: string; role: string; slug: string }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const data = z.object({ memberId: id, role: z.enum(ROLES) }).parse(input);
    await changeMemberRole(actor, data.memberId, data.role);
    revalidatePath(`/w/${encodeURIComponent(input.slug)}/members`);
    return null;
  });
}

export async function removeMemberAction(input: { memberId: string; slug: string }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    await removeMember(actor, id.parse(input.memberId));
    revalidatePath(`/w/${encodeURIComponent(input.slug)}/members`);
    return null;
  });
}

export async function createInvitationAction(input: { workspaceId: string; role: string; slug: string }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const data = z.object({ workspaceId: id, role: z.enum(ROLES) }).parse(input);
    const { token } = await createInvitation(actor, data.workspaceId, { role: data.role });
    revalidatePath(`/w/${encodeURIComponent(input.slug)}/members`);
    return { path: `/invite/${token}` };
  });
}

export async function revokeInvitationAction(input: { invitationId: string; slug: string }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    await revokeInvitation(actor, id.parse(input.invitationId));
    revalidatePath(`/w/${encodeURIComponent(input.slug)}/members`);
    return null;
  });
}

export async function acceptInvitationAction(input: { token: string }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    return acceptInvitation(actor, z.string().min(10).max(100).parse(input.token));
  });
}
