// SCIM 2.0 provisioning in the data layer (docs/enterprise-sign-in.md). Everything is scoped by
// the workspace the bearer token belongs to; an id of another workspace is not found.
//
//   authenticateScimToken(secret)                    -> workspaceId | null
//   createScimToken(actor, workspaceRef)             owner (a person) -> { secret }   (replaces the old one)
//   revokeScimTokens(actor, workspaceRef)            owner (a person)
//   list/get/create/replace/delete ScimUser and ScimGroup rows for lib/scim
//
// Membership follows the provider: an active ScimUser has a Membership, with the role its groups
// map to (the workspace's SSO policy), else the policy's default role. Deactivating or deleting
// one removes the membership and ends the person's sessions and the API tokens they made in the
// workspace, announced to every instance (access-events.ts) so streams end and caches forget.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";
import { roleFromGroups } from "@/lib/validation/sso";
import type { Actor, Role } from "./access";
import { announceAccessChange } from "./access-events";
import { authCache } from "./auth-cache";
import { TX_OPTIONS } from "./case-write";
import { prisma } from "./client";
import { mapDbError, readDb } from "./errors";
import type { Prisma } from "./generated/client";
import { parsePolicy } from "./sso";
import { findOwnedWorkspaceForPeople } from "./workspace-owner";

export const SCIM_TOKEN_PREFIX = "cbs_";
const hash = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");

type Tx = Prisma.TransactionClient;

// ---- tokens ---------------------------------------------------------------------------------

export async function authenticateScimToken(secret: string): Promise<string | null> {
  if (!secret.startsWith(SCIM_TOKEN_PREFIX) || secret.length > 200) return null;
  const row = await readDb(() =>
    prisma.scimToken.findUnique({
      where: { tokenHash: hash(secret) },
      select: { id: true, workspaceId: true, revokedAt: true, lastUsedAt: true },
    }),
  );
  if (!row || row.revokedAt) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000)
    await prisma.scimToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }).catch(() => {});
  return row.workspaceId;
}

export async function createScimToken(actor: Actor, workspaceRef: string): Promise<{ secret: string; prefix: string }> {
  const ws = await findOwnedWorkspaceForPeople(actor, workspaceRef);
  const userId = (actor as Extract<Actor, { kind: "user" }>).userId;
  const secret = SCIM_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const prefix = secret.slice(0, 10);
  await prisma.$transaction(async (tx) => {
    await tx.scimToken.updateMany({ where: { workspaceId: ws.id, revokedAt: null }, data: { revokedAt: new Date() } });
    const row = await tx.scimToken.create({
      data: { workspaceId: ws.id, tokenHash: hash(secret), prefix, createdById: userId },
      select: { id: true },
    });
    await audit(tx, ws.id, { userId }, "scim.token_create", "scim_token", row.id, null, { prefix });
  }, TX_OPTIONS);
  return { secret, prefix };
}

export async function revokeScimTokens(actor: Actor, workspaceRef: string): Promise<void> {
  const ws = await findOwnedWorkspaceForPeople(actor, workspaceRef);
  const userId = (actor as Extract<Actor, { kind: "user" }>).userId;
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.scimToken.updateMany({
      where: { workspaceId: ws.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count) await audit(tx, ws.id, { userId }, "scim.token_revoke", "scim_token", ws.id, null, null);
  }, TX_OPTIONS);
}

// ---- rows -----------------------------------------------------------------------------------

const userSelect = {
  id: true,
  userName: true,
  externalId: true,
  active: true,
  displayName: true,
  givenName: true,
  familyName: true,
  createdAt: true,
  updatedAt: true,
  user: { select: { email: true } },
  groups: { select: { group: { select: { id: true, displayName: true } } } },
} satisfies Prisma.ScimUserSelect;
export type ScimUserRow = Prisma.ScimUserGetPayload<{ select: typeof userSelect }>;

const groupSelect = {
  id: true,
  displayName: true,
  externalId: true,
  createdAt: true,
  updatedAt: true,
  members: { select: { scimUser: { select: { id: true, userName: true } } } },
} satisfies Prisma.ScimGroupSelect;
export type ScimGroupRow = Prisma.ScimGroupGetPayload<{ select: typeof groupSelect }>;

