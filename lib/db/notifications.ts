// In-app notifications, and their e-mail when SMTP_URL is set.
//
//   notify(tx, input)                  inside a write's transaction: one row per recipient (never the
//                                      actor), only for members of the case's workspace -> ids
//   sendNotificationEmails(ids)        after the commit: each one e-mailed at most once (emailedAt
//                                      claims it, so two instances never both send); never throws
//   listNotifications(actor, opts)     mine, newest first
//   countUnreadNotifications(actor)
//   markNotificationsRead(actor, ids?) mine only (all when ids is absent) -> how many
//
// Kinds: "mention", "reply" (comments), "approval_request", "approval_decision" (versions and
// approval: call notify(tx, { kind: "approval_request", ... }) in the approval's
// transaction and sendNotificationEmails(ids) after it).
import "server-only";
import { sendMail, mailEnabled } from "@/lib/email/mailer";
import { isUuid, type Actor } from "./access";
import { readDb } from "./errors";
import { prisma } from "./client";
import type { NotificationDTO } from "@/lib/dto/collab";
import type { Prisma } from "./generated/client";

export type { NotificationDTO };

export const NOTIFICATION_KINDS = ["mention", "reply", "approval_request", "approval_decision"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotifyInput {
  kind: NotificationKind;
  recipients: string[]; // user ids
  actorUserId: string | null;
  workspaceId: string;
  caseId: string | null;
  commentId?: string | null;
  title: string; // one line, plain text (the e-mail subject)
  body?: string; // plain text excerpt
  url?: string; // path inside the app, e.g. /w/<slug>/cases/<id>/comments
}

type Tx = Prisma.TransactionClient;

export async function notify(tx: Tx, input: NotifyInput): Promise<string[]> {
  const wanted = [...new Set(input.recipients)].filter((id) => isUuid(id) && id !== input.actorUserId);
  if (!wanted.length) return [];
  // Only members of the workspace hear about its cases.
  const members = await tx.membership.findMany({
    where: { workspaceId: input.workspaceId, userId: { in: wanted } },
    select: { userId: true },
  });
  const ids: string[] = [];
  for (const m of members) {
    const row = await tx.notification.create({
      data: {
        userId: m.userId,
        workspaceId: input.workspaceId,
        caseId: input.caseId,
        kind: input.kind,
        actorUserId: input.actorUserId,
        commentId: input.commentId ?? null,
        title: input.title.slice(0, 300),
        body: (input.body ?? "").slice(0, 1000),
        url: input.url ?? "",
      },
      select: { id: true },
    });
    ids.push(row.id);
  }
  return ids;
}

function appUrl(): string {
  return (process.env.NEXTAUTH_URL ?? process.env.APP_URL ?? "").replace(/\/$/, "");
}

export async function sendNotificationEmails(ids: string[]): Promise<number> {
  if (!ids.length || !mailEnabled()) return 0;
  let sent = 0;
  for (const id of ids) {
    try {
      const claimed = await prisma.notification.updateMany({
        where: { id, emailedAt: null },
        data: { emailedAt: new Date() },
      });
      if (!claimed.count) continue;
      const n = await prisma.notification.findUnique({
        where: { id },
        select: { title: true, body: true, url: true, user: { select: { email: true } } },
      });
      if (!n) continue;
      const link = n.url ? `\n\n${appUrl()}${n.url}` : "";
      if (await sendMail({ to: n.user.email, subject: n.title, text: `${n.title}\n\n${n.body}${link}` })) sent++;
    } catch (error) {
      console.error(
        JSON.stringify({ event: "notification-mail-failed", message: (error as Error).message?.slice(0, 200) }),
      );
    }
  }
  return sent;
}

const userOf = (actor: Actor): string | null => (actor.kind === "user" ? actor.userId : null);

export async function listNotifications(
  actor: Actor,
  options: { limit?: number; unreadOnly?: boolean } = {},
): Promise<NotificationDTO[]> {
  const userId = userOf(actor);
  if (!userId) return [];
  // Notifications from workspaces the user has left stay hidden (their cases are out of reach).
  const workspaceIds = (
    await readDb(() => prisma.membership.findMany({ where: { userId }, select: { workspaceId: true } }))
  ).map((m) => m.workspaceId);
  const rows = await readDb(() =>
    prisma.notification.findMany({
      where: { userId, workspaceId: { in: workspaceIds }, ...(options.unreadOnly ? { readAt: null } : {}) },
      orderBy: { createdAt: "desc" },
      take: Math.min(Math.max(options.limit ?? 100, 1), 500),
      select: {
        id: true,
        kind: true,
        caseId: true,
        commentId: true,
        actorUserId: true,
        title: true,
        body: true,
        url: true,
        readAt: true,
        createdAt: true,
      },
    }),
  );
  const actorIds = [...new Set(rows.map((r) => r.actorUserId).filter((v): v is string => !!v))];
  const caseIds = [...new Set(rows.map((r) => r.caseId).filter((v): v is string => !!v))];
  const [users, cases] = await Promise.all([
    actorIds.length
      ? readDb(() =>
          prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, email: true } }),
        )
      : [],
    caseIds.length
      ? readDb(() => prisma.businessCase.findMany({ where: { id: { in: caseIds } }, select: { id: true, name: true } }))
      : [],
  ]);
  const names = new Map(users.map((u) => [u.id, u.name ?? u.email]));
  const caseNames = new Map(cases.map((c) => [c.id, c.name]));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    caseId: r.caseId,
    commentId: r.commentId,
    actorName: r.actorUserId ? (names.get(r.actorUserId) ?? null) : null,
    caseName: r.caseId ? (caseNames.get(r.caseId) ?? null) : null,
    title: r.title,
    body: r.body,
    url: r.url,
    read: !!r.readAt,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function countUnreadNotifications(actor: Actor): Promise<number> {
  const userId = userOf(actor);
  if (!userId) return 0;
  return readDb(async () => {
    const workspaceIds = (await prisma.membership.findMany({ where: { userId }, select: { workspaceId: true } })).map(
      (m) => m.workspaceId,
    );
    return prisma.notification.count({ where: { userId, readAt: null, workspaceId: { in: workspaceIds } } });
  });
}

export async function markNotificationsRead(actor: Actor, ids?: string[]): Promise<{ updated: number }> {
  const userId = userOf(actor);
  if (!userId) return { updated: 0 };
  const r = await readDb(() =>
    prisma.notification.updateMany({
      where: { userId, readAt: null, ...(ids ? { id: { in: ids.filter(isUuid) } } : {}) },
      data: { readAt: new Date() },
    }),
  );
  return { updated: r.count };
}
