// Business cases: the aggregate root. Every function takes the Actor first and builds its `where`
// through lib/db/access.ts; a case out of reach is "not found". Writes name the case version they
// are based on (expectedVersion) and return WriteResult { caseId, version (the new one), data }.
//
//   listCases(actor, workspaceRef, { includeArchived? })             viewer   -> CaseSummaryDTO[]
//   getCaseOrThrow(actor, caseId)                                    viewer   -> CaseDetailDTO
//   createCase(actor, workspaceRef, input)                           editor   -> WriteResult<CaseDetailDTO>  (empty case, one baseline scenario)
//   createCaseFromFile(actor, workspaceRef, caseFile, action?)       editor   -> WriteResult<CaseDetailDTO>  (import, templates; one transaction)
//   updateCase(actor, caseId, expectedVersion, patch)                editor   -> WriteResult<CaseSummaryDTO>
//   renameCase(actor, caseId, expectedVersion, name)                 editor   -> WriteResult<CaseSummaryDTO>
//   archiveCase(actor, caseId, expectedVersion, archived)            editor   -> WriteResult<CaseSummaryDTO>
//   deleteCase(actor, caseId, expectedVersion)                       owner    -> WriteResult<{ id }>
//   restoreSnapshot(actor, snapshotId, expectedVersion)              owner    -> WriteResult<CaseDetailDTO>  (a snapshot's plan made current)
//   getCaseFileOrThrow(actor, caseId)                                viewer   -> { caseFile, version, workspaceId }
//   getCaseWithWorkspaceNameOrThrow(actor, caseId)                   viewer   -> { detail, workspaceName } (one read)
//   getCaseVersionOrThrow(actor, caseId)                             viewer   -> number
//   getCaseRevisionOrThrow(actor, caseId)                            viewer   -> { version, trackingRevision }
//   getStoredComputeOutput(caseId, version, rev) / saveComputeCache(caseId, version, output, rev)  (after an allowed read)
//   listAuditEvents lives in lib/db/audit.ts.
// workspaceRef is the workspace's slug or id.
import "server-only";
import { randomUUID } from "node:crypto";
import { parseCaseFile } from "@/lib/case-file/parse";
import type { CaseFile } from "@/lib/case-file/schema";
import {
  FINANCE_SETTING_KEYS,
  financeSettingsOf,
  mergeFinanceSettings,
  type FinanceSettings,
} from "@/lib/case-file/finance-settings";
import { AppError } from "@/lib/errors";
import type { CreateCaseInput, UpdateCaseInput } from "@/lib/validation/case";
import { caseWhere, isUuid, reachesWorkspace, workspaceWhere, type Actor } from "./access";
import { authCache } from "./auth-cache";
import { prisma } from "./client";
import { fxStepChanges } from "@/lib/case-file/fx";
import { Prisma } from "./generated/client";
import {
  caseDetailSelect,
  caseSummarySelect,
  toCaseDetailDTO,
  toCaseFile,
  toCaseSummaryDTO,
  toKpiData,
  toLineData,
  toRiskData,
  type CaseDetailDTO,
  type CaseSummaryDTO,
  type WriteResult,
  stableIdData,
} from "./case-mappers";
import { approveCase } from "./approvals";
import { recordAudit } from "./audit";
import { assertProposalAllowed } from "./proposal";
import { snapshotCaseId } from "./snapshots";
import { TX_OPTIONS, writeCase, type MinRole, type Tx } from "./case-write";
import { mapDbError, readDb } from "./errors";

function workspaceRefWhere(ref: string): Prisma.WorkspaceWhereInput {
  return isUuid(ref) ? { OR: [{ id: ref }, { slug: ref }] } : { slug: ref };
}

export async function resolveWorkspace(
  db: Tx | typeof prisma,
  actor: Actor,
  ref: string,
  minRole: MinRole,
): Promise<{ id: string }> {
  const ws = await db.workspace.findFirst({
    where: { AND: [workspaceRefWhere(ref), workspaceWhere(actor, minRole)] },
    select: { id: true },
  });
  if (ws) return ws;
  if (minRole !== "viewer") {
    const visible = await db.workspace.count({
      where: { AND: [workspaceRefWhere(ref), workspaceWhere(actor, "viewer")] },
    });
    if (visible) throw new AppError("forbidden", `this needs the ${minRole} role`);
  }
  throw new AppError("not_found", "not found");
}

