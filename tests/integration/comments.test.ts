// Comments (docs/architecture.md#comments-and-notifications) through the real route handlers on a real PostgreSQL: every comment
// operation x every kind of caller x every kind of object, the comment's own concurrency rule,
// text stored as typed, mentions and replies notifying, and the tracking door (a comment leaves an
// approved case approved and an editor's pending plan edit valid).
import { beforeEach, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import { prisma } from "@/lib/db/client";
import { findMentions } from "@/lib/db/comments";
import { snapshotDatabase } from "../helpers/db";
import { call } from "./api-client";
import { buildWorld, caseVersion, type RoleName, type World } from "./cases-world";

let w: World;
beforeEach(async () => {
  w = await buildWorld();
  // Tokens write lastUsedAt on first use; use each once so snapshots only see real changes.
  for (const as of ["tokenOwner", "tokenEditor", "tokenViewer", "foreignToken"] as const)
    await call("listCases", { workspace: "alpha" }, { as }, w);
});

const MEMBERS: RoleName[] = ["owner", "editor", "viewer", "tokenOwner", "tokenEditor", "tokenViewer"];
const STRANGERS: RoleName[] = ["outsider", "foreignToken"];

async function stableIds(caseId: string) {
  const [line, risk, kpi, assumption] = await Promise.all([
    prisma.caseLine.findFirstOrThrow({ where: { caseId }, orderBy: { position: "asc" }, select: { stableId: true } }),
    prisma.risk.findFirstOrThrow({ where: { caseId }, select: { stableId: true } }),
    prisma.kpi.findFirstOrThrow({ where: { caseId }, select: { stableId: true } }),
    prisma.assumption.findFirstOrThrow({ where: { caseId }, select: { stableId: true } }),
  ]);
  return { line: line.stableId, risk: risk.stableId, kpi: kpi.stableId, assumption: assumption.stableId };
}

async function comment(as: RoleName, body: string, extra: Record<string, unknown> = {}) {
  const r = await call("createComment", { caseId: w.caseId }, { as, body: { body, ...extra } }, w);
  expect(r.status, r.text).toBe(201);
  return r.json.data as { id: string; revision: number; target: { kind: string; id: string | null }; body: string };
}

describe("comments x callers x objects", () => {
  it("members (viewers too) comment on the case and on a line, risk, KPI and assumption by stable id; strangers get 404, anonymous 401, nothing changes", async () => {
    const ids = await stableIds(w.caseId);
    const targets = [
      undefined,
      ...(["line", "risk", "kpi", "assumption"] as const).map((kind) => ({ kind, id: ids[kind] })),
    ];
    const before = await snapshotDatabase();
    for (const as of [...STRANGERS, "anonymous" as const]) {
      for (const target of targets) {
        const r = await call(
          "createComment",
          { caseId: w.caseId },
          { as, body: { body: "hello", ...(target ? { target } : {}) } },
          w,
        );
        expect(r.status, `${as}`).toBe(as === "anonymous" ? 401 : 404);
      }
      expect((await call("listComments", { caseId: w.caseId }, { as }, w)).status).toBe(as === "anonymous" ? 401 : 404);
    }
    expect(await snapshotDatabase()).toBe(before);

    const version = await caseVersion(w.caseId);
    for (const as of MEMBERS) {
      for (const target of targets) {
        const c = await comment(as, `from ${as}`, target ? { target } : {});
        expect(c.target).toEqual(target ?? { kind: "case", id: null });
      }
    }
    expect(await caseVersion(w.caseId)).toBe(version); // tracking: never a version bump
    const list = await call("listComments", { caseId: w.caseId }, { as: "viewer" }, w);
    expect(list.status).toBe(200);
    expect(list.json.data).toHaveLength(MEMBERS.length * targets.length);
  });

  it("a viewer may comment but not edit the plan", async () => {
    await comment("viewer", "Looks optimistic");
    const r = await call(
      "updateLine",
      { lineId: w.lineId },
      { as: "viewer", body: { amount: "1" }, ifMatch: w.version },
      w,
    );
    expect(r.status).toBe(403);
  });

  it("ids in bodies are checked like ids in paths: another case's thread or an unknown object is 404", async () => {
    const foreign = await call(
      "createComment",
      { caseId: w.foreign.caseId },
      { as: "outsider", body: { body: "theirs" } },
      w,
    );
    expect(foreign.status).toBe(201);
    const before = await snapshotDatabase();
    const reply = await call(
      "createComment",
      { caseId: w.caseId },
      { as: "owner", body: { body: "sneaky", parentId: foreign.json.data.id } },
      w,
    );
    expect(reply.status).toBe(404);
    const unknown = await call(
      "createComment",
      { caseId: w.caseId },
      { as: "owner", body: { body: "?", target: { kind: "line", id: "no-such-line" } } },
      w,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.fieldErrors[0].path).toBe("target.id");
    for (const as of STRANGERS) {
      for (const op of ["updateComment", "deleteComment", "resolveComment"] as const) {
        const body =
          op === "updateComment"
            ? { body: "x", revision: 1 }
            : op === "resolveComment"
              ? { resolved: true }
              : undefined;
        const mine = await call(
          op,
          { commentId: foreign.json.data.id },
          { as: as === "outsider" ? "owner" : "tokenOwner", body },
          w,
        );
        expect(mine.status, op).toBe(404);
      }
    }
    expect(await snapshotDatabase()).toBe(before);
  });

  it("nobody edits another's comment; nobody but its author or an owner deletes it", async () => {
    const c = await comment("editor", "Editor's note");
    const before = await snapshotDatabase();
    for (const as of ["owner", "viewer", "tokenOwner", "tokenEditor", "tokenViewer"] as const) {
      expect(
        (await call("updateComment", { commentId: c.id }, { as, body: { body: "hijacked", revision: 1 } }, w)).status,
        as,
      ).toBe(403);
    }
    for (const as of ["viewer", "tokenEditor", "tokenViewer"] as const) {
      expect((await call("deleteComment", { commentId: c.id }, { as }, w)).status, as).toBe(403);
    }
    for (const as of STRANGERS) {
      expect(
        (await call("updateComment", { commentId: c.id }, { as, body: { body: "x", revision: 1 } }, w)).status,
      ).toBe(404);
      expect((await call("deleteComment", { commentId: c.id }, { as }, w)).status).toBe(404);
    }
    expect((await call("deleteComment", { commentId: c.id }, { as: "anonymous" }, w)).status).toBe(401);
    expect(await snapshotDatabase()).toBe(before);

    const edited = await call(
      "updateComment",
      { commentId: c.id },
      { as: "editor", body: { body: "Editor's note, revised", revision: 1 } },
      w,
    );
    expect(edited.status).toBe(200);
    expect(edited.json.data).toMatchObject({ body: "Editor's note, revised", revision: 2 });
    // An owner deletes anyone's comment; a viewer deletes their own.
    expect((await call("deleteComment", { commentId: c.id }, { as: "owner" }, w)).status).toBe(200);
    const mine = await comment("viewer", "mine");
    expect((await call("deleteComment", { commentId: mine.id }, { as: "viewer" }, w)).status).toBe(200);
    expect((await call("deleteComment", { commentId: mine.id }, { as: "viewer" }, w)).status).toBe(404);
  });

  it("an edit made on an old revision answers 409 with the current comment and changes nothing", async () => {
    const c = await comment("viewer", "first");
    expect(
      (await call("updateComment", { commentId: c.id }, { as: "viewer", body: { body: "second", revision: 1 } }, w))
        .status,
    ).toBe(200);
    const stale = await call(
      "updateComment",
      { commentId: c.id },
      { as: "viewer", body: { body: "stale", revision: 1 } },
      w,
    );
    expect(stale.status).toBe(409);
    expect(stale.json.error.details.current).toMatchObject({ body: "second", revision: 2 });
    const row = await prisma.comment.findUniqueOrThrow({ where: { id: c.id } });
    expect(row.body).toBe("second");
  });

  it("replies join their thread, resolve and reopen by any member; a thread on a deleted object stays readable", async () => {
    const ids = await stableIds(w.caseId);
    const line = await prisma.caseLine.findFirstOrThrow({
      where: { caseId: w.caseId, stableId: ids.line },
      select: { id: true },
    });
    const root = await comment("owner", "Why this amount?", { target: { kind: "line", id: ids.line } });
    const reply = await comment("viewer", "Vendor quote", { parentId: root.id });
    const replyToReply = await comment("editor", "Agreed", { parentId: reply.id });
    for (const r of [reply, replyToReply]) expect(r.target).toEqual({ kind: "line", id: ids.line });
    const rows = await prisma.comment.findMany({
      where: { id: { in: [reply.id, replyToReply.id] } },
      select: { parentId: true },
    });
    expect(rows.every((r) => r.parentId === root.id)).toBe(true);

    const resolved = await call(
      "resolveComment",
      { commentId: reply.id },
      { as: "viewer", body: { resolved: true } },
      w,
    );
    expect(resolved.status).toBe(200);
    expect(resolved.json.data).toMatchObject({ id: root.id, resolved: true });
    expect(
      (await call("resolveComment", { commentId: root.id }, { as: "tokenViewer", body: { resolved: false } }, w)).json
        .data.resolved,
    ).toBe(false);

    const deleted = await call(
      "deleteLine",
      { lineId: line.id },
      { as: "editor", ifMatch: await caseVersion(w.caseId) },
      w,
    );
    expect(deleted.status).toBe(200);
    const list = (await call("listComments", { caseId: w.caseId }, { as: "viewer" }, w)).json.data as {
      id: string;
      body: string;
      targetExists: boolean;
    }[];
    expect(list.map((c) => c.body)).toEqual(["Why this amount?", "Vendor quote", "Agreed"]);
    expect(list.every((c) => c.targetExists === false)).toBe(true);
  });

  it("text is stored as typed (<script>, right-to-left, emoji); NUL bytes and more than 10,000 characters are refused", async () => {
    const text = '<script>alert("x")</script> مرحبا بالعالم 👩‍💻 & "quotes"';
    const c = await comment("viewer", text);
    expect(c.body).toBe(text);
    expect((await prisma.comment.findUniqueOrThrow({ where: { id: c.id } })).body).toBe(text);
    const before = await snapshotDatabase();
    const nul = await call("createComment", { caseId: w.caseId }, { as: "viewer", body: { body: "a\u0000b" } }, w);
    expect(nul.status).toBe(422);
    expect(nul.json.error.fieldErrors[0].path).toBe("body");
    expect(
      (await call("createComment", { caseId: w.caseId }, { as: "viewer", body: { body: "x".repeat(10_001) } }, w))
        .status,
    ).toBe(422);
    expect((await call("createComment", { caseId: w.caseId }, { as: "viewer", body: { body: "   " } }, w)).status).toBe(
      422,
    );
    expect(
      (
        await call(
          "createComment",
          { caseId: w.caseId },
          { as: "viewer", body: { body: "ok", workspaceId: w.beta.id } },
          w,
        )
      ).status,
    ).toBe(422);
    expect(await snapshotDatabase()).toBe(before);
    expect(
      (await call("createComment", { caseId: w.caseId }, { as: "viewer", body: { body: "x".repeat(10_000) } }, w))
        .status,
    ).toBe(201);
  });
});

describe("mentions and notifications", () => {
  it("@Name of a member is stored as their id and notifies them; a reply notifies the thread's author; never oneself, never a non-member", async () => {
    const c = await comment("viewer", "@Edvin Editor can you check? cc @Otto Outsider and @Vera Viewer");
    const row = await prisma.comment.findUniqueOrThrow({ where: { id: c.id } });
    // Members only (the outsider is not one); mentioning oneself is kept but notifies nobody.
    expect([...row.mentions].sort()).toEqual([w.users.editor, w.users.viewer].sort());
    const forEditor = await prisma.notification.findMany({ where: { userId: w.users.editor } });
    expect(forEditor.map((n) => n.kind)).toEqual(["mention"]);
    expect(forEditor[0]!.url).toContain(`/cases/${w.caseId}/comments`);
    expect(await prisma.notification.count({ where: { userId: { in: [w.users.viewer, w.users.outsider] } } })).toBe(0);

    await comment("owner", "Replying", { parentId: c.id });
    expect((await prisma.notification.findMany({ where: { userId: w.users.viewer } })).map((n) => n.kind)).toEqual([
      "reply",
    ]);

    const list = await call("listNotifications", {}, { as: "editor" }, w);
    expect(list.json.data).toHaveLength(1);
    expect(list.json.data[0]).toMatchObject({ kind: "mention", read: false, actorName: "Vera Viewer" });
    const read = await call("markNotificationsRead", {}, { as: "editor", body: {} }, w);
    expect(read.json.data).toEqual({ updated: 1 });
    expect((await call("listNotifications", {}, { as: "editor" }, w)).json.data[0].read).toBe(true);
    // Someone else's notifications are out of reach.
    const theirs = await prisma.notification.findFirstOrThrow({ where: { userId: w.users.viewer } });
    await call("markNotificationsRead", {}, { as: "owner", body: { ids: [theirs.id] } }, w);
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull();
  });

  it("findMentions prefers the longest name and needs a word boundary", () => {
    const members = [
      { userId: "a", name: "Erik", email: "erik@x.test" },
      { userId: "b", name: "Erik Berg", email: "eb@x.test" },
    ];
    expect(findMentions("hi @Erik Berg!", members)).toEqual(["b"]);
    expect(findMentions("hi @Erik, and @eb@x.test", members).sort()).toEqual(["a", "b"]);
    expect(findMentions("hi @Eriksson", members)).toEqual([]);
  });
});

describe("the tracking door", () => {
  it("commenting on an approved case leaves it approved at its version, and an editor's pending plan edit is not stale", async () => {
    const approve = await call(
      "setCaseStatus",
      { caseId: w.caseId },
      { as: "owner", body: { status: "approved" }, ifMatch: w.version },
      w,
    );
    expect(approve.status).toBe(200);
    const approvedVersion = approve.json.version as number;
    // The editor reads the case at this version and starts an edit...
    const c = await comment("viewer", "Approved? Let me ask a question first");
    await call(
      "updateComment",
      { commentId: c.id },
      { as: "viewer", body: { body: "edited question", revision: 1 } },
      w,
    );
    await call("resolveComment", { commentId: c.id }, { as: "viewer", body: { resolved: true } }, w);
    const after = await call("getCase", { caseId: w.caseId }, { as: "owner" }, w);
    expect(after.json.data.status).toBe("approved");
    expect(after.json.version).toBe(approvedVersion);
    // ...and sends it with the version read before the comments: accepted.
    const edit = await call(
      "updateLine",
      { lineId: w.lineId },
      { as: "editor", body: { amount: "38000" }, ifMatch: approvedVersion },
      w,
    );
    expect(edit.status, edit.text).toBe(200);
    expect(edit.json.version).toBe(approvedVersion + 1);
    const audit = await prisma.auditEvent.findMany({
      where: { caseId: w.caseId, action: { startsWith: "comment." } },
      select: { caseVersion: true },
    });
    expect(audit.map((a) => a.caseVersion)).toEqual([approvedVersion, approvedVersion, approvedVersion]);
  });
});
