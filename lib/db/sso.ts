// Single sign-on in the data layer (docs/enterprise-sign-in.md): how an identity from an OpenID
// Connect provider becomes (or finds) a user, how a workspace's SSO policy gives memberships
// just in time and roles from groups, and whether password sign-in is still allowed.
//
//   completeSsoSignIn(identity)                -> { userId } | { refused: code }
//   passwordSignInAllowed(userId)              -> boolean (false when a workspace requires SSO)
//   recordSignIn(userId, method)               audit "user.sign_in" in each of the user's workspaces
//   getSsoSettings(actor, workspaceRef)        owner -> SsoSettingsDTO
//   updateSsoSettings(actor, workspaceRef, in) owner -> SsoSettingsDTO
import "server-only";
import { AppError } from "@/lib/errors";
import { roleFromGroups, ssoPolicySchema, type SsoPolicy, type SsoPolicyInput } from "@/lib/validation/sso";
import type { Actor, Role } from "./access";
import { announceAccessChange } from "./access-events";
import { recordAudit } from "./audit";
import { purgeExpiredAudit } from "./audit-export";
import { authCache } from "./auth-cache";
import { TX_OPTIONS } from "./case-write";
import { prisma } from "./client";
import { mapDbError, readDb } from "./errors";
import { findOwnedWorkspaceForPeople } from "./workspace-owner";
import { Prisma } from "./generated/client";

export type SsoRefusal = "OidcNoEmail" | "OidcEmailUnverified" | "OidcEmailTaken";

export interface SsoIdentity {
  providerId: string;
  subject: string;
  email: string | null;
  // The provider's email_verified claim: true, false, or absent (null).
  emailVerified: boolean | null;
  name: string | null;
  groups: string[];
  // The deployment allows this provider to link a verified e-mail to an existing account.
  linkVerifiedEmail: boolean;
}

export function parsePolicy(raw: unknown): SsoPolicy | null {
  if (raw === null || raw === undefined) return null;
  const parsed = ssoPolicySchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

type Tx = Prisma.TransactionClient;

async function workspacesTrusting(tx: Tx, providerId: string) {
  const rows = await tx.workspace.findMany({
    where: { ssoPolicy: { path: ["providers"], array_contains: [providerId] } },
    select: { id: true, ssoPolicy: true },
  });
  return rows.flatMap((r) => {
    const policy = parsePolicy(r.ssoPolicy);
    return policy && policy.providers.includes(providerId) ? [{ id: r.id, policy }] : [];
  });
}

// A user that SCIM provisioned (no password, no other identity) into a workspace that trusts
// this provider: the provider is the one that vouches for the address, so its verified e-mail
// may be linked even without linkVerifiedEmail.
async function provisionedForProvider(tx: Tx, userId: string, providerId: string): Promise<boolean> {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: {
      passwordHash: true,
      _count: { select: { accounts: true } },
      scimUsers: { select: { workspaceId: true } },
    },
  });
  if (!user || user.passwordHash || user._count.accounts > 0 || user.scimUsers.length === 0) return false;
  const trusting = new Set((await workspacesTrusting(tx, providerId)).map((w) => w.id));
  return user.scimUsers.some((s) => trusting.has(s.workspaceId));
}

