// Paste from a spreadsheet on a real PostgreSQL: addLines writes every pasted line in one version
// with one audit entry, or nothing at all.
import { beforeEach, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
import { getCaseOrThrow } from "@/lib/db/cases";
import { prisma } from "@/lib/db/client";
import { addLines } from "@/lib/db/lines";
import { AppError } from "@/lib/errors";
import { parsePastedLines } from "@/lib/lines/paste";
import { addLinesSchema, type AddLinesInput } from "@/lib/validation/case";
import { COST_CATEGORIES } from "@/lib/case-file/categories";
import { snapshotDatabase } from "../helpers/db";
import { buildWorld, caseVersion, type World } from "./cases-world";

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

const three = (w: World): AddLinesInput => ({
  kind: "cost",
  scenarioId: w.scenarioId,
  lines: [
    { name: "Licences", category: "software", amount: "1250.5", recurring: "monthly", startMonth: 1, endMonth: 24 },
    { name: "Servers", category: "hardware", amount: "80000", month: 2 },
    { name: "Support", category: "other", amount: "12000", recurring: "annual", startMonth: 12, endMonth: 36 },
  ],
});

const scenarioCosts = async (w: World) =>
  (await getCaseOrThrow(w.actors.editor, w.caseId)).lines.filter(
    (l) => l.scenarioId === w.scenarioId && l.kind === "cost",
  );

describe("addLines", () => {
  it("an editor adds three lines in one version, after the existing ones, with one audit entry", async () => {
    const before = await scenarioCosts(w);
    const auditBefore = await prisma.auditEvent.count({ where: { caseId: w.caseId } });
    const r = await addLines(w.actors.editor, w.caseId, w.version, three(w));
    expect(r.version).toBe(w.version + 1);
    expect(await caseVersion(w.caseId)).toBe(w.version + 1);
    expect(r.data.map((l) => l.name)).toEqual(["Licences", "Servers", "Support"]);
    expect(r.data.map((l) => l.amount)).toEqual(["1250.5", "80000", "12000"]);
    expect(r.data[1]!.month).toBe(2);
    expect(r.data[2]).toMatchObject({ recurring: "annual", startMonth: 12, endMonth: 36 });

    const after = await scenarioCosts(w);
    expect(after).toHaveLength(before.length + 3);
    expect(after.slice(-3).map((l) => l.name)).toEqual(["Licences", "Servers", "Support"]);
    const maxBefore = Math.max(-1, ...before.map((l) => l.position));
    expect(after.slice(-3).map((l) => l.position)).toEqual([maxBefore + 1, maxBefore + 2, maxBefore + 3]);

    const audit = await prisma.auditEvent.findMany({
      where: { caseId: w.caseId },
      orderBy: { id: "asc" },
      skip: auditBefore,
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "line.create-many",
      entityType: "scenario",
      entityId: w.scenarioId,
      caseVersion: w.version + 1,
      actorUserId: w.users.editor,
    });
    const logged = audit[0]!.after as { kind: string; lines: { id: string; name: string }[] };
    expect(logged.kind).toBe("cost");
    expect(logged.lines.map((l) => l.name)).toEqual(["Licences", "Servers", "Support"]);
    expect(logged.lines.map((l) => l.id)).toEqual(r.data.map((l) => l.id));
  });

  it("takes what the paste parser produces, through the action's schema", async () => {
    const parsed = parsePastedLines(
      "Namn\tBelopp\tKategori\tTidpunkt\nLicenser\t1 250,50 kr\tProgramvara\tmånadsvis\t1\t12\nServrar\t80 000\thardware\tengång\t3\n",
      {
        locale: "sv",
        kind: "cost",
        horizon: 36,
        defaultCategory: "other",
        categories: COST_CATEGORIES,
        categoryLabels: { software: "Programvara" },
      },
    );
    expect(parsed.problems).toEqual([]);
    const input = addLinesSchema.parse({ kind: "cost", scenarioId: w.scenarioId, lines: parsed.lines });
    const r = await addLines(w.actors.editor, w.caseId, w.version, input);
    expect(r.data.map((l) => [l.name, l.category, l.amount, l.recurring, l.month])).toEqual([
      ["Licenser", "software", "1250.5", "monthly", null],
      ["Servrar", "hardware", "80000", null, 3],
    ]);
  });

  it("a viewer is forbidden and an outsider does not find the case; nothing changes", async () => {
    const snapshot = await snapshotDatabase();
    await expectAppError(addLines(w.actors.viewer, w.caseId, w.version, three(w)), "forbidden");
    await expectAppError(addLines(w.actors.outsider, w.caseId, w.version, three(w)), "not_found");
    await expectAppError(
      addLines(w.actors.editor, w.caseId, w.version, { ...three(w), scenarioId: w.foreign.scenarioId }),
      "not_found",
    );
    await expectAppError(addLines(w.actors.editor, "not-a-uuid", w.version, three(w)), "not_found");
    expect(await snapshotDatabase()).toBe(snapshot);
  });

  it("a stale version is a conflict naming the current version, and nothing is added", async () => {
    await addLines(w.actors.editor, w.caseId, w.version, {
      kind: "cost",
      scenarioId: w.scenarioId,
      lines: [{ name: "First", category: "other", amount: "1", month: 0 }],
    });
    const snapshot = await snapshotDatabase();
    const e = await expectAppError(addLines(w.actors.editor, w.caseId, w.version, three(w)), "conflict");
    expect((e.details as { currentVersion: number }).currentVersion).toBe(w.version + 1);
    expect(await snapshotDatabase()).toBe(snapshot);
  });

  it("one invalid line adds nothing and every problem names its line", async () => {
    const snapshot = await snapshotDatabase();
    const input = three(w);
    input.lines[1] = {
      name: "Bad order",
      category: "hardware",
      amount: "1",
      recurring: "monthly",
      startMonth: 10,
      endMonth: 3,
    };
    input.lines[2] = { name: "Too late", category: "other", amount: "1", month: 99 };
    const e = await expectAppError(addLines(w.actors.editor, w.caseId, w.version, input), "validation");
    expect(e.fieldErrors?.map((f) => f.path)).toEqual(["lines.1.endMonth", "lines.2.month"]);
    expect(await snapshotDatabase()).toBe(snapshot);
    expect(await caseVersion(w.caseId)).toBe(w.version);
  });

  it("the schema caps a paste and refuses an empty one", () => {
    const line = { name: "x", category: "other", amount: "1", month: 0 };
    expect(addLinesSchema.safeParse({ kind: "cost", scenarioId: w.scenarioId, lines: [] }).success).toBe(false);
    expect(
      addLinesSchema.safeParse({
        kind: "cost",
        scenarioId: w.scenarioId,
        lines: Array.from({ length: 501 }, () => line),
      }).success,
    ).toBe(false);
    expect(
      addLinesSchema.safeParse({
        kind: "cost",
        scenarioId: w.scenarioId,
        lines: Array.from({ length: 500 }, () => line),
      }).success,
    ).toBe(true);
    const bad = addLinesSchema.safeParse({
      kind: "cost",
      scenarioId: w.scenarioId,
      lines: [line, { ...line, category: "revenue" }],
    });
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["lines.1.category"]);
  });
});