export async function listCases(
  actor: Actor,
  workspaceRef: string,
  options: { includeArchived?: boolean } = {},
): Promise<CaseSummaryDTO[]> {
  return readDb(async () => {
    const ws = await resolveWorkspace(prisma, actor, workspaceRef, "viewer");
    const rows = await prisma.businessCase.findMany({
      where: {
        AND: [{ workspaceId: ws.id }, caseWhere(actor, "viewer"), options.includeArchived ? {} : { archivedAt: null }],
      },
      select: caseSummarySelect,
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      take: 1000,
    });
    return rows.map(toCaseSummaryDTO);
  });
}

export async function getCaseOrThrow(actor: Actor, caseId: string): Promise<CaseDetailDTO> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  const row = await readDb(() =>
    prisma.businessCase.findFirst({
      where: { AND: [{ id: caseId }, caseWhere(actor, "viewer")] },
      select: caseDetailSelect,
    }),
  );
  if (!row) throw new AppError("not_found", "not found");
  return toCaseDetailDTO(row);
}

// The case and its workspace's name in one read (the board report reads the case once).
export async function getCaseWithWorkspaceNameOrThrow(
  actor: Actor,
  caseId: string,
): Promise<{ detail: CaseDetailDTO; workspaceName: string }> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  const row = await readDb(() =>
    prisma.businessCase.findFirst({
      where: { AND: [{ id: caseId }, caseWhere(actor, "viewer")] },
      select: { ...caseDetailSelect, workspace: { select: { name: true } } },
    }),
  );
  if (!row) throw new AppError("not_found", "not found");
  return { detail: toCaseDetailDTO(row), workspaceName: row.workspace.name };
}

// The stored case as a case file (export, compute, report).
export async function getCaseFileOrThrow(
  actor: Actor,
  caseId: string,
): Promise<{ caseFile: CaseFile; version: number; trackingRevision: number; workspaceId: string }> {
  const detail = await getCaseOrThrow(actor, caseId);
  return {
    caseFile: toCaseFile(detail),
    version: detail.version,
    trackingRevision: detail.trackingRevision,
    workspaceId: detail.workspaceId,
  };
}

function nextJanuary(): string {
  return `${new Date().getUTCFullYear() + 1}-01`;
}

export async function createCase(
  actor: Actor,
  workspaceRef: string,
  input: Omit<CreateCaseInput, "template">,
): Promise<WriteResult<CaseDetailDTO>> {
  const file: CaseFile = {
    format: "caseboard/v1",
    name: input.name,
    description: input.description,
    organisation: input.organisation,
    preparedBy: input.preparedBy,
    locale: input.locale ?? "en",
    currency: input.currency ?? "SEK",
    startMonth: input.startMonth ?? nextJanuary(),
    horizonMonths: input.horizonMonths ?? 36,
    discountRate: input.discountRate ?? "0.1",
    financeRate: input.financeRate,
    reinvestRate: input.reinvestRate,
    ...financeSettingsOf(input),
    scenarios: [{ key: "base", name: "Base", baseline: true, costs: [], benefits: [] }],
    risks: [],
    kpis: [],
    assumptions: [],
  };
  return createCaseFromFile(actor, workspaceRef, file, "case.create");
}

