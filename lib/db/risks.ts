// Risks of a case (the case file's `risks`).
//
//   addRisk(actor, caseId, expectedVersion, input: RiskInput)            editor -> WriteResult<RiskDTO>
//   updateRisk(actor, riskId, expectedVersion, patch: UpdateRiskInput)   editor -> WriteResult<RiskDTO>
//   reorderRisks(actor, caseId, expectedVersion, ids)                    editor -> WriteResult<RiskDTO[]>  (every risk id once)
//   duplicateRisk(actor, riskId, expectedVersion)                        editor -> WriteResult<RiskDTO>
//   deleteRisk(actor, riskId, expectedVersion)                           editor -> WriteResult<{ id }>
import "server-only";
import { toProblems } from "@/lib/case-file/parse";
import { riskSchema, type Risk as FileRisk } from "@/lib/case-file/schema";
import { AppError, type FieldError } from "@/lib/errors";
import type { RiskInput, UpdateRiskInput } from "@/lib/validation/case";
import { isUuid, type Actor } from "./access";
import {
  riskSelect,
  stableIdData,
  toFileRisk,
  toRiskData,
  toRiskDTO,
  type RiskDTO,
  type WriteResult,
} from "./case-mappers";
import { objectTarget } from "./object-ids";
import { writeCase, type ChangeContext, type Tx } from "./case-write";

const MAX_RISKS = 1000;

// The case file's rules for one risk: its own schema, then what refers to the case.
async function validateRisk(tx: Tx, ctx: ChangeContext, value: unknown): Promise<FileRisk> {
  const parsed = riskSchema.safeParse(value);
  if (!parsed.success)
    throw new AppError("validation", "the risk is not valid", { fieldErrors: toProblems(parsed.error) });
  const risk = parsed.data;
  const problems: FieldError[] = [];
  if (
    risk.scenario !== undefined &&
    !(await tx.scenario.count({ where: { caseId: ctx.caseId, key: risk.scenario } }))
  ) {
    problems.push({ path: "scenario", message: `no scenario has the key "${risk.scenario}"` });
  }
  if (risk.month !== undefined && risk.month > ctx.horizonMonths)
    problems.push({ path: "month", message: "beyond the horizon" });
  if (risk.includeInCosts && (risk.probability === undefined || risk.costImpact === undefined))
    problems.push({ path: "includeInCosts", message: "needs probability and costImpact" });
  if (problems.length) throw new AppError("validation", "the risk is not valid", { fieldErrors: problems });
  return risk;
}

export async function addRisk(
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  input: RiskInput,
): Promise<WriteResult<RiskDTO>> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  return writeCase(actor, { caseId }, expectedVersion, "editor", async (tx, ctx) => {
    const risk = await validateRisk(tx, ctx, input);
    if ((await tx.risk.count({ where: { caseId } })) >= MAX_RISKS)
      throw new AppError("validation", `a case holds at most ${MAX_RISKS} risks`);
    const last = await tx.risk.findFirst({
      where: { caseId },
      orderBy: { position: "desc" },
      select: { position: true },
    });
    const row = await tx.risk.create({
      data: { ...toRiskData(risk), ...stableIdData(risk), caseId, position: (last?.position ?? -1) + 1 },
      select: riskSelect,
    });
    const dto = toRiskDTO(row);
    return {
      data: dto,
      audit: { action: "risk.create", entityType: "risk", entityId: row.id, after: toFileRisk(dto) },
    };
  });
}

