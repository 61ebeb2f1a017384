// The owner-only settings of a workspace that concern people (sign-in, provisioning, audit):
// another workspace answers 404, a member who is not an owner 403, and an API token 403 (a token
// never changes how people sign in).
import "server-only";
import { AppError } from "@/lib/errors";
import { isUuid, workspaceWhere, type Actor } from "./access";
import { prisma } from "./client";
import { readDb } from "./errors";
import type { Prisma } from "./generated/client";

function workspaceRefWhere(ref: string): Prisma.WorkspaceWhereInput {
  return isUuid(ref) ? { OR: [{ id: ref }, { slug: ref }] } : { slug: ref };
}

export async function findOwnedWorkspaceForPeople(actor: Actor, ref: string): Promise<{ id: string }> {
  const visible = await readDb(() =>
    prisma.workspace.findFirst({
      where: { AND: [workspaceRefWhere(ref), workspaceWhere(actor, "viewer")] },
      select: { id: true },
    }),
  );
  if (!visible) throw new AppError("not_found", "not found");
  if (actor.kind !== "user") throw new AppError("forbidden", "sign-in settings are managed by a signed-in owner");
  const owned = await readDb(() =>
    prisma.workspace.count({ where: { id: visible.id, ...workspaceWhere(actor, "owner") } }),
  );
  if (!owned) throw new AppError("forbidden", "only owners manage sign-in settings");
  return visible;
}
