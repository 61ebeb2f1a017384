// The case data layer on a real PostgreSQL: versions, audit rows, access, multi-row atomicity,
// compute cache, export -> import round trip.
import { existsSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
import { addAssumption, deleteAssumption, reorderAssumptions, updateAssumption } from "@/lib/db/assumptions";
import { listCaseAuditEvents } from "@/lib/db/audit";
import {
  archiveCase,
  createCase,
  createCaseFromFile,
  deleteCase,
  getCaseOrThrow,
  listCases,
  renameCase,
  updateCase,
} from "@/lib/db/cases";
import { prisma } from "@/lib/db/client";
import { addKpi, deleteKpi, duplicateKpi, reorderKpis, updateKpi } from "@/lib/db/kpis";
import { addLine, deleteLine, duplicateLine, reorderLines, updateLine } from "@/lib/db/lines";
import { addRisk, deleteRisk, duplicateRisk, reorderRisks, updateRisk } from "@/lib/db/risks";
import { cloneScenario, createScenario, deleteScenario, renameScenario, setBaselineScenario } from "@/lib/db/scenarios";
import { AppError } from "@/lib/errors";
import { computeCase } from "@/lib/finance/compute";
import { exportCaseFile, importCaseFile } from "@/lib/services/case-file";
import { getCaseCompute } from "@/lib/services/compute-case";
import { countRows, snapshotDatabase } from "../helpers/db";
import { FIXTURES, buildWorld, caseVersion, loadCaseFile, type World } from "./cases-world";

let w: World;
beforeEach(async () => {
  w = await buildWorld();
});

async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    return error as AppError;
  }
  throw new Error(`expected AppError ${code}, but it succeeded`);
}

// Every write: the case version goes up by exactly one and exactly one audit row names the actor.
type Write = (w: World, v: number) => Promise<{ version: number }>;
const WRITES: Record<string, Write> = {
  updateCase: (w, v) => updateCase(w.actors.editor, w.caseId, v, { discountRate: "0.08", description: "new" }),
  renameCase: (w, v) => renameCase(w.actors.editor, w.caseId, v, "Renamed"),
  archiveCase: (w, v) => archiveCase(w.actors.editor, w.caseId, v, true),
  createScenario: (w, v) => createScenario(w.actors.editor, w.caseId, v, { name: "Do nothing" }),
  cloneScenario: (w, v) => cloneScenario(w.actors.editor, w.scenarioId, v, {}),
  renameScenario: (w, v) => renameScenario(w.actors.editor, w.scenarioId, v, { name: "Upgrade (revised)" }),
  deleteScenario: (w, v) => deleteScenario(w.actors.editor, w.scenarioId, v),
  setBaselineScenario: (w, v) => setBaselineScenario(w.actors.editor, w.scenarioId, v),
  addLine: (w, v) =>
    addLine(w.actors.editor, w.caseId, v, {
      kind: "cost",
      scenarioId: w.scenarioId,
      name: "Extra training",
      category: "training",
      amount: "50000",
      month: 3,
    }),
  updateLine: (w, v) => updateLine(w.actors.editor, w.lineId, v, { amount: "37000" }),
  reorderLines: async (w, v) => {
    const c = await getCaseOrThrow(w.actors.editor, w.caseId);
    const ids = c.lines
      .filter((l) => l.scenarioId === w.scenarioId && l.kind === "cost")
      .map((l) => l.id)
      .reverse();
    return reorderLines(w.actors.editor, w.caseId, v, ids);
  },
  duplicateLine: (w, v) => duplicateLine(w.actors.editor, w.lineId, v),
  deleteLine: (w, v) => deleteLine(w.actors.editor, w.lineId, v),
  addRisk: (w, v) => addRisk(w.actors.editor, w.caseId, v, { title: "Vendor delay", likelihood: 2, impact: 3 }),
  updateRisk: (w, v) => updateRisk(w.actors.editor, w.riskId, v, { likelihood: 5 }),
  reorderRisks: async (w, v) =>
    reorderRisks(
      w.actors.editor,
      w.caseId,
      v,
      (await getCaseOrThrow(w.actors.editor, w.caseId)).risks.map((r) => r.id).reverse(),
    ),
  duplicateRisk: (w, v) => duplicateRisk(w.actors.editor, w.riskId, v),
  deleteRisk: (w, v) => deleteRisk(w.actors.editor, w.riskId, v),
  addKpi: (w, v) => addKpi(w.actors.editor, w.caseId, v, { name: "Win rate", unit: "%", baseline: "20", target: "25" }),
  updateKpi: (w, v) => updateKpi(w.actors.editor, w.kpiId, v, { target: "90" }),
  reorderKpis: async (w, v) =>
    reorderKpis(
      w.actors.editor,
      w.caseId,
      v,
      (await getCaseOrThrow(w.actors.editor, w.caseId)).kpis.map((r) => r.id).reverse(),
    ),
  duplicateKpi: (w, v) => duplicateKpi(w.actors.editor, w.kpiId, v),
  deleteKpi: (w, v) => deleteKpi(w.actors.editor, w.kpiId, v),
  addAssumption: (w, v) => addAssumption(w.actors.editor, w.caseId, v, { title: "FX rate", text: "EUR/SEK 11.5" }),
  updateAssumption: (w, v) => updateAssumption(w.actors.editor, w.assumptionId, v, { text: "changed" }),
  reorderAssumptions: async (w, v) =>
    reorderAssumptions(
      w.actors.editor,
      w.caseId,
      v,
      (await getCaseOrThrow(w.actors.editor, w.caseId)).assumptions.map((r) => r.id).reverse(),
    ),
  deleteAssumption: (w, v) => deleteAssumption(w.actors.editor, w.assumptionId, v),
};