// Inserts a whole (already validated) case file as a new case, all or nothing.
export async function createCaseFromFile(
  actor: Actor,
  workspaceRef: string,
  file: CaseFile,
  action: "case.create" | "case.import" | "case.template" = "case.import",
): Promise<WriteResult<CaseDetailDTO>> {
  try {
    return await prisma.$transaction(async (tx) => {
      const ws = await resolveWorkspace(tx, actor, workspaceRef, "editor");
      const caseId = await insertCaseFile(tx, ws.id, file, actor.kind === "user" ? actor.userId : null);
      const row = await tx.businessCase.findUniqueOrThrow({ where: { id: caseId }, select: caseDetailSelect });
      await recordAudit(
        tx,
        actor,
        { workspaceId: ws.id, caseId, version: row.version },
        {
          action,
          entityType: "case",
          entityId: caseId,
          after: {
            name: file.name,
            scenarios: file.scenarios.length,
            lines: row.lines.length,
            risks: row.risks.length,
            kpis: row.kpis.length,
          },
        },
      );
      return { caseId, version: row.version, data: toCaseDetailDTO(row) };
    }, TX_OPTIONS);
  } catch (error) {
    throw mapDbError(error);
  }
}

async function insertCaseFile(
  tx: Tx,
  workspaceId: string,
  file: CaseFile,
  createdById: string | null,
): Promise<string> {
  const caseId = randomUUID();
  // The realisation's tracking fields come with an imported file (a restore keeps the case's own).
  await tx.businessCase.create({
    data: {
      id: caseId,
      workspaceId,
      ...caseSettingsData(file),
      chosenScenario: file.chosenScenario ?? null,
      actualsThrough: file.actualsThrough ?? null,
      goLiveMonth: file.goLiveMonth ?? 0,
      fxActuals: file.fxActuals ?? Prisma.DbNull,
      createdById,
    },
    select: { id: true },
  });
  await insertCaseContent(tx, caseId, file, createdById);
  return caseId;
}

// The case's plan rows from a case file: scenarios, lines, risks, KPIs and assumptions, each
// keeping its stable id, with the line and KPI actuals the file carries. Shared by import (a new
// case) and restore (a case emptied first, its own actuals carried over: see restoreSnapshot).
export async function insertCaseContent(
  tx: Tx,
  caseId: string,
  file: CaseFile,
  createdById: string | null,
): Promise<void> {
  const single = file.scenarios.length === 1;
  const scenarios = file.scenarios.map((s, i) => ({
    id: randomUUID(),
    caseId,
    key: s.key,
    name: s.name,
    isBaseline: s.baseline === true || single,
    position: i,
  }));
  await tx.scenario.createMany({ data: scenarios });
  const lines: Prisma.CaseLineCreateManyInput[] = [];
  // Line and KPI actuals (benefit realisation) follow their rows; the schema has checked them.
  const actuals: Prisma.LineActualCreateManyInput[] = [];
  const kpiValues: Prisma.KpiValueCreateManyInput[] = [];
  const withActuals = (l: { actuals?: Record<string, string> }, id: string) => {
    for (const [month, amount] of Object.entries(l.actuals ?? {}))
      actuals.push({ caseId, lineId: id, month: Number(month), amount, updatedById: createdById });
  };
  file.scenarios.forEach((s, i) => {
    const scenarioId = scenarios[i]!.id;
    for (const [kind, list] of [
      ["cost", s.costs],
      ["benefit", s.benefits],
    ] as const) {
      list.forEach((l, position) => {
        const id = randomUUID();
        lines.push({ ...toLineData(l), ...stableIdData(l), id, caseId, scenarioId, kind, position });
        withActuals(l, id);
      });
    }
  });
  if (lines.length) await tx.caseLine.createMany({ data: lines });
  if (actuals.length) await tx.lineActual.createMany({ data: actuals });
  if (file.risks.length)
    await tx.risk.createMany({
      data: file.risks.map((r, position) => ({ ...toRiskData(r), ...stableIdData(r), caseId, position })),
    });
  if (file.kpis.length) {
    const kpis = file.kpis.map((k, position) => {
      const id = randomUUID();
      for (const a of k.actuals ?? [])
        kpiValues.push({ caseId, kpiId: id, month: a.month, value: a.value, updatedById: createdById });
      return { ...toKpiData(k), ...stableIdData(k), id, caseId, position };
    });
    await tx.kpi.createMany({ data: kpis });
    if (kpiValues.length) await tx.kpiValue.createMany({ data: kpiValues });
  }
  if (file.assumptions.length) {
    await tx.assumption.createMany({
      data: file.assumptions.map((a, position) => ({
        ...stableIdData(a),
        caseId,
        position,
        title: a.title,
        text: a.text ?? "",
        source: a.source ?? "",
        owner: a.owner ?? "",
        confidence: a.confidence ?? null,
        lines: a.lines ?? [],
      })),
    });
  }
}

