// Benefit realisation on PostgreSQL: line actuals, KPI values and the case's tracking fields
// through the real API handlers; tracking writes keep the version and the approval, bad input
// answers 4xx naming the path and changes nothing, the compute cache follows tracking writes, and
// the case file carries it all (export and import).
import { describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import { prisma } from "@/lib/db/client";
import { createCaseFromFile, getCaseFileOrThrow, setCaseStatus } from "@/lib/db/cases";
import { parseCaseFile } from "@/lib/case-file/parse";
import { getCaseCompute } from "@/lib/services/compute-case";
import { snapshotDatabase } from "../helpers/db";
import { call } from "./api-client";
import { buildWorld, caseVersion, type World } from "./cases-world";
import { readFileSync } from "node:fs";
import path from "node:path";

const small = () => {
  const r = parseCaseFile(
    JSON.parse(readFileSync(path.join(process.cwd(), "tests/fixtures/cases/realisation-small.json"), "utf8")),
  );
  if (!r.ok) throw new Error("fixture");
  return r.value;
};

async function world(): Promise<
  World & { lineIds: Record<string, string>; kpiIds: Record<string, string>; smallId: string }
> {
  const w = await buildWorld();
  const created = await createCaseFromFile(w.actors.owner, "alpha", small());
  const lineIds = Object.fromEntries(created.data.lines.map((l) => [l.stableId, l.id]));
  const kpiIds = Object.fromEntries(created.data.kpis.map((k) => [k.stableId, k.id]));
  return { ...w, lineIds, kpiIds, smallId: created.caseId };
}

const version = (caseId: string) => caseVersion(caseId);

describe("realisation API", { timeout: 60_000 }, () => {
  it("imports the case file's actuals and exports them unchanged; compute returns realisation", async () => {
    const w = await world();
    const { caseFile } = await getCaseFileOrThrow(w.actors.viewer, w.smallId);
    const again = parseCaseFile(caseFile);
    expect(again.ok).toBe(true);
    expect(caseFile.actualsThrough).toBe(3);
    expect(caseFile.goLiveMonth).toBe(1);
    expect(caseFile.chosenScenario).toBe("upgrade");
    const upgrade = caseFile.scenarios.find((s) => s.key === "upgrade")!;
    expect(upgrade.costs[0]!.actuals).toEqual({ "0": "14000" });
    expect(upgrade.benefits[0]!.actuals).toEqual({ "1": "4000", "2": "5000", "3": "6000" });
    expect(caseFile.kpis[1]!.actuals).toEqual([
      { month: -1, value: "10" },
      { month: 1, value: "11" },
    ]);
    const r = await call("computeCase", { caseId: w.smallId }, { as: "viewer" }, w);
    expect(r.status).toBe(200);
    expect(r.json.data.realisation.actualToDate).toEqual({ cost: "15500", benefit: "4500", net: "-11000" });
  });

  it("records line actuals as a merge (null deletes) without a new version; an approved case stays approved", async () => {
    const w = await world();
    const v = await version(w.smallId);
    await setCaseStatus(w.actors.owner, w.smallId, v, "approved");
    const approvedAt = await version(w.smallId);
    const r = await call(
      "setLineActuals",
      { lineId: w.lineIds["saved-time"]! },
      { as: "editor", body: { actuals: { "1": "800", "2": "750.5", "3": 700 } } },
      w,
    );
    expect(r.status, r.text).toBe(200);
    expect(r.json.data).toEqual({ lineId: w.lineIds["saved-time"], actuals: { "1": "800", "2": "750.5", "3": "700" } });
    expect(r.json.version).toBe(approvedAt);
    const merge = await call(
      "setLineActuals",
      { lineId: w.lineIds["saved-time"]! },
      { as: "tokenEditor", body: { actuals: { "2": null, "3": "710" } } },
      w,
    );
    expect(merge.json.data.actuals).toEqual({ "1": "800", "3": "710" });
    const c = await prisma.businessCase.findUniqueOrThrow({
      where: { id: w.smallId },
      select: { version: true, status: true, trackingRevision: true },
    });
    expect(c).toMatchObject({ version: approvedAt, status: "approved", trackingRevision: 2 });
    const audit = await prisma.auditEvent.findMany({
      where: { caseId: w.smallId, action: "line.actuals" },
      orderBy: { id: "asc" },
    });
    expect(audit).toHaveLength(2);
    expect(audit[1]!.before).toEqual({ [w.lineIds["saved-time"]!]: { "2": "750.5", "3": "700" } });
    // KPI values and the tracking fields keep the approval too
    const k = await call(
      "setKpiActuals",
      { kpiId: w.kpiIds["handling-time"]! },
      {
        as: "editor",
        body: {
          actuals: [
            { month: 2, value: "9" },
            { month: -3, value: "10.5" },
          ],
        },
      },
      w,
    );
    expect(k.status, k.text).toBe(200);
    expect(k.json.data.actuals).toEqual([
      { month: -3, value: "10.5" },
      { month: 2, value: "9" },
    ]);
    const t = await call(
      "updateCase",
      { caseId: w.smallId },
      { as: "editor", ifMatch: approvedAt, body: { actualsThrough: 6, goLiveMonth: 2 } },
      w,
    );
    expect(t.status, t.text).toBe(200);
    expect(t.json.version).toBe(approvedAt);
    expect(t.json.data).toMatchObject({ actualsThrough: 6, goLiveMonth: 2, status: "approved" });
    expect(
      (await prisma.businessCase.findUniqueOrThrow({ where: { id: w.smallId }, select: { status: true } })).status,
    ).toBe("approved");
  });

  it("refuses bad input with 4xx naming the path, and nothing saved changes", async () => {
    const w = await world();
    const before = await snapshotDatabase();
    const line = (id: string, actuals: unknown) =>
      call("setLineActuals", { lineId: id }, { as: "editor", body: { actuals } }, w);
    const paths = (r: { json: { error: { fieldErrors?: { path: string }[] } } }) =>
      (r.json.error.fieldErrors ?? []).map((e) => e.path);

    const after = await line(w.lineIds["licence"]!, { "3": "500", "4": "500" });
    expect(after.status).toBe(422);
    expect(paths(after)).toEqual(["actuals.4"]);
    const intangible = await line(w.lineIds["happier-staff"]!, { "1": "5" });
    expect(intangible.status).toBe(422);
    expect(paths(intangible)).toEqual(["actuals"]);
    const baseline = await line(w.lineIds["old-licence"]!, { "1": "1000" });
    expect(baseline.status).toBe(422);
    expect(paths(baseline)).toEqual(["actuals"]);
    expect(baseline.json.error.fieldErrors[0].message).toMatch(/chosen scenario/);
    const notDecimal = await line(w.lineIds["licence"]!, { "1": "12,5", "2": "abc" });
    expect(notDecimal.status).toBe(422);
    expect(paths(notDecimal).sort()).toEqual(["actuals.1", "actuals.2"]);
    const badKey = await line(w.lineIds["licence"]!, { "-1": "5" });
    expect(badKey.status).toBe(422);
    const twice = await call(
      "setKpiActuals",
      { kpiId: w.kpiIds["win-rate"]! },
      {
        as: "editor",
        body: {
          actuals: [
            { month: 1, value: "1" },
            { month: 1, value: "2" },
          ],
        },
      },
      w,
    );
    expect(twice.status).toBe(422);
    expect(paths(twice)).toEqual(["actuals[1].month"]);
    const beyond = await call(
      "setKpiActuals",
      { kpiId: w.kpiIds["win-rate"]! },
      { as: "editor", body: { actuals: [{ month: 25, value: "1" }] } },
      w,
    );
    expect(beyond.status).toBe(422);
    expect(paths(beyond)).toEqual(["actuals[0].month"]);
    const kpiValue = await call(
      "setKpiActuals",
      { kpiId: w.kpiIds["win-rate"]! },
      { as: "editor", body: { actuals: [{ month: 1, value: "NaN" }] } },
      w,
    );
    expect(paths(kpiValue)).toEqual(["actuals[0].value"]);
    const v = await version(w.smallId);
    const back = await call(
      "updateCase",
      { caseId: w.smallId },
      { as: "editor", ifMatch: v, body: { actualsThrough: 2 } },
      w,
    );
    expect(back.status).toBe(422);
    expect(paths(back)).toEqual(["actualsThrough"]);
    const beyondHorizon = await call(
      "updateCase",
      { caseId: w.smallId },
      { as: "editor", ifMatch: v, body: { goLiveMonth: 30 } },
      w,
    );
    expect(paths(beyondHorizon)).toEqual(["goLiveMonth"]);
    const other = await call(
      "updateCase",
      { caseId: w.smallId },
      { as: "editor", ifMatch: v, body: { chosenScenario: "current" } },
      w,
    );
    expect(paths(other)).toEqual(["chosenScenario"]);
    const unknown = await call(
      "updateCase",
      { caseId: w.smallId },
      { as: "editor", ifMatch: v, body: { chosenScenario: "nope" } },
      w,
    );
    expect(paths(unknown)).toEqual(["chosenScenario"]);
    const mixed = await call(
      "updateCase",
      { caseId: w.smallId },
      { as: "editor", ifMatch: v, body: { actualsThrough: 5, name: "x" } },
      w,
    );
    expect(mixed.status).toBe(422);
    expect(paths(mixed)).toEqual(["actualsThrough"]);
    expect(await snapshotDatabase()).toBe(before);
  });

  it("viewers read, editors write, outsiders get 404", async () => {
    const w = await world();
    // tokens note their first use (lastUsedAt): use them once before the snapshot
    for (const as of ["tokenViewer", "foreignToken"] as const)
      await call("listCases", { workspace: "alpha" }, { as }, w);
    const before = await snapshotDatabase();
    const body = { actuals: { "1": "500" } };
    expect((await call("setLineActuals", { lineId: w.lineIds["licence"]! }, { as: "viewer", body }, w)).status).toBe(
      403,
    );
    expect((await call("setLineActuals", { lineId: w.lineIds["licence"]! }, { as: "outsider", body }, w)).status).toBe(
      404,
    );
    expect(
      (await call("setKpiActuals", { kpiId: w.kpiIds["win-rate"]! }, { as: "tokenViewer", body: { actuals: [] } }, w))
        .status,
    ).toBe(403);
    expect(
      (await call("setKpiActuals", { kpiId: w.kpiIds["win-rate"]! }, { as: "foreignToken", body: { actuals: [] } }, w))
        .status,
    ).toBe(404);
    expect(
      (await call("updateCase", { caseId: w.smallId }, { as: "outsider", ifMatch: 1, body: { actualsThrough: 4 } }, w))
        .status,
    ).toBe(404);
    expect(await snapshotDatabase()).toBe(before);
    expect(
      (await call("computeCase", { caseId: w.smallId }, { as: "viewer" }, w)).json.data.realisation,
    ).not.toBeNull();
  });

  it("the compute cache follows tracking writes: same version, new realisation", async () => {
    const w = await world();
    const first = await getCaseCompute(w.actors.viewer, w.smallId);
    expect(first.output.realisation!.actualToDate.cost).toBe("15500");
    const cached = await getCaseCompute(w.actors.viewer, w.smallId);
    expect(cached.cached).toBe(true);
    await call(
      "setLineActuals",
      { lineId: w.lineIds["licence"]! },
      { as: "editor", body: { actuals: { "3": "900" } } },
      w,
    );
    const next = await getCaseCompute(w.actors.viewer, w.smallId);
    expect(next.version).toBe(first.version);
    expect(next.cached).toBe(false);
    expect(next.output.realisation!.actualToDate.cost).toBe("15900");
    // the stored row moved on too: a fresh process (no memory) reads the new output from the database
    const row = await prisma.computeCache.findUniqueOrThrow({
      where: { caseId: w.smallId },
      select: { version: true, trackingRevision: true },
    });
    expect(row).toEqual({ version: first.version, trackingRevision: next.trackingRevision });
    await call(
      "setKpiActuals",
      { kpiId: w.kpiIds["handling-time"]! },
      {
        as: "editor",
        body: {
          actuals: [
            { month: -1, value: "12" },
            { month: 2, value: "9" },
          ],
        },
      },
      w,
    );
    const kpi = await getCaseCompute(w.actors.viewer, w.smallId);
    expect(kpi.output.realisation!.kpis[1]).toMatchObject({ beforeAverage: "12", afterAverage: "9", improved: true });
    await call(
      "updateCase",
      { caseId: w.smallId },
      { as: "editor", ifMatch: first.version, body: { actualsThrough: null } },
      w,
    ).then((r) => expect(r.status).toBe(422));
    // a plan write still invalidates as before
    const v = await version(w.smallId);
    await call("updateCase", { caseId: w.smallId }, { as: "editor", ifMatch: v, body: { description: "x" } }, w);
    const plan = await getCaseCompute(w.actors.viewer, w.smallId);
    expect(plan.version).toBe(v + 1);
    expect(plan.output.realisation!.actualToDate.cost).toBe("15900");
  });
});
