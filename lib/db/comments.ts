// Comments on a case (docs/architecture.md#comments-and-notifications): threads on the case or on a line, risk,
// KPI or assumption (named by its id or its stable id, stored by its stable id), replies, edit and delete of one's
// own (owners delete any),
// resolve and reopen, @mentions of members. Every write goes through the tracking door
// (trackCase): audited and announced, but it never bumps the case version or resets approval.
//
//   listComments(actor, caseId)                        viewer -> CommentDTO[] (oldest first)
//   countOpenComments(actor, caseId)                   viewer -> { "<kind>:<stableId>": n }
//   createComment(actor, caseId, input)                viewer -> WriteResult<CommentDTO>
//   updateComment(actor, commentId, { body, revision }) its author -> WriteResult<CommentDTO>  (409 when revision is stale)
//   deleteComment(actor, commentId)                    its author or an owner -> WriteResult<{ id }>
//   resolveComment(actor, commentId, resolved)         viewer -> WriteResult<CommentDTO> (the thread's first comment)
//
// Text is stored exactly as typed; the page and the PDF show it as text. A deleted comment keeps
// its place in its thread (body emptied, `deleted: true`) so replies stay readable.
import "server-only";
import { AppError } from "@/lib/errors";
import type {
  CommentTarget,
  CommentTargetKind,
  CreateCommentInput,
  UpdateCommentInput,
} from "@/lib/validation/comments";
import { caseWhere, isUuid, type Actor } from "./access";
import { trackCase, type Tx } from "./case-write";
import { findInCase } from "./object-ids";
import { readDb } from "./errors";
import { prisma } from "./client";
import type { WriteResult } from "./case-mappers";
import type { Prisma } from "./generated/client";
import { notify, sendNotificationEmails } from "./notifications";

export interface CommentDTO {
  id: string;
  caseId: string;
  parentId: string | null;
  target: { kind: CommentTargetKind; id: string | null };
  targetLabel: string | null; // the object's name now; null when it was deleted (or for the case)
  targetExists: boolean;
  author: { kind: "user"; id: string; name: string } | { kind: "token"; id: string } | { kind: "unknown" };
  body: string;
  mentions: { id: string; name: string }[];
  revision: number;
  resolved: boolean;
  resolvedAt: string | null;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
}

const commentSelect = {
  id: true,
  caseId: true,
  parentId: true,
  targetKind: true,
  targetId: true,
  authorId: true,
  authorTokenId: true,
  body: true,
  mentions: true,
  revision: true,
  resolvedAt: true,
  createdAt: true,
  editedAt: true,
  deletedAt: true,
  author: { select: { name: true, email: true } },
} satisfies Prisma.CommentSelect;
type CommentRow = Prisma.CommentGetPayload<{ select: typeof commentSelect }>;

type Db = Tx | typeof prisma;

const displayName = (u: { name: string | null; email: string }) => u.name?.trim() || u.email;

// The names of the case's objects by stable id ("line:<id>" -> name), to label threads.
async function targetLabels(db: Db, caseId: string): Promise<Map<string, string>> {
  const [lines, risks, kpis, assumptions] = await Promise.all([
    db.caseLine.findMany({ where: { caseId }, select: { stableId: true, name: true } }),
    db.risk.findMany({ where: { caseId }, select: { stableId: true, title: true } }),
    db.kpi.findMany({ where: { caseId }, select: { stableId: true, name: true } }),
    db.assumption.findMany({ where: { caseId }, select: { stableId: true, title: true } }),
  ]);
  const m = new Map<string, string>();
  for (const l of lines) m.set(`line:${l.stableId}`, l.name);
  for (const r of risks) m.set(`risk:${r.stableId}`, r.title);
  for (const k of kpis) m.set(`kpi:${k.stableId}`, k.name);
  for (const a of assumptions) m.set(`assumption:${a.stableId}`, a.title);
  return m;
}

async function userNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const users = await db.user.findMany({
    where: { id: { in: unique } },
    select: { id: true, name: true, email: true },
  });
  return new Map(users.map((u) => [u.id, displayName(u)]));
}

function toDTO(
  row: CommentRow,
  labels: Map<string, string>,
  names: Map<string, string>,
  resolvedAt: Date | null,
): CommentDTO {
  const key = `${row.targetKind}:${row.targetId}`;
  const deleted = !!row.deletedAt;
  return {
    id: row.id,
    caseId: row.caseId,
    parentId: row.parentId,
    target: { kind: row.targetKind, id: row.targetKind === "case" ? null : row.targetId },
    targetLabel: row.targetKind === "case" ? null : (labels.get(key) ?? null),
    targetExists: row.targetKind === "case" || labels.has(key),
    author:
      row.authorId && row.author
        ? { kind: "user", id: row.authorId, name: displayName(row.author) }
        : row.authorTokenId
          ? { kind: "token", id: row.authorTokenId }
          : { kind: "unknown" },
    body: deleted ? "" : row.body,
    mentions: deleted ? [] : row.mentions.map((id) => ({ id, name: names.get(id) ?? "" })),
    revision: row.revision,
    resolved: !!resolvedAt,
    resolvedAt: resolvedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    deleted,
  };
}

