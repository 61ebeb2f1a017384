// The approval workflow (docs/architecture.md#versions-and-approval): an editor asks for approval (naming
// approvers among the workspace's owners, or any owner); an owner approves or rejects it with a
// comment. Approving sets the case to approved and freezes a snapshot of it, in one transaction.
//
//   listApprovalRequests(actor, caseId)                               viewer -> ApprovalRequestDTO[] (newest first)
//   requestApproval(actor, caseId, { approverIds?, note? })           editor -> WriteResult<ApprovalRequestDTO>  (tracking)
//   approveCase(actor, caseId, expectedVersion, { comment? })         owner  -> WriteResult<ApprovalDecisionDTO>  (plan door, keeps the status)
//   rejectApproval(actor, caseId, { comment })                        owner  -> WriteResult<ApprovalRequestDTO>  (tracking)
//   getLatestApproval(actor, caseId)                                  viewer -> LatestApprovalDTO | null
//
// Named approvers are whom the request asks (and whom notifications will reach); the decision
// itself belongs to every owner, so a request never waits on one absent person.
import "server-only";
import { notify, sendNotificationEmails } from "./notifications";
import { AppError } from "@/lib/errors";
import { caseWhere, isUuid, type Actor } from "./access";
import { prisma } from "./client";
import type { Prisma } from "./generated/client";
import { caseSummarySelect, toCaseSummaryDTO, type CaseSummaryDTO, type WriteResult } from "./case-mappers";
import { trackCase, writeCase, type Tx } from "./case-write";
import { readDb } from "./errors";
import { actorDisplayName, freezeSnapshot, type SnapshotSummaryDTO } from "./snapshots";

export interface ApprovalRequestDTO {
  id: string;
  caseId: string;
  state: "pending" | "approved" | "rejected";
  requestedAtVersion: number;
  requestedBy: string;
  approverIds: string[];
  note: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decidedAtVersion: number | null;
  comment: string;
  snapshotId: string | null;
  createdAt: string;
}

export interface ApprovalDecisionDTO {
  case: CaseSummaryDTO;
  request: ApprovalRequestDTO;
  snapshot: SnapshotSummaryDTO;
}

export interface LatestApprovalDTO {
  version: number;
  approvedAt: string;
  approvedBy: string;
  snapshotId: string | null;
  changesSince: number; // plan changes (versions) made after the approved one
}

const requestSelect = {
  id: true,
  caseId: true,
  state: true,
  requestedAtVersion: true,
  requestedByName: true,
  approverIds: true,
  note: true,
  decidedByName: true,
  decidedAt: true,
  decidedAtVersion: true,
  comment: true,
  snapshotId: true,
  createdAt: true,
} satisfies Prisma.ApprovalRequestSelect;

function toRequestDTO(r: Prisma.ApprovalRequestGetPayload<{ select: typeof requestSelect }>): ApprovalRequestDTO {
  return {
    id: r.id,
    caseId: r.caseId,
    state: r.state,
    requestedAtVersion: r.requestedAtVersion,
    requestedBy: r.requestedByName,
    approverIds: r.approverIds,
    note: r.note,
    decidedBy: r.decidedAt ? r.decidedByName : null,
    decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
    decidedAtVersion: r.decidedAtVersion,
    comment: r.comment,
    snapshotId: r.snapshotId,
    createdAt: r.createdAt.toISOString(),
  };
}

const decided = (actor: Actor) => ({
  decidedByUserId: actor.kind === "user" ? actor.userId : null,
  decidedByTokenId: actor.kind === "token" ? actor.tokenId : null,
});

