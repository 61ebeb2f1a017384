// Cost and benefit lines of a case. A line id finds its case through the access filter; a
// scenarioId in a body must belong to that same case, or the answer is "not found".
//
//   addLine(actor, caseId, expectedVersion, input: AddLineInput)        editor -> WriteResult<LineDTO>
//   updateLine(actor, lineId, expectedVersion, patch: UpdateLineInput)  editor -> WriteResult<LineDTO>
//   reorderLines(actor, caseId, expectedVersion, ids)                   editor -> WriteResult<LineDTO[]>
//       ids: every line of one scenario and kind, in the new order
//   duplicateLine(actor, lineId, expectedVersion)                       editor -> WriteResult<LineDTO>  (copy placed right after)
//   deleteLine(actor, lineId, expectedVersion)                          editor -> WriteResult<{ id }>
//   addLines(actor, caseId, expectedVersion, input: AddLinesInput)      editor -> WriteResult<LineDTO[]>
//       several lines of one scenario and kind, appended in order; all or nothing, one version
//       and one audit entry ("line.create-many"); problems as "lines.<i>.<field>"
//   importLines(actor, caseId, expectedVersion, { scenarioId, costs, benefits })  editor -> WriteResult<LineDTO[]>
//       a spreadsheet import: both kinds in one version, all or nothing (up to a case's 5,000 lines)
//
// The merged line is validated as a case-file line against the case's horizon; problems come back
// as 422 with paths relative to the line ("amount", "labour.hours", "endMonth").
import "server-only";
import { toProblems } from "@/lib/case-file/parse";
import { mergeLinePatch } from "@/lib/case-file/line";
import { lineSchemaFor, type BenefitLine, type CostLine } from "@/lib/case-file/schema";
import { AppError } from "@/lib/errors";
import { MAX_LINES_PER_CASE, type AddLineInput, type AddLinesInput, type UpdateLineInput } from "@/lib/validation/case";
import { isUuid, type Actor } from "./access";
import {
  lineSelect,
  stableIdData,
  toFileLine,
  toLineData,
  toLineDTO,
  type LineDTO,
  type LineRow,
  type WriteResult,
} from "./case-mappers";
import { findReachable, objectTarget } from "./object-ids";
import { writeCase, type Tx } from "./case-write";

type FileLine = CostLine | BenefitLine;

// Runs the case-file rules on one line (timing, amount vs labour vs schedule, horizon).
export function validateLine(line: unknown, kind: "cost" | "benefit", horizonMonths: number): FileLine {
  const parsed = lineSchemaFor(kind, horizonMonths).safeParse(line);
  if (parsed.success) return parsed.data;
  const fieldErrors = toProblems(parsed.error);
  throw new AppError("validation", "the line is not valid", { fieldErrors });
}

// A line in another currency needs the case's rates for it (docs/currencies.md): refused here,
// naming the field, rather than found when the case is next computed.
async function assertCurrencyHasRates(tx: Tx, caseId: string, line: FileLine) {
  const code = line.currency;
  if (!code) return;
  const c = await tx.businessCase.findUniqueOrThrow({ where: { id: caseId }, select: { currency: true, fx: true } });
  if (code === c.currency) return;
  const fx = (c.fx ?? {}) as Record<string, unknown>;
  if (!fx[code])
    throw new AppError("validation", "the line is not valid", {
      fieldErrors: [
        {
          path: "currency",
          message: `no exchange rates for ${code}: add ${code} to the case's rates (settings) first`,
        },
      ],
    });
}

async function findScenarioInCase(tx: Tx, caseId: string, scenarioId: string) {
  const s = isUuid(scenarioId)
    ? await tx.scenario.findFirst({ where: { id: scenarioId, caseId }, select: { id: true } })
    : null;
  if (!s)
    throw new AppError("not_found", "scenario not found", {
      fieldErrors: [{ path: "scenarioId", message: "not found in this case" }],
    });
  return s;
}

async function assertRoomForLines(tx: Tx, caseId: string, adding: number) {
  const n = await tx.caseLine.count({ where: { caseId } });
  if (n + adding > MAX_LINES_PER_CASE)
    throw new AppError("validation", `a case holds at most ${MAX_LINES_PER_CASE} lines`);
}

export async function addLine(
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  input: AddLineInput,
): Promise<WriteResult<LineDTO>> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  const { kind, scenarioId, ...fields } = input;
  return writeCase(actor, { caseId }, expectedVersion, "editor", async (tx, ctx) => {
    await findScenarioInCase(tx, caseId, scenarioId);
    const line = validateLine(fields, kind, ctx.horizonMonths);
    await assertCurrencyHasRates(tx, caseId, line);
    await assertRoomForLines(tx, caseId, 1);
    const last = await tx.caseLine.findFirst({
      where: { caseId, scenarioId, kind },
      orderBy: { position: "desc" },
      select: { position: true },
    });
    const row = await tx.caseLine.create({
      data: {
        ...toLineData(line),
        ...stableIdData(line),
        caseId,
        scenarioId,
        kind,
        position: (last?.position ?? -1) + 1,
      },
      select: lineSelect,
    });
    const dto = toLineDTO(row);
    return {
      data: dto,
      audit: {
        action: "line.create",
        entityType: "line",
        entityId: row.id,
        after: { scenarioId, kind, ...toFileLine(dto) },
      },
    };
  });
}

