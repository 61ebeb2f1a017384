// History (docs/features.md#what-is-in-the-box): the audit trail as sentences' data, with each plan change's effect on the
// headline NPV (from the figures recorded when a version is computed), grouped by person and
// minute, filtered by person and object, and the "since your last visit" mark.
import Decimal from "decimal.js";
import { beforeEach, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
import { prisma } from "@/lib/db/client";
import { createComment } from "@/lib/db/comments";
import { updateLine } from "@/lib/db/lines";
import { computeAndStore } from "@/lib/services/compute-case";
import { getHistoryView } from "@/lib/services/history-view";
import { buildWorld, type World } from "./cases-world";

let w: World;
beforeEach(async () => {
  w = await buildWorld();
});

describe("history", () => {
  it("tells each change with its fields before -> after and its effect on NPV; filters by person and object; marks what is new since the last visit", async () => {
    const first = await computeAndStore(w.actors.owner, w.caseId);
    // First visit: nothing is marked yet.
    expect((await getHistoryView(w.actors.owner, w.users.owner, w.caseId, {})).mark).toBeNull();
    // The case was imported two hours ago; the previous visit ended an hour ago.
    await prisma.auditEvent.updateMany({
      where: { caseId: w.caseId },
      data: { createdAt: new Date(Date.now() - 7_200_000) },
    });
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await prisma.caseVisit.update({
      where: { userId_caseId: { userId: w.users.owner, caseId: w.caseId } },
      data: { visitedAt: anHourAgo },
    });

    const edited = await updateLine(w.actors.editor, w.lineId, w.version, { amount: "38000" });
    const second = await computeAndStore(w.actors.owner, w.caseId);
    await createComment(w.actors.viewer, w.caseId, { body: "Why 38,000?" });

    const view = await getHistoryView(w.actors.owner, w.users.owner, w.caseId, {});
    expect(view.mark).toBe(anHourAgo.toISOString());
    const items = view.groups.flatMap((g) => g.items);
    const comment = items.find((i) => i.action === "comment.create")!;
    expect(comment).toMatchObject({ verb: "comment", text: "Why 38,000?", npvDelta: null, isNew: true });
    const change = items.find((i) => i.action === "line.update")!;
    expect(change.objectName).toBe(edited.data.name);
    expect(change.changes).toEqual([{ field: "amount", before: "36000", after: "38000" }]);
    const npv = (o: typeof first.output) => new Decimal(o.comparisons[0]!.npv).toDecimalPlaces(10); // stored as numeric(28,10)
    expect(change.npvDelta).toBe(npv(second.output).minus(npv(first.output)).toString());
    expect(new Decimal(change.npvDelta!).isNegative()).toBe(true);
    expect(change.isNew).toBe(true);
    // The import happened before the mark.
    const imported = items.filter((i) => i.action.startsWith("case."));
    expect(imported.length).toBeGreaterThan(0);
    expect(imported.every((i) => !i.isNew)).toBe(true);
    // Grouped by person and minute: the viewer's comment and the editor's edit are separate groups.
    expect(view.groups[0]!.actor.name).toBe("Vera Viewer");
    expect(view.groups[1]!.actor.name).toBe("Edvin Editor");
    expect(view.people.map((p) => p.name)).toEqual(
      expect.arrayContaining(["Edvin Editor", "Olivia Owner", "Vera Viewer"]),
    );

    const byEditor = await getHistoryView(w.actors.owner, w.users.owner, w.caseId, { person: w.users.editor });
    expect(byEditor.groups.flatMap((g) => g.items).map((i) => i.action)).toEqual(["line.update"]);
    const byLine = await getHistoryView(w.actors.owner, w.users.owner, w.caseId, { object: w.lineId });
    expect(byLine.groups.flatMap((g) => g.items).every((i) => i.objectId === w.lineId)).toBe(true);
    expect(view.objects.some((o) => o.id === w.lineId)).toBe(true);
  });

  it("another workspace's case has no history for you", async () => {
    await expect(getHistoryView(w.actors.outsider, w.users.outsider, w.caseId, {})).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