// Resolution and its time belong to a thread: replies show their first comment's.
async function toDTOs(db: Db, caseId: string, rows: CommentRow[]): Promise<CommentDTO[]> {
  const rootIds = [
    ...new Set(rows.map((r) => r.parentId).filter((v): v is string => !!v && !rows.some((x) => x.id === v))),
  ];
  const extraRoots = rootIds.length
    ? await db.comment.findMany({ where: { id: { in: rootIds } }, select: { id: true, resolvedAt: true } })
    : [];
  const resolved = new Map<string, Date | null>([
    ...rows.map((r) => [r.id, r.resolvedAt] as const),
    ...extraRoots.map((r) => [r.id, r.resolvedAt] as const),
  ]);
  const [labels, names] = await Promise.all([
    targetLabels(db, caseId),
    userNames(
      db,
      rows.flatMap((r) => r.mentions),
    ),
  ]);
  return rows.map((r) => toDTO(r, labels, names, resolved.get(r.parentId ?? r.id) ?? null));
}

async function requireVisibleCase(actor: Actor, caseId: string): Promise<void> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  const visible = await readDb(() =>
    prisma.businessCase.count({ where: { AND: [{ id: caseId }, caseWhere(actor, "viewer")] } }),
  );
  if (!visible) throw new AppError("not_found", "not found");
}