// The case's settings as columns, from a case file (restore).
export function caseSettingsData(file: CaseFile) {
  return {
    name: file.name,
    description: file.description ?? "",
    organisation: file.organisation ?? "",
    preparedBy: file.preparedBy ?? "",
    currency: file.currency,
    startMonth: file.startMonth,
    horizonMonths: file.horizonMonths,
    discountRate: file.discountRate,
    financeRate: file.financeRate ?? null,
    reinvestRate: file.reinvestRate ?? null,
    locale: file.locale ?? "en",
    financeSettings: financeSettingsOf(file) ?? Prisma.DbNull,
    fx: file.fx ?? Prisma.DbNull,
  };
}

// Re-validates the stored case as a whole after a change that spans rows (horizon vs. line
// months, baseline rules). Problems are reported with their case-file paths and roll back.
export async function assertCaseStillValid(tx: Tx, caseId: string): Promise<void> {
  const row = await tx.businessCase.findUniqueOrThrow({ where: { id: caseId }, select: caseDetailSelect });
  const parsed = parseCaseFile(toCaseFile(toCaseDetailDTO(row)));
  if (!parsed.ok)
    throw new AppError("validation", "the change would make the case invalid", { fieldErrors: parsed.issues });
}

const settingsFields = [
  "name",
  "description",
  "organisation",
  "preparedBy",
  "locale",
  "currency",
  "startMonth",
  "horizonMonths",
  "discountRate",
  "financeRate",
  "reinvestRate",
  "fx",
] as const;

export async function updateCase(
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  patch: UpdateCaseInput,
): Promise<WriteResult<CaseSummaryDTO>> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  return writeCase(actor, { caseId }, expectedVersion, "editor", async (tx) => {
    const before = toCaseSummaryDTO(
      await tx.businessCase.findUniqueOrThrow({ where: { id: caseId }, select: caseSummarySelect }),
    );
    const data: Prisma.BusinessCaseUpdateInput = {};
    for (const key of settingsFields) {
      const value = patch[key];
      if (value !== undefined)
        (data as Record<string, unknown>)[key] = value === null && key === "fx" ? Prisma.DbNull : value;
    }
    // Tax, inflation and optimism bias are kept together (one column): merged into what is held.
    if (FINANCE_SETTING_KEYS.some((key) => patch[key] !== undefined)) {
      const held = await tx.businessCase.findUniqueOrThrow({
        where: { id: caseId },
        select: { financeSettings: true },
      });
      const merged = mergeFinanceSettings(held.financeSettings as FinanceSettings | null, patch);
      data.financeSettings = merged ?? Prisma.DbNull;
    }
    if (patch.chosenScenario !== undefined) {
      await assertProposalAllowed(tx, caseId, patch.chosenScenario);
      data.chosenScenario = patch.chosenScenario;
    }
    const row = await tx.businessCase.update({ where: { id: caseId }, data, select: caseSummarySelect });
    // Rates (a currency without one) and the horizon are checked against the lines.
    if (patch.horizonMonths !== undefined || patch.fx !== undefined || patch.currency !== undefined)
      await assertCaseStillValid(tx, caseId);
    const after = toCaseSummaryDTO(row);
    const changes = diff(before, after, Object.keys(patch));
    // A rate change is recorded step by step ("fx.USD.13": 10.80 -> 11.20), not as whole tables.
    if (patch.fx !== undefined) {
      delete changes.before.fx;
      delete changes.after.fx;
      const steps = fxStepChanges(before.fx, after.fx);
      Object.assign(changes.before, steps.before);
      Object.assign(changes.after, steps.after);
    }
    return {
      data: after,
      audit: { action: "case.update", entityType: "case", entityId: caseId, ...changes },
    };
  });
}

