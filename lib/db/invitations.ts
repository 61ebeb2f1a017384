import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";
import { workspaceWhere, type Actor, type Role } from "./access";
import { prisma } from "./client";

export const INVITATION_DAYS = 7;
const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export interface InvitationDTO {
  id: string;
  role: Role;
  email: string | null;
  expiresAt: string;
}

// Returns the raw token once; only its hash is stored.
export async function createInvitation(
  actor: Actor,
  workspaceId: string,
  input: { role: Role; email?: string },
): Promise<{ token: string; invitation: InvitationDTO }> {
  if (actor.kind !== "user") throw new AppError("forbidden", "Invitations are made by a signed-in owner.");
  const ws = await prisma.workspace.findFirst({
    where: { id: workspaceId, ...workspaceWhere(actor, "owner") },
    select: { id: true },
  });
  if (!ws) {
    const visible = await prisma.workspace.count({ where: { id: workspaceId, ...workspaceWhere(actor, "viewer") } });
    throw visible
      ? new AppError("forbidden", "Only owners invite members.")
      : new AppError("not_found", "Workspace not found");
  }
  const token = randomBytes(24).toString("base64url");
  const row = await prisma.$transaction(async (tx) => {
    const inv = await tx.invitation.create({
      data: {
        workspaceId,
        tokenHash: hash(token),
        role: input.role,
        email: input.email ?? null,
        createdById: actor.userId,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
      },
      select: { id: true, role: true, email: true, expiresAt: true },
    });
    await tx.auditEvent.create({
      data: {
        workspaceId,
        actorUserId: actor.userId,
        action: "create",
        entityType: "invitation",
        entityId: inv.id,
        after: { role: inv.role },
      },
    });
    return inv;
  });
  return { token, invitation: { ...row, expiresAt: row.expiresAt.toISOString() } };
}

export async function listInvitations(actor: Actor, workspaceId: string): Promise<InvitationDTO[]> {
  const rows = await prisma.invitation.findMany({
    where: { workspaceId, workspace: workspaceWhere(actor, "owner"), usedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, role: true, email: true, expiresAt: true },
  });
  return rows.map((r) => ({ ...r, expiresAt: r.expiresAt.toISOString() }));
}

export async function revokeInvitation(actor: Actor, invitationId: string): Promise<void> {
  const n = await prisma.invitation.deleteMany({
    where: { id: invitationId, usedAt: null, workspace: workspaceWhere(actor, "owner") },
  });
  if (n.count === 0) throw new AppError("not_found", "Invitation not found");
}

// Single use, expiring: unknown, used and expired tokens all answer the same "not found".
export async function acceptInvitation(actor: Actor, token: string): Promise<{ workspaceSlug: string }> {
  if (actor.kind !== "user") throw new AppError("forbidden", "Sign in to accept an invitation.");
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const claimed = await tx.invitation.updateMany({
      where: { tokenHash: hash(token), usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now, usedById: actor.userId },
    });
    if (claimed.count === 0) throw new AppError("not_found", "This invitation is not valid any more.");
    const inv = await tx.invitation.findUniqueOrThrow({
      where: { tokenHash: hash(token) },
      select: { id: true, workspaceId: true, role: true, workspace: { select: { slug: true } } },
    });
    const existing = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: inv.workspaceId, userId: actor.userId } },
    });
    if (!existing) {
      await tx.membership.create({ data: { workspaceId: inv.workspaceId, userId: actor.userId, role: inv.role } });
      await tx.auditEvent.create({
        data: {
          workspaceId: inv.workspaceId,
          actorUserId: actor.userId,
          action: "accept",
          entityType: "invitation",
          entityId: inv.id,
          after: { role: inv.role },
        },
      });
    }
    return { workspaceSlug: inv.workspace.slug };
  });
}
