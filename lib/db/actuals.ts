// Benefit realisation records: line actuals per month, KPI values per month and the case's
// tracking fields (docs/finance.md#benefit-realisation). All are TRACKING writes (trackCase): they
// never bump the case version, never check If-Match and never reset an approval (recording what
// happened does not change the plan). Each bumps BusinessCase.trackingRevision, which keys the
// compute cache beside the version. Moving actualsThrough, goLiveMonth or chosenScenario is a
// tracking write too: it says how far the record reaches, not what was planned.
//
//   setLineActuals(actor, caseId | null, { [lineId]: { [month]: amount | null } })  editor -> WriteResult<LineActualsDTO[]>
//       (a line by its id or its stable id, lib/db/object-ids.ts; the answer names it by its id)
//       a merge per line (null deletes that month); months 0..actualsThrough, tangible lines
//       of the chosen scenario only; problems as "actuals.<month>" (one line) or
//       "<lineId>.actuals.<month>" (several); all or nothing.
//   setKpiActuals(actor, kpiId, { actuals: [{ month, value }] })                      editor -> WriteResult<KpiActualsDTO>  (replaces)
//   updateCaseTracking(actor, caseId, { actualsThrough?, goLiveMonth?, chosenScenario? }) editor -> WriteResult<CaseSummaryDTO>
import "server-only";
import { headlineKeys } from "@/lib/finance/headline";
import { AppError, type FieldError } from "@/lib/errors";
import type { CaseTrackingInput, KpiActualsBody } from "@/lib/validation/realisation";
import { isUuid, type Actor } from "./access";
import { Prisma } from "./generated/client";
import { caseSummarySelect, toCaseSummaryDTO, type CaseSummaryDTO, type WriteResult } from "./case-mappers";
import { trackCase, type Tx } from "./case-write";
import { findInCase, objectTarget } from "./object-ids";

export interface LineActualsDTO {
  lineId: string;
  actuals: Record<string, string>; // month -> amount, as stored after the change
}

export interface KpiActualsDTO {
  kpiId: string;
  actuals: { month: number; value: string }[];
}

type ActorId = string | null;
const actorUserId = (actor: Actor): ActorId => (actor.kind === "user" ? actor.userId : null);

async function chosenScenarioOf(tx: Tx, caseId: string) {
  const c = await tx.businessCase.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      chosenScenario: true,
      actualsThrough: true,
      goLiveMonth: true,
      horizonMonths: true,
      scenarios: { select: { id: true, key: true, isBaseline: true }, orderBy: [{ position: "asc" }, { key: "asc" }] },
    },
  });
  const exists = c.chosenScenario !== null && c.scenarios.some((s) => s.key === c.chosenScenario);
  const key = exists
    ? c.chosenScenario!
    : headlineKeys(c.scenarios.map((s) => ({ key: s.key, baseline: s.isBaseline }))).alternative;
  return { ...c, chosenKey: key, chosenId: c.scenarios.find((s) => s.key === key)!.id };
}

function bumpRevision(tx: Tx, caseId: string) {
  return tx.businessCase.update({
    where: { id: caseId },
    data: { trackingRevision: { increment: 1 } },
    select: { trackingRevision: true },
  });
}

function refuse(fieldErrors: FieldError[]): never {
  throw new AppError("validation", "the actuals are not valid", { fieldErrors });
}