export async function renameCase(
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  name: string,
): Promise<WriteResult<CaseSummaryDTO>> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  return writeCase(actor, { caseId }, expectedVersion, "editor", async (tx) => {
    const before = await tx.businessCase.findUniqueOrThrow({ where: { id: caseId }, select: { name: true } });
    const row = await tx.businessCase.update({ where: { id: caseId }, data: { name }, select: caseSummarySelect });
    return {
      data: toCaseSummaryDTO(row),
      audit: { action: "case.rename", entityType: "case", entityId: caseId, before, after: { name } },
    };
  });
}

export async function archiveCase(
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  archived: boolean,
): Promise<WriteResult<CaseSummaryDTO>> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  return writeCase(actor, { caseId }, expectedVersion, "editor", async (tx) => {
    const before = await tx.businessCase.findUniqueOrThrow({ where: { id: caseId }, select: { archivedAt: true } });
    const row = await tx.businessCase.update({
      where: { id: caseId },
      data: { archivedAt: archived ? (before.archivedAt ?? new Date()) : null },
      select: caseSummarySelect,
    });
    return {
      data: toCaseSummaryDTO(row),
      audit: {
        action: archived ? "case.archive" : "case.unarchive",
        entityType: "case",
        entityId: caseId,
        before: { archivedAt: before.archivedAt },
        after: { archivedAt: row.archivedAt },
      },
    };
  });
}

// Approve a case (or send it back to draft): owners only. Approving is approveCase (a snapshot is
// frozen, the request closed); the approval holds until the next plan change (writeCase puts the
// case back to draft).
export async function setCaseStatus(
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  status: "draft" | "approved",
): Promise<WriteResult<CaseSummaryDTO>> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  if (status === "approved") {
    const r = await approveCase(actor, caseId, expectedVersion);
    return { caseId: r.caseId, version: r.version, data: r.data.case };
  }
  return writeCase(
    actor,
    { caseId },
    expectedVersion,
    "owner",
    async (tx) => {
      const before = await tx.businessCase.findUniqueOrThrow({ where: { id: caseId }, select: { status: true } });
      const row = await tx.businessCase.update({ where: { id: caseId }, data: { status }, select: caseSummarySelect });
      return {
        data: toCaseSummaryDTO(row),
        audit: { action: "case.status", entityType: "case", entityId: caseId, before, after: { status } },
      };
    },
    { keepStatus: true },
  );
}

// Makes a snapshot's plan the current one (owners): settings, scenarios, lines, risks, KPIs and
// assumptions are replaced by the snapshot's, every object keeping its stable id. A plan change
// like any other: a new version, one audit row, an approval back to draft.
export async function restoreSnapshot(
  actor: Actor,
  snapshotId: string,
  expectedVersion: number,
): Promise<WriteResult<CaseDetailDTO>> {
  let snapshot: { id: string; name: string; caseVersion: number; caseFile: unknown } | null = null;
  return writeCase(
    actor,
    {
      resolve: async (tx) => {
        const caseId = await snapshotCaseId(tx, actor, snapshotId, "viewer");
        if (caseId)
          snapshot = await tx.snapshot.findUnique({
            where: { id: snapshotId },
            select: { id: true, name: true, caseVersion: true, caseFile: true },
          });
        return caseId;
      },
    },
    expectedVersion,
    "owner",
    async (tx, ctx) => {
      const s = snapshot!;
      const file = s.caseFile as CaseFile;
      const before = { version: ctx.version - 1 };
      // Restore replaces the PLAN. Actuals and KPI values are tracking (facts recorded after
      // go-live), so the case keeps its own, re-attached by stable id to the restored lines and KPIs;
      // those of objects the snapshot does not have go with them (the audit row keeps the before).
      const kept = await readTracking(tx, ctx.caseId);
      await tx.scenario.deleteMany({ where: { caseId: ctx.caseId } }); // lines go with their scenario
      await tx.risk.deleteMany({ where: { caseId: ctx.caseId } });
      await tx.kpi.deleteMany({ where: { caseId: ctx.caseId } });
      await tx.assumption.deleteMany({ where: { caseId: ctx.caseId } });
      // The stated proposal is part of the plan (docs/proposal.md) and comes back with it, unless
      // actuals are recorded: then it is also the scenario being carried out, and stays.
      const proposal = kept.lines.size === 0 ? { chosenScenario: file.chosenScenario ?? null } : {};
      await tx.businessCase.update({
        where: { id: ctx.caseId },
        data: { ...caseSettingsData(file), ...proposal },
        select: { id: true },
      });
      await insertCaseContent(tx, ctx.caseId, withTracking(file, kept), actor.kind === "user" ? actor.userId : null);
      await assertCaseStillValid(tx, ctx.caseId);
      const row = await tx.businessCase.findUniqueOrThrow({ where: { id: ctx.caseId }, select: caseDetailSelect });
      return {
        data: toCaseDetailDTO(row),
        audit: {
          action: "case.restore",
          entityType: "snapshot",
          entityId: s.id,
          before,
          after: { snapshotId: s.id, name: s.name, snapshotVersion: s.caseVersion },
        },
      };
    },
  );
}