export interface ScimUserInput {
  userName: string;
  email: string;
  externalId: string | null;
  active: boolean;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
}

export interface ScimGroupInput {
  displayName: string;
  externalId: string | null;
  memberIds: string[];
}

export const listScimUsers = (workspaceId: string) =>
  readDb(() => prisma.scimUser.findMany({ where: { workspaceId }, select: userSelect, orderBy: { createdAt: "asc" } }));

export const getScimUser = (workspaceId: string, id: string) =>
  isId(id) ? readDb(() => prisma.scimUser.findFirst({ where: { workspaceId, id }, select: userSelect })) : null;

export const listScimGroups = (workspaceId: string) =>
  readDb(() =>
    prisma.scimGroup.findMany({ where: { workspaceId }, select: groupSelect, orderBy: { createdAt: "asc" } }),
  );

export const getScimGroup = (workspaceId: string, id: string) =>
  isId(id) ? readDb(() => prisma.scimGroup.findFirst({ where: { workspaceId, id }, select: groupSelect })) : null;

const isId = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

const provider = { userId: null as string | null }; // audit rows by the provider carry no user

async function audit(
  tx: Tx,
  workspaceId: string,
  who: { userId: string | null },
  action: string,
  entityType: string,
  entityId: string,
  before: unknown,
  after: unknown,
) {
  await tx.auditEvent.create({
    data: {
      workspaceId,
      actorUserId: who.userId,
      action,
      entityType,
      entityId,
      before: before === null ? undefined : (JSON.parse(JSON.stringify(before)) as Prisma.InputJsonValue),
      after: after === null ? undefined : (JSON.parse(JSON.stringify(after)) as Prisma.InputJsonValue),
    },
  });
}

async function write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await prisma.$transaction(fn, TX_OPTIONS);
  } catch (error) {
    throw mapDbError(error);
  } finally {
    authCache().clear();
  }
}

// The membership an active ScimUser should have, from its groups and the workspace's policy.
// On creation an existing member keeps their role (a new ScimUser has no groups yet); after that,
// when the policy maps groups to roles, groups decide (never taking the last owner away).
async function syncMembership(
  tx: Tx,
  workspaceId: string,
  scimUserId: string,
  opts: { keepExistingRole?: boolean } = {},
): Promise<void> {
  const su = await tx.scimUser.findUniqueOrThrow({
    where: { id: scimUserId },
    select: {
      userId: true,
      active: true,
      groups: { select: { group: { select: { displayName: true } } } },
      workspace: { select: { ssoPolicy: true } },
    },
  });
  const member = await tx.membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId: su.userId } },
    select: { id: true, role: true },
  });
  if (!su.active) {
    if (member) await deprovision(tx, workspaceId, su.userId, member);
    return;
  }
  const policy = parsePolicy(su.workspace.ssoPolicy);
  const fromGroups = policy
    ? roleFromGroups(
        policy,
        su.groups.map((g) => g.group.displayName),
      )
    : null;
  const groupsDecide = policy !== null && Object.keys(policy.groupRoles).length > 0;
  const keep = member && (opts.keepExistingRole || !groupsDecide);
  const role: Role = fromGroups ?? (keep ? member.role : (policy?.defaultRole ?? "viewer"));
  if (!member) {
    const created = await tx.membership.create({
      data: { workspaceId, userId: su.userId, role },
      select: { id: true },
    });
    await audit(tx, workspaceId, provider, "member.provision", "member", created.id, null, { role, scimUserId });
  } else if (member.role !== role) {
    await assertOwnerRemains(tx, workspaceId, member, role);
    await tx.membership.update({ where: { id: member.id }, data: { role } });
    await audit(
      tx,
      workspaceId,
      provider,
      "member.role_from_groups",
      "member",
      member.id,
      { role: member.role },
      { role },
    );
    await announceAccessChange(tx, { workspaceId, userId: su.userId, change: "role" });
  }
}