// The one place approval requests and decisions reach people (notify() in notifications.ts).
// Approval requests notify the named approvers (or every owner); decisions notify the requester.
// Rows are written in the step's transaction; the caller e-mails them after the commit.
async function notifyApproval(
  tx: Tx,
  actor: Actor,
  event: {
    kind: "approval.request" | "approval.approve" | "approval.reject";
    caseId: string;
    workspaceId: string;
    request: ApprovalRequestDTO;
  },
): Promise<string[]> {
  const c = await tx.businessCase.findUniqueOrThrow({
    where: { id: event.caseId },
    select: { name: true, workspace: { select: { slug: true } } },
  });
  const url = `/w/${c.workspace.slug}/cases/${event.caseId}/versions`;
  const actorUserId = actor.kind === "user" ? actor.userId : null;
  if (event.kind === "approval.request") {
    const recipients = event.request.approverIds.length
      ? event.request.approverIds
      : (
          await tx.membership.findMany({
            where: { workspaceId: event.workspaceId, role: "owner" },
            select: { userId: true },
          })
        ).map((m) => m.userId);
    return notify(tx, {
      kind: "approval_request",
      recipients,
      actorUserId,
      workspaceId: event.workspaceId,
      caseId: event.caseId,
      title: `${event.request.requestedBy} asks for approval of ${c.name}`,
      body: event.request.note,
      url,
    });
  }
  const requester = await tx.approvalRequest.findUniqueOrThrow({
    where: { id: event.request.id },
    select: { requestedByUserId: true },
  });
  if (!requester.requestedByUserId) return [];
  const verdict = event.kind === "approval.approve" ? "approved" : "rejected";
  return notify(tx, {
    kind: "approval_decision",
    recipients: [requester.requestedByUserId],
    actorUserId,
    workspaceId: event.workspaceId,
    caseId: event.caseId,
    title: `${event.request.decidedBy ?? "An owner"} ${verdict} ${c.name} (version ${event.request.decidedAtVersion ?? ""})`,
    body: event.request.comment,
    url,
  });
}

// E-mail after the commit; never fails the step itself.
function mailAfterCommit<T>(step: Promise<T>, ids: () => string[]): Promise<T> {
  return step.then((result) => {
    void sendNotificationEmails(ids());
    return result;
  });
}

export async function listApprovalRequests(actor: Actor, caseId: string): Promise<ApprovalRequestDTO[]> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  const rows = await readDb(() =>
    prisma.approvalRequest.findMany({
      where: { AND: [{ caseId }, { case: caseWhere(actor, "viewer") }] },
      select: requestSelect,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: 200,
    }),
  );
  if (!rows.length) {
    const visible = await readDb(() =>
      prisma.businessCase.count({ where: { AND: [{ id: caseId }, caseWhere(actor, "viewer")] } }),
    );
    if (!visible) throw new AppError("not_found", "not found");
  }
  return rows.map(toRequestDTO);
}

export async function requestApproval(
  actor: Actor,
  caseId: string,
  input: { approverIds?: string[]; note?: string },
): Promise<WriteResult<ApprovalRequestDTO>> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  let mail: string[] = [];
  return mailAfterCommit(
    trackCase(actor, { caseId }, "editor", async (tx, ctx) => {
      const approverIds = [...new Set(input.approverIds ?? [])];
      if (approverIds.length) {
        const owners = await tx.membership.findMany({
          where: { workspaceId: ctx.workspaceId, role: "owner", userId: { in: approverIds } },
          select: { userId: true },
        });
        const ownerIds = new Set(owners.map((o) => o.userId));
        const strangers = approverIds.map((id, i) => ({ id, i })).filter((a) => !ownerIds.has(a.id));
        if (strangers.length) {
          throw new AppError("validation", "approvers must be owners of the workspace", {
            fieldErrors: strangers.map((s) => ({
              path: `approverIds.${s.i}`,
              message: "not an owner of this workspace",
            })),
          });
        }
      }
      const pending = await tx.approvalRequest.count({ where: { caseId, state: "pending" } });
      if (pending) throw new AppError("conflict", "an approval request is already pending for this case");
      const row = await tx.approvalRequest.create({
        data: {
          caseId,
          requestedAtVersion: ctx.version,
          requestedByUserId: actor.kind === "user" ? actor.userId : null,
          requestedByTokenId: actor.kind === "token" ? actor.tokenId : null,
          requestedByName: await actorDisplayName(tx, actor),
          approverIds,
          note: input.note ?? "",
        },
        select: requestSelect,
      });
      const dto = toRequestDTO(row);
      mail = await notifyApproval(tx, actor, {
        kind: "approval.request",
        caseId,
        workspaceId: ctx.workspaceId,
        request: dto,
      });
      return {
        data: dto,
        audit: {
          action: "approval.request",
          entityType: "approval",
          entityId: row.id,
          after: { approverIds, note: dto.note, version: ctx.version },
        },
      };
    }),
    () => mail,
  );
}