export async function listComments(actor: Actor, caseId: string): Promise<CommentDTO[]> {
  await requireVisibleCase(actor, caseId);
  const rows = await readDb(() =>
    prisma.comment.findMany({
      where: { caseId },
      select: commentSelect,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
  );
  return readDb(() => toDTOs(prisma, caseId, rows));
}

// Comments (not deleted) in open threads, by object: the counts shown on rows.
export async function countOpenComments(actor: Actor, caseId: string): Promise<Record<string, number>> {
  await requireVisibleCase(actor, caseId);
  const rows = await readDb(() =>
    prisma.comment.findMany({
      where: {
        caseId,
        deletedAt: null,
        targetKind: { not: "case" },
        OR: [{ parentId: null, resolvedAt: null }, { parent: { resolvedAt: null } }],
      },
      select: { targetKind: true, targetId: true },
    }),
  );
  const counts: Record<string, number> = {};
  for (const r of rows) {
    const key = `${r.targetKind}:${r.targetId}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

// "@Name" (as the panel's autocomplete writes it) or "@e-mail" of a member, followed by a
// character that cannot continue a name. The longest name wins ("@Erik Berg" over "@Erik").
export function findMentions(
  body: string,
  members: { userId: string; name: string | null; email: string }[],
): string[] {
  const lower = body.toLocaleLowerCase();
  const found = new Set<string>();
  const candidates = members.flatMap((m) =>
    [m.name?.trim(), m.email]
      .filter((s): s is string => !!s)
      .map((label) => ({ userId: m.userId, label: label.toLocaleLowerCase() })),
  );
  candidates.sort((a, b) => b.label.length - a.label.length);
  const taken: [number, number][] = [];
  for (const c of candidates) {
    let from = 0;
    for (;;) {
      const at = lower.indexOf(`@${c.label}`, from);
      if (at < 0) break;
      const end = at + 1 + c.label.length;
      const next = lower[end];
      const overlaps = taken.some(([s, e]) => at < e && end > s);
      if (!overlaps && (next === undefined || !/[\p{L}\p{N}_]/u.test(next))) {
        found.add(c.userId);
        taken.push([at, end]);
      }
      from = at + 1;
    }
  }
  return [...found];
}

async function caseContext(tx: Tx, caseId: string) {
  const c = await tx.businessCase.findUniqueOrThrow({
    where: { id: caseId },
    select: { name: true, workspace: { select: { slug: true } } },
  });
  return { name: c.name, url: `/w/${c.workspace.slug}/cases/${caseId}/comments` };
}

async function workspaceMembers(tx: Tx, workspaceId: string) {
  const rows = await tx.membership.findMany({
    where: { workspaceId },
    select: { userId: true, user: { select: { name: true, email: true } } },
  });
  return rows.map((r) => ({ userId: r.userId, name: r.user.name, email: r.user.email }));
}

const excerpt = (body: string) => (body.length > 280 ? `${body.slice(0, 279)}…` : body);
const actorUser = (actor: Actor) => (actor.kind === "user" ? actor.userId : null);

async function actorName(tx: Tx, actor: Actor): Promise<string> {
  if (actor.kind !== "user") return "An API client";
  const u = await tx.user.findUnique({ where: { id: actor.userId }, select: { name: true, email: true } });
  return u ? displayName(u) : "Someone";
}

// The object a comment is on, named by its id or its stable id (lib/db/object-ids.ts); stored and
// answered by its stable id, the one that survives export and import.
async function resolveTarget(tx: Tx, caseId: string, target: CommentTarget): Promise<CommentTarget> {
  if (target.kind === "case") return target;
  const found = await findInCase(tx, target.kind, caseId, target.id);
  if (!found)
    throw new AppError("not_found", `no ${target.kind} with this id in the case`, {
      fieldErrors: [{ path: "target.id", message: "not found in this case" }],
    });
  return { kind: target.kind, id: found.stableId };
}

export async function createComment(
  actor: Actor,
  caseId: string,
  input: CreateCommentInput,
): Promise<WriteResult<CommentDTO>> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  let notified: string[] = [];
  const result = await trackCase(actor, { caseId }, "viewer", async (tx, ctx) => {
    let target: CommentTarget = input.target ?? { kind: "case" };
    let parentId: string | null = null;
    let threadAuthor: string | null = null;
    if (input.parentId) {
      const parent = await tx.comment.findFirst({
        where: { id: input.parentId, caseId },
        select: { id: true, parentId: true },
      });
      if (!parent)
        throw new AppError("not_found", "the comment replied to is not in this case", {
          fieldErrors: [{ path: "parentId", message: "not found in this case" }],
        });
      // A reply joins its thread (replies to a reply attach to the thread's first comment).
      const root = await tx.comment.findUniqueOrThrow({
        where: { id: parent.parentId ?? parent.id },
        select: { id: true, targetKind: true, targetId: true, authorId: true },
      });
      parentId = root.id;
      threadAuthor = root.authorId;
      target = root.targetKind === "case" ? { kind: "case" } : { kind: root.targetKind, id: root.targetId! };
    } else {
      target = await resolveTarget(tx, caseId, target);
    }
    const members = await workspaceMembers(tx, ctx.workspaceId);
    const mentions = findMentions(input.body, members);
    const row = await tx.comment.create({
      data: {
        caseId,
        targetKind: target.kind,
        targetId: target.kind === "case" ? null : target.id,
        parentId,
        authorId: actorUser(actor),
        authorTokenId: actor.kind === "token" ? actor.tokenId : null,
        body: input.body,
        mentions,
      },
      select: commentSelect,
    });
    const who = await actorName(tx, actor);
    const c = await caseContext(tx, caseId);
    const common = {
      actorUserId: actorUser(actor),
      workspaceId: ctx.workspaceId,
      caseId,
      commentId: row.id,
      body: excerpt(input.body),
      url: `${c.url}?thread=${parentId ?? row.id}`,
    };
    notified = await notify(tx, {
      ...common,
      kind: "mention",
      recipients: mentions,
      title: `${who} mentioned you on ${c.name}`,
    });
    if (threadAuthor && !mentions.includes(threadAuthor)) {
      notified.push(
        ...(await notify(tx, {
          ...common,
          kind: "reply",
          recipients: [threadAuthor],
          title: `${who} replied to your comment on ${c.name}`,
        })),
      );
    }
    const [dto] = await toDTOs(tx, caseId, [row]);
    return {
      data: dto!,
      audit: {
        action: "comment.create",
        entityType: "comment",
        entityId: row.id,
        after: { target: dto!.target, parentId, body: excerpt(input.body), mentions },
      },
    };
  });
  void sendNotificationEmails(notified);
  return result;
}

const commentTarget = (actor: Actor, commentId: string) => ({
  resolve: async (tx: Tx) =>
    isUuid(commentId)
      ? ((
          await tx.comment.findFirst({
            where: { id: commentId, case: caseWhere(actor, "viewer") },
            select: { caseId: true },
          })
        )?.caseId ?? null)
      : null,
});

const isAuthor = (actor: Actor, row: { authorId: string | null; authorTokenId: string | null }) =>
  actor.kind === "user" ? row.authorId === actor.userId : row.authorTokenId === actor.tokenId;

export async function updateComment(
  actor: Actor,
  commentId: string,
  input: UpdateCommentInput,
): Promise<WriteResult<CommentDTO>> {
  let notified: string[] = [];
  const result = await trackCase(actor, commentTarget(actor, commentId), "viewer", async (tx, ctx) => {
    const row = await tx.comment.findUniqueOrThrow({ where: { id: commentId }, select: commentSelect });
    if (row.deletedAt) throw new AppError("not_found", "this comment was deleted");
    if (!isAuthor(actor, row)) throw new AppError("forbidden", "only its author edits a comment");
    const members = await workspaceMembers(tx, ctx.workspaceId);
    const mentions = findMentions(input.body, members);
    // The comment's own concurrency: the edit names the revision it was made on.
    const updated = await tx.comment.updateMany({
      where: { id: commentId, revision: input.revision },
      data: { body: input.body, mentions, revision: { increment: 1 }, editedAt: new Date() },
    });
    if (!updated.count) {
      const [current] = await toDTOs(tx, ctx.caseId, [row]);
      throw new AppError("conflict", `the comment has changed (now revision ${row.revision}); reload and try again`, {
        details: { currentRevision: row.revision, current },
      });
    }
    const added = mentions.filter((id) => !row.mentions.includes(id));
    if (added.length) {
      const who = await actorName(tx, actor);
      const c = await caseContext(tx, ctx.caseId);
      notified = await notify(tx, {
        kind: "mention",
        recipients: added,
        actorUserId: actorUser(actor),
        workspaceId: ctx.workspaceId,
        caseId: ctx.caseId,
        commentId,
        title: `${who} mentioned you on ${c.name}`,
        body: excerpt(input.body),
        url: `${c.url}?thread=${row.parentId ?? row.id}`,
      });
    }
    const fresh = await tx.comment.findUniqueOrThrow({ where: { id: commentId }, select: commentSelect });
    const [dto] = await toDTOs(tx, ctx.caseId, [fresh]);
    return {
      data: dto!,
      audit: {
        action: "comment.update",
        entityType: "comment",
        entityId: commentId,
        before: { body: excerpt(row.body) },
        after: { body: excerpt(input.body) },
      },
    };
  });
  void sendNotificationEmails(notified);
  return result;
}

export async function deleteComment(actor: Actor, commentId: string): Promise<WriteResult<{ id: string }>> {
  return trackCase(actor, commentTarget(actor, commentId), "viewer", async (tx, ctx) => {
    const row = await tx.comment.findUniqueOrThrow({ where: { id: commentId }, select: commentSelect });
    if (row.deletedAt) throw new AppError("not_found", "this comment was deleted");
    if (!isAuthor(actor, row)) {
      const owner = await tx.businessCase.count({ where: { AND: [{ id: ctx.caseId }, caseWhere(actor, "owner")] } });
      if (!owner) throw new AppError("forbidden", "only its author or an owner deletes a comment");
    }
    await tx.comment.update({
      where: { id: commentId },
      data: { body: "", mentions: [], deletedAt: new Date(), revision: { increment: 1 } },
      select: { id: true },
    });
    return {
      data: { id: commentId },
      audit: {
        action: "comment.delete",
        entityType: "comment",
        entityId: commentId,
        before: { body: excerpt(row.body), authorId: row.authorId },
      },
    };
  });
}

export async function resolveComment(
  actor: Actor,
  commentId: string,
  resolved: boolean,
): Promise<WriteResult<CommentDTO>> {
  return trackCase(actor, commentTarget(actor, commentId), "viewer", async (tx, ctx) => {
    const row = await tx.comment.findUniqueOrThrow({ where: { id: commentId }, select: { id: true, parentId: true } });
    const rootId = row.parentId ?? row.id;
    const root = await tx.comment.findUniqueOrThrow({ where: { id: rootId }, select: { resolvedAt: true } });
    if (!!root.resolvedAt !== resolved) {
      await tx.comment.update({
        where: { id: rootId },
        data: resolved
          ? { resolvedAt: new Date(), resolvedById: actorUser(actor) }
          : { resolvedAt: null, resolvedById: null },
        select: { id: true },
      });
    }
    const fresh = await tx.comment.findUniqueOrThrow({ where: { id: rootId }, select: commentSelect });
    const [dto] = await toDTOs(tx, ctx.caseId, [fresh]);
    return {
      data: dto!,
      audit: {
        action: resolved ? "comment.resolve" : "comment.reopen",
        entityType: "comment",
        entityId: rootId,
        before: { resolved: !!root.resolvedAt },
        after: { resolved },
      },
    };
  });
}

// The workspace's members a comment may mention (the panel's @ autocomplete).
export async function listMentionableMembers(actor: Actor, caseId: string): Promise<{ id: string; name: string }[]> {
  await requireVisibleCase(actor, caseId);
  const c = await readDb(() =>
    prisma.businessCase.findUniqueOrThrow({ where: { id: caseId }, select: { workspaceId: true } }),
  );
  const rows = await readDb(() =>
    prisma.membership.findMany({
      where: { workspaceId: c.workspaceId },
      select: { userId: true, user: { select: { name: true, email: true } } },
      orderBy: { createdAt: "asc" },
    }),
  );
  return rows.map((r) => ({ id: r.userId, name: displayName(r.user) }));
}