async function assertOwnerRemains(tx: Tx, workspaceId: string, member: { role: Role }, next: Role | null) {
  if (member.role !== "owner" || next === "owner") return;
  const owners = await tx.membership.count({ where: { workspaceId, role: "owner" } });
  if (owners <= 1) throw new AppError("conflict", "the workspace's last owner cannot be deprovisioned or demoted");
}

// The person leaves the workspace now: membership, sessions, the API tokens they made here.
async function deprovision(tx: Tx, workspaceId: string, userId: string, member: { id: string; role: Role }) {
  await assertOwnerRemains(tx, workspaceId, member, null);
  await tx.membership.delete({ where: { id: member.id } });
  const sessions = await tx.authSession.findMany({ where: { userId }, select: { id: true } });
  await tx.authSession.deleteMany({ where: { userId } });
  const tokens = await tx.apiToken.findMany({
    where: { workspaceId, createdById: userId, revokedAt: null },
    select: { id: true },
  });
  await tx.apiToken.updateMany({ where: { id: { in: tokens.map((t) => t.id) } }, data: { revokedAt: new Date() } });
  await audit(
    tx,
    workspaceId,
    provider,
    "member.deprovision",
    "member",
    member.id,
    { role: member.role, userId },
    {
      sessionsEnded: sessions.length,
      tokensRevoked: tokens.length,
    },
  );
  await announceAccessChange(tx, { workspaceId, userId, change: "removed" });
  for (const s of sessions) await announceAccessChange(tx, { sessionId: s.id, change: "session_ended" });
  for (const t of tokens) await announceAccessChange(tx, { workspaceId, tokenId: t.id, change: "token_revoked" });
}

async function findOrCreateUser(tx: Tx, input: ScimUserInput): Promise<string> {
  const email = input.email.trim().toLowerCase();
  const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) return existing.id;
  const name = input.displayName ?? ([input.givenName, input.familyName].filter(Boolean).join(" ") || null);
  const created = await tx.user.create({ data: { email, name }, select: { id: true } });
  return created.id;
}

export async function createScimUser(workspaceId: string, input: ScimUserInput): Promise<ScimUserRow> {
  return write(async (tx) => {
    const taken = await tx.scimUser.findFirst({
      where: { workspaceId, userName: { equals: input.userName, mode: "insensitive" } },
      select: { id: true },
    });
    if (taken) throw new AppError("conflict", `userName ${input.userName} is already provisioned`);
    const userId = await findOrCreateUser(tx, input);
    const already = await tx.scimUser.findUnique({ where: { workspaceId_userId: { workspaceId, userId } } });
    if (already) throw new AppError("conflict", `${input.email} is already provisioned`);
    const row = await tx.scimUser.create({ data: { workspaceId, userId, ...userFields(input) }, select: { id: true } });
    await audit(tx, workspaceId, provider, "scim.user_create", "scim_user", row.id, null, input);
    await syncMembership(tx, workspaceId, row.id, { keepExistingRole: true });
    return tx.scimUser.findUniqueOrThrow({ where: { id: row.id }, select: userSelect });
  });
}

const userFields = (input: ScimUserInput) => ({
  userName: input.userName,
  externalId: input.externalId,
  active: input.active,
  displayName: input.displayName,
  givenName: input.givenName,
  familyName: input.familyName,
});

export async function replaceScimUser(workspaceId: string, id: string, input: ScimUserInput): Promise<ScimUserRow> {
  return write(async (tx) => {
    const before = await tx.scimUser.findFirst({ where: { workspaceId, id }, select: userSelect });
    if (!before) throw new AppError("not_found", "not found");
    const clash = await tx.scimUser.findFirst({
      where: { workspaceId, userName: { equals: input.userName, mode: "insensitive" }, NOT: { id } },
      select: { id: true },
    });
    if (clash) throw new AppError("conflict", `userName ${input.userName} is already provisioned`);
    await tx.scimUser.update({ where: { id }, data: userFields(input) });
    const action = before.active && !input.active ? "scim.user_deactivate" : "scim.user_replace";
    await audit(tx, workspaceId, provider, action, "scim_user", id, before, input);
    await syncMembership(tx, workspaceId, id);
    return tx.scimUser.findUniqueOrThrow({ where: { id }, select: userSelect });
  });
}

