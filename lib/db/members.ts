import "server-only";
import { AppError } from "@/lib/errors";
import { membershipWhere, type Actor, type Role } from "./access";
import { announceAccessChange } from "./access-events";
import { authCache } from "./auth-cache";
import { prisma } from "./client";
import type { Prisma } from "./generated/client";

export interface MemberDTO {
  id: string;
  userId: string;
  email: string;
  name: string | null;
  role: Role;
}

const memberSelect = { id: true, userId: true, role: true, user: { select: { email: true, name: true } } } as const;
const toDTO = (m: {
  id: string;
  userId: string;
  role: Role;
  user: { email: string; name: string | null };
}): MemberDTO => ({
  id: m.id,
  userId: m.userId,
  email: m.user.email,
  name: m.user.name,
  role: m.role,
});

export async function listMembers(actor: Actor, workspaceId: string): Promise<MemberDTO[]> {
  const rows = await prisma.membership.findMany({
    where: { workspaceId, ...membershipWhere(actor, "viewer") },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
    select: memberSelect,
  });
  return rows.map(toDTO);
}

// The member row, found only through a workspace where the actor is owner. A member of the
// workspace who is not an owner gets "forbidden"; anyone else "not found".
async function findManagedMember(tx: Prisma.TransactionClient, actor: Actor, memberId: string) {
  const row = await tx.membership.findFirst({
    where: { id: memberId, ...membershipWhere(actor, "owner") },
    select: { ...memberSelect, workspaceId: true },
  });
  if (row) return row;
  const visible = await tx.membership.count({ where: { id: memberId, ...membershipWhere(actor, "viewer") } });
  throw visible
    ? new AppError("forbidden", "Only owners manage members.")
    : new AppError("not_found", "Member not found");
}

async function ownerCount(tx: Prisma.TransactionClient, workspaceId: string) {
  return tx.membership.count({ where: { workspaceId, role: "owner" } });
}

export async function changeMemberRole(actor: Actor, memberId: string, role: Role): Promise<MemberDTO> {
  return prisma
    .$transaction(async (tx) => {
      const member = await findManagedMember(tx, actor, memberId);
      if (member.role === "owner" && role !== "owner" && (await ownerCount(tx, member.workspaceId)) <= 1) {
        throw new AppError("conflict", "The last owner cannot be demoted: make someone else owner first.");
      }
      const updated = await tx.membership.update({ where: { id: memberId }, data: { role }, select: memberSelect });
      await tx.auditEvent.create({
        data: {
          workspaceId: member.workspaceId,
          actorUserId: actor.kind === "user" ? actor.userId : null,
          actorTokenId: actor.kind === "token" ? actor.tokenId : null,
          action: "update",
          entityType: "membership",
          entityId: memberId,
          before: { role: member.role },
          after: { role },
        },
      });
      await announceAccessChange(tx, { workspaceId: member.workspaceId, userId: member.userId, change: "role" });
      return toDTO(updated);
    })
    .finally(() => authCache().clear()); // this instance at once (kept roles); the others on the NOTIFY
}

// Owners remove anyone; any member may leave. The last owner can do neither to themself.
export async function removeMember(actor: Actor, memberId: string): Promise<void> {
  await prisma
    .$transaction(async (tx) => {
      const self =
        actor.kind === "user"
          ? await tx.membership.findFirst({
              where: { id: memberId, userId: actor.userId },
              select: { ...memberSelect, workspaceId: true },
            })
          : null;
      const member = self ?? (await findManagedMember(tx, actor, memberId));
      if (member.role === "owner" && (await ownerCount(tx, member.workspaceId)) <= 1) {
        throw new AppError("conflict", "The last owner cannot leave or be removed.");
      }
      await tx.membership.delete({ where: { id: memberId } });
      await tx.auditEvent.create({
        data: {
          workspaceId: member.workspaceId,
          actorUserId: actor.kind === "user" ? actor.userId : null,
          action: "delete",
          entityType: "membership",
          entityId: memberId,
          before: { userId: member.userId, role: member.role },
        },
      });
      await announceAccessChange(tx, { workspaceId: member.workspaceId, userId: member.userId, change: "removed" });
    })
    .finally(() => authCache().clear()); // this instance at once (kept roles); the others on the NOTIFY
}