export async function updateLine(
  actor: Actor,
  lineRef: string,
  expectedVersion: number,
  patch: UpdateLineInput,
): Promise<WriteResult<LineDTO>> {
  // The line is read while resolving its case, before the version check: any change to it after
  // this read bumps the version, so the conditional bump below refuses this write.
  let found: LineRow | null = null;
  const target = {
    resolve: async (tx: Tx) => {
      const ref = await findReachable(tx, actor, "line", lineRef);
      found = ref && (await tx.caseLine.findUnique({ where: { id: ref.id }, select: lineSelect }));
      return found?.caseId ?? null;
    },
  };
  return writeCase(actor, target, expectedVersion, "editor", async (tx, ctx) => {
    const lineId = found!.id;
    const current = toLineDTO(found!);
    const { scenarioId } = patch;
    const line = validateLine(mergeLinePatch(toFileLine(current), patch), current.kind, ctx.horizonMonths);
    await assertCurrencyHasRates(tx, ctx.caseId, line);
    const data: Record<string, unknown> = { ...toLineData(line) };
    if (scenarioId && scenarioId !== current.scenarioId) {
      await findScenarioInCase(tx, ctx.caseId, scenarioId);
      const last = await tx.caseLine.findFirst({
        where: { caseId: ctx.caseId, scenarioId, kind: current.kind },
        orderBy: { position: "desc" },
        select: { position: true },
      });
      data.scenarioId = scenarioId;
      data.position = (last?.position ?? -1) + 1;
    }
    const row = await tx.caseLine.update({ where: { id: lineId }, data, select: lineSelect });
    const after = toLineDTO(row);
    const changed = Object.keys(patch);
    const pick = (dto: LineDTO) =>
      Object.fromEntries(
        changed.map((k) => [
          k,
          (dto as unknown as Record<string, unknown>)[k] ?? (toFileLine(dto) as Record<string, unknown>)[k] ?? null,
        ]),
      );
    return {
      data: after,
      audit: { action: "line.update", entityType: "line", entityId: lineId, before: pick(current), after: pick(after) },
    };
  });
}

export async function reorderLines(
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  ids: string[],
): Promise<WriteResult<LineDTO[]>> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  return writeCase(actor, { caseId }, expectedVersion, "editor", async (tx) => {
    const first = await tx.caseLine.findFirst({
      where: { id: ids[0], caseId },
      select: { scenarioId: true, kind: true },
    });
    if (!first)
      throw new AppError("not_found", "line not found", {
        fieldErrors: [{ path: "ids[0]", message: "not found in this case" }],
      });
    const group = await tx.caseLine.findMany({
      where: { caseId, scenarioId: first.scenarioId, kind: first.kind },
      select: { id: true },
      orderBy: [{ position: "asc" }, { id: "asc" }],
    });
    const inGroup = new Set(group.map((g) => g.id));
    if (new Set(ids).size !== ids.length || ids.length !== group.length || ids.some((id) => !inGroup.has(id))) {
      throw new AppError("validation", "ids must list every line of one scenario and kind exactly once", {
        fieldErrors: [
          { path: "ids", message: `expected the ${group.length} ids of this scenario's ${first.kind} lines` },
        ],
      });
    }
    for (const [position, id] of ids.entries())
      await tx.caseLine.update({ where: { id }, data: { position }, select: { id: true } });
    const rows = await tx.caseLine.findMany({
      where: { caseId, scenarioId: first.scenarioId, kind: first.kind },
      select: lineSelect,
      orderBy: { position: "asc" },
    });
    return {
      data: rows.map(toLineDTO),
      audit: {
        action: "line.reorder",
        entityType: "scenario",
        entityId: first.scenarioId,
        before: { kind: first.kind, ids: group.map((g) => g.id) },
        after: { kind: first.kind, ids },
      },
    };
  });
}

export async function duplicateLine(
  actor: Actor,
  lineRef: string,
  expectedVersion: number,
): Promise<WriteResult<LineDTO>> {
  const target = objectTarget(actor, "line", lineRef);
  return writeCase(actor, target, expectedVersion, "editor", async (tx, ctx) => {
    const lineId = target.rowId;
    await assertRoomForLines(tx, ctx.caseId, 1);
    const source = await tx.caseLine.findUniqueOrThrow({ where: { id: lineId }, select: lineSelect });
    // Make room right after the source.
    await tx.caseLine.updateMany({
      where: {
        caseId: ctx.caseId,
        scenarioId: source.scenarioId,
        kind: source.kind,
        position: { gt: source.position },
      },
      data: { position: { increment: 1 } },
    });
    const { id: _id, caseId: _caseId, stableId: _stableId, ...copy } = source;
    const row = await tx.caseLine.create({
      data: {
        ...copy,
        caseId: ctx.caseId,
        position: source.position + 1,
        schedule: toLineData(toFileLine(toLineDTO(source))).schedule,
        capitalised: toLineData(toFileLine(toLineDTO(source))).capitalised,
      },
      select: lineSelect,
    });
    const dto = toLineDTO(row);
    return {
      data: dto,
      audit: {
        action: "line.duplicate",
        entityType: "line",
        entityId: row.id,
        before: { sourceId: lineId },
        after: { scenarioId: dto.scenarioId, kind: dto.kind, ...toFileLine(dto) },
      },
    };
  });
}

