// Workspace API tokens. The secret is shown once, at creation; only its SHA-256 is stored. Only
// owners (signed-in users, not other tokens) create, list and revoke them. A token acts with its
// own role inside its own workspace, read from the database or the auth cache (auth-cache.ts), which
// every instance clears when a revocation is announced, so it takes effect on the next call.
//
//   createApiToken(actor, workspaceRef, { name, role })  owner -> { secret, token: ApiTokenDTO }
//   listApiTokens(actor, workspaceRef)                   owner -> ApiTokenDTO[]
//   revokeApiToken(actor, tokenId)                       owner -> ApiTokenDTO
//   authenticateApiToken(secret)                         -> Actor (kind "token") | null
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";
import type { CreateApiTokenInput } from "@/lib/validation/case";
import { createApiTokenSchema } from "@/lib/validation/case";
import { isUuid, workspaceWhere, type Actor } from "./access";
import { recordAudit } from "./audit";
import { TX_OPTIONS } from "./case-write";
import { mapDbError, readDb } from "./errors";
import { announceAccessChange } from "./access-events";
import { authCache } from "./auth-cache";
import { prisma } from "./client";
import type { Prisma } from "./generated/client";

export const TOKEN_PREFIX = "cbt_";

export interface ApiTokenDTO {
  id: string;
  workspaceId: string;
  name: string;
  prefix: string; // the first characters of the secret, to recognise it
  role: "owner" | "editor" | "viewer";
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const tokenSelect = {
  id: true,
  workspaceId: true,
  name: true,
  prefix: true,
  role: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} satisfies Prisma.ApiTokenSelect;

function toApiTokenDTO(row: Prisma.ApiTokenGetPayload<{ select: typeof tokenSelect }>): ApiTokenDTO {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

function workspaceRefWhere(ref: string): Prisma.WorkspaceWhereInput {
  return isUuid(ref) ? { OR: [{ id: ref }, { slug: ref }] } : { slug: ref };
}

// Token management is for people: a token never mints or revokes tokens. A token of another
// workspace learns nothing (404); one of this workspace is told why (403).
async function requireUserActor(
  actor: Actor,
  visible: () => Promise<boolean>,
): Promise<Extract<Actor, { kind: "user" }>> {
  if (actor.kind === "user") return actor;
  throw (await visible())
    ? new AppError("forbidden", "API tokens are managed by a signed-in owner")
    : new AppError("not_found", "not found");
}

const workspaceVisible = (actor: Actor, ref: string) => async () =>
  (await readDb(() =>
    prisma.workspace.count({ where: { AND: [workspaceRefWhere(ref), workspaceWhere(actor, "viewer")] } }),
  )) > 0;
const tokenVisible = (actor: Actor, tokenId: string) => async () =>
  isUuid(tokenId) &&
  (await readDb(() => prisma.apiToken.count({ where: { id: tokenId, workspace: workspaceWhere(actor, "viewer") } }))) >
    0;

async function findOwnedWorkspace(actor: Actor, ref: string): Promise<{ id: string }> {
  const ws = await readDb(() =>
    prisma.workspace.findFirst({
      where: { AND: [workspaceRefWhere(ref), workspaceWhere(actor, "owner")] },
      select: { id: true },
    }),
  );
  if (ws) return ws;
  const visible = await readDb(() =>
    prisma.workspace.count({ where: { AND: [workspaceRefWhere(ref), workspaceWhere(actor, "viewer")] } }),
  );
  throw visible ? new AppError("forbidden", "only owners manage API tokens") : new AppError("not_found", "not found");
}

export async function createApiToken(
  actor: Actor,
  workspaceRef: string,
  input: CreateApiTokenInput,
): Promise<{ secret: string; token: ApiTokenDTO }> {
  const user = await requireUserActor(actor, workspaceVisible(actor, workspaceRef));
  const { name, role } = createApiTokenSchema.parse(input);
  const ws = await findOwnedWorkspace(actor, workspaceRef);
  const secret = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  try {
    const row = await prisma.$transaction(async (tx) => {
      const created = await tx.apiToken.create({
        data: {
          workspaceId: ws.id,
          name,
          role,
          tokenHash: hashTokenSecret(secret),
          prefix: secret.slice(0, 10),
          createdById: user.userId,
        },
        select: tokenSelect,
      });
      await recordAudit(
        tx,
        actor,
        { workspaceId: ws.id, caseId: null, version: null },
        {
          action: "token.create",
          entityType: "token",
          entityId: created.id,
          after: { name, role, prefix: created.prefix },
        },
      );
      return created;
    }, TX_OPTIONS);
    return { secret, token: toApiTokenDTO(row) };
  } catch (error) {
    throw mapDbError(error);
  }
}

export async function listApiTokens(actor: Actor, workspaceRef: string): Promise<ApiTokenDTO[]> {
  await requireUserActor(actor, workspaceVisible(actor, workspaceRef));
  const ws = await findOwnedWorkspace(actor, workspaceRef);
  const rows = await readDb(() =>
    prisma.apiToken.findMany({
      where: { workspaceId: ws.id },
      select: tokenSelect,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    }),
  );
  return rows.map(toApiTokenDTO);
}

export async function revokeApiToken(actor: Actor, tokenId: string): Promise<ApiTokenDTO> {
  await requireUserActor(actor, tokenVisible(actor, tokenId));
  if (!isUuid(tokenId)) throw new AppError("not_found", "not found");
  try {
    return await prisma
      .$transaction(async (tx) => {
        const token = await tx.apiToken.findFirst({
          where: { id: tokenId, workspace: workspaceWhere(actor, "owner") },
          select: tokenSelect,
        });
        if (!token) throw new AppError("not_found", "not found");
        if (token.revokedAt) return toApiTokenDTO(token);
        const row = await tx.apiToken.update({
          where: { id: tokenId },
          data: { revokedAt: new Date() },
          select: tokenSelect,
        });
        await recordAudit(
          tx,
          actor,
          { workspaceId: token.workspaceId, caseId: null, version: null },
          {
            action: "token.revoke",
            entityType: "token",
            entityId: tokenId,
            before: { revokedAt: null },
            after: { revokedAt: row.revokedAt },
          },
        );
        await announceAccessChange(tx, { workspaceId: token.workspaceId, tokenId, change: "token_revoked" });
        return toApiTokenDTO(row);
      }, TX_OPTIONS)
      .finally(() => authCache().clear()); // this instance at once; the others on the NOTIFY
  } catch (error) {
    throw mapDbError(error);
  }
}

const LAST_USED_RESOLUTION_MS = 60_000;

// Answered from the auth cache (auth-cache.ts) while this instance listens for access changes;
// from the database otherwise.
export async function authenticateApiToken(secret: string): Promise<Actor | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
  const tokenHash = hashTokenSecret(secret);
  const actor = await authCache().token(tokenHash, async () => {
    const row = await readDb(() =>
      prisma.apiToken.findUnique({
        where: { tokenHash },
        select: { id: true, workspaceId: true, role: true, revokedAt: true, lastUsedAt: true },
      }),
    );
    if (!row || row.revokedAt) return null;
    if (row.lastUsedAt) lastUsedWritten.set(row.id, row.lastUsedAt.getTime());
    return { kind: "token", tokenId: row.id, workspaceId: row.workspaceId, role: row.role };
  });
  if (actor) await touchLastUsed(actor.tokenId);
  return actor;
}

// lastUsedAt is a hint for owners, written at most once a minute per token (per instance, and the
// row itself only when its value is older than that), so reads stay reads, cached or not.
const lastUsedWritten = new Map<string, number>();
async function touchLastUsed(tokenId: string): Promise<void> {
  const now = Date.now();
  if (now - (lastUsedWritten.get(tokenId) ?? 0) <= LAST_USED_RESOLUTION_MS) return;
  if (lastUsedWritten.size > 10_000) lastUsedWritten.clear();
  lastUsedWritten.set(tokenId, now);
  await prisma.apiToken
    .updateMany({
      where: {
        id: tokenId,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now - LAST_USED_RESOLUTION_MS) } }],
      },
      data: { lastUsedAt: new Date(now) },
    })
    .catch(() => {});
}
