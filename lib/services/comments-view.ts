// The comments panel's view model: the case's threads (open first, then by latest activity),
// each with the object it is about and a link to it, what the signed-in user may do with each
// comment, the members to @mention and the objects a new thread can be about.
import "server-only";
import type { Actor, Role } from "@/lib/db/access";
import type { CaseDetailDTO } from "@/lib/db/case-mappers";
import { countOpenComments, listComments, listMentionableMembers, type CommentDTO } from "@/lib/db/comments";
import type { CommentView, TargetOption, ThreadView } from "@/lib/dto/collab";
import type { ReportThread } from "@/lib/report/model";
import type { CommentTargetKind } from "@/lib/validation/comments";

export type { CommentView, TargetOption, ThreadView };

const TAB_OF: Record<CommentTargetKind, string> = {
  case: "",
  line: "lines",
  risk: "risks",
  kpi: "kpis",
  assumption: "assumptions",
};

export function targetKey(kind: CommentTargetKind, id: string | null): string {
  return kind === "case" ? "case" : `${kind}:${id}`;
}

export function groupThreads(comments: CommentDTO[], viewer: { actor: Actor; role: Role }, base: string): ThreadView[] {
  const me = viewer.actor.kind === "user" ? viewer.actor.userId : null;
  const threads = new Map<string, ThreadView>();
  for (const c of comments) {
    const rootId = c.parentId ?? c.id;
    let thread = threads.get(rootId);
    if (!thread) {
      const tab = TAB_OF[c.target.kind];
      thread = {
        id: rootId,
        target: {
          kind: c.target.kind,
          id: c.target.id,
          label: c.targetLabel,
          exists: c.targetExists,
          href:
            c.target.kind === "case" || !c.targetExists
              ? null
              : `${base}/${tab}?${c.target.kind}=${encodeURIComponent(c.target.id ?? "")}`,
        },
        resolved: c.resolved,
        lastActivity: c.createdAt,
        comments: [],
      };
      threads.set(rootId, thread);
    }
    const mine = c.author.kind === "user" && c.author.id === me;
    thread.lastActivity =
      c.editedAt && c.editedAt > thread.lastActivity
        ? c.editedAt
        : c.createdAt > thread.lastActivity
          ? c.createdAt
          : thread.lastActivity;
    thread.comments.push({
      id: c.id,
      authorName: c.author.kind === "user" ? c.author.name : null,
      body: c.body,
      mentionNames: c.mentions.map((m) => m.name).filter(Boolean),
      revision: c.revision,
      createdAt: c.createdAt,
      editedAt: c.editedAt,
      deleted: c.deleted,
      canEdit: mine && !c.deleted,
      canDelete: (mine || viewer.role === "owner") && !c.deleted,
    });
  }
  // A thread whose every comment was deleted has nothing left to read.
  const visible = [...threads.values()].filter((t) => t.comments.some((c) => !c.deleted));
  return visible.sort(
    (a, b) => Number(a.resolved) - Number(b.resolved) || b.lastActivity.localeCompare(a.lastActivity),
  );
}

export async function getCommentsView(actor: Actor, role: Role, detail: CaseDetailDTO, base: string) {
  const [comments, members] = await Promise.all([
    listComments(actor, detail.id),
    listMentionableMembers(actor, detail.id),
  ]);
  const scenarioName = new Map(detail.scenarios.map((s) => [s.id, s.name]));
  const targets: TargetOption[] = [
    { key: "case", kind: "case", id: null, label: detail.name },
    ...detail.lines.map((l) => ({
      key: targetKey("line", l.stableId),
      kind: "line" as const,
      id: l.stableId,
      label: `${l.name} (${scenarioName.get(l.scenarioId) ?? ""})`,
    })),
    ...detail.risks.map((r) => ({
      key: targetKey("risk", r.stableId),
      kind: "risk" as const,
      id: r.stableId,
      label: r.title,
    })),
    ...detail.kpis.map((k) => ({
      key: targetKey("kpi", k.stableId),
      kind: "kpi" as const,
      id: k.stableId,
      label: k.name,
    })),
    ...detail.assumptions.map((a) => ({
      key: targetKey("assumption", a.stableId),
      kind: "assumption" as const,
      id: a.stableId,
      label: a.title,
    })),
  ];
  return { threads: groupThreads(comments, { actor, role }, base), members, targets };
}

// Open comments by object ("<kind>:<stableId>"), for the counts on grid and register rows.
export async function getCommentCounts(actor: Actor, caseId: string): Promise<Record<string, number>> {
  return countOpenComments(actor, caseId);
}

// The case's open threads for the board report: what each is about and its comments as typed.
export async function getReportDiscussion(actor: Actor, caseId: string, caseName: string): Promise<ReportThread[]> {
  const comments = await listComments(actor, caseId);
  const threads = groupThreads(comments, { actor, role: "viewer" }, "").filter((th) => !th.resolved);
  return threads.slice(0, 30).map((th) => ({
    about: th.target.kind === "case" ? caseName : (th.target.label ?? `${th.target.kind} (${th.target.id})`),
    comments: th.comments
      .filter((c) => !c.deleted)
      .slice(0, 10)
      .map((c) => ({ author: c.authorName ?? "API", body: c.body })),
  }));
}
