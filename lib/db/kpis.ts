// KPIs of a case (the case file's `kpis`).
//
//   addKpi(actor, caseId, expectedVersion, input: KpiInput)             editor -> WriteResult<KpiDTO>
//   updateKpi(actor, kpiId, expectedVersion, patch: UpdateKpiInput)     editor -> WriteResult<KpiDTO>
//   reorderKpis(actor, caseId, expectedVersion, ids)                    editor -> WriteResult<KpiDTO[]>  (every KPI id once)
//   duplicateKpi(actor, kpiId, expectedVersion)                         editor -> WriteResult<KpiDTO>
//   deleteKpi(actor, kpiId, expectedVersion)                            editor -> WriteResult<{ id }>
import "server-only";
import { toProblems } from "@/lib/case-file/parse";
import { kpiSchema, type Kpi as FileKpi } from "@/lib/case-file/schema";
import { AppError } from "@/lib/errors";
import type { KpiInput, UpdateKpiInput } from "@/lib/validation/case";
import { isUuid, type Actor } from "./access";
import { kpiSelect, stableIdData, toKpiData, toKpiDTO, type KpiDTO, type WriteResult } from "./case-mappers";
import { objectTarget } from "./object-ids";
import { writeCase } from "./case-write";
import { assertPermutation } from "./risks";

const MAX_KPIS = 1000;

function toFileKpi(k: KpiDTO): FileKpi {
  return {
    name: k.name,
    ...(k.unit ? { unit: k.unit } : {}),
    direction: k.direction,
    ...(k.baseline !== null ? { baseline: k.baseline } : {}),
    ...(k.target !== null ? { target: k.target } : {}),
  };
}

function validateKpi(value: unknown): FileKpi {
  const parsed = kpiSchema.safeParse(value);
  if (!parsed.success)
    throw new AppError("validation", "the KPI is not valid", { fieldErrors: toProblems(parsed.error) });
  return parsed.data;
}

export async function addKpi(
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  input: KpiInput,
): Promise<WriteResult<KpiDTO>> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  const kpi = validateKpi(input);
  return writeCase(actor, { caseId }, expectedVersion, "editor", async (tx) => {
    if ((await tx.kpi.count({ where: { caseId } })) >= MAX_KPIS)
      throw new AppError("validation", `a case holds at most ${MAX_KPIS} KPIs`);
    const last = await tx.kpi.findFirst({
      where: { caseId },
      orderBy: { position: "desc" },
      select: { position: true },
    });
    const row = await tx.kpi.create({
      data: { ...toKpiData(kpi), ...stableIdData(kpi), caseId, position: (last?.position ?? -1) + 1 },
      select: kpiSelect,
    });
    const dto = toKpiDTO(row);
    return { data: dto, audit: { action: "kpi.create", entityType: "kpi", entityId: row.id, after: toFileKpi(dto) } };
  });
}

export async function updateKpi(
  actor: Actor,
  kpiRef: string,
  expectedVersion: number,
  patch: UpdateKpiInput,
): Promise<WriteResult<KpiDTO>> {
  const target = objectTarget(actor, "kpi", kpiRef);
  return writeCase(actor, target, expectedVersion, "editor", async (tx) => {
    const kpiId = target.rowId;
    const current = toKpiDTO(await tx.kpi.findUniqueOrThrow({ where: { id: kpiId }, select: kpiSelect }));
    const merged: Record<string, unknown> = { ...toFileKpi(current) };
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    const kpi = validateKpi(merged);
    const row = await tx.kpi.update({ where: { id: kpiId }, data: toKpiData(kpi), select: kpiSelect });
    const after = toKpiDTO(row);
    const keys = Object.keys(patch);
    const pick = (k: KpiDTO) =>
      Object.fromEntries(keys.map((key) => [key, (k as unknown as Record<string, unknown>)[key] ?? null]));
    return {
      data: after,
      audit: { action: "kpi.update", entityType: "kpi", entityId: kpiId, before: pick(current), after: pick(after) },
    };
  });
}

export async function reorderKpis(
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  ids: string[],
): Promise<WriteResult<KpiDTO[]>> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  return writeCase(actor, { caseId }, expectedVersion, "editor", async (tx) => {
    const all = await tx.kpi.findMany({
      where: { caseId },
      select: { id: true },
      orderBy: [{ position: "asc" }, { id: "asc" }],
    });
    assertPermutation(
      all.map((r) => r.id),
      ids,
    );
    for (const [position, id] of ids.entries())
      await tx.kpi.update({ where: { id }, data: { position }, select: { id: true } });
    const rows = await tx.kpi.findMany({ where: { caseId }, select: kpiSelect, orderBy: { position: "asc" } });
    return {
      data: rows.map(toKpiDTO),
      audit: {
        action: "kpi.reorder",
        entityType: "case",
        entityId: caseId,
        before: { ids: all.map((r) => r.id) },
        after: { ids },
      },
    };
  });
}

export async function duplicateKpi(
  actor: Actor,
  kpiRef: string,
  expectedVersion: number,
): Promise<WriteResult<KpiDTO>> {
  const target = objectTarget(actor, "kpi", kpiRef);
  return writeCase(actor, target, expectedVersion, "editor", async (tx, ctx) => {
    const kpiId = target.rowId;
    if ((await tx.kpi.count({ where: { caseId: ctx.caseId } })) >= MAX_KPIS)
      throw new AppError("validation", `a case holds at most ${MAX_KPIS} KPIs`);
    const source = await tx.kpi.findUniqueOrThrow({ where: { id: kpiId }, select: kpiSelect });
    await tx.kpi.updateMany({
      where: { caseId: ctx.caseId, position: { gt: source.position } },
      data: { position: { increment: 1 } },
    });
    const { id: _id, stableId: _stableId, ...copy } = source;
    const row = await tx.kpi.create({ data: { ...copy, position: source.position + 1 }, select: kpiSelect });
    const dto = toKpiDTO(row);
    return {
      data: dto,
      audit: {
        action: "kpi.duplicate",
        entityType: "kpi",
        entityId: row.id,
        before: { sourceId: kpiId },
        after: toFileKpi(dto),
      },
    };
  });
}

export async function deleteKpi(
  actor: Actor,
  kpiRef: string,
  expectedVersion: number,
): Promise<WriteResult<{ id: string }>> {
  const target = objectTarget(actor, "kpi", kpiRef);
  return writeCase(actor, target, expectedVersion, "editor", async (tx) => {
    const kpiId = target.rowId;
    const row = await tx.kpi.delete({ where: { id: kpiId }, select: kpiSelect });
    return {
      data: { id: kpiId },
      audit: { action: "kpi.delete", entityType: "kpi", entityId: kpiId, before: toFileKpi(toKpiDTO(row)) },
    };
  });
}