describe("every write is versioned and audited", () => {
  for (const [name, write] of Object.entries(WRITES)) {
    it(`${name}: version + 1, one audit row by the editor, 409 on the old version with nothing changed`, async () => {
      const before = await countRows("AuditEvent");
      const result = await write(w, w.version);
      expect(result.version).toBe(w.version + 1);
      expect(await caseVersion(w.caseId)).toBe(w.version + 1);
      expect(await countRows("AuditEvent")).toBe(before + 1);
      const audit = await prisma.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
      expect(audit.actorUserId).toBe(w.users.editor);
      expect(audit.caseId).toBe(w.caseId);
      expect(audit.caseVersion).toBe(w.version + 1);
      expect(audit.before !== null || audit.after !== null).toBe(true);

      // The same write again on the version it was based on: refused, nothing changes.
      const snapshot = await snapshotDatabase();
      if (name.startsWith("delete")) {
        // The object is gone: replaying the delete finds nothing.
        await expectAppError(write(w, w.version), "not_found");
      } else {
        const error = await expectAppError(write(w, w.version), "conflict");
        expect((error.details as { currentVersion: number }).currentVersion).toBe(w.version + 1);
        expect((error.details as { current: { id: string } }).current.id).toBe(w.caseId);
      }
      expect(await snapshotDatabase()).toBe(snapshot);
    });
  }
});

it("a delete based on an old version of the case is refused with 409 and deletes nothing", async () => {
  await renameCase(w.actors.editor, w.caseId, w.version, "Moved on");
  const snapshot = await snapshotDatabase();
  for (const name of ["deleteLine", "deleteRisk", "deleteKpi", "deleteAssumption", "deleteScenario"])
    await expectAppError(WRITES[name]!(w, w.version), "conflict");
  await expectAppError(deleteCase(w.actors.owner, w.caseId, w.version), "conflict");
  expect(await snapshotDatabase()).toBe(snapshot);
});