interface TrackingRows {
  lines: Map<string, Record<string, string>>; // line stable id -> month -> amount
  kpis: Map<string, { month: number; value: string }[]>; // KPI stable id -> values
}

async function readTracking(tx: Tx, caseId: string): Promise<TrackingRows> {
  const [lineRows, kpiRows] = await Promise.all([
    tx.lineActual.findMany({
      where: { caseId },
      select: { month: true, amount: true, line: { select: { stableId: true } } },
      orderBy: { month: "asc" },
    }),
    tx.kpiValue.findMany({
      where: { caseId },
      select: { month: true, value: true, kpi: { select: { stableId: true } } },
      orderBy: { month: "asc" },
    }),
  ]);
  const lines = new Map<string, Record<string, string>>();
  for (const r of lineRows)
    (lines.get(r.line.stableId) ?? lines.set(r.line.stableId, {}).get(r.line.stableId)!)[String(r.month)] =
      r.amount.toString();
  const kpis = new Map<string, { month: number; value: string }[]>();
  for (const r of kpiRows)
    (kpis.get(r.kpi.stableId) ?? kpis.set(r.kpi.stableId, []).get(r.kpi.stableId)!).push({
      month: r.month,
      value: r.value.toString(),
    });
  return { lines, kpis };
}

// The snapshot's plan with the case's current actuals instead of the snapshot's.
function withTracking(file: CaseFile, kept: TrackingRows): CaseFile {
  const line = <L extends { id?: string; actuals?: Record<string, string> }>(l: L): L => {
    const { actuals: _old, ...rest } = l;
    const actuals = l.id !== undefined ? kept.lines.get(l.id) : undefined;
    return (actuals ? { ...rest, actuals } : rest) as L;
  };
  return {
    ...file,
    scenarios: file.scenarios.map((s) => ({ ...s, costs: s.costs.map(line), benefits: s.benefits.map(line) })),
    kpis: file.kpis.map((k) => {
      const { actuals: _old, ...rest } = k;
      const actuals = k.id !== undefined ? kept.kpis.get(k.id) : undefined;
      return actuals ? { ...rest, actuals } : rest;
    }),
  };
}

