// Scenarios of a case (exactly one is the baseline while there are any).
//
//   createScenario(actor, caseId, expectedVersion, { name, key? })       editor -> WriteResult<ScenarioDTO>
//   cloneScenario(actor, scenarioId, expectedVersion, { name?, key? })   editor -> WriteResult<ScenarioDTO>  (copies its lines; one transaction)
//   renameScenario(actor, scenarioId, expectedVersion, { name })         editor -> WriteResult<ScenarioDTO>
//   deleteScenario(actor, scenarioId, expectedVersion)                   editor -> WriteResult<{ id }>       (not the last one; lines go with it)
//
// Adding a scenario (create or clone) to a case with one alternative and no stated proposal states
// that alternative as the proposal in the same write, so the headline stays where it was; deleting
// the stated proposal clears it (docs/proposal.md). Both show in the write's audit row.
//   setBaselineScenario(actor, scenarioId, expectedVersion)              editor -> WriteResult<ScenarioDTO[]>
import "server-only";
import { randomUUID } from "node:crypto";
import { MAX_SCENARIOS } from "@/lib/case-file/schema";
import { AppError } from "@/lib/errors";
import type { CloneScenarioInput, CreateScenarioInput, RenameScenarioInput } from "@/lib/validation/case";
import { caseWhere, isUuid, type Actor } from "./access";
import { scenarioSelect, toScenarioDTO, type ScenarioDTO, type WriteResult } from "./case-mappers";
import { writeCase, type Tx } from "./case-write";
import { forgetProposal, keepProposal } from "./proposal";
import type { Prisma } from "./generated/client";
import { MAX_LINES_PER_CASE } from "@/lib/validation/case";

const scenarioTarget = (actor: Actor, scenarioId: string) => ({
  resolve: async (tx: Tx) =>
    isUuid(scenarioId)
      ? ((
          await tx.scenario.findFirst({
            where: { id: scenarioId, case: caseWhere(actor, "viewer") },
            select: { caseId: true },
          })
        )?.caseId ?? null)
      : null,
});

function slugify(name: string): string {
  const s = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return s || "scenario";
}

