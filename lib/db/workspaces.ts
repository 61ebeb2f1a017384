import "server-only";
import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";
import { workspaceWhere, type Actor, type Role } from "./access";
import { prisma } from "./client";

export interface WorkspaceDTO {
  id: string;
  name: string;
  slug: string;
  role: Role;
  memberCount: number;
}

function userId(actor: Actor): string {
  if (actor.kind !== "user") throw new AppError("forbidden", "This needs a signed-in user, not an API token.");
  return actor.userId;
}

export async function listWorkspacesForUser(actor: Actor): Promise<WorkspaceDTO[]> {
  const rows = await prisma.workspace.findMany({
    where: workspaceWhere(actor, "viewer"),
    orderBy: { name: "asc" },
    select: { id: true, name: true, slug: true, memberships: { select: { userId: true, role: true } } },
  });
  const me = actor.kind === "user" ? actor.userId : null;
  return rows.map((w) => ({
    id: w.id,
    name: w.name,
    slug: w.slug,
    role: actor.kind === "token" ? actor.role : (w.memberships.find((m) => m.userId === me)?.role ?? "viewer"),
    memberCount: w.memberships.length,
  }));
}

export async function getWorkspaceBySlugOrThrow(actor: Actor, slug: string): Promise<WorkspaceDTO> {
  const all = await listWorkspacesForUser(actor);
  const found = all.find((w) => w.slug === slug);
  if (!found) throw new AppError("not_found", "Workspace not found");
  return found;
}

function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `${base || "workspace"}-${randomBytes(3).toString("hex")}`;
}

export async function createWorkspace(actor: Actor, input: { name: string }): Promise<WorkspaceDTO> {
  const uid = userId(actor);
  const ws = await prisma.$transaction(async (tx) => {
    const created = await tx.workspace.create({
      data: { name: input.name, slug: slugify(input.name), memberships: { create: { userId: uid, role: "owner" } } },
      select: { id: true, name: true, slug: true },
    });
    await tx.auditEvent.create({
      data: {
        workspaceId: created.id,
        actorUserId: uid,
        action: "create",
        entityType: "workspace",
        entityId: created.id,
        after: { name: created.name },
      },
    });
    return created;
  });
  return { ...ws, role: "owner", memberCount: 1 };
}
