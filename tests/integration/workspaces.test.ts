// Accounts, workspaces, members and invitations on a real PostgreSQL: every operation with two
// workspaces and each role (owner, editor, viewer), an outsider, and a token of another workspace.
// Refusals answer not_found (or forbidden for a member lacking the role) and change nothing.
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor, Role } from "@/lib/db/access";
import { prisma } from "@/lib/db/client";
import { acceptInvitation, createInvitation, listInvitations, revokeInvitation } from "@/lib/db/invitations";
import { changeMemberRole, listMembers, removeMember } from "@/lib/db/members";
import { completeSsoSignIn } from "@/lib/db/sso";
import { createUserWithPassword, verifyCredentials } from "@/lib/db/users";
import { createWorkspace, getWorkspaceBySlugOrThrow, listWorkspacesForUser } from "@/lib/db/workspaces";
import { AppError } from "@/lib/errors";
import { resetDatabase, snapshotDatabase } from "../helpers/db";

const user = (userId: string): Actor => ({ kind: "user", userId });

interface World {
  a: { id: string; slug: string };
  b: { id: string; slug: string };
  actors: Record<"owner" | "editor" | "viewer" | "outsider", Actor>;
  ids: Record<"owner" | "editor" | "viewer" | "outsider", string>;
  memberIds: Record<"owner" | "editor" | "viewer", string>;
  foreignToken: Actor;
}

async function world(): Promise<World> {
  const mk = (n: string) => createUserWithPassword({ email: `${n}@example.com`, password: "long enough password" });
  const [owner, editor, viewer, outsider] = await Promise.all([
    mk("owner"),
    mk("editor"),
    mk("viewer"),
    mk("outsider"),
  ]);
  const a = await createWorkspace(user(owner.id), { name: "Alpha AB" });
  const b = await createWorkspace(user(outsider.id), { name: "Beta AS" });
  const add = (userId: string, role: Role) =>
    prisma.membership.create({ data: { workspaceId: a.id, userId, role }, select: { id: true } });
  const [e, v] = await Promise.all([add(editor.id, "editor"), add(viewer.id, "viewer")]);
  const ownerMember = await prisma.membership.findFirstOrThrow({ where: { workspaceId: a.id, userId: owner.id } });
  return {
    a,
    b,
    actors: { owner: user(owner.id), editor: user(editor.id), viewer: user(viewer.id), outsider: user(outsider.id) },
    ids: { owner: owner.id, editor: editor.id, viewer: viewer.id, outsider: outsider.id },
    memberIds: { owner: ownerMember.id, editor: e.id, viewer: v.id },
    foreignToken: { kind: "token", tokenId: "00000000-0000-4000-8000-000000000001", workspaceId: b.id, role: "owner" },
  };
}

async function refused(fn: () => Promise<unknown>, code: "not_found" | "forbidden" | "conflict") {
  const before = await snapshotDatabase();
  const error = await fn().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect(await snapshotDatabase()).toBe(before);
}

let w: World;
beforeEach(async () => {
  await resetDatabase();
  w = await world();
});

describe("accounts", () => {
  it("hashes passwords, refuses a duplicate e-mail, verifies only the right password", async () => {
    const row = await prisma.user.findUniqueOrThrow({ where: { email: "owner@example.com" } });
    expect(row.passwordHash).toMatch(/^\$2[aby]\$/);
    await refused(
      () => createUserWithPassword({ email: "owner@example.com", password: "another password" }),
      "conflict",
    );
    expect(await verifyCredentials("owner@example.com", "long enough password")).not.toBeNull();
    expect(await verifyCredentials("owner@example.com", "wrong password")).toBeNull();
    expect(await verifyCredentials("nobody@example.com", "long enough password")).toBeNull();
  });

  it("never links an OIDC identity to an existing account by e-mail unless the deployment allows verified linking", async () => {
    const identity = (subject: string, email: string, more: Partial<Parameters<typeof completeSsoSignIn>[0]> = {}) => ({
      providerId: "oidc",
      subject,
      email,
      emailVerified: true,
      name: null,
      groups: [],
      linkVerifiedEmail: false,
      ...more,
    });
    expect(await completeSsoSignIn(identity("attacker-sub", "OWNER@example.com"))).toEqual({
      refused: "OidcEmailTaken",
    });
    const created = await completeSsoSignIn(identity("sub-1", "new@example.com"));
    expect("userId" in created).toBe(true);
    const again = await completeSsoSignIn(identity("sub-1", "changed@example.com"));
    expect(again).toEqual(created);
    // Unverified: neither a new account nor a link.
    expect(await completeSsoSignIn(identity("sub-2", "una@example.com", { emailVerified: false }))).toEqual({
      refused: "OidcEmailUnverified",
    });
    expect(await completeSsoSignIn(identity("sub-3", "", { email: null }))).toEqual({ refused: "OidcNoEmail" });
    // Linking by verified e-mail where the deployment allows it, never with email_verified absent.
    expect(
      await completeSsoSignIn(identity("sub-4", "owner@example.com", { emailVerified: null, linkVerifiedEmail: true })),
    ).toEqual({ refused: "OidcEmailTaken" });
    const linked = await completeSsoSignIn(identity("sub-4", "owner@example.com", { linkVerifiedEmail: true }));
    const ownerRow = await prisma.user.findUniqueOrThrow({ where: { email: "owner@example.com" } });
    expect(linked).toEqual({ userId: ownerRow.id });
  });
});