export async function updateRisk(
  actor: Actor,
  riskRef: string,
  expectedVersion: number,
  patch: UpdateRiskInput,
): Promise<WriteResult<RiskDTO>> {
  const target = objectTarget(actor, "risk", riskRef);
  return writeCase(actor, target, expectedVersion, "editor", async (tx, ctx) => {
    const riskId = target.rowId;
    const current = toRiskDTO(await tx.risk.findUniqueOrThrow({ where: { id: riskId }, select: riskSelect }));
    const merged: Record<string, unknown> = { ...toFileRisk(current) };
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    const risk = await validateRisk(tx, ctx, merged);
    const row = await tx.risk.update({ where: { id: riskId }, data: toRiskData(risk), select: riskSelect });
    const after = toRiskDTO(row);
    const keys = Object.keys(patch);
    const pick = (r: Record<string, unknown>) => Object.fromEntries(keys.map((k) => [k, r[k] ?? null]));
    return {
      data: after,
      audit: {
        action: "risk.update",
        entityType: "risk",
        entityId: riskId,
        before: pick(toFileRisk(current)),
        after: pick(toFileRisk(after)),
      },
    };
  });
}

export async function reorderRisks(
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  ids: string[],
): Promise<WriteResult<RiskDTO[]>> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  return writeCase(actor, { caseId }, expectedVersion, "editor", async (tx) => {
    const all = await tx.risk.findMany({
      where: { caseId },
      select: { id: true },
      orderBy: [{ position: "asc" }, { id: "asc" }],
    });
    assertPermutation(
      all.map((r) => r.id),
      ids,
    );
    for (const [position, id] of ids.entries())
      await tx.risk.update({ where: { id }, data: { position }, select: { id: true } });
    const rows = await tx.risk.findMany({ where: { caseId }, select: riskSelect, orderBy: { position: "asc" } });
    return {
      data: rows.map(toRiskDTO),
      audit: {
        action: "risk.reorder",
        entityType: "case",
        entityId: caseId,
        before: { ids: all.map((r) => r.id) },
        after: { ids },
      },
    };
  });
}

export async function duplicateRisk(
  actor: Actor,
  riskRef: string,
  expectedVersion: number,
): Promise<WriteResult<RiskDTO>> {
  const target = objectTarget(actor, "risk", riskRef);
  return writeCase(actor, target, expectedVersion, "editor", async (tx, ctx) => {
    const riskId = target.rowId;
    if ((await tx.risk.count({ where: { caseId: ctx.caseId } })) >= MAX_RISKS)
      throw new AppError("validation", `a case holds at most ${MAX_RISKS} risks`);
    const source = await tx.risk.findUniqueOrThrow({ where: { id: riskId }, select: riskSelect });
    await tx.risk.updateMany({
      where: { caseId: ctx.caseId, position: { gt: source.position } },
      data: { position: { increment: 1 } },
    });
    const { id: _id, stableId: _stableId, ...copy } = source;
    const row = await tx.risk.create({ data: { ...copy, position: source.position + 1 }, select: riskSelect });
    const dto = toRiskDTO(row);
    return {
      data: dto,
      audit: {
        action: "risk.duplicate",
        entityType: "risk",
        entityId: row.id,
        before: { sourceId: riskId },
        after: toFileRisk(dto),
      },
    };
  });
}

export async function deleteRisk(
  actor: Actor,
  riskRef: string,
  expectedVersion: number,
): Promise<WriteResult<{ id: string }>> {
  const target = objectTarget(actor, "risk", riskRef);
  return writeCase(actor, target, expectedVersion, "editor", async (tx) => {
    const riskId = target.rowId;
    const row = await tx.risk.delete({ where: { id: riskId }, select: riskSelect });
    return {
      data: { id: riskId },
      audit: { action: "risk.delete", entityType: "risk", entityId: riskId, before: toFileRisk(toRiskDTO(row)) },
    };
  });
}

export function assertPermutation(existing: string[], ids: string[]) {
  const known = new Set(existing);
  if (new Set(ids).size !== ids.length || ids.length !== existing.length || ids.some((id) => !known.has(id))) {
    throw new AppError("validation", "ids must list every item exactly once", {
      fieldErrors: [{ path: "ids", message: `expected the ${existing.length} ids of this case` }],
    });
  }
}