export async function deleteCase(
  actor: Actor,
  caseId: string,
  expectedVersion: number,
): Promise<WriteResult<{ id: string }>> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  return writeCase(actor, { caseId }, expectedVersion, "owner", async (tx) => {
    const before = await tx.businessCase.findUniqueOrThrow({ where: { id: caseId }, select: caseDetailSelect });
    await tx.businessCase.delete({ where: { id: caseId }, select: { id: true } });
    const snapshot = toCaseFile(toCaseDetailDTO(before));
    return {
      data: { id: caseId },
      audit: { action: "case.delete", entityType: "case", entityId: caseId, before: snapshot },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Compute cache: one row per case, valid for exactly one version.
// The case's current version, through the access filter (one query: the hot path of every
// cached compute read).
export async function getCaseVersionOrThrow(actor: Actor, caseId: string): Promise<number> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  const row = await readDb(() =>
    prisma.businessCase.findFirst({
      where: { AND: [{ id: caseId }, caseWhere(actor, "viewer")] },
      select: { version: true },
    }),
  );
  if (!row) throw new AppError("not_found", "not found");
  return row.version;
}

// The engine's input changes with a plan write (version) or a tracking write that feeds it
// (actuals, KPI values, actualsThrough...: trackingRevision), so the cache is keyed by both.
// While the instance listens for changes (lib/db/auth-cache.ts), the case's state and the user's
// role come from memory, so a cached compute read makes no database round trip; otherwise one
// query with the access filter.
export async function getCaseRevisionOrThrow(
  actor: Actor,
  caseId: string,
): Promise<{ version: number; trackingRevision: number }> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  const cache = authCache();
  if (cache.isListening) {
    const state = await cache.caseState(caseId, () =>
      readDb(() =>
        prisma.businessCase.findUnique({
          where: { id: caseId },
          select: { workspaceId: true, version: true, trackingRevision: true },
        }),
      ),
    );
    if (!state) throw new AppError("not_found", "not found");
    const role =
      actor.kind === "user"
        ? await cache.role(
            actor.userId,
            state.workspaceId,
            async () =>
              (
                await readDb(() =>
                  prisma.membership.findUnique({
                    where: { workspaceId_userId: { workspaceId: state.workspaceId, userId: actor.userId } },
                    select: { role: true },
                  }),
                )
              )?.role ?? null,
          )
        : null;
    if (!reachesWorkspace(actor, state.workspaceId, "viewer", role)) throw new AppError("not_found", "not found");
    return { version: state.version, trackingRevision: state.trackingRevision };
  }
  const row = await readDb(() =>
    prisma.businessCase.findFirst({
      where: { AND: [{ id: caseId }, caseWhere(actor, "viewer")] },
      select: { version: true, trackingRevision: true },
    }),
  );
  if (!row) throw new AppError("not_found", "not found");
  return row;
}

// The stored output for exactly this version and tracking revision (callers have passed the
// access check above).
export async function getStoredComputeOutput(
  caseId: string,
  version: number,
  trackingRevision = 0,
): Promise<unknown | null> {
  const row = await readDb(() =>
    prisma.computeCache.findFirst({ where: { caseId, version, trackingRevision }, select: { output: true } }),
  );
  return row?.output ?? null;
}

// Stores the output for `version` unless a newer one is already there (writers race readers).
// One parameterised upsert with the output already serialised: the output is ~50 KB, and walking
// it as a Prisma Json argument on every write with recompute costs more than the engine.
// Both counters only grow, so (version, trackingRevision) orders the case's states.
export async function saveComputeCache(
  caseId: string,
  version: number,
  outputJson: string,
  trackingRevision = 0,
): Promise<void> {
  await readDb(
    () =>
      prisma.$executeRaw`
      INSERT INTO "ComputeCache" ("caseId", "version", "trackingRevision", "output", "createdAt")
      SELECT ${caseId}::uuid, ${version}, ${trackingRevision}, ${outputJson}::jsonb, now()
      WHERE EXISTS (SELECT 1 FROM "BusinessCase" WHERE "id" = ${caseId}::uuid)
      ON CONFLICT ("caseId") DO UPDATE SET "version" = EXCLUDED."version", "trackingRevision" = EXCLUDED."trackingRevision", "output" = EXCLUDED."output", "createdAt" = EXCLUDED."createdAt"
      WHERE ("ComputeCache"."version", "ComputeCache"."trackingRevision") < (EXCLUDED."version", EXCLUDED."trackingRevision")`,
  ).catch((error: unknown) => {
    // The case was deleted meanwhile (foreign key): nothing to cache.
    if (!(error instanceof AppError) && /23503|foreign key/i.test(String((error as Error).message))) return;
    throw error;
  });
}

// ---------------------------------------------------------------------------------------------
function diff(
  before: object,
  after: object,
  keys: string[],
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of keys) {
    b[key] = (before as Record<string, unknown>)[key];
    a[key] = (after as Record<string, unknown>)[key];
  }
  return { before: b, after: a };
}
