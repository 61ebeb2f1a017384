// TEMPORARY stand-in for lib/db/access.ts (helper-3) with the agreed contract, used by the case
// tests only while that file does not exist. Remove once lib/db/access.ts lands.
type Role = "owner" | "editor" | "viewer";
export type Actor = { kind: "user"; userId: string } | { kind: "token"; tokenId: string; workspaceId: string; role: Role };
const AT_LEAST: Record<Role, Role[]> = { viewer: ["owner", "editor", "viewer"], editor: ["owner", "editor"], owner: ["owner"] };
export function workspaceWhere(actor: Actor, minRole: Role) {
  if (actor.kind === "user") return { memberships: { some: { userId: actor.userId, role: { in: AT_LEAST[minRole] } } } };
  return AT_LEAST[minRole].includes(actor.role) ? { id: actor.workspaceId } : { id: { in: [] as string[] } };
}
export function caseWhere(actor: Actor, minRole: Role) {
  return { workspace: workspaceWhere(actor, minRole) };
}