export async function deleteScimUser(workspaceId: string, id: string): Promise<void> {
  await write(async (tx) => {
    const before = await tx.scimUser.findFirst({ where: { workspaceId, id }, select: { id: true, userName: true } });
    if (!before) throw new AppError("not_found", "not found");
    await tx.scimUser.update({ where: { id }, data: { active: false } });
    await syncMembership(tx, workspaceId, id);
    await tx.scimUser.delete({ where: { id } });
    await audit(tx, workspaceId, provider, "scim.user_delete", "scim_user", id, before, null);
  });
}

async function resolveMembers(tx: Tx, workspaceId: string, memberIds: string[]): Promise<string[]> {
  const ids = [...new Set(memberIds)];
  if (ids.some((m) => !isId(m))) throw new AppError("bad_request", "members[].value must be a User id");
  const found = await tx.scimUser.findMany({ where: { workspaceId, id: { in: ids } }, select: { id: true } });
  if (found.length !== ids.length) throw new AppError("bad_request", "members[].value names a User that is not here");
  return ids;
}

async function setGroup(tx: Tx, workspaceId: string, groupId: string | null, input: ScimGroupInput) {
  const members = await resolveMembers(tx, workspaceId, input.memberIds);
  const clash = await tx.scimGroup.findFirst({
    where: { workspaceId, displayName: input.displayName, ...(groupId ? { NOT: { id: groupId } } : {}) },
    select: { id: true },
  });
  if (clash) throw new AppError("conflict", `a group named ${input.displayName} exists`);
  let id = groupId;
  let previous: string[] = [];
  if (id) {
    previous = (await tx.scimGroupMember.findMany({ where: { groupId: id }, select: { scimUserId: true } })).map(
      (m) => m.scimUserId,
    );
    await tx.scimGroup.update({
      where: { id },
      data: { displayName: input.displayName, externalId: input.externalId },
    });
    await tx.scimGroupMember.deleteMany({ where: { groupId: id } });
  } else {
    id = (
      await tx.scimGroup.create({
        data: { workspaceId, displayName: input.displayName, externalId: input.externalId },
        select: { id: true },
      })
    ).id;
  }
  if (members.length)
    await tx.scimGroupMember.createMany({ data: members.map((scimUserId) => ({ groupId: id!, scimUserId })) });
  // Everyone whose groups changed (a rename changes what the group maps to: all of them).
  for (const u of new Set([...previous, ...members])) await syncMembership(tx, workspaceId, u);
  return id;
}

export async function createScimGroup(workspaceId: string, input: ScimGroupInput): Promise<ScimGroupRow> {
  return write(async (tx) => {
    const id = await setGroup(tx, workspaceId, null, input);
    await audit(tx, workspaceId, provider, "scim.group_create", "scim_group", id, null, input);
    return tx.scimGroup.findUniqueOrThrow({ where: { id }, select: groupSelect });
  });
}

export async function replaceScimGroup(workspaceId: string, id: string, input: ScimGroupInput): Promise<ScimGroupRow> {
  return write(async (tx) => {
    const before = await tx.scimGroup.findFirst({ where: { workspaceId, id }, select: groupSelect });
    if (!before) throw new AppError("not_found", "not found");
    await setGroup(tx, workspaceId, id, input);
    await audit(tx, workspaceId, provider, "scim.group_replace", "scim_group", id, before, input);
    return tx.scimGroup.findUniqueOrThrow({ where: { id }, select: groupSelect });
  });
}

export async function deleteScimGroup(workspaceId: string, id: string): Promise<void> {
  await write(async (tx) => {
    const before = await tx.scimGroup.findFirst({ where: { workspaceId, id }, select: groupSelect });
    if (!before) throw new AppError("not_found", "not found");
    await tx.scimGroup.delete({ where: { id } });
    for (const m of before.members) await syncMembership(tx, workspaceId, m.scimUser.id);
    await audit(tx, workspaceId, provider, "scim.group_delete", "scim_group", id, before, null);
  });
}
