// Snapshots: named, immutable copies of a case at one version (docs/architecture.md#versions-and-approval),
// holding its case file (with stable ids) and the engine's output for exactly that file.
//
//   listSnapshots(actor, caseId)                    viewer -> SnapshotSummaryDTO[]  (newest first)
//   getSnapshotOrThrow(actor, snapshotId)           viewer -> SnapshotDTO (case file + compute output)
//   createSnapshot(actor, caseId, name)             editor -> WriteResult<SnapshotSummaryDTO>  (tracking door)
//   freezeSnapshot(tx, actor, ctx, { name, kind })  inside a write: the case as the transaction sees it
//
// A snapshot is never updated (the database refuses UPDATE) and never deleted on its own: it goes
// only with its case. Saving one is a tracking write: no version bump, an approval stays.
import "server-only";
import type { CaseFile } from "@/lib/case-file/schema";
import { AppError } from "@/lib/errors";
// The engine is pure: the snapshot's output is computed from the very rows the transaction read,
// so the stored figures belong to the stored case file and nothing can slip in between.
import { computeCase } from "@/lib/finance/compute";
import type { ComputeOutput } from "@/lib/finance/types";
import { caseWhere, isUuid, type Actor } from "./access";
import { prisma } from "./client";
import type { Prisma } from "./generated/client";
import { caseDetailSelect, toCaseDetailDTO, toCaseFile, type WriteResult } from "./case-mappers";
import { trackCase, type ChangeContext, type Tx } from "./case-write";
import { readDb } from "./errors";

export interface SnapshotSummaryDTO {
  id: string;
  caseId: string;
  name: string;
  kind: "manual" | "approval";
  caseVersion: number;
  caseStatus: "draft" | "approved";
  createdBy: string;
  createdAt: string;
}

export interface SnapshotDTO extends SnapshotSummaryDTO {
  caseFile: CaseFile;
  computeOutput: ComputeOutput;
  workspaceName: string; // for the report's cover
}

const summarySelect = {
  id: true,
  caseId: true,
  name: true,
  kind: true,
  caseVersion: true,
  caseStatus: true,
  createdByName: true,
  createdAt: true,
} satisfies Prisma.SnapshotSelect;

type SummaryRow = Prisma.SnapshotGetPayload<{ select: typeof summarySelect }>;

function toSummary(row: SummaryRow): SnapshotSummaryDTO {
  return {
    id: row.id,
    caseId: row.caseId,
    name: row.name,
    kind: row.kind,
    caseVersion: row.caseVersion,
    caseStatus: row.caseStatus,
    createdBy: row.createdByName,
    createdAt: row.createdAt.toISOString(),
  };
}

// Who acted, as a person reads it later (kept on the row: the name as it was then).
export async function actorDisplayName(db: Tx | typeof prisma, actor: Actor): Promise<string> {
  if (actor.kind === "user") {
    const u = await db.user.findUnique({ where: { id: actor.userId }, select: { name: true, email: true } });
    return u?.name || u?.email || "";
  }
  const t = await db.apiToken.findUnique({ where: { id: actor.tokenId }, select: { name: true } });
  return t ? `API token "${t.name}"` : "API token";
}

export async function listSnapshots(actor: Actor, caseId: string): Promise<SnapshotSummaryDTO[]> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  return readDb(async () => {
    const visible = await prisma.businessCase.count({ where: { AND: [{ id: caseId }, caseWhere(actor, "viewer")] } });
    if (!visible) throw new AppError("not_found", "not found");
    const rows = await prisma.snapshot.findMany({
      where: { caseId },
      select: summarySelect,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: 500,
    });
    return rows.map(toSummary);
  });
}

export async function getSnapshotOrThrow(actor: Actor, snapshotId: string): Promise<SnapshotDTO> {
  if (!isUuid(snapshotId)) throw new AppError("not_found", "not found");
  const row = await readDb(() =>
    prisma.snapshot.findFirst({
      where: { AND: [{ id: snapshotId }, { case: caseWhere(actor, "viewer") }] },
      select: {
        ...summarySelect,
        caseFile: true,
        computeOutput: true,
        case: { select: { workspace: { select: { name: true } } } },
      },
    }),
  );
  if (!row) throw new AppError("not_found", "not found");
  return {
    ...toSummary(row),
    caseFile: row.caseFile as unknown as CaseFile,
    computeOutput: row.computeOutput as unknown as ComputeOutput,
    workspaceName: row.case.workspace.name,
  };
}

// The case id of a snapshot the actor can see at minRole (for writes that start from a snapshot).
export async function snapshotCaseId(
  db: Tx | typeof prisma,
  actor: Actor,
  snapshotId: string,
  minRole: "owner" | "editor" | "viewer",
): Promise<string | null> {
  if (!isUuid(snapshotId)) return null;
  const row = await db.snapshot.findFirst({
    where: { AND: [{ id: snapshotId }, { case: caseWhere(actor, minRole) }] },
    select: { caseId: true },
  });
  return row?.caseId ?? null;
}

// Stores the case as this transaction sees it, at ctx.version, with its compute output.
export async function freezeSnapshot(
  tx: Tx,
  actor: Actor,
  ctx: ChangeContext,
  input: { name: string; kind: "manual" | "approval" },
): Promise<SnapshotSummaryDTO> {
  const detail = toCaseDetailDTO(
    await tx.businessCase.findUniqueOrThrow({ where: { id: ctx.caseId }, select: caseDetailSelect }),
  );
  const caseFile = toCaseFile(detail);
  const output = computeCase(caseFile);
  const row = await tx.snapshot.create({
    data: {
      caseId: ctx.caseId,
      name: input.name,
      kind: input.kind,
      caseVersion: ctx.version,
      caseStatus: detail.status,
      caseFile: caseFile as unknown as Prisma.InputJsonValue,
      computeOutput: output as unknown as Prisma.InputJsonValue,
      createdByUserId: actor.kind === "user" ? actor.userId : null,
      createdByTokenId: actor.kind === "token" ? actor.tokenId : null,
      createdByName: await actorDisplayName(tx, actor),
    },
    select: summarySelect,
  });
  return toSummary(row);
}

export async function createSnapshot(
  actor: Actor,
  caseId: string,
  name: string,
): Promise<WriteResult<SnapshotSummaryDTO>> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  return trackCase(actor, { caseId }, "editor", async (tx, ctx) => {
    const snapshot = await freezeSnapshot(tx, actor, ctx, { name, kind: "manual" });
    return {
      data: snapshot,
      audit: {
        action: "snapshot.create",
        entityType: "snapshot",
        entityId: snapshot.id,
        after: { name, caseVersion: ctx.version },
      },
    };
  });
}