// Approves the case as it stands at expectedVersion (If-Match: the owner approves what they saw):
// status approved, a snapshot frozen ("Approved version N"), the pending request closed (or a
// decided one recorded when the owner approves without a request).
export async function approveCase(
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  input: { comment?: string } = {},
): Promise<WriteResult<ApprovalDecisionDTO>> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  let mail: string[] = [];
  return mailAfterCommit(
    writeCase(
      actor,
      { caseId },
      expectedVersion,
      "owner",
      async (tx, ctx) => {
        const before = await tx.businessCase.findUniqueOrThrow({ where: { id: caseId }, select: { status: true } });
        const row = await tx.businessCase.update({
          where: { id: caseId },
          data: { status: "approved" },
          select: caseSummarySelect,
        });
        const snapshot = await freezeSnapshot(tx, actor, ctx, {
          name: `Approved version ${ctx.version}`,
          kind: "approval",
        });
        const name = await actorDisplayName(tx, actor);
        const decision = {
          state: "approved" as const,
          ...decided(actor),
          decidedByName: name,
          decidedAt: new Date(),
          decidedAtVersion: ctx.version,
          comment: input.comment ?? "",
          snapshotId: snapshot.id,
        };
        const pending = await tx.approvalRequest.findFirst({
          where: { caseId, state: "pending" },
          select: { id: true },
        });
        const request = pending
          ? await tx.approvalRequest.update({ where: { id: pending.id }, data: decision, select: requestSelect })
          : await tx.approvalRequest.create({
              data: {
                caseId,
                requestedAtVersion: ctx.version,
                requestedByUserId: decision.decidedByUserId,
                requestedByTokenId: decision.decidedByTokenId,
                requestedByName: name,
                ...decision,
              },
              select: requestSelect,
            });
        const dto = toRequestDTO(request);
        mail = await notifyApproval(tx, actor, {
          kind: "approval.approve",
          caseId,
          workspaceId: ctx.workspaceId,
          request: dto,
        });
        return {
          data: { case: toCaseSummaryDTO(row), request: dto, snapshot },
          audit: {
            action: "case.status",
            entityType: "case",
            entityId: caseId,
            before,
            after: { status: "approved", requestId: dto.id, snapshotId: snapshot.id, comment: dto.comment },
          },
        };
      },
      { keepStatus: true },
    ),
    () => mail,
  );
}

export async function rejectApproval(
  actor: Actor,
  caseId: string,
  input: { comment: string },
): Promise<WriteResult<ApprovalRequestDTO>> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  let mail: string[] = [];
  return mailAfterCommit(
    trackCase(actor, { caseId }, "owner", async (tx, ctx) => {
      const pending = await tx.approvalRequest.findFirst({ where: { caseId, state: "pending" }, select: { id: true } });
      if (!pending) throw new AppError("conflict", "no approval request is pending for this case");
      const row = await tx.approvalRequest.update({
        where: { id: pending.id },
        data: {
          state: "rejected",
          ...decided(actor),
          decidedByName: await actorDisplayName(tx, actor),
          decidedAt: new Date(),
          decidedAtVersion: ctx.version,
          comment: input.comment,
        },
        select: requestSelect,
      });
      const dto = toRequestDTO(row);
      mail = await notifyApproval(tx, actor, {
        kind: "approval.reject",
        caseId,
        workspaceId: ctx.workspaceId,
        request: dto,
      });
      return {
        data: dto,
        audit: {
          action: "approval.reject",
          entityType: "approval",
          entityId: row.id,
          after: { comment: input.comment, version: ctx.version },
        },
      };
    }),
    () => mail,
  );
}

// The latest approval of the case and how many plan changes were made after it (the case header).
export async function getLatestApproval(actor: Actor, caseId: string): Promise<LatestApprovalDTO | null> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  const c = await readDb(() =>
    prisma.businessCase.findFirst({
      where: { AND: [{ id: caseId }, caseWhere(actor, "viewer")] },
      select: { version: true },
    }),
  );
  if (!c) throw new AppError("not_found", "not found");
  const last = await readDb(() =>
    prisma.approvalRequest.findFirst({
      where: { caseId, state: "approved" },
      orderBy: [{ decidedAt: "desc" }, { id: "asc" }],
      select: { decidedAt: true, decidedAtVersion: true, decidedByName: true, snapshotId: true },
    }),
  );
  if (!last?.decidedAt || last.decidedAtVersion === null) return null;
  return {
    version: last.decidedAtVersion,
    approvedAt: last.decidedAt.toISOString(),
    approvedBy: last.decidedByName,
    snapshotId: last.snapshotId,
    changesSince: Math.max(0, c.version - last.decidedAtVersion),
  };
}