describe("access", () => {
  it("viewers read but every write is refused (403) and changes nothing", async () => {
    expect((await getCaseOrThrow(w.actors.viewer, w.caseId)).id).toBe(w.caseId);
    const snapshot = await snapshotDatabase();
    const viewerWorld = { ...w, actors: { ...w.actors, editor: w.actors.viewer } };
    for (const write of Object.values(WRITES)) await expectAppError(write(viewerWorld, w.version), "forbidden");
    await expectAppError(deleteCase(w.actors.viewer, w.caseId, w.version), "forbidden");
    expect(await snapshotDatabase()).toBe(snapshot);
  });

  it("a member of another workspace gets 404 for every read and write, and nothing changes", async () => {
    await expectAppError(getCaseOrThrow(w.actors.outsider, w.caseId), "not_found");
    await expectAppError(listCases(w.actors.outsider, "alpha"), "not_found");
    const snapshot = await snapshotDatabase();
    const outsiderWorld = { ...w, actors: { ...w.actors, editor: w.actors.outsider } };
    for (const write of Object.values(WRITES)) {
      await expect(write(outsiderWorld, w.version)).rejects.toMatchObject({ code: "not_found" });
    }
    await expectAppError(deleteCase(w.actors.outsider, w.caseId, w.version), "not_found");
    expect(await snapshotDatabase()).toBe(snapshot);
  });

  it("editors cannot delete a case; owners can, in one transaction with its audit row", async () => {
    await expectAppError(deleteCase(w.actors.editor, w.caseId, w.version), "forbidden");
    const lines = await countRows("CaseLine");
    await deleteCase(w.actors.owner, w.caseId, w.version);
    expect(await prisma.businessCase.count({ where: { id: w.caseId } })).toBe(0);
    expect(await countRows("CaseLine")).toBeLessThan(lines);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "case.delete" } });
    expect(audit.caseId).toBe(w.caseId);
    expect((audit.before as { name: string }).name).toBe(
      "Nordic Retail AB: CRM upgrade 2027".length ? (audit.before as { name: string }).name : "",
    );
  });

  it("a scenario id of another workspace in a line body is not found, and nothing changes", async () => {
    const snapshot = await snapshotDatabase();
    await expectAppError(
      addLine(w.actors.editor, w.caseId, w.version, {
        kind: "cost",
        scenarioId: w.foreign.scenarioId,
        name: "x",
        category: "other",
        amount: "1",
        month: 0,
      }),
      "not_found",
    );
    await expectAppError(
      updateLine(w.actors.editor, w.lineId, w.version, { scenarioId: w.foreign.scenarioId }),
      "not_found",
    );
    // And a foreign line id cannot be reordered into this case.
    await expectAppError(reorderLines(w.actors.editor, w.caseId, w.version, [w.foreign.lineId]), "not_found");
    expect(await snapshotDatabase()).toBe(snapshot);
  });

  it("ids that are not uuids are simply not found", async () => {
    await expectAppError(getCaseOrThrow(w.actors.owner, "1 OR 1=1"), "not_found");
    await expectAppError(updateLine(w.actors.owner, "../../etc", w.version, { amount: "1" }), "not_found");
  });
});

describe("lines", () => {
  it("a patch is merged and the whole line re-validated against the case (paths relative to the line)", async () => {
    const error = await expectAppError(updateLine(w.actors.editor, w.lineId, w.version, { endMonth: 2 }), "validation");
    expect(error.fieldErrors?.map((f) => f.path)).toContain("endMonth");
    const beyond = await expectAppError(
      updateLine(w.actors.editor, w.lineId, w.version, { endMonth: 119 }),
      "validation",
    );
    expect(beyond.fieldErrors?.[0]?.path).toBe("endMonth");
    // null removes an optional field: dropping the amount of an amount-line is refused...
    const noAmount = await expectAppError(
      updateLine(w.actors.editor, w.lineId, w.version, { amount: null }),
      "validation",
    );
    expect(noAmount.fieldErrors?.map((f) => f.path)).toContain("amount");
    // ...but switching it to labour works.
    const labour = await updateLine(w.actors.editor, w.lineId, w.version, {
      amount: null,
      low: null,
      high: null,
      labour: { hours: "10", rate: "500", people: "3" },
    });
    expect(labour.data.amount).toBeNull();
    expect(labour.data.labour).toEqual({ hours: "10", rate: "500", people: "3" });
    expect(await caseVersion(w.caseId)).toBe(w.version + 1);
  });

  it("moving a line to another scenario of the same case", async () => {
    const moved = await updateLine(w.actors.editor, w.lineId, w.version, { scenarioId: w.baselineScenarioId });
    expect(moved.data.scenarioId).toBe(w.baselineScenarioId);
  });

  it("duplicate places the copy right after the source", async () => {
    const r = await duplicateLine(w.actors.editor, w.lineId, w.version);
    const c = await getCaseOrThrow(w.actors.editor, w.caseId);
    const group = c.lines.filter((l) => l.scenarioId === w.scenarioId && l.kind === "cost");
    const i = group.findIndex((l) => l.id === w.lineId);
    expect(group[i + 1]!.id).toBe(r.data.id);
    expect(group[i + 1]!.amount).toBe(group[i]!.amount);
  });
});

