// Assumptions and notes of a case (the case file's `assumptions`).
//
//   addAssumption(actor, caseId, expectedVersion, input: AssumptionInput)               editor -> WriteResult<AssumptionDTO>
//   updateAssumption(actor, assumptionId, expectedVersion, patch: UpdateAssumptionInput) editor -> WriteResult<AssumptionDTO>
//   reorderAssumptions(actor, caseId, expectedVersion, ids)                              editor -> WriteResult<AssumptionDTO[]>
//   deleteAssumption(actor, assumptionId, expectedVersion)                               editor -> WriteResult<{ id }>
import "server-only";
import { AppError } from "@/lib/errors";
import type { AssumptionInput, UpdateAssumptionInput } from "@/lib/validation/case";
import { isUuid, type Actor } from "./access";
import {
  assumptionFileFields,
  assumptionSelect,
  toAssumptionDTO,
  type AssumptionDTO,
  type WriteResult,
} from "./case-mappers";
import { lineStableIds, objectTarget } from "./object-ids";
import { writeCase } from "./case-write";
import { assertPermutation } from "./risks";

const MAX_ASSUMPTIONS = 1000;

export async function addAssumption(
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  input: AssumptionInput,
): Promise<WriteResult<AssumptionDTO>> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  return writeCase(actor, { caseId }, expectedVersion, "editor", async (tx) => {
    const lines = await lineStableIds(tx, caseId, input.lines ?? []);
    if ((await tx.assumption.count({ where: { caseId } })) >= MAX_ASSUMPTIONS)
      throw new AppError("validation", `a case holds at most ${MAX_ASSUMPTIONS} assumptions`);
    const last = await tx.assumption.findFirst({
      where: { caseId },
      orderBy: { position: "desc" },
      select: { position: true },
    });
    const row = await tx.assumption.create({
      data: {
        caseId,
        title: input.title,
        text: input.text ?? "",
        source: input.source ?? "",
        owner: input.owner ?? "",
        confidence: input.confidence ?? null,
        lines,
        position: (last?.position ?? -1) + 1,
      },
      select: assumptionSelect,
    });
    const dto = toAssumptionDTO(row);
    return {
      data: dto,
      audit: {
        action: "assumption.create",
        entityType: "assumption",
        entityId: row.id,
        after: { title: dto.title, text: dto.text, ...assumptionFileFields(dto) },
      },
    };
  });
}

export async function updateAssumption(
  actor: Actor,
  assumptionRef: string,
  expectedVersion: number,
  patch: UpdateAssumptionInput,
): Promise<WriteResult<AssumptionDTO>> {
  const target = objectTarget(actor, "assumption", assumptionRef);
  return writeCase(actor, target, expectedVersion, "editor", async (tx) => {
    const assumptionId = target.rowId;
    const current = await tx.assumption.findUniqueOrThrow({ where: { id: assumptionId }, select: assumptionSelect });
    const data = {
      title: patch.title ?? current.title,
      text: patch.text === null ? "" : (patch.text ?? current.text),
      source: patch.source === null ? "" : (patch.source ?? current.source),
      owner: patch.owner === null ? "" : (patch.owner ?? current.owner),
      confidence: patch.confidence === undefined ? current.confidence : patch.confidence,
      lines:
        patch.lines === null ? [] : patch.lines ? await lineStableIds(tx, current.caseId, patch.lines) : current.lines,
    };
    const row = await tx.assumption.update({ where: { id: assumptionId }, data, select: assumptionSelect });
    const keys = Object.keys(patch) as (keyof typeof data)[];
    const pick = (a: typeof data) => Object.fromEntries(keys.map((k) => [k, a[k]]));
    return {
      data: toAssumptionDTO(row),
      audit: {
        action: "assumption.update",
        entityType: "assumption",
        entityId: assumptionId,
        before: pick(current),
        after: pick(row),
      },
    };
  });
}

export async function reorderAssumptions(
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  ids: string[],
): Promise<WriteResult<AssumptionDTO[]>> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  return writeCase(actor, { caseId }, expectedVersion, "editor", async (tx) => {
    const all = await tx.assumption.findMany({
      where: { caseId },
      select: { id: true },
      orderBy: [{ position: "asc" }, { id: "asc" }],
    });
    assertPermutation(
      all.map((r) => r.id),
      ids,
    );
    for (const [position, id] of ids.entries())
      await tx.assumption.update({ where: { id }, data: { position }, select: { id: true } });
    const rows = await tx.assumption.findMany({
      where: { caseId },
      select: assumptionSelect,
      orderBy: { position: "asc" },
    });
    return {
      data: rows.map(toAssumptionDTO),
      audit: {
        action: "assumption.reorder",
        entityType: "case",
        entityId: caseId,
        before: { ids: all.map((r) => r.id) },
        after: { ids },
      },
    };
  });
}

export async function deleteAssumption(
  actor: Actor,
  assumptionRef: string,
  expectedVersion: number,
): Promise<WriteResult<{ id: string }>> {
  const target = objectTarget(actor, "assumption", assumptionRef);
  return writeCase(actor, target, expectedVersion, "editor", async (tx) => {
    const assumptionId = target.rowId;
    const row = await tx.assumption.delete({ where: { id: assumptionId }, select: assumptionSelect });
    return {
      data: { id: assumptionId },
      audit: {
        action: "assumption.delete",
        entityType: "assumption",
        entityId: assumptionId,
        before: { title: row.title, text: row.text },
      },
    };
  });
}