describe("workspaces", () => {
  it("lists only the actor's workspaces, with the role read from the database", async () => {
    expect((await listWorkspacesForUser(w.actors.owner)).map((x) => [x.name, x.role])).toEqual([["Alpha AB", "owner"]]);
    expect((await listWorkspacesForUser(w.actors.viewer)).map((x) => x.role)).toEqual(["viewer"]);
    expect((await listWorkspacesForUser(w.actors.outsider)).map((x) => x.name)).toEqual(["Beta AS"]);
    expect((await listWorkspacesForUser(w.foreignToken)).map((x) => x.name)).toEqual(["Beta AS"]);
    await refused(() => getWorkspaceBySlugOrThrow(w.actors.outsider, w.a.slug), "not_found");
    await refused(() => getWorkspaceBySlugOrThrow(w.foreignToken, w.a.slug), "not_found");
  });

  it("makes the creator owner and records it in the audit trail", async () => {
    const ws = await createWorkspace(w.actors.viewer, { name: "Gamma Oy" });
    expect(ws.role).toBe("owner");
    expect(await prisma.auditEvent.count({ where: { workspaceId: ws.id, entityType: "workspace" } })).toBe(1);
  });
});

describe("members", () => {
  it("lets every member list members; outsiders and foreign tokens see none", async () => {
    for (const role of ["owner", "editor", "viewer"] as const)
      expect((await listMembers(w.actors[role], w.a.id)).length).toBe(3);
    expect(await listMembers(w.actors.outsider, w.a.id)).toEqual([]);
    expect(await listMembers(w.foreignToken, w.a.id)).toEqual([]);
  });

  it("lets only owners change roles; the change takes effect on the next call", async () => {
    await refused(() => changeMemberRole(w.actors.editor, w.memberIds.viewer, "owner"), "forbidden");
    await refused(() => changeMemberRole(w.actors.viewer, w.memberIds.viewer, "owner"), "forbidden");
    await refused(() => changeMemberRole(w.actors.outsider, w.memberIds.viewer, "owner"), "not_found");
    await refused(() => changeMemberRole(w.foreignToken, w.memberIds.viewer, "owner"), "not_found");
    await changeMemberRole(w.actors.owner, w.memberIds.viewer, "editor");
    expect((await listWorkspacesForUser(w.actors.viewer))[0]!.role).toBe("editor");
    expect(await prisma.auditEvent.count({ where: { entityType: "membership", action: "update" } })).toBe(1);
  });

  it("never demotes or removes the last owner", async () => {
    await refused(() => changeMemberRole(w.actors.owner, w.memberIds.owner, "editor"), "conflict");
    await refused(() => removeMember(w.actors.owner, w.memberIds.owner), "conflict");
    await changeMemberRole(w.actors.owner, w.memberIds.editor, "owner");
    await changeMemberRole(w.actors.owner, w.memberIds.owner, "viewer");
    expect((await listWorkspacesForUser(w.actors.owner))[0]!.role).toBe("viewer");
  });

  it("lets owners remove members and members leave; nobody else", async () => {
    await refused(() => removeMember(w.actors.editor, w.memberIds.viewer), "forbidden");
    await refused(() => removeMember(w.actors.outsider, w.memberIds.viewer), "not_found");
    await refused(() => removeMember(w.foreignToken, w.memberIds.viewer), "not_found");
    await removeMember(w.actors.viewer, w.memberIds.viewer);
    expect(await listWorkspacesForUser(w.actors.viewer)).toEqual([]);
    await removeMember(w.actors.owner, w.memberIds.editor);
    expect(await listWorkspacesForUser(w.actors.editor)).toEqual([]);
  });
});

describe("invitations", () => {
  it("only owners invite; the token is single use and stored hashed", async () => {
    await refused(() => createInvitation(w.actors.editor, w.a.id, { role: "viewer" }), "forbidden");
    await refused(() => createInvitation(w.actors.viewer, w.a.id, { role: "viewer" }), "forbidden");
    await refused(() => createInvitation(w.actors.outsider, w.a.id, { role: "viewer" }), "not_found");
    await refused(() => createInvitation(w.foreignToken, w.a.id, { role: "viewer" }), "forbidden");
    const { token } = await createInvitation(w.actors.owner, w.a.id, { role: "editor" });
    expect(await prisma.invitation.count({ where: { tokenHash: token } })).toBe(0);
    expect((await listInvitations(w.actors.owner, w.a.id)).length).toBe(1);
    expect(await listInvitations(w.actors.viewer, w.a.id)).toEqual([]);
    const newcomer = await createUserWithPassword({ email: "new@example.com", password: "long enough password" });
    await acceptInvitation(user(newcomer.id), token);
    expect((await listWorkspacesForUser(user(newcomer.id)))[0]).toMatchObject({ name: "Alpha AB", role: "editor" });
    await refused(() => acceptInvitation(w.actors.outsider, token), "not_found");
  });

  it("expired, revoked and unknown tokens all answer not found", async () => {
    const { token, invitation } = await createInvitation(w.actors.owner, w.a.id, { role: "viewer" });
    await prisma.invitation.update({ where: { id: invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await refused(() => acceptInvitation(w.actors.outsider, token), "not_found");
    const second = await createInvitation(w.actors.owner, w.a.id, { role: "viewer" });
    await refused(() => revokeInvitation(w.actors.outsider, second.invitation.id), "not_found");
    await refused(() => revokeInvitation(w.actors.editor, second.invitation.id), "not_found");
    await revokeInvitation(w.actors.owner, second.invitation.id);
    await refused(() => acceptInvitation(w.actors.outsider, second.token), "not_found");
    await refused(() => acceptInvitation(w.actors.outsider, "made-up-token-0123456789"), "not_found");
  });
});
