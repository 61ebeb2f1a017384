// The case's stated proposal (docs/proposal.md) on a real PostgreSQL: adding a second alternative
// keeps the headline where it was (chosenScenario stated in the same version, in the audit row);
// stating another proposal through the API moves it with the version check; deleting the stated
// proposal clears it.
import { beforeEach, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import { createCaseFromFile, getCaseOrThrow, restoreSnapshot, updateCase } from "@/lib/db/cases";
import { createSnapshot } from "@/lib/db/snapshots";
import { prisma } from "@/lib/db/client";
import { cloneScenario, createScenario, deleteScenario } from "@/lib/db/scenarios";
import { AppError } from "@/lib/errors";
import { headlineResults } from "@/lib/finance/headline";
import { getCaseCompute } from "@/lib/services/compute-case";
import { snapshotDatabase } from "../helpers/db";
import { call } from "./api-client";
import { buildWorld, caseVersion, loadCaseFile, type World } from "./cases-world";

let w: World;
beforeEach(async () => {
  w = await buildWorld();
});

async function headline(caseId: string) {
  const detail = await getCaseOrThrow(w.actors.owner, caseId);
  const { output } = await getCaseCompute(w.actors.owner, caseId);
  const pair = headlineResults(output.scenarios, output.comparisons, detail.chosenScenario);
  return { alternative: pair.primary.key, baseline: pair.baseline?.key ?? null, npv: pair.source.npv, detail };
}

describe("the stated proposal", () => {
  it("adding a second alternative keeps the headline: chosenScenario stated in the same version", async () => {
    const before = await headline(w.caseId);
    expect(before.detail.chosenScenario).toBeNull();
    expect([before.alternative, before.baseline]).toEqual(["upgrade", "current"]);
    const created = await createScenario(w.actors.editor, w.caseId, w.version, { name: "Replace", key: "replace" });
    expect(created.version).toBe(w.version + 1);
    const after = await headline(w.caseId);
    expect(after.detail.version).toBe(w.version + 1);
    expect(after.detail.chosenScenario).toBe("upgrade");
    expect([after.alternative, after.baseline]).toEqual(["upgrade", "current"]);
    expect(after.npv).toBe(before.npv);
    // One audit row for the write, at that version, saying what was stated.
    const audit = await prisma.auditEvent.findMany({ where: { caseId: w.caseId, caseVersion: w.version + 1 } });
    expect(audit.map((a) => a.action)).toEqual(["scenario.create"]);
    expect(audit[0]!.before).toEqual({ chosenScenario: null });
    expect(audit[0]!.after).toMatchObject({ key: "replace", chosenScenario: "upgrade" });
    // A third alternative changes nothing more: the proposal is already stated.
    await createScenario(w.actors.editor, w.caseId, w.version + 1, { name: "Third", key: "third" });
    const third = await prisma.auditEvent.findFirstOrThrow({ where: { caseId: w.caseId, caseVersion: w.version + 2 } });
    expect(third.before).toBeNull();
    expect((await headline(w.caseId)).detail.chosenScenario).toBe("upgrade");
  });

  it("duplicating a scenario keeps the headline the same way", async () => {
    await cloneScenario(w.actors.editor, w.scenarioId, w.version, {});
    const after = await headline(w.caseId);
    expect(after.detail.scenarios.map((s) => s.key)).toContain("upgrade-copy");
    expect(after.detail.chosenScenario).toBe("upgrade");
    expect(after.alternative).toBe("upgrade");
  });

  it("stating another proposal through the API moves the headline, with the version check", async () => {
    await createScenario(w.actors.editor, w.caseId, w.version, { name: "Replace", key: "replace" });
    const v = w.version + 1;
    const untouched = await snapshotDatabase();
    const stale = await call(
      "setCaseProposal",
      { caseId: w.caseId },
      { as: "editor", ifMatch: w.version, body: { chosenScenario: "replace" } },
      w,
    );
    expect(stale.status).toBe(409);
    const unknown = await call(
      "setCaseProposal",
      { caseId: w.caseId },
      { as: "editor", ifMatch: v, body: { chosenScenario: "nope" } },
      w,
    );
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(unknown.json.error)).toContain("chosenScenario");
    expect(
      (
        await call(
          "setCaseProposal",
          { caseId: w.caseId },
          { as: "viewer", ifMatch: v, body: { chosenScenario: "replace" } },
          w,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await call(
          "setCaseProposal",
          { caseId: w.caseId },
          { as: "outsider", ifMatch: v, body: { chosenScenario: "replace" } },
          w,
        )
      ).status,
    ).toBe(404);
    expect(await snapshotDatabase()).toBe(untouched);

    const ok = await call(
      "setCaseProposal",
      { caseId: w.caseId },
      { as: "editor", ifMatch: v, body: { chosenScenario: "replace" } },
      w,
    );
    expect(ok.status).toBe(200);
    expect(await caseVersion(w.caseId)).toBe(v + 1);
    const moved = await headline(w.caseId);
    expect([moved.alternative, moved.baseline]).toEqual(["replace", "current"]);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { caseId: w.caseId, caseVersion: v + 1 } });
    expect(audit.action).toBe("case.update");
    expect(audit.before).toMatchObject({ chosenScenario: "upgrade" });
    expect(audit.after).toMatchObject({ chosenScenario: "replace" });
  });

  it("restoring a version brings its proposal back with its plan", async () => {
    await createScenario(w.actors.editor, w.caseId, w.version, { name: "Replace", key: "replace" });
    const saved = await createSnapshot(w.actors.editor, w.caseId, "Before the switch");
    const v = await caseVersion(w.caseId);
    const moved = await call(
      "setCaseProposal",
      { caseId: w.caseId },
      { as: "editor", ifMatch: v, body: { chosenScenario: "replace" } },
      w,
    );
    expect(moved.status).toBe(200);
    expect((await headline(w.caseId)).alternative).toBe("replace");
    await restoreSnapshot(w.actors.owner, saved.data.id, v + 1);
    const after = await headline(w.caseId);
    expect(after.detail.chosenScenario).toBe("upgrade");
    expect([after.alternative, after.baseline]).toEqual(["upgrade", "current"]);
  });

  it("deleting the stated proposal clears it: the headline returns to the first alternative", async () => {
    await createScenario(w.actors.editor, w.caseId, w.version, { name: "Replace", key: "replace" });
    const detail = await getCaseOrThrow(w.actors.editor, w.caseId);
    expect(detail.chosenScenario).toBe("upgrade");
    await deleteScenario(w.actors.editor, w.scenarioId, w.version + 1);
    const after = await headline(w.caseId);
    expect(after.detail.chosenScenario).toBeNull();
    expect([after.alternative, after.baseline]).toEqual(["replace", "current"]);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { caseId: w.caseId, caseVersion: w.version + 2 } });
    expect(audit.action).toBe("scenario.delete");
    expect(audit.before).toMatchObject({ key: "upgrade", chosenScenario: "upgrade" });
    expect(audit.after).toEqual({ chosenScenario: null });
  });
  it("cannot move away from the scenario that carries recorded actuals", async () => {
    const created = await createCaseFromFile(w.actors.owner, "alpha", loadCaseFile("realisation-small"));
    const untouched = await snapshotDatabase();
    const refused = await updateCase(w.actors.editor, created.caseId, created.version, {
      chosenScenario: "current",
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("validation");
    expect(JSON.stringify((refused as AppError).fieldErrors)).toContain("chosenScenario");
    expect(await snapshotDatabase()).toBe(untouched);
  });
});