export async function setLineActuals(
  actor: Actor,
  caseId: string | null,
  changes: Record<string, Record<string, string | null>>,
  single = false,
): Promise<WriteResult<LineActualsDTO[]>> {
  // Lines are named by their id or their stable id (lib/db/object-ids.ts); problems name them as sent.
  const refs = Object.keys(changes);
  if (!refs.length || (caseId !== null && !isUuid(caseId))) throw new AppError("not_found", "not found");
  const target = caseId !== null ? { caseId } : objectTarget(actor, "line", refs[0]!);
  return trackCase(actor, target, "editor", async (tx, ctx) => {
    const c = await chosenScenarioOf(tx, ctx.caseId);
    const refOf = new Map<string, string>();
    for (const ref of refs) {
      const found = await findInCase(tx, "line", ctx.caseId, ref);
      if (!found) throw new AppError("not_found", "line not found");
      if (refOf.has(found.id))
        refuse([{ path: ref, message: `the same line as "${refOf.get(found.id)}" (its id and its stable id)` }]);
      refOf.set(found.id, ref);
    }
    const lineIds = [...refOf.keys()];
    const lineChanges = new Map(lineIds.map((id) => [id, changes[refOf.get(id)!]!]));
    const lines = await tx.caseLine.findMany({
      where: { id: { in: lineIds }, caseId: ctx.caseId },
      select: { id: true, kind: true, tangible: true, scenarioId: true, name: true },
    });
    const problems: FieldError[] = [];
    const at = (lineId: string, rest: string) => (single ? rest : `${refOf.get(lineId)}.${rest}`);
    for (const line of lines) {
      const months = Object.keys(lineChanges.get(line.id)!);
      if (line.scenarioId !== c.chosenId)
        problems.push({
          path: at(line.id, "actuals"),
          message: `actuals belong to the chosen scenario ("${c.chosenKey}")`,
        });
      else if (!line.tangible)
        problems.push({ path: at(line.id, "actuals"), message: "an intangible benefit records no actual amounts" });
      else if (c.actualsThrough === null) {
        if (months.some((m) => lineChanges.get(line.id)![m] !== null))
          problems.push({
            path: at(line.id, "actuals"),
            message: "set actualsThrough (the last month recorded) on the case first",
          });
      } else {
        for (const m of months) {
          if (Number(m) > c.actualsThrough && lineChanges.get(line.id)![m] !== null)
            problems.push({
              path: at(line.id, `actuals.${m}`),
              message: `month ${m} is after actualsThrough (${c.actualsThrough})`,
            });
        }
      }
    }
    if (problems.length) refuse(problems);

    const before = await tx.lineActual.findMany({
      where: { lineId: { in: lineIds } },
      select: { lineId: true, month: true, amount: true },
    });
    const beforeOf = new Map(before.map((r) => [`${r.lineId}:${r.month}`, r.amount.toString()]));
    const audit: {
      before: Record<string, Record<string, string | null>>;
      after: Record<string, Record<string, string | null>>;
    } = { before: {}, after: {} };
    for (const lineId of lineIds) {
      const entries = Object.entries(lineChanges.get(lineId)!);
      const deletes = entries.filter(([, v]) => v === null).map(([m]) => Number(m));
      if (deletes.length) await tx.lineActual.deleteMany({ where: { lineId, month: { in: deletes } } });
      for (const [m, amount] of entries) {
        if (amount === null) continue;
        await tx.lineActual.upsert({
          where: { lineId_month: { lineId, month: Number(m) } },
          create: { caseId: ctx.caseId, lineId, month: Number(m), amount, updatedById: actorUserId(actor) },
          update: { amount, updatedById: actorUserId(actor) },
          select: { id: true },
        });
      }
      audit.before[lineId] = Object.fromEntries(entries.map(([m]) => [m, beforeOf.get(`${lineId}:${m}`) ?? null]));
      audit.after[lineId] = Object.fromEntries(entries);
    }
    await bumpRevision(tx, ctx.caseId);
    const rows = await tx.lineActual.findMany({
      where: { lineId: { in: lineIds } },
      select: { lineId: true, month: true, amount: true },
      orderBy: [{ lineId: "asc" }, { month: "asc" }],
    });
    const data = lineIds.map((lineId) => ({
      lineId,
      actuals: Object.fromEntries(
        rows.filter((r) => r.lineId === lineId).map((r) => [String(r.month), r.amount.toString()]),
      ),
    }));
    return {
      data,
      audit: {
        action: "line.actuals",
        entityType: "line",
        entityId: lineIds.length === 1 ? lineIds[0]! : ctx.caseId,
        before: audit.before,
        after: audit.after,
      },
    };
  });
}

export async function setKpiActuals(
  actor: Actor,
  kpiRef: string,
  input: KpiActualsBody,
): Promise<WriteResult<KpiActualsDTO>> {
  const target = objectTarget(actor, "kpi", kpiRef);
  return trackCase(actor, target, "editor", async (tx, ctx) => {
    const kpiId = target.rowId;
    const problems: FieldError[] = [];
    input.actuals.forEach((a, i) => {
      if (a.month > ctx.horizonMonths)
        problems.push({
          path: `actuals[${i}].month`,
          message: `month ${a.month} is beyond the horizon of ${ctx.horizonMonths} months`,
        });
    });
    if (problems.length) refuse(problems);
    const before = await tx.kpiValue.findMany({
      where: { kpiId },
      select: { month: true, value: true },
      orderBy: { month: "asc" },
    });
    await tx.kpiValue.deleteMany({ where: { kpiId } });
    if (input.actuals.length) {
      await tx.kpiValue.createMany({
        data: input.actuals.map((a) => ({
          caseId: ctx.caseId,
          kpiId,
          month: a.month,
          value: a.value,
          updatedById: actorUserId(actor),
        })),
      });
    }
    await bumpRevision(tx, ctx.caseId);
    const actuals = [...input.actuals]
      .sort((a, b) => a.month - b.month)
      .map((a) => ({ month: a.month, value: a.value }));
    return {
      data: { kpiId, actuals },
      audit: {
        action: "kpi.actuals",
        entityType: "kpi",
        entityId: kpiId,
        before: before.map((r) => ({ month: r.month, value: r.value.toString() })),
        after: actuals,
      },
    };
  });
}