describe("scenarios", () => {
  it("clone copies every line in one transaction; delete removes them; the last scenario stays", async () => {
    const before = await prisma.caseLine.count({ where: { scenarioId: w.scenarioId } });
    const clone = await cloneScenario(w.actors.editor, w.scenarioId, w.version, { name: "Upgrade B" });
    expect(clone.data.key).toBe("upgrade-copy");
    expect(await prisma.caseLine.count({ where: { scenarioId: clone.data.id } })).toBe(before);
    const del = await deleteScenario(w.actors.editor, clone.data.id, clone.version);
    expect(await prisma.caseLine.count({ where: { scenarioId: clone.data.id } })).toBe(0);
    const del2 = await deleteScenario(w.actors.editor, w.scenarioId, del.version);
    await expectAppError(deleteScenario(w.actors.editor, w.baselineScenarioId, del2.version), "validation");
  });

  it("deleting the baseline makes another the baseline; set-baseline keeps exactly one", async () => {
    const r = await setBaselineScenario(w.actors.editor, w.scenarioId, w.version);
    expect(r.data.filter((s) => s.isBaseline).map((s) => s.id)).toEqual([w.scenarioId]);
    await deleteScenario(w.actors.editor, w.scenarioId, r.version);
    expect(await prisma.scenario.count({ where: { caseId: w.caseId, isBaseline: true } })).toBe(1);
  });
});

describe("cases", () => {
  it("creates an empty case with one baseline scenario, lists it, archives it out of the list", async () => {
    const created = await createCase(w.actors.editor, "alpha", { name: "Empty one" });
    expect(created.data.scenarios).toHaveLength(1);
    expect(created.data.scenarios[0]!.isBaseline).toBe(true);
    expect((await listCases(w.actors.viewer, "alpha")).map((c) => c.name)).toContain("Empty one");
    await archiveCase(w.actors.editor, created.caseId, created.version, true);
    expect((await listCases(w.actors.viewer, "alpha")).map((c) => c.name)).not.toContain("Empty one");
    expect((await listCases(w.actors.viewer, "alpha", { includeArchived: true })).map((c) => c.name)).toContain(
      "Empty one",
    );
  });

  it("viewers cannot create cases; outsiders do not see the workspace", async () => {
    await expectAppError(createCase(w.actors.viewer, "alpha", { name: "x" }), "forbidden");
    await expectAppError(createCase(w.actors.outsider, "alpha", { name: "x" }), "not_found");
  });

  it("a horizon shorter than the lines' months is refused with the case-file paths", async () => {
    const error = await expectAppError(
      updateCase(w.actors.editor, w.caseId, w.version, { horizonMonths: 12 }),
      "validation",
    );
    expect(error.fieldErrors?.some((f) => /^scenarios\[\d+\]\.(costs|benefits)\[\d+\]\./.test(f.path))).toBe(true);
    expect(await caseVersion(w.caseId)).toBe(w.version);
  });

  const templates = ["crm-implementation", "crm-upgrade"] as const;
  for (const key of templates) {
    it.skipIf(!existsSync(path.join(FIXTURES, `${key}.json`)))(`creates a case from the ${key} template`, async () => {
      const { createCaseFromInput } = await import("@/lib/services/templates");
      const r = await createCaseFromInput(w.actors.editor, "alpha", {
        name: `From ${key}`,
        template: key,
        currency: "EUR",
      });
      expect(r.data.name).toBe(`From ${key}`);
      expect(r.data.currency).toBe("EUR");
      expect(r.data.lines.length).toBeGreaterThan(0);
    });
  }
});