export async function deleteLine(
  actor: Actor,
  lineRef: string,
  expectedVersion: number,
): Promise<WriteResult<{ id: string }>> {
  const target = objectTarget(actor, "line", lineRef);
  return writeCase(actor, target, expectedVersion, "editor", async (tx) => {
    const lineId = target.rowId;
    const row = await tx.caseLine.delete({ where: { id: lineId }, select: lineSelect });
    const dto = toLineDTO(row);
    return {
      data: { id: lineId },
      audit: {
        action: "line.delete",
        entityType: "line",
        entityId: lineId,
        before: { scenarioId: dto.scenarioId, kind: dto.kind, ...toFileLine(dto) },
      },
    };
  });
}

export async function addLines(
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  input: AddLinesInput,
): Promise<WriteResult<LineDTO[]>> {
  return addLineGroups(
    actor,
    caseId,
    expectedVersion,
    input.scenarioId,
    [{ kind: input.kind, lines: input.lines, path: "lines" }],
    "line.create-many",
  );
}

// A spreadsheet import: cost and benefit lines of one scenario in one version, all or nothing
// (problems as "costs.<i>.<field>" / "benefits.<i>.<field>"), one audit entry ("line.import").
export async function importLines(
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  input: { scenarioId: string; costs: unknown[]; benefits: unknown[] },
): Promise<WriteResult<LineDTO[]>> {
  return addLineGroups(
    actor,
    caseId,
    expectedVersion,
    input.scenarioId,
    [
      { kind: "cost", lines: input.costs, path: "costs" },
      { kind: "benefit", lines: input.benefits, path: "benefits" },
    ],
    "line.import",
  );
}

async function addLineGroups(
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  scenarioId: string,
  groups: { kind: "cost" | "benefit"; lines: unknown[]; path: string }[],
  action: string,
): Promise<WriteResult<LineDTO[]>> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  return writeCase(actor, { caseId }, expectedVersion, "editor", async (tx, ctx) => {
    await findScenarioInCase(tx, caseId, scenarioId);
    // Every line is checked before any is written, and every problem is reported.
    const valid: { kind: "cost" | "benefit"; lines: FileLine[] }[] = [];
    const fieldErrors: { path: string; message: string }[] = [];
    for (const group of groups) {
      const lines: FileLine[] = [];
      for (const [i, fields] of group.lines.entries()) {
        try {
          const line = validateLine(fields, group.kind, ctx.horizonMonths);
          await assertCurrencyHasRates(tx, caseId, line);
          lines.push(line);
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== "validation") throw error;
          for (const fe of error.fieldErrors ?? [])
            fieldErrors.push({
              path: fe.path === "(root)" ? `${group.path}.${i}` : `${group.path}.${i}.${fe.path}`,
              message: fe.message,
            });
        }
      }
      valid.push({ kind: group.kind, lines });
    }
    if (fieldErrors.length > 0)
      throw new AppError("validation", "some lines are not valid; none was added", { fieldErrors });
    const total = valid.reduce((n, g) => n + g.lines.length, 0);
    if (total === 0)
      throw new AppError("validation", "no lines to add", {
        fieldErrors: [{ path: groups[0]!.path, message: "give at least one line" }],
      });
    await assertRoomForLines(tx, caseId, total);
    const dtos: LineDTO[] = [];
    for (const { kind, lines } of valid) {
      if (lines.length === 0) continue;
      const last = await tx.caseLine.findFirst({
        where: { caseId, scenarioId, kind },
        orderBy: { position: "desc" },
        select: { position: true },
      });
      const first = (last?.position ?? -1) + 1;
      const rows = await tx.caseLine.createManyAndReturn({
        data: lines.map((line, i) => ({
          ...toLineData(line),
          ...stableIdData(line),
          caseId,
          scenarioId,
          kind,
          position: first + i,
        })),
        select: lineSelect,
      });
      dtos.push(...rows.map(toLineDTO).sort((a, b) => a.position - b.position));
    }
    const kind = groups.length === 1 ? groups[0]!.kind : undefined;
    return {
      data: dtos,
      audit: {
        action,
        entityType: "scenario",
        entityId: scenarioId,
        after: {
          scenarioId,
          ...(kind ? { kind } : {}),
          lines: dtos.map((d) => ({
            ...(kind ? {} : { kind: d.kind }),
            ...toFileLine(d),
            id: d.id,
            stableId: d.stableId,
          })),
        },
      },
    };
  });
}