export async function updateCaseTracking(
  actor: Actor,
  caseId: string,
  input: CaseTrackingInput,
): Promise<WriteResult<CaseSummaryDTO>> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  return trackCase(actor, { caseId }, "editor", async (tx, ctx) => {
    const c = await chosenScenarioOf(tx, caseId);
    const problems: FieldError[] = [];
    const horizon = ctx.horizonMonths;
    for (const key of ["actualsThrough", "goLiveMonth"] as const) {
      const v = input[key];
      if (typeof v === "number" && v > horizon)
        problems.push({ path: key, message: `month ${v} is beyond the horizon of ${horizon} months` });
    }
    if (
      input.chosenScenario !== undefined &&
      input.chosenScenario !== null &&
      !c.scenarios.some((s) => s.key === input.chosenScenario)
    ) {
      problems.push({ path: "chosenScenario", message: `no scenario has the key "${input.chosenScenario}"` });
    }
    // Nothing recorded is dropped: the record must still fit the new settings.
    const recorded = await tx.lineActual.findMany({
      where: { caseId },
      select: { month: true, line: { select: { scenarioId: true } } },
    });
    if (input.actualsThrough !== undefined && recorded.length) {
      const last = Math.max(...recorded.map((r) => r.month));
      if (input.actualsThrough === null || input.actualsThrough < last) {
        problems.push({
          path: "actualsThrough",
          message: `actuals are recorded through month ${last}; delete them before moving actualsThrough back`,
        });
      }
    }
    if (input.chosenScenario !== undefined && recorded.length) {
      const nextKey =
        input.chosenScenario ??
        headlineKeys(c.scenarios.map((s) => ({ key: s.key, baseline: s.isBaseline }))).alternative;
      const nextId = c.scenarios.find((s) => s.key === nextKey)?.id;
      if (nextId !== undefined && recorded.some((r) => r.line.scenarioId !== nextId)) {
        problems.push({
          path: "chosenScenario",
          message: `actuals are recorded on scenario "${c.chosenKey}"; delete them before choosing another scenario`,
        });
      }
    }
    // Actual rates (docs/currencies.md): months 0..actualsThrough, not the case's own currency.
    if (input.fxActuals) {
      const through = input.actualsThrough !== undefined ? input.actualsThrough : c.actualsThrough;
      const own = (await tx.businessCase.findUniqueOrThrow({ where: { id: caseId }, select: { currency: true } }))
        .currency;
      for (const [currency, months] of Object.entries(input.fxActuals)) {
        if (currency === own)
          problems.push({
            path: `fxActuals.${currency}`,
            message: `${currency} is the case's currency (its rate is 1)`,
          });
        for (const m of Object.keys(months))
          if (through === null || Number(m) > through)
            problems.push({
              path: `fxActuals.${currency}.${m}`,
              message:
                through === null
                  ? "actual rates need actualsThrough (the last month recorded)"
                  : `month ${m} is after actualsThrough (${through})`,
            });
      }
    }
    if (problems.length)
      throw new AppError("validation", "the realisation settings are not valid", { fieldErrors: problems });
    const before = { chosenScenario: c.chosenScenario, actualsThrough: c.actualsThrough, goLiveMonth: c.goLiveMonth };
    const data: {
      chosenScenario?: string | null;
      actualsThrough?: number | null;
      goLiveMonth?: number;
      fxActuals?: Prisma.InputJsonValue | typeof Prisma.DbNull;
    } = {};
    if (input.fxActuals !== undefined) data.fxActuals = input.fxActuals ?? Prisma.DbNull;
    if (input.chosenScenario !== undefined) data.chosenScenario = input.chosenScenario;
    if (input.actualsThrough !== undefined) data.actualsThrough = input.actualsThrough;
    if (input.goLiveMonth !== undefined) data.goLiveMonth = input.goLiveMonth;
    const row = await tx.businessCase.update({
      where: { id: caseId },
      data: { ...data, trackingRevision: { increment: 1 } },
      select: caseSummarySelect,
    });
    return {
      data: toCaseSummaryDTO(row),
      audit: {
        action: "case.tracking",
        entityType: "case",
        entityId: caseId,
        before,
        after: { ...before, ...data, ...(input.fxActuals !== undefined ? { fxActuals: input.fxActuals } : {}) },
      },
    };
  });
}