export async function completeSsoSignIn(identity: SsoIdentity): Promise<{ userId: string } | { refused: SsoRefusal }> {
  const emailRaw = identity.email?.trim().toLowerCase() || null;
  try {
    const result = await prisma.$transaction(async (tx) => {
      const account = await tx.account.findUnique({
        where: {
          provider_providerAccountId: { provider: identity.providerId, providerAccountId: identity.subject },
        },
        select: { userId: true },
      });
      let userId = account?.userId ?? null;
      if (!userId) {
        if (!emailRaw) return { refused: "OidcNoEmail" as const };
        if (identity.emailVerified === false) return { refused: "OidcEmailUnverified" as const };
        const existing = await tx.user.findUnique({ where: { email: emailRaw }, select: { id: true } });
        if (existing) {
          const mayLink =
            identity.emailVerified === true &&
            (identity.linkVerifiedEmail || (await provisionedForProvider(tx, existing.id, identity.providerId)));
          if (!mayLink) return { refused: "OidcEmailTaken" as const };
          await tx.account.create({
            data: { userId: existing.id, provider: identity.providerId, providerAccountId: identity.subject },
          });
          userId = existing.id;
        } else {
          const created = await tx.user.create({
            data: {
              email: emailRaw,
              name: identity.name ?? null,
              accounts: { create: { provider: identity.providerId, providerAccountId: identity.subject } },
            },
            select: { id: true },
          });
          userId = created.id;
        }
      }
      await applyWorkspacePolicies(tx, userId, emailRaw, identity);
      return { userId };
    }, TX_OPTIONS);
    if ("userId" in result) authCache().clear();
    return result;
  } catch (error) {
    throw mapDbError(error);
  }
}

// Just-in-time membership and roles from groups, for every workspace that trusts the provider.
async function applyWorkspacePolicies(tx: Tx, userId: string, email: string | null, identity: SsoIdentity) {
  const domain = email?.split("@")[1] ?? null;
  const actor: Actor = { kind: "user", userId };
  for (const ws of await workspacesTrusting(tx, identity.providerId)) {
    const fromGroups = roleFromGroups(ws.policy, identity.groups);
    const member = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: ws.id, userId } },
      select: { id: true, role: true },
    });
    const at = { workspaceId: ws.id, caseId: null, version: null };
    if (member) {
      if (fromGroups && fromGroups !== member.role) {
        await tx.membership.update({ where: { id: member.id }, data: { role: fromGroups } });
        await recordAudit(tx, actor, at, {
          action: "member.role_from_groups",
          entityType: "member",
          entityId: member.id,
          before: { role: member.role },
          after: { role: fromGroups, groups: identity.groups, provider: identity.providerId },
        });
        await announceAccessChange(tx, { workspaceId: ws.id, userId, change: "role" });
      }
      continue;
    }
    // Joining needs a verified address in one of the workspace's domains.
    if (!ws.policy.jit || identity.emailVerified !== true || !domain || !ws.policy.domains.includes(domain)) continue;
    const role: Role = fromGroups ?? ws.policy.defaultRole;
    const created = await tx.membership.create({ data: { workspaceId: ws.id, userId, role }, select: { id: true } });
    await recordAudit(tx, actor, at, {
      action: "member.join_sso",
      entityType: "member",
      entityId: created.id,
      after: { role, provider: identity.providerId, email },
    });
  }
}

export async function passwordSignInAllowed(userId: string): Promise<boolean> {
  const rows = await readDb(() =>
    prisma.workspace.findMany({
      where: { memberships: { some: { userId } }, ssoPolicy: { path: ["requireSso"], equals: true } },
      select: { ssoPolicy: true },
    }),
  );
  return !rows.some((r) => parsePolicy(r.ssoPolicy)?.requireSso);
}

// One "user.sign_in" row in each workspace the user belongs to: the workspace's owners export
// their own trail, and a sign-in is part of it.
export async function recordSignIn(userId: string, method: string): Promise<void> {
  await purgeExpiredAudit();
  const memberships = await prisma.membership.findMany({ where: { userId }, select: { workspaceId: true } });
  if (memberships.length === 0) return;
  await prisma.auditEvent.createMany({
    data: memberships.map((m) => ({
      workspaceId: m.workspaceId,
      actorUserId: userId,
      action: "user.sign_in",
      entityType: "user",
      entityId: userId,
      after: { method },
    })),
  });
}

export interface SsoSettingsDTO {
  workspaceId: string;
  policy: SsoPolicy | null;
  auditRetentionDays: number | null;
  scimToken: { prefix: string; createdAt: string; lastUsedAt: string | null } | null;
}