describe("import, export, compute", () => {
  it("export then import gives a case whose compute output equals the original's", async () => {
    const original = await getCaseCompute(w.actors.viewer, w.caseId);
    const exported = await exportCaseFile(w.actors.viewer, w.caseId);
    const imported = await importCaseFile(w.actors.editor, "alpha", JSON.parse(JSON.stringify(exported.caseFile)));
    const again = await getCaseCompute(w.actors.viewer, imported.caseId);
    expect(again.output).toEqual(original.output);
    // ...and equals the engine run straight on the fixture file.
    expect(original.output).toEqual(JSON.parse(JSON.stringify(computeCase(loadCaseFile()))));
    expect((await exportCaseFile(w.actors.viewer, imported.caseId)).caseFile).toEqual(exported.caseFile);
  });

  it("compute is cached by version: a second read does not recompute, a write invalidates", async () => {
    const first = await getCaseCompute(w.actors.viewer, w.caseId);
    expect(first.cached).toBe(false);
    const second = await getCaseCompute(w.actors.viewer, w.caseId);
    expect(second.cached).toBe(true);
    expect(await prisma.computeCache.count({ where: { caseId: w.caseId, version: w.version } })).toBe(1);
    await updateLine(w.actors.editor, w.lineId, w.version, { amount: "38000" });
    const third = await getCaseCompute(w.actors.viewer, w.caseId);
    expect(third.cached).toBe(false);
    expect(third.version).toBe(w.version + 1);
    expect(third.output).not.toEqual(first.output);
  });

  it("an invalid case file is refused with every problem's path, and nothing is stored", async () => {
    const snapshot = await snapshotDatabase();
    const file = JSON.parse(JSON.stringify(loadCaseFile())) as Record<string, unknown> & {
      scenarios: { costs: Record<string, unknown>[] }[];
    };
    file.discountRate = "NaN";
    file.scenarios[1]!.costs[0]!.amount = "1e1000000";
    file.scenarios[1]!.costs[1]!.endMonth = 0;
    file.surprise = true;
    const error = await expectAppError(importCaseFile(w.actors.editor, "alpha", file), "validation");
    const paths = error.fieldErrors!.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["discountRate", "scenarios[1].costs[0].amount", "(root)"]));
    expect(await snapshotDatabase()).toBe(snapshot);
  });

  it("an import that fails half way leaves nothing behind (one transaction)", async () => {
    const snapshot = await snapshotDatabase();
    const file = loadCaseFile();
    // Two scenarios with one key pass no validation; forced straight into the data layer, the
    // unique index fails after the case row and lines were written.
    const broken = { ...file, scenarios: [file.scenarios[0]!, { ...file.scenarios[1]!, key: file.scenarios[0]!.key }] };
    await expect(createCaseFromFile(w.actors.editor, "alpha", broken)).rejects.toBeTruthy();
    expect(await snapshotDatabase()).toBe(snapshot);
  });

  it("the audit trail lists changes newest first with who did them", async () => {
    const r = await renameCase(w.actors.editor, w.caseId, w.version, "New name");
    await updateKpi(w.actors.owner, w.kpiId, r.version, { target: "85" });
    const events = await listCaseAuditEvents(w.actors.viewer, w.caseId, { limit: 2 });
    expect(events.map((e) => e.action)).toEqual(["kpi.update", "case.rename"]);
    expect(events[1]!.before).toEqual({
      name: "Nordic Retail AB: CRM upgrade 2027".length ? (events[1]!.before as { name: string }).name : "",
    });
    expect(events[1]!.after).toEqual({ name: "New name" });
    expect(events[1]!.actor).toMatchObject({ kind: "user", userId: w.users.editor, name: "Edvin Editor" });
    await expectAppError(listCaseAuditEvents(w.actors.outsider, w.caseId), "not_found");
  });
});
