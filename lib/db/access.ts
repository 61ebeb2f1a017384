// THE access layer (docs/architecture.md#authorisation). Every workspace- or case-scoped query builds its
// `where` here from the actor (a signed-in user or a workspace API token) and the minimum role.
// Roles are read from the database on every query (membership rows), never from a session token,
// so a role change or removal takes effect on the next request. A row the actor may not see is
// simply not found: existence never leaks.
import "server-only";
import type { Prisma, Role } from "./generated/client";

export const ROLES = ["owner", "editor", "viewer"] as const satisfies readonly Role[];
export type { Role };

// `floor`: the least role the request declared it needs (an API operation's `role`, set by
// lib/api/handler.ts): every role check above seeing asks for at least that (see `needed`), so a
// write is refused below the role its operation declares, whatever the data function asks for.
export type Actor = (
  { kind: "user"; userId: string } | { kind: "token"; tokenId: string; workspaceId: string; role: Role }
) & { floor?: Role };

export const ROLE_RANK: Record<Role, number> = { viewer: 1, editor: 2, owner: 3 };

export function hasRole(role: Role, min: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[min];
}

export function rolesAtLeast(min: Role): Role[] {
  return ROLES.filter((r) => hasRole(r, min));
}

// An id that is not a UUID can match nothing; answering early keeps PostgreSQL from rejecting it.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

const NOTHING: Prisma.WorkspaceWhereInput = { id: { in: [] } };

// The role a query needs: the one it asks for, raised to the actor's floor when it asks for more
// than seeing. A viewer query is the "may they see it" question every write asks first (to tell a
// member short of the role 403 and anyone else 404), so it keeps its meaning; every role check
// above it (the write door's, an owner's filter) asks for at least what the operation declared.
function needed(actor: Actor, minRole: Role): Role {
  if (minRole === "viewer" || actor.floor === undefined) return minRole;
  return ROLE_RANK[actor.floor] > ROLE_RANK[minRole] ? actor.floor : minRole;
}

export function workspaceWhere(actor: Actor, asked: Role): Prisma.WorkspaceWhereInput {
  const minRole = needed(actor, asked);
  if (actor.kind === "token") {
    // A token acts within its own workspace only, with the role it was created with.
    return hasRole(actor.role, minRole) ? { id: actor.workspaceId } : NOTHING;
  }
  return { memberships: { some: { userId: actor.userId, role: { in: rolesAtLeast(minRole) } } } };
}

// The same rule as workspaceWhere for a workspace already known, given the user's role there
// (memberRole: looked up by the caller, null when not a member; unused for tokens). For answers
// kept in memory (lib/db/auth-cache.ts); queries use workspaceWhere / caseWhere.
export function reachesWorkspace(actor: Actor, workspaceId: string, asked: Role, memberRole: Role | null): boolean {
  const minRole = needed(actor, asked);
  if (actor.kind === "token") return actor.workspaceId === workspaceId && hasRole(actor.role, minRole);
  return memberRole !== null && hasRole(memberRole, minRole);
}

export function caseWhere(actor: Actor, minRole: Role): Prisma.BusinessCaseWhereInput {
  return { workspace: workspaceWhere(actor, minRole) };
}

export function membershipWhere(actor: Actor, minRole: Role): Prisma.MembershipWhereInput {
  return { workspace: workspaceWhere(actor, minRole) };
}
