// The workspace's slide template (docs/board-pack.md "Templates"): one per workspace, stored as
// what the deck uses of the uploaded file (already checked by lib/pptx/template.ts). Owners upload
// and remove it (audited); every member's deck uses it; another workspace's is never found.
//
//   getDeckTemplateInfo(actor, workspaceRef)             viewer -> DeckTemplateInfo | null
//   saveDeckTemplate(actor, workspaceRef, upload)        owner  -> DeckTemplateInfo
//   removeDeckTemplate(actor, workspaceRef)              owner  -> { removed: boolean }
//   getDeckThemeOfCase(actor, caseId)                    viewer -> TemplateTheme | null
import "server-only";
import { AppError } from "@/lib/errors";
import type { TemplateTheme } from "@/lib/pptx/theme";
import { caseWhere, isUuid, workspaceWhere, type Actor } from "./access";
import { recordAudit } from "./audit";
import { TX_OPTIONS } from "./case-write";
import { readDb } from "./errors";
import { prisma } from "./client";
import type { Prisma } from "./generated/client";

export interface DeckTemplateInfo {
  fileName: string;
  sizeBytes: number;
  uploadedBy: string;
  createdAt: string;
  headingFont: string | null;
  bodyFont: string | null;
  accent: string | null;
  hasLogo: boolean;
}

function workspaceRefWhere(ref: string): Prisma.WorkspaceWhereInput {
  return isUuid(ref) ? { OR: [{ id: ref }, { slug: ref }] } : { slug: ref };
}

const toInfo = (row: {
  fileName: string;
  sizeBytes: number;
  uploadedBy: string;
  createdAt: Date;
  theme: unknown;
}): DeckTemplateInfo => {
  const theme = row.theme as TemplateTheme;
  return {
    fileName: row.fileName,
    sizeBytes: row.sizeBytes,
    uploadedBy: row.uploadedBy,
    createdAt: row.createdAt.toISOString(),
    headingFont: theme.headingFont,
    bodyFont: theme.bodyFont,
    accent: theme.colours.accent1 ?? null,
    hasLogo: theme.logo !== null,
  };
};

// The workspace at `minRole`; a member below it is told why (403), anyone else learns nothing.
async function findWorkspace(actor: Actor, ref: string, minRole: "owner" | "viewer"): Promise<{ id: string }> {
  const ws = await readDb(() =>
    prisma.workspace.findFirst({
      where: { AND: [workspaceRefWhere(ref), workspaceWhere(actor, minRole)] },
      select: { id: true },
    }),
  );
  if (ws) return ws;
  const visible =
    minRole !== "viewer" &&
    (await readDb(() =>
      prisma.workspace.count({ where: { AND: [workspaceRefWhere(ref), workspaceWhere(actor, "viewer")] } }),
    )) > 0;
  throw visible
    ? new AppError("forbidden", "only owners change the slide template")
    : new AppError("not_found", "not found");
}

export async function getDeckTemplateInfo(actor: Actor, workspaceRef: string): Promise<DeckTemplateInfo | null> {
  const ws = await findWorkspace(actor, workspaceRef, "viewer");
  const row = await readDb(() =>
    prisma.deckTemplate.findUnique({
      where: { workspaceId: ws.id },
      select: { fileName: true, sizeBytes: true, uploadedBy: true, createdAt: true, theme: true },
    }),
  );
  return row ? toInfo(row) : null;
}

export async function saveDeckTemplate(
  actor: Actor,
  workspaceRef: string,
  upload: { fileName: string; sizeBytes: number; theme: TemplateTheme },
): Promise<DeckTemplateInfo> {
  const ws = await findWorkspace(actor, workspaceRef, "owner");
  const user =
    actor.kind === "user"
      ? await readDb(() => prisma.user.findUnique({ where: { id: actor.userId }, select: { name: true, email: true } }))
      : null;
  const uploadedBy = user ? user.name || user.email : "API token";
  const theme = JSON.parse(JSON.stringify(upload.theme)) as Prisma.InputJsonValue;
  const row = await prisma.$transaction(async (tx) => {
    const saved = await tx.deckTemplate.upsert({
      where: { workspaceId: ws.id },
      create: { workspaceId: ws.id, fileName: upload.fileName, sizeBytes: upload.sizeBytes, theme, uploadedBy },
      update: { fileName: upload.fileName, sizeBytes: upload.sizeBytes, theme, uploadedBy, createdAt: new Date() },
      select: { fileName: true, sizeBytes: true, uploadedBy: true, createdAt: true, theme: true },
    });
    await recordAudit(
      tx,
      actor,
      { workspaceId: ws.id, caseId: null, version: null },
      {
        action: "template.upload",
        entityType: "workspace",
        entityId: ws.id,
        after: { fileName: upload.fileName, sizeBytes: upload.sizeBytes },
      },
    );
    return saved;
  }, TX_OPTIONS);
  return toInfo(row);
}

export async function removeDeckTemplate(actor: Actor, workspaceRef: string): Promise<{ removed: boolean }> {
  const ws = await findWorkspace(actor, workspaceRef, "owner");
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.deckTemplate.deleteMany({ where: { workspaceId: ws.id } });
    if (count)
      await recordAudit(
        tx,
        actor,
        { workspaceId: ws.id, caseId: null, version: null },
        { action: "template.remove", entityType: "workspace", entityId: ws.id },
      );
    return { removed: count > 0 };
  }, TX_OPTIONS);
}

// The template the decks of this case use: its workspace's, found through the case's access filter.
export async function getDeckThemeOfCase(actor: Actor, caseId: string): Promise<TemplateTheme | null> {
  if (!isUuid(caseId)) return null;
  const row = await readDb(() =>
    prisma.deckTemplate.findFirst({
      where: { workspace: { cases: { some: { AND: [{ id: caseId }, caseWhere(actor, "viewer")] } } } },
      select: { theme: true },
    }),
  );
  return row ? (row.theme as unknown as TemplateTheme) : null;
}

// The template of a workspace's own decks (the portfolio pack), through the workspace's access filter.
export async function getDeckThemeOfWorkspace(actor: Actor, workspaceId: string): Promise<TemplateTheme | null> {
  if (!isUuid(workspaceId)) return null;
  const row = await readDb(() =>
    prisma.deckTemplate.findFirst({
      where: { workspace: { AND: [{ id: workspaceId }, workspaceWhere(actor, "viewer")] } },
      select: { theme: true },
    }),
  );
  return row ? (row.theme as unknown as TemplateTheme) : null;
}
