// The members page's view model: the workspace (by slug, through the access layer), whether the
// viewer may manage it, its members (with which one is the viewer) and, for owners, the open
// invitations. Null when the user is not a member (the page answers 404).
import "server-only";
import type { Actor } from "@/lib/db/access";
import { listInvitations, type InvitationDTO } from "@/lib/db/invitations";
import { listMembers, type MemberDTO } from "@/lib/db/members";
import { getWorkspaceBySlugOrThrow, type WorkspaceDTO } from "@/lib/db/workspaces";
import { AppError } from "@/lib/errors";

export interface MembersView {
  workspace: WorkspaceDTO;
  canManage: boolean;
  members: (Pick<MemberDTO, "id" | "email" | "name" | "role"> & { isMe: boolean })[];
  invitations: InvitationDTO[];
}

export async function getMembersView(userId: string, slug: string): Promise<MembersView | null> {
  const actor: Actor = { kind: "user", userId };
  const workspace = await getWorkspaceBySlugOrThrow(actor, slug).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
  if (!workspace) return null;
  const canManage = workspace.role === "owner";
  const [members, invitations] = await Promise.all([
    listMembers(actor, workspace.id),
    canManage ? listInvitations(actor, workspace.id) : Promise.resolve([]),
  ]);
  return {
    workspace,
    canManage,
    members: members.map((m) => ({ id: m.id, email: m.email, name: m.name, role: m.role, isMe: m.userId === userId })),
    invitations,
  };
}
