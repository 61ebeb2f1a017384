// The members and notifications pages read their view models from lib/services (never lib/db
// directly): what each member of a workspace sees there, and that nobody sees another's.
import { beforeEach, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
import { createComment } from "@/lib/db/comments";
import { createInvitation } from "@/lib/db/invitations";
import { getMembersView } from "@/lib/services/members-view";
import { getNotificationsView } from "@/lib/services/notifications-view";
import { buildWorld, type World } from "./cases-world";

let w: World;
beforeEach(async () => {
  w = await buildWorld();
});

describe("the members page's view", () => {
  it("owners manage and see open invitations; others see the members only; outsiders get nothing", async () => {
    await createInvitation(w.actors.owner, w.alpha.id, { role: "viewer", email: "new@alpha.test" });
    const owner = await getMembersView(w.users.owner, w.alpha.slug);
    expect(owner?.canManage).toBe(true);
    expect(owner?.workspace.id).toBe(w.alpha.id);
    expect(owner?.invitations.map((i) => i.email)).toEqual(["new@alpha.test"]);
    expect(owner?.members.filter((m) => m.isMe).map((m) => m.email)).toEqual(["owner@alpha.test"]);
    expect(owner?.members.map((m) => m.email).sort()).toEqual([
      "editor@alpha.test",
      "owner@alpha.test",
      "viewer@alpha.test",
    ]);

    const viewer = await getMembersView(w.users.viewer, w.alpha.slug);
    expect(viewer?.canManage).toBe(false);
    expect(viewer?.invitations).toEqual([]);
    expect(viewer?.members.find((m) => m.isMe)?.email).toBe("viewer@alpha.test");

    expect(await getMembersView(w.users.outsider, w.alpha.slug)).toBeNull();
    expect(await getMembersView(w.users.owner, "no-such-workspace")).toBeNull();
  });
});

describe("the notifications page's view", () => {
  it("a user sees their own notifications only", async () => {
    await createComment(w.actors.owner, w.caseId, { body: "@Edvin Editor please check" });
    const editor = await getNotificationsView(w.users.editor);
    expect(editor.map((n) => n.kind)).toEqual(["mention"]);
    expect(await getNotificationsView(w.users.viewer)).toEqual([]);
    expect(await getNotificationsView(w.users.outsider)).toEqual([]);
  });
});
