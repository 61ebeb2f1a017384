// Versions end to end through the real route handlers on a real PostgreSQL (docs/architecture.md
// #versions-and-approval): request and approve, edit three things, read exactly those three in the difference
// with the NPV delta, download the approved report (same text as at approval time), restore the
// approved figures exactly; snapshots are never changed or deleted.
import { execFileSync } from "node:child_process";
import path from "node:path";
import Decimal from "decimal.js";
import { beforeAll, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import { OPERATIONS } from "@/lib/api/operations";
import { getLatestApproval } from "@/lib/db/approvals";
import { prisma } from "@/lib/db/client";
import { getCaseOrThrow } from "@/lib/db/cases";
import type { CaseDiff } from "@/lib/finance/diff";
import { call } from "./api-client";
import { buildWorld, caseVersion, type World } from "./cases-world";

const pdfText = (bytes: string | Buffer) =>
  execFileSync("pdftotext", ["-layout", "-", "-"], { input: bytes, encoding: "utf8" }).replace(/[\u00a0\u202f]/g, " ");

async function pdf(opId: string, params: Record<string, string>, w: World): Promise<Buffer> {
  const op = OPERATIONS.find((o) => o.id === opId)!;
  const url = `http://localhost:3000/api/v1${op.path.replace(/\{(\w+)\}/g, (_, k: string) => params[k]!)}`;
  const { handleOperation } = await import("@/lib/api/handler");
  const r = await handleOperation(op)(new Request(url, { headers: { "x-test-session": w.users.viewer } }), {
    params: Promise.resolve(params),
  });
  expect(r.status).toBe(200);
  return Buffer.from(await r.arrayBuffer());
}

describe("versions: approve, change, compare, restore", () => {
  let w: World;
  let approvedSnapshotId: string;
  let approvedVersion: number;
  let approvedOutput: unknown;
  let reportAtApproval: string;

  beforeAll(async () => {
    w = await buildWorld();
  });

  it("an editor asks for approval naming an owner; approvers must be owners; one request pends at a time", async () => {
    const bad = await call(
      "requestApproval",
      { caseId: w.caseId },
      { as: "editor", body: { approverIds: [w.users.viewer] } },
      w,
    );
    expect(bad.status).toBe(422);
    expect(bad.json.error.fieldErrors).toEqual([{ path: "approverIds.0", message: "not an owner of this workspace" }]);
    const r = await call(
      "requestApproval",
      { caseId: w.caseId },
      { as: "editor", body: { approverIds: [w.users.owner], note: "Ready for the board" } },
      w,
    );
    expect(r.status).toBe(201);
    expect(r.json.data).toMatchObject({
      state: "pending",
      requestedBy: "Edvin Editor",
      approverIds: [w.users.owner],
      note: "Ready for the board",
      requestedAtVersion: w.version,
    });
    expect(await caseVersion(w.caseId)).toBe(w.version); // tracking: no new version
    const again = await call("requestApproval", { caseId: w.caseId }, { as: "editor", body: {} }, w);
    expect(again.status).toBe(409);
  });

  it("an owner rejects with a comment; the editor asks again; the owner approves and a snapshot is frozen", async () => {
    const noComment = await call("rejectApproval", { caseId: w.caseId }, { as: "owner", body: { comment: " " } }, w);
    expect(noComment.status).toBe(422);
    const rejected = await call(
      "rejectApproval",
      { caseId: w.caseId },
      { as: "owner", body: { comment: "Licence count is wrong" } },
      w,
    );
    expect(rejected.status).toBe(200);
    expect(rejected.json.data).toMatchObject({
      state: "rejected",
      decidedBy: "Olivia Owner",
      comment: "Licence count is wrong",
    });
    expect((await getCaseOrThrow(w.actors.owner, w.caseId)).status).toBe("draft");

    expect(
      (await call("requestApproval", { caseId: w.caseId }, { as: "editor", body: { note: "Fixed" } }, w)).status,
    ).toBe(201);
    const v = await caseVersion(w.caseId);
    const approved = await call(
      "approveCase",
      { caseId: w.caseId },
      { as: "owner", body: { comment: "Go ahead" }, ifMatch: v },
      w,
    );
    expect(approved.status).toBe(200);
    approvedVersion = approved.json.version;
    expect(approvedVersion).toBe(v + 1);
    expect(approved.json.data.case.status).toBe("approved");
    expect(approved.json.data.request).toMatchObject({
      state: "approved",
      decidedBy: "Olivia Owner",
      comment: "Go ahead",
      decidedAtVersion: approvedVersion,
    });
    expect(approved.json.data.snapshot).toMatchObject({
      kind: "approval",
      name: `Approved version ${approvedVersion}`,
      caseVersion: approvedVersion,
      caseStatus: "approved",
      createdBy: "Olivia Owner",
    });
    approvedSnapshotId = approved.json.data.snapshot.id;
    expect(approved.json.data.request.snapshotId).toBe(approvedSnapshotId);

    // The snapshot holds the case file with stable ids and exactly the engine's output of that version.
    const snap = await call("getSnapshot", { snapshotId: approvedSnapshotId }, { as: "viewer" }, w);
    const compute = await call("computeCase", { caseId: w.caseId }, { as: "viewer" }, w);
    expect(snap.json.data.computeOutput).toEqual(compute.json.data);
    approvedOutput = snap.json.data.computeOutput;
    const exported = await call("exportCase", { caseId: w.caseId }, { as: "viewer" }, w);
    expect(snap.json.data.caseFile).toEqual(exported.json);
    reportAtApproval = pdfText(await pdf("getCaseReport", { caseId: w.caseId }, w));
    expect(reportAtApproval).toContain(`Approved version ${approvedVersion}`);
    expect(reportAtApproval).toContain("by Olivia Owner");

    // The audit trail records each step.
    const actions = (
      await prisma.auditEvent.findMany({
        where: { caseId: w.caseId },
        orderBy: { id: "asc" },
        select: { action: true },
      })
    ).map((a) => a.action);
    expect(actions.slice(-4)).toEqual(["approval.request", "approval.reject", "approval.request", "case.status"]);
  });

  it("saving a snapshot by hand keeps the version and the approval", async () => {
    const r = await call("createSnapshot", { caseId: w.caseId }, { as: "editor", body: { name: "Board pre-read" } }, w);
    expect(r.status).toBe(201);
    expect(r.json.data).toMatchObject({
      kind: "manual",
      name: "Board pre-read",
      caseVersion: approvedVersion,
      caseStatus: "approved",
      createdBy: "Edvin Editor",
    });
    const c = await getCaseOrThrow(w.actors.owner, w.caseId);
    expect([c.version, c.status]).toEqual([approvedVersion, "approved"]);
    const list = await call("listSnapshots", { caseId: w.caseId }, { as: "viewer" }, w);
    expect(list.json.data.map((s: { name: string }) => s.name)).toEqual([
      "Board pre-read",
      `Approved version ${approvedVersion}`,
    ]);
  });

  it("after an amount, a new risk and a renamed scenario, the difference lists exactly those three and the NPV delta", async () => {
    let v = approvedVersion;
    const line = await prisma.caseLine.findUniqueOrThrow({
      where: { id: w.lineId },
      select: { amount: true, stableId: true, name: true },
    });
    const oldAmount = line.amount!.toString();
    const newAmount = new Decimal(oldAmount).plus(2500).toString();
    expect(
      (await call("updateLine", { lineId: w.lineId }, { as: "editor", body: { amount: newAmount }, ifMatch: v++ }, w))
        .status,
    ).toBe(200);
    const risk = await call(
      "addRisk",
      { caseId: w.caseId },
      { as: "editor", body: { title: "Key user leaves", likelihood: 3, impact: 4 }, ifMatch: v++ },
      w,
    );
    expect(risk.status).toBe(201);
    const scenario = await prisma.scenario.findUniqueOrThrow({
      where: { id: w.scenarioId },
      select: { name: true, key: true },
    });
    expect(
      (
        await call(
          "renameScenario",
          { scenarioId: w.scenarioId },
          { as: "editor", body: { name: "Upgrade, phase 1" }, ifMatch: v++ },
          w,
        )
      ).status,
    ).toBe(200);
    expect((await getCaseOrThrow(w.actors.owner, w.caseId)).status).toBe("draft");

    const r = await call(
      "diffCase",
      { caseId: w.caseId },
      { as: "viewer", query: `from=${approvedSnapshotId}&to=current` },
      w,
    );
    expect(r.status).toBe(200);
    const d: CaseDiff = r.json.data.diff;
    expect(r.json.data.from).toMatchObject({
      ref: approvedSnapshotId,
      kind: "snapshot",
      caseVersion: approvedVersion,
      status: "approved",
    });
    expect(r.json.data.to).toMatchObject({
      ref: "current",
      kind: "current",
      caseVersion: approvedVersion + 3,
      status: "draft",
    });
    expect(d.changeCount).toBe(3);
    expect([d.settings, d.kpis, d.assumptions]).toEqual([[], [], []]);
    expect(d.lines).toEqual([
      {
        kind: "line",
        id: line.stableId,
        change: "changed",
        name: line.name,
        scenario: scenario.key,
        scenarioName: "Upgrade, phase 1",
        lineKind: "cost",
        fields: [{ field: "amount", before: oldAmount, after: newAmount }],
      },
    ]);
    expect(d.risks).toHaveLength(1);
    expect(d.risks[0]).toMatchObject({
      kind: "risk",
      change: "added",
      name: "Key user leaves",
      id: risk.json.data.stableId,
    });
    expect(d.risks[0]!.fields).toEqual(
      expect.arrayContaining([
        { field: "title", before: null, after: "Key user leaves" },
        { field: "likelihood", before: null, after: 3 },
        { field: "impact", before: null, after: 4 },
      ]),
    );
    expect(d.scenarios).toEqual([
      {
        kind: "scenario",
        id: scenario.key,
        change: "changed",
        name: "Upgrade, phase 1",
        nameBefore: scenario.name,
        fields: [{ field: "name", before: scenario.name, after: "Upgrade, phase 1" }],
      },
    ]);

    const current = (await call("computeCase", { caseId: w.caseId }, { as: "viewer" }, w)).json.data;
    const npv = d.figures.find((f) => f.figure === "npv")!;
    const headline = (out: { comparisons: { alternative: string; npv: string }[] }) =>
      out.comparisons.find((c) => c.alternative === scenario.key)!.npv;
    expect(npv.before).toBe(headline(approvedOutput as never));
    expect(npv.after).toBe(headline(current));
    expect(npv.delta).toBe(new Decimal(npv.after!).minus(npv.before!).toString());
    expect(new Decimal(npv.delta!).isNegative()).toBe(true); // a cost went up

    // The case header's facts: approved version N, by whom; three changes since.
    expect(await getLatestApproval(w.actors.viewer, w.caseId)).toMatchObject({
      version: approvedVersion,
      approvedBy: "Olivia Owner",
      snapshotId: approvedSnapshotId,
      changesSince: 3,
    });
  });

  it("the approved snapshot's report carries the approved figures: the same text as the report rendered at approval time", async () => {
    const text = pdfText(await pdf("getSnapshotReport", { snapshotId: approvedSnapshotId }, w));
    expect(text).toBe(reportAtApproval);
    const live = pdfText(await pdf("getCaseReport", { caseId: w.caseId }, w));
    expect(live).not.toBe(reportAtApproval);
    expect(live).toContain(`Draft version ${approvedVersion + 3}`);
  });

  it("restore brings the approved plan back exactly (a new version, ids kept, audited); only owners restore", async () => {
    const v = await caseVersion(w.caseId);
    expect(
      (await call("restoreSnapshot", { snapshotId: approvedSnapshotId }, { as: "editor", ifMatch: v }, w)).status,
    ).toBe(403);
    expect(
      (await call("restoreSnapshot", { snapshotId: approvedSnapshotId }, { as: "outsider", ifMatch: v }, w)).status,
    ).toBe(404);
    expect(
      (await call("restoreSnapshot", { snapshotId: approvedSnapshotId }, { as: "owner", ifMatch: v - 1 }, w)).status,
    ).toBe(409);
    const r = await call("restoreSnapshot", { snapshotId: approvedSnapshotId }, { as: "owner", ifMatch: v }, w);
    expect(r.status).toBe(200);
    expect(r.json.version).toBe(v + 1);
    const after = (await call("computeCase", { caseId: w.caseId }, { as: "viewer" }, w)).json.data;
    expect(after).toEqual(approvedOutput);
    const snap = (await call("getSnapshot", { snapshotId: approvedSnapshotId }, { as: "viewer" }, w)).json.data;
    const exported = (await call("exportCase", { caseId: w.caseId }, { as: "viewer" }, w)).json;
    expect({ ...exported, status: "approved" }).toEqual(snap.caseFile); // the same file, stable ids included; the case itself is a draft
    expect(exported.status).toBe("draft");
    const diff = (
      await call("diffCase", { caseId: w.caseId }, { as: "viewer", query: `from=${approvedSnapshotId}` }, w)
    ).json.data.diff as CaseDiff;
    expect(diff.changeCount).toBe(0);
    expect(diff.figures.every((f) => f.delta === null || f.delta === "0")).toBe(true);
    const audit = await prisma.auditEvent.findFirst({
      where: { caseId: w.caseId },
      orderBy: { id: "desc" },
      select: { action: true, caseVersion: true, after: true },
    });
    expect(audit).toMatchObject({
      action: "case.restore",
      caseVersion: v + 1,
      after: { snapshotId: approvedSnapshotId, snapshotVersion: approvedVersion },
    });
  });

  it("snapshots cannot be changed or deleted: no route, no operation, and the database refuses an UPDATE", async () => {
    const root = path.resolve(import.meta.dirname, "../../app/api/v1");
    for (const file of [
      "snapshots/[snapshotId]/route.ts",
      "snapshots/[snapshotId]/export/route.ts",
      "snapshots/[snapshotId]/report.pdf/route.ts",
      "snapshots/[snapshotId]/restore/route.ts",
      "cases/[caseId]/snapshots/route.ts",
    ]) {
      const mod = (await import(path.join(root, file))) as Record<string, unknown>;
      for (const method of ["PUT", "PATCH", "DELETE"]) expect(mod[method], `${method} ${file}`).toBeUndefined();
    }
    expect(
      OPERATIONS.filter((o) => o.path.includes("snapshot") && ["PUT", "PATCH", "DELETE"].includes(o.method)),
    ).toEqual([]);
    await expect(
      prisma.snapshot.update({ where: { id: approvedSnapshotId }, data: { name: "Tampered" } }),
    ).rejects.toThrow(/cannot be changed/);
    expect(
      (await prisma.snapshot.findUniqueOrThrow({ where: { id: approvedSnapshotId }, select: { name: true } })).name,
    ).toBe(`Approved version ${approvedVersion}`);
  });

  it("a snapshot of another case is no version of this one; an unknown or foreign snapshot is not found", async () => {
    const foreignSnap = await call(
      "createSnapshot",
      { caseId: w.foreign.caseId },
      { as: "outsider", body: { name: "Theirs" } },
      w,
    );
    expect(foreignSnap.status).toBe(201);
    expect((await call("getSnapshot", { snapshotId: foreignSnap.json.data.id }, { as: "owner" }, w)).status).toBe(404);
    expect(
      (await call("diffCase", { caseId: w.caseId }, { as: "owner", query: `from=${foreignSnap.json.data.id}` }, w))
        .status,
    ).toBe(404);
    expect((await call("diffCase", { caseId: w.caseId }, { as: "owner", query: "from=yesterday" }, w)).status).toBe(
      422,
    );
    expect(
      (await call("getSnapshot", { snapshotId: "00000000-0000-4000-8000-000000000000" }, { as: "owner" }, w)).status,
    ).toBe(404);
  });

  it("deleting the case takes its snapshots and approval requests with it", async () => {
    const v = await caseVersion(w.caseId);
    expect((await call("deleteCase", { caseId: w.caseId }, { as: "owner", ifMatch: v }, w)).status).toBe(200);
    expect(await prisma.snapshot.count({ where: { caseId: w.caseId } })).toBe(0);
    expect(await prisma.approvalRequest.count({ where: { caseId: w.caseId } })).toBe(0);
  });
});