async function pickKey(tx: Tx, caseId: string, wanted: string | undefined, name: string): Promise<string> {
  const taken = new Set((await tx.scenario.findMany({ where: { caseId }, select: { key: true } })).map((s) => s.key));
  if (taken.size >= MAX_SCENARIOS) throw new AppError("validation", `a case holds at most ${MAX_SCENARIOS} scenarios`);
  if (wanted) {
    if (taken.has(wanted))
      throw new AppError("validation", "the key is taken", {
        fieldErrors: [{ path: "key", message: `another scenario has the key "${wanted}"` }],
      });
    return wanted;
  }
  const base = slugify(name);
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}-${i}`;
  return key;
}

export async function createScenario(
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  input: CreateScenarioInput,
): Promise<WriteResult<ScenarioDTO>> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  return writeCase(actor, { caseId }, expectedVersion, "editor", async (tx) => {
    const key = await pickKey(tx, caseId, input.key, input.name);
    const kept = await keepProposal(tx, caseId);
    const count = await tx.scenario.count({ where: { caseId } });
    const last = await tx.scenario.findFirst({
      where: { caseId },
      orderBy: { position: "desc" },
      select: { position: true },
    });
    const row = await tx.scenario.create({
      data: { caseId, key, name: input.name, isBaseline: count === 0, position: (last?.position ?? -1) + 1 },
      select: scenarioSelect,
    });
    const dto = toScenarioDTO(row);
    return {
      data: dto,
      audit: {
        action: "scenario.create",
        entityType: "scenario",
        entityId: row.id,
        ...(kept === null
          ? { after: dto }
          : { before: { chosenScenario: null }, after: { ...dto, chosenScenario: kept } }),
      },
    };
  });
}

export async function cloneScenario(
  actor: Actor,
  scenarioId: string,
  expectedVersion: number,
  input: CloneScenarioInput,
): Promise<WriteResult<ScenarioDTO>> {
  return writeCase(actor, scenarioTarget(actor, scenarioId), expectedVersion, "editor", async (tx, ctx) => {
    const source = await tx.scenario.findUniqueOrThrow({ where: { id: scenarioId }, select: scenarioSelect });
    const name = input.name ?? `${source.name} (copy)`;
    const key = await pickKey(tx, ctx.caseId, input.key, input.key ? name : `${source.key}-copy`);
    const kept = await keepProposal(tx, ctx.caseId);
    const last = await tx.scenario.findFirst({
      where: { caseId: ctx.caseId },
      orderBy: { position: "desc" },
      select: { position: true },
    });
    const newId = randomUUID();
    const row = await tx.scenario.create({
      data: { id: newId, caseId: ctx.caseId, key, name, isBaseline: false, position: (last?.position ?? -1) + 1 },
      select: scenarioSelect,
    });
    const lines = await tx.caseLine.findMany({
      where: { scenarioId },
      orderBy: [{ kind: "asc" }, { position: "asc" }],
    });
    const total = await tx.caseLine.count({ where: { caseId: ctx.caseId } });
    if (total + lines.length > MAX_LINES_PER_CASE)
      throw new AppError("validation", `a case holds at most ${MAX_LINES_PER_CASE} lines`);
    if (lines.length) {
      await tx.caseLine.createMany({
        data: lines.map(({ id: _id, stableId: _stableId, createdAt: _c, updatedAt: _u, ...l }) => ({
          ...l,
          scenarioId: newId,
          schedule: (l.schedule ?? undefined) as Prisma.InputJsonValue | undefined,
          capitalised: (l.capitalised ?? undefined) as Prisma.InputJsonValue | undefined,
        })),
      });
    }
    const dto = toScenarioDTO(row);
    return {
      data: dto,
      audit: {
        action: "scenario.clone",
        entityType: "scenario",
        entityId: newId,
        before: { sourceId: scenarioId, ...(kept === null ? {} : { chosenScenario: null }) },
        after: { ...dto, lines: lines.length, ...(kept === null ? {} : { chosenScenario: kept }) },
      },
    };
  });
}

export async function renameScenario(
  actor: Actor,
  scenarioId: string,
  expectedVersion: number,
  input: RenameScenarioInput,
): Promise<WriteResult<ScenarioDTO>> {
  return writeCase(actor, scenarioTarget(actor, scenarioId), expectedVersion, "editor", async (tx) => {
    const before = await tx.scenario.findUniqueOrThrow({ where: { id: scenarioId }, select: { name: true } });
    const row = await tx.scenario.update({
      where: { id: scenarioId },
      data: { name: input.name },
      select: scenarioSelect,
    });
    return {
      data: toScenarioDTO(row),
      audit: {
        action: "scenario.rename",
        entityType: "scenario",
        entityId: scenarioId,
        before,
        after: { name: input.name },
      },
    };
  });
}

export async function deleteScenario(
  actor: Actor,
  scenarioId: string,
  expectedVersion: number,
): Promise<WriteResult<{ id: string }>> {
  return writeCase(actor, scenarioTarget(actor, scenarioId), expectedVersion, "editor", async (tx, ctx) => {
    const all = await tx.scenario.findMany({
      where: { caseId: ctx.caseId },
      select: scenarioSelect,
      orderBy: [{ position: "asc" }, { key: "asc" }],
    });
    if (all.length <= 1) throw new AppError("validation", "a case keeps at least one scenario");
    const target = all.find((s) => s.id === scenarioId)!;
    const lines = await tx.caseLine.count({ where: { scenarioId } });
    await tx.scenario.delete({ where: { id: scenarioId }, select: { id: true } });
    await tx.risk.updateMany({ where: { caseId: ctx.caseId, scenarioKey: target.key }, data: { scenarioKey: null } });
    const proposalCleared = await forgetProposal(tx, ctx.caseId, target.key);
    if (target.isBaseline) {
      const next = all.find((s) => s.id !== scenarioId)!;
      await tx.scenario.update({ where: { id: next.id }, data: { isBaseline: true }, select: { id: true } });
    }
    return {
      data: { id: scenarioId },
      audit: {
        action: "scenario.delete",
        entityType: "scenario",
        entityId: scenarioId,
        before: { ...toScenarioDTO(target), lines, ...(proposalCleared ? { chosenScenario: target.key } : {}) },
        ...(proposalCleared ? { after: { chosenScenario: null } } : {}),
      },
    };
  });
}

export async function setBaselineScenario(
  actor: Actor,
  scenarioId: string,
  expectedVersion: number,
): Promise<WriteResult<ScenarioDTO[]>> {
  return writeCase(actor, scenarioTarget(actor, scenarioId), expectedVersion, "editor", async (tx, ctx) => {
    const previous = await tx.scenario.findFirst({
      where: { caseId: ctx.caseId, isBaseline: true },
      select: { id: true },
    });
    await tx.scenario.updateMany({
      where: { caseId: ctx.caseId, isBaseline: true, NOT: { id: scenarioId } },
      data: { isBaseline: false },
    });
    await tx.scenario.update({ where: { id: scenarioId }, data: { isBaseline: true }, select: { id: true } });
    const rows = await tx.scenario.findMany({
      where: { caseId: ctx.caseId },
      select: scenarioSelect,
      orderBy: [{ position: "asc" }, { key: "asc" }],
    });
    return {
      data: rows.map(toScenarioDTO),
      audit: {
        action: "scenario.set-baseline",
        entityType: "scenario",
        entityId: scenarioId,
        before: { baselineId: previous?.id ?? null },
        after: { baselineId: scenarioId },
      },
    };
  });
}