export async function getSsoSettings(actor: Actor, workspaceRef: string): Promise<SsoSettingsDTO> {
  const ws = await findOwnedWorkspaceForPeople(actor, workspaceRef);
  const row = await readDb(() =>
    prisma.workspace.findUniqueOrThrow({
      where: { id: ws.id },
      select: {
        ssoPolicy: true,
        auditRetentionDays: true,
        scimTokens: {
          where: { revokedAt: null },
          select: { prefix: true, createdAt: true, lastUsedAt: true },
          orderBy: { createdAt: "desc" },
          take: 1,
        },
      },
    }),
  );
  const token = row.scimTokens[0];
  return {
    workspaceId: ws.id,
    policy: parsePolicy(row.ssoPolicy),
    auditRetentionDays: row.auditRetentionDays,
    scimToken: token
      ? {
          prefix: token.prefix,
          createdAt: token.createdAt.toISOString(),
          lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
        }
      : null,
  };
}

export async function updateSsoSettings(
  actor: Actor,
  workspaceRef: string,
  input: { policy?: SsoPolicyInput | null; auditRetentionDays?: number | null },
  knownProviders: readonly string[],
): Promise<SsoSettingsDTO> {
  const ws = await findOwnedWorkspaceForPeople(actor, workspaceRef);
  const userId = (actor as Extract<Actor, { kind: "user" }>).userId;
  let policy: SsoPolicy | null | undefined = undefined;
  if (input.policy !== undefined) {
    if (input.policy === null) policy = null;
    else {
      const parsed = ssoPolicySchema.safeParse(input.policy);
      if (!parsed.success)
        throw new AppError("validation", "the sign-in policy is not valid", {
          fieldErrors: parsed.error.issues.map((i) => ({ path: ["policy", ...i.path].join("."), message: i.message })),
        });
      policy = parsed.data;
      const unknown = policy.providers.filter((p) => !knownProviders.includes(p));
      if (unknown.length)
        throw new AppError("validation", `unknown sign-in provider: ${unknown.join(", ")}`, {
          fieldErrors: [
            { path: "policy.providers", message: `not configured on this deployment: ${unknown.join(", ")}` },
          ],
        });
      if (policy.requireSso) {
        // The owner who switches password sign-in off must be able to sign in through SSO
        // themselves, or they lock the workspace's owners out.
        const linked = await readDb(() =>
          prisma.account.count({ where: { userId, provider: { in: policy!.providers } } }),
        );
        if (!linked)
          throw new AppError(
            "validation",
            "sign in once through one of the workspace's providers before you switch password sign-in off",
            {
              fieldErrors: [
                { path: "policy.requireSso", message: "you have not signed in through any of these providers yet" },
              ],
            },
          );
      }
    }
  }
  try {
    await prisma.$transaction(async (tx) => {
      const before = await tx.workspace.findUniqueOrThrow({
        where: { id: ws.id },
        select: { ssoPolicy: true, auditRetentionDays: true },
      });
      const data: Prisma.WorkspaceUpdateInput = {};
      if (policy !== undefined) data.ssoPolicy = policy === null ? Prisma.DbNull : (policy as Prisma.InputJsonValue);
      if (input.auditRetentionDays !== undefined) data.auditRetentionDays = input.auditRetentionDays;
      await tx.workspace.update({ where: { id: ws.id }, data });
      await recordAudit(
        tx,
        actor,
        { workspaceId: ws.id, caseId: null, version: null },
        {
          action: "workspace.sign_in_settings",
          entityType: "workspace",
          entityId: ws.id,
          before,
          after: { ssoPolicy: policy, auditRetentionDays: input.auditRetentionDays },
        },
      );
    }, TX_OPTIONS);
  } catch (error) {
    throw mapDbError(error);
  }
  if (input.auditRetentionDays) await purgeExpiredAudit(ws.id);
  return getSsoSettings(actor, ws.id);
}
