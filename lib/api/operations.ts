// Every /api/v1 operation, once: method, path, the zod schemas of its query and body, and what it
// runs. The route files under app/api/v1 take their handlers from here (lib/api/handler.ts) and the
// OpenAPI document is generated from the same list (lib/api/openapi.ts), so they cannot drift.
import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/db/access";
import { createApiToken, listApiTokens, revokeApiToken } from "@/lib/db/api-tokens";
import { addAssumption, deleteAssumption, reorderAssumptions, updateAssumption } from "@/lib/db/assumptions";
import { listCaseAuditEvents } from "@/lib/db/audit";
import { createComment, deleteComment, listComments, resolveComment, updateComment } from "@/lib/db/comments";
import { listNotifications, markNotificationsRead } from "@/lib/db/notifications";
import { openCaseEventStream } from "@/lib/live/stream";
import {
  createCommentSchema,
  markNotificationsReadSchema,
  resolveCommentSchema,
  updateCommentSchema,
  type CreateCommentInput,
  type UpdateCommentInput,
} from "@/lib/validation/comments";
import {
  archiveCase,
  deleteCase,
  getCaseOrThrow,
  listCases,
  renameCase,
  setCaseStatus,
  updateCase,
} from "@/lib/db/cases";
import { addKpi, deleteKpi, duplicateKpi, reorderKpis, updateKpi } from "@/lib/db/kpis";
import { addLine, deleteLine, duplicateLine, reorderLines, updateLine } from "@/lib/db/lines";
import { addRisk, deleteRisk, duplicateRisk, reorderRisks, updateRisk } from "@/lib/db/risks";
import { cloneScenario, createScenario, deleteScenario, renameScenario, setBaselineScenario } from "@/lib/db/scenarios";
import { exportCaseFile, toDownloadName } from "@/lib/services/case-file";
import { importCaseFile } from "@/lib/services/case-file";
import { computeAfterLineUpdate, getCaseCompute, type CaseComputeDTO } from "@/lib/services/compute-case";
import type { WriteResult } from "@/lib/db/case-mappers";
import type { LineDTO } from "@/lib/case-file/line";
import {
  DEFAULT_SEED,
  MAX_ITERATIONS,
  MAX_SEED,
  MIN_ITERATIONS,
  prepareSimulation,
  simulateBodySchema,
  simulationResponse,
  type SimulateBody,
} from "@/lib/services/simulate";
import { createCaseFromInput } from "@/lib/services/templates";
import {
  addLineSchema,
  archiveCaseSchema,
  caseStatusSchema,
  assumptionSchema,
  cloneScenarioSchema,
  createApiTokenSchema,
  createCaseSchema,
  createScenarioSchema,
  kpiSchema,
  renameScenarioSchema,
  renameSchema,
  reorderSchema,
  riskSchema,
  updateAssumptionSchema,
  updateCaseSchema,
  updateKpiSchema,
  updateLineSchema,
  updateRiskSchema,
} from "@/lib/validation/case";
import { caseFileObjectSchema } from "@/lib/case-file/schema";
import { approveCase, listApprovalRequests, rejectApproval, requestApproval } from "@/lib/db/approvals";
import { restoreSnapshot } from "@/lib/db/cases";
import { createSnapshot, getSnapshotOrThrow, listSnapshots } from "@/lib/db/snapshots";
import { diffCase } from "@/lib/services/versions";
import {
  approveSchema,
  createSnapshotSchema,
  diffQuerySchema,
  rejectSchema,
  requestApprovalSchema,
  type RequestApprovalInput,
} from "@/lib/validation/versions";
import { setKpiActuals, setLineActuals, updateCaseTracking } from "@/lib/db/actuals";
import { getWorkspaceReportingRates, setWorkspaceReportingRates } from "@/lib/db/workspace-currency";
import { reportingRatesSchema, type ReportingRates } from "@/lib/case-file/fx";
import {
  TRACKING_FIELDS,
  kpiActualsBodySchema,
  lineActualsBodySchema,
  trackingFieldsShape,
  type KpiActualsBody,
  type LineActualsBody,
} from "@/lib/validation/realisation";
import { AppError } from "@/lib/errors";
import { contentDisposition, etag, jsonResponse } from "./http";
import { renderCaseReport, renderSnapshotReport } from "./report";
import { exportCashFlowCsv, exportCaseWorkbook, exportLinesCsv } from "@/lib/services/spreadsheet";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface OperationContext {
  actor: Actor;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  expectedVersion: number; // from If-Match; 0 when the operation is not versioned
  request: Request;
}

export interface OperationResult {
  data: unknown;
  dataJson?: string; // `data` already serialised (the cached compute output)
  version?: number;
  caseId?: string;
  headers?: Record<string, string>;
}

export interface Operation {
  id: string;
  method: Method;
  path: string; // OpenAPI form, relative to /api/v1: /cases/{caseId}
  tag:
    | "cases"
    | "scenarios"
    | "lines"
    | "risks"
    | "kpis"
    | "assumptions"
    | "versions"
    | "comments"
    | "live"
    | "notifications"
    | "tokens"
    | "workspaces"
    | "meta";
  summary: string;
  role: "viewer" | "editor" | "owner" | "public";
  query?: z.ZodType;
  body?: z.ZodType;
  versioned?: boolean; // needs If-Match; may ask for ?include=compute
  rawBody?: boolean; // the body schema documents it; the service validates (with its own paths)
  status?: 200 | 201;
  produces?:
    | "application/json"
    | "application/pdf"
    | "application/x-ndjson"
    | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    | "text/csv"
    | "text/event-stream";
  run: (ctx: OperationContext) => Promise<OperationResult | Response>;
  // ?include=compute after this write, when it knows a quicker way than reading the case again.
  computeAfter?: (ctx: OperationContext, result: OperationResult) => Promise<CaseComputeDTO>;
}

const includeCompute = z.strictObject({ include: z.enum(["compute"]).optional() });
const listQuery = z.strictObject({ includeArchived: z.enum(["true", "false"]).optional() });
// before: an audit event id, a PostgreSQL bigint (at most 2^63 - 1).
const MAX_BIGINT = BigInt("9223372036854775807");
const auditQuery = z.strictObject({
  limit: z
    .string()
    .regex(/^[0-9]{1,3}$/)
    .optional(),
  before: z
    .string()
    .refine(
      (v) => /^[0-9]{1,19}$/.test(v) && BigInt(v) <= MAX_BIGINT,
      "an audit event id (digits, at most 9223372036854775807)",
    )
    .optional(),
});
// iterations and seed: include the Monte Carlo percentiles of that run (same seed, same figures as
// the run on the Uncertainty tab, on the same incremental NPV as the headline).
const reportQuery = z.strictObject({
  locale: z.enum(["en", "sv", "nb", "fr", "zh"]).optional(),
  iterations: z.coerce.number().int().min(MIN_ITERATIONS).max(MAX_ITERATIONS).optional(),
  seed: z.coerce.number().int().min(0).max(MAX_SEED).optional(),
});

const scenarioQuery = z.strictObject({
  scenario: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "a scenario key")
    .optional(),
});
const snapshotReportQuery = z.strictObject({ locale: z.enum(["en", "sv", "nb", "fr", "zh"]).optional() });
// PATCH /cases/{caseId}: the settings, or (on their own) the realisation's tracking fields.
const updateCaseBody = z.strictObject({ ...updateCaseSchema.shape, ...trackingFieldsShape });
const lineActualsBody = lineActualsBodySchema;
const eventsQuery = z.strictObject({
  tab: z
    .string()
    .regex(/^[a-z-]{0,40}$/)
    .optional(),
  lastEventId: z
    .string()
    .regex(/^[0-9]{1,19}$/)
    .optional(),
});

const p = (ctx: OperationContext, name: string) => ctx.params[name]!;
const b = <T>(ctx: OperationContext) => ctx.body as T;

export const OPERATIONS: Operation[] = [
  // Cases -------------------------------------------------------------------------------------
  {
    id: "listCases",
    method: "GET",
    path: "/workspaces/{workspace}/cases",
    tag: "cases",
    role: "viewer",
    query: listQuery,
    summary: "List the cases of a workspace (slug or id); archived ones with includeArchived=true",
    run: async (ctx) => ({
      data: await listCases(ctx.actor, p(ctx, "workspace"), { includeArchived: ctx.query.includeArchived === "true" }),
    }),
  },
  {
    id: "createCase",
    method: "POST",
    path: "/workspaces/{workspace}/cases",
    tag: "cases",
    role: "editor",
    body: createCaseSchema,
    status: 201,
    summary: "Create a case, empty or from a template (crm-implementation, crm-upgrade)",
    run: async (ctx) => createCaseFromInput(ctx.actor, p(ctx, "workspace"), b(ctx)),
  },
  {
    id: "importCase",
    method: "POST",
    path: "/workspaces/{workspace}/cases/import",
    tag: "cases",
    role: "editor",
    body: caseFileObjectSchema,
    rawBody: true,
    status: 201,
    summary:
      "Import a case file (caseboard/v1) as a new case; every problem is listed by its path, nothing is half-imported",
    run: async (ctx) => importCaseFile(ctx.actor, p(ctx, "workspace"), ctx.body),
  },
  {
    id: "getCase",
    method: "GET",
    path: "/cases/{caseId}",
    tag: "cases",
    role: "viewer",
    summary: "A case with its scenarios, lines, risks, KPIs and assumptions (ETag = version)",
    run: async (ctx) => {
      const data = await getCaseOrThrow(ctx.actor, p(ctx, "caseId"));
      return { data, version: data.version, caseId: data.id };
    },
  },
  {
    id: "updateCase",
    method: "PATCH",
    path: "/cases/{caseId}",
    tag: "cases",
    role: "editor",
    body: updateCaseBody,
    versioned: true,
    query: includeCompute,
    summary:
      "Change case settings (name, currency, start month, horizon, rates, exchange rates fx, locale...), or the realisation's actualsThrough, goLiveMonth, chosenScenario and actual exchange rates fxActuals: " +
      "those are tracking changes (the version stays, an approval holds; If-Match is read but not compared) and go in a PATCH of their own",
    run: async (ctx) => {
      const body = b<Record<string, unknown>>(ctx);
      const tracking = Object.keys(body).filter((k) => (TRACKING_FIELDS as readonly string[]).includes(k));
      if (!tracking.length) return updateCase(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, body);
      if (tracking.length !== Object.keys(body).length) {
        throw new AppError(
          "validation",
          "the realisation fields are tracking changes: send them in a PATCH of their own",
          {
            fieldErrors: tracking.map((path) => ({
              path,
              message: "not together with settings (name, horizon, rates...)",
            })),
          },
        );
      }
      return updateCaseTracking(ctx.actor, p(ctx, "caseId"), body);
    },
  },
  {
    id: "deleteCase",
    method: "DELETE",
    path: "/cases/{caseId}",
    tag: "cases",
    role: "owner",
    versioned: true,
    summary: "Delete a case and everything in it (owners only)",
    run: async (ctx) => deleteCase(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion),
  },
  {
    id: "renameCase",
    method: "POST",
    path: "/cases/{caseId}/rename",
    tag: "cases",
    role: "editor",
    body: renameSchema,
    versioned: true,
    summary: "Rename a case",
    run: async (ctx) => renameCase(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, b<{ name: string }>(ctx).name),
  },
  {
    id: "archiveCase",
    method: "POST",
    path: "/cases/{caseId}/archive",
    tag: "cases",
    role: "editor",
    body: archiveCaseSchema,
    versioned: true,
    summary: "Archive ({archived:true}) or restore ({archived:false}) a case",
    run: async (ctx) =>
      archiveCase(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, b<{ archived: boolean }>(ctx).archived),
  },
  {
    id: "setCaseStatus",
    method: "POST",
    path: "/cases/{caseId}/status",
    tag: "cases",
    role: "owner",
    body: caseStatusSchema,
    versioned: true,
    summary:
      'Approve a case ({status:"approved"}, owners only) or send it back to draft; any later change puts it back to draft',
    run: async (ctx) =>
      setCaseStatus(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, b<{ status: "draft" | "approved" }>(ctx).status),
  },
  {
    id: "computeCase",
    method: "GET",
    path: "/cases/{caseId}/compute",
    tag: "cases",
    role: "viewer",
    summary: "The engine's output for the case (case-format.md), cached by case version",
    run: async (ctx) => {
      const r = await getCaseCompute(ctx.actor, p(ctx, "caseId"));
      return {
        data: r.output,
        dataJson: r.outputJson,
        version: r.version,
        caseId: r.caseId,
        headers: { "x-compute-source": r.source },
      };
    },
  },
  {
    id: "exportCase",
    method: "GET",
    path: "/cases/{caseId}/export",
    tag: "cases",
    role: "viewer",
    summary: "The case as a case file (caseboard/v1), as a download",
    run: async (ctx) => {
      const r = await exportCaseFile(ctx.actor, p(ctx, "caseId"));
      return jsonResponse(r.caseFile, {
        headers: { etag: etag(r.version), "content-disposition": contentDisposition(r.fileName) },
      });
    },
  },
  {
    id: "getCaseReport",
    method: "GET",
    path: "/cases/{caseId}/report.pdf",
    tag: "cases",
    role: "viewer",
    query: reportQuery,
    produces: "application/pdf",
    summary: "The board report of the case as PDF",
    run: async (ctx) =>
      renderCaseReport(
        ctx.actor,
        p(ctx, "caseId"),
        ctx.query.locale as string | undefined,
        ctx.query.iterations === undefined
          ? undefined
          : {
              iterations: Number(ctx.query.iterations),
              seed: ctx.query.seed === undefined ? DEFAULT_SEED : Number(ctx.query.seed),
            },
      ),
  },
  {
    id: "exportCaseWorkbook",
    method: "GET",
    path: "/cases/{caseId}/export.xlsx",
    tag: "cases",
    role: "viewer",
    produces: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    summary:
      "The case as an auditable workbook: inputs, lines, monthly cash flows and a Summary whose every figure is a live formula (case-format.md)",
    run: async (ctx) => exportCaseWorkbook(ctx.actor, p(ctx, "caseId")),
  },
  {
    id: "exportLinesCsv",
    method: "GET",
    path: "/cases/{caseId}/lines.csv",
    tag: "cases",
    role: "viewer",
    query: scenarioQuery,
    produces: "text/csv",
    summary:
      "A scenario's lines as CSV (default the first scenario); cells that begin with = + - @ tab or CR are prefixed with a single quote",
    run: async (ctx) => exportLinesCsv(ctx.actor, p(ctx, "caseId"), ctx.query.scenario as string | undefined),
  },
  {
    id: "exportCashFlowCsv",
    method: "GET",
    path: "/cases/{caseId}/cash-flow.csv",
    tag: "cases",
    role: "viewer",
    query: scenarioQuery,
    produces: "text/csv",
    summary:
      "A scenario's monthly cash flows as CSV: one row a line (risk-adjusted), one column a month, then the totals; cells that begin with = + - @ tab or CR are prefixed with a single quote",
    run: async (ctx) => exportCashFlowCsv(ctx.actor, p(ctx, "caseId"), ctx.query.scenario as string | undefined),
  },
  // Streamed (NDJSON), so run answers the Response itself; lib/api/openapi.ts documents the lines.
  {
    id: "simulateCase",
    method: "POST",
    path: "/cases/{caseId}/simulate",
    tag: "cases",
    role: "viewer",
    body: simulateBodySchema,
    produces: "application/x-ndjson",
    summary:
      "Run the case's Monte Carlo simulation (by default on the incremental NPV against the baseline), streamed as NDJSON: progress lines, then the result",
    run: async (ctx) =>
      simulationResponse(await prepareSimulation(ctx.actor, p(ctx, "caseId"), b<SimulateBody>(ctx)), {
        method: ctx.request.method,
        path: new URL(ctx.request.url).pathname,
      }),
  },
  {
    id: "listCaseAudit",
    method: "GET",
    path: "/cases/{caseId}/audit",
    tag: "cases",
    role: "viewer",
    query: auditQuery,
    summary: "The audit trail of a case, newest first (limit, before = an event id for the next page)",
    run: async (ctx) => ({
      data: await listCaseAuditEvents(ctx.actor, p(ctx, "caseId"), {
        limit: ctx.query.limit ? Number(ctx.query.limit) : undefined,
        beforeId: ctx.query.before as string | undefined,
      }),
    }),
  },
  // Scenarios ---------------------------------------------------------------------------------
  {
    id: "createScenario",
    method: "POST",
    path: "/cases/{caseId}/scenarios",
    tag: "scenarios",
    role: "editor",
    body: createScenarioSchema,
    versioned: true,
    status: 201,
    query: includeCompute,
    summary: "Add a scenario",
    run: async (ctx) => createScenario(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, b(ctx)),
  },
  {
    id: "renameScenario",
    method: "PATCH",
    path: "/scenarios/{scenarioId}",
    tag: "scenarios",
    role: "editor",
    body: renameScenarioSchema,
    versioned: true,
    query: includeCompute,
    summary: "Rename a scenario",
    run: async (ctx) => renameScenario(ctx.actor, p(ctx, "scenarioId"), ctx.expectedVersion, b(ctx)),
  },
  {
    id: "deleteScenario",
    method: "DELETE",
    path: "/scenarios/{scenarioId}",
    tag: "scenarios",
    role: "editor",
    versioned: true,
    query: includeCompute,
    summary: "Delete a scenario and its lines (a case keeps at least one)",
    run: async (ctx) => deleteScenario(ctx.actor, p(ctx, "scenarioId"), ctx.expectedVersion),
  },
  {
    id: "cloneScenario",
    method: "POST",
    path: "/scenarios/{scenarioId}/clone",
    tag: "scenarios",
    role: "editor",
    body: cloneScenarioSchema,
    versioned: true,
    status: 201,
    query: includeCompute,
    summary: "Copy a scenario with all its lines",
    run: async (ctx) =>
      cloneScenario(
        ctx.actor,
        p(ctx, "scenarioId"),
        ctx.expectedVersion,
        (ctx.body ?? {}) as z.infer<typeof cloneScenarioSchema>,
      ),
  },
  {
    id: "setBaselineScenario",
    method: "POST",
    path: "/scenarios/{scenarioId}/baseline",
    tag: "scenarios",
    role: "editor",
    versioned: true,
    query: includeCompute,
    summary: "Make this scenario the baseline",
    run: async (ctx) => setBaselineScenario(ctx.actor, p(ctx, "scenarioId"), ctx.expectedVersion),
  },
  // Lines -------------------------------------------------------------------------------------
  {
    id: "addLine",
    method: "POST",
    path: "/cases/{caseId}/lines",
    tag: "lines",
    role: "editor",
    body: addLineSchema,
    versioned: true,
    status: 201,
    query: includeCompute,
    summary: "Add a cost or benefit line to a scenario of the case",
    run: async (ctx) => addLine(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, b(ctx)),
  },
  {
    id: "reorderLines",
    method: "PUT",
    path: "/cases/{caseId}/lines/order",
    tag: "lines",
    role: "editor",
    body: reorderSchema,
    versioned: true,
    query: includeCompute,
    summary: "Reorder the lines of one scenario and kind (ids: all of them, in the new order)",
    run: async (ctx) => reorderLines(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, b<{ ids: string[] }>(ctx).ids),
  },
  {
    id: "updateLine",
    method: "PATCH",
    path: "/lines/{lineId}",
    tag: "lines",
    role: "editor",
    body: updateLineSchema,
    versioned: true,
    query: includeCompute,
    summary: "Change a line (merge patch: absent = unchanged, null = removed); scenarioId moves it",
    run: async (ctx) => updateLine(ctx.actor, p(ctx, "lineId"), ctx.expectedVersion, b(ctx)),
    computeAfter: (ctx, result) => computeAfterLineUpdate(ctx.actor, result as WriteResult<LineDTO>, b(ctx)),
  },
  {
    id: "deleteLine",
    method: "DELETE",
    path: "/lines/{lineId}",
    tag: "lines",
    role: "editor",
    versioned: true,
    query: includeCompute,
    summary: "Delete a line",
    run: async (ctx) => deleteLine(ctx.actor, p(ctx, "lineId"), ctx.expectedVersion),
  },
  {
    id: "duplicateLine",
    method: "POST",
    path: "/lines/{lineId}/duplicate",
    tag: "lines",
    role: "editor",
    versioned: true,
    status: 201,
    query: includeCompute,
    summary: "Copy a line, placed right after it",
    run: async (ctx) => duplicateLine(ctx.actor, p(ctx, "lineId"), ctx.expectedVersion),
  },
  {
    id: "setLineActuals",
    method: "PUT",
    path: "/lines/{lineId}/actuals",
    tag: "lines",
    role: "editor",
    body: lineActualsBody,
    query: includeCompute,
    summary:
      "Record a line's actual amounts by month (a merge: null deletes a month); months 0..actualsThrough, tangible lines of the chosen scenario. A tracking change: the version stays, an approval holds",
    run: async (ctx) => {
      const r = await setLineActuals(ctx.actor, null, { [p(ctx, "lineId")]: b<LineActualsBody>(ctx).actuals }, true);
      return { data: r.data[0], version: r.version, caseId: r.caseId };
    },
  },
  // Risks -------------------------------------------------------------------------------------
  {
    id: "addRisk",
    method: "POST",
    path: "/cases/{caseId}/risks",
    tag: "risks",
    role: "editor",
    body: riskSchema,
    versioned: true,
    status: 201,
    query: includeCompute,
    summary: "Add a risk",
    run: async (ctx) => addRisk(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, b(ctx)),
  },
  {
    id: "reorderRisks",
    method: "PUT",
    path: "/cases/{caseId}/risks/order",
    tag: "risks",
    role: "editor",
    body: reorderSchema,
    versioned: true,
    summary: "Reorder the risks (ids: all of them, in the new order)",
    run: async (ctx) => reorderRisks(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, b<{ ids: string[] }>(ctx).ids),
  },
  {
    id: "updateRisk",
    method: "PATCH",
    path: "/risks/{riskId}",
    tag: "risks",
    role: "editor",
    body: updateRiskSchema,
    versioned: true,
    query: includeCompute,
    summary: "Change a risk (merge patch)",
    run: async (ctx) => updateRisk(ctx.actor, p(ctx, "riskId"), ctx.expectedVersion, b(ctx)),
  },
  {
    id: "deleteRisk",
    method: "DELETE",
    path: "/risks/{riskId}",
    tag: "risks",
    role: "editor",
    versioned: true,
    query: includeCompute,
    summary: "Delete a risk",
    run: async (ctx) => deleteRisk(ctx.actor, p(ctx, "riskId"), ctx.expectedVersion),
  },
  {
    id: "duplicateRisk",
    method: "POST",
    path: "/risks/{riskId}/duplicate",
    tag: "risks",
    role: "editor",
    versioned: true,
    status: 201,
    query: includeCompute,
    summary: "Copy a risk",
    run: async (ctx) => duplicateRisk(ctx.actor, p(ctx, "riskId"), ctx.expectedVersion),
  },
  // KPIs --------------------------------------------------------------------------------------
  {
    id: "addKpi",
    method: "POST",
    path: "/cases/{caseId}/kpis",
    tag: "kpis",
    role: "editor",
    body: kpiSchema,
    versioned: true,
    status: 201,
    summary: "Add a KPI",
    run: async (ctx) => addKpi(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, b(ctx)),
  },
  {
    id: "reorderKpis",
    method: "PUT",
    path: "/cases/{caseId}/kpis/order",
    tag: "kpis",
    role: "editor",
    body: reorderSchema,
    versioned: true,
    summary: "Reorder the KPIs (ids: all of them, in the new order)",
    run: async (ctx) => reorderKpis(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, b<{ ids: string[] }>(ctx).ids),
  },
  {
    id: "updateKpi",
    method: "PATCH",
    path: "/kpis/{kpiId}",
    tag: "kpis",
    role: "editor",
    body: updateKpiSchema,
    versioned: true,
    summary: "Change a KPI (merge patch)",
    run: async (ctx) => updateKpi(ctx.actor, p(ctx, "kpiId"), ctx.expectedVersion, b(ctx)),
  },
  {
    id: "deleteKpi",
    method: "DELETE",
    path: "/kpis/{kpiId}",
    tag: "kpis",
    role: "editor",
    versioned: true,
    summary: "Delete a KPI",
    run: async (ctx) => deleteKpi(ctx.actor, p(ctx, "kpiId"), ctx.expectedVersion),
  },
  {
    id: "duplicateKpi",
    method: "POST",
    path: "/kpis/{kpiId}/duplicate",
    tag: "kpis",
    role: "editor",
    versioned: true,
    status: 201,
    summary: "Copy a KPI",
    run: async (ctx) => duplicateKpi(ctx.actor, p(ctx, "kpiId"), ctx.expectedVersion),
  },
  {
    id: "setKpiActuals",
    method: "PUT",
    path: "/kpis/{kpiId}/actuals",
    tag: "kpis",
    role: "editor",
    body: kpiActualsBodySchema,
    query: includeCompute,
    summary:
      "Replace a KPI's measured values ([{month, value}], one a month, months -120..horizon). A tracking change: the version stays, an approval holds",
    run: async (ctx) => setKpiActuals(ctx.actor, p(ctx, "kpiId"), b<KpiActualsBody>(ctx)),
  },
  // Assumptions -------------------------------------------------------------------------------
  {
    id: "addAssumption",
    method: "POST",
    path: "/cases/{caseId}/assumptions",
    tag: "assumptions",
    role: "editor",
    body: assumptionSchema,
    versioned: true,
    status: 201,
    summary: "Add an assumption or note",
    run: async (ctx) => addAssumption(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, b(ctx)),
  },
  {
    id: "reorderAssumptions",
    method: "PUT",
    path: "/cases/{caseId}/assumptions/order",
    tag: "assumptions",
    role: "editor",
    body: reorderSchema,
    versioned: true,
    summary: "Reorder the assumptions (ids: all of them, in the new order)",
    run: async (ctx) =>
      reorderAssumptions(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, b<{ ids: string[] }>(ctx).ids),
  },
  {
    id: "updateAssumption",
    method: "PATCH",
    path: "/assumptions/{assumptionId}",
    tag: "assumptions",
    role: "editor",
    body: updateAssumptionSchema,
    versioned: true,
    summary: "Change an assumption (merge patch)",
    run: async (ctx) => updateAssumption(ctx.actor, p(ctx, "assumptionId"), ctx.expectedVersion, b(ctx)),
  },
  {
    id: "deleteAssumption",
    method: "DELETE",
    path: "/assumptions/{assumptionId}",
    tag: "assumptions",
    role: "editor",
    versioned: true,
    summary: "Delete an assumption",
    run: async (ctx) => deleteAssumption(ctx.actor, p(ctx, "assumptionId"), ctx.expectedVersion),
  },
  // Versions: snapshots, approval, difference (spec/collaboration.md "Versions") --------------------
  {
    id: "listSnapshots",
    method: "GET",
    path: "/cases/{caseId}/snapshots",
    tag: "versions",
    role: "viewer",
    summary: "The case's snapshots (named, immutable versions), newest first, with who saved them and when",
    run: async (ctx) => ({ data: await listSnapshots(ctx.actor, p(ctx, "caseId")) }),
  },
  {
    id: "createSnapshot",
    method: "POST",
    path: "/cases/{caseId}/snapshots",
    tag: "versions",
    role: "editor",
    body: createSnapshotSchema,
    status: 201,
    summary: "Save the case as it stands as a named snapshot (a tracking write: no new version, an approval stays)",
    run: async (ctx) => createSnapshot(ctx.actor, p(ctx, "caseId"), b<{ name: string }>(ctx).name),
  },
  {
    id: "getSnapshot",
    method: "GET",
    path: "/snapshots/{snapshotId}",
    tag: "versions",
    role: "viewer",
    summary: "A snapshot: its case file (caseFile) and the engine's output for it (computeOutput)",
    run: async (ctx) => ({ data: await getSnapshotOrThrow(ctx.actor, p(ctx, "snapshotId")) }),
  },
  {
    id: "exportSnapshot",
    method: "GET",
    path: "/snapshots/{snapshotId}/export",
    tag: "versions",
    role: "viewer",
    summary: "A snapshot's case file (caseboard/v1), as a download",
    run: async (ctx) => {
      const s = await getSnapshotOrThrow(ctx.actor, p(ctx, "snapshotId"));
      return jsonResponse(s.caseFile, {
        headers: {
          "content-disposition": contentDisposition(toDownloadName(`${s.caseFile.name} - ${s.name}`, "caseboard.json")),
        },
      });
    },
  },
  {
    id: "getSnapshotReport",
    method: "GET",
    path: "/snapshots/{snapshotId}/report.pdf",
    tag: "versions",
    role: "viewer",
    query: snapshotReportQuery,
    produces: "application/pdf",
    summary: "The board report of a snapshot as PDF: exactly that version's figures",
    run: async (ctx) => renderSnapshotReport(ctx.actor, p(ctx, "snapshotId"), ctx.query.locale as string | undefined),
  },
  {
    id: "restoreSnapshot",
    method: "POST",
    path: "/snapshots/{snapshotId}/restore",
    tag: "versions",
    role: "owner",
    versioned: true,
    query: includeCompute,
    summary:
      "Make a snapshot's plan the current one (owners; a new version, stable ids kept, an approval back to draft)",
    run: async (ctx) => restoreSnapshot(ctx.actor, p(ctx, "snapshotId"), ctx.expectedVersion),
  },
  {
    id: "diffCase",
    method: "GET",
    path: "/cases/{caseId}/diff",
    tag: "versions",
    role: "viewer",
    query: diffQuerySchema,
    summary:
      'What changed between two versions (from, to: a snapshot id or "current"; to defaults to current): inputs field by field and the headline figures with deltas',
    run: async (ctx) => ({
      data: await diffCase(
        ctx.actor,
        p(ctx, "caseId"),
        ctx.query.from as string,
        (ctx.query.to as string | undefined) ?? "current",
      ),
    }),
  },
  {
    id: "listApprovalRequests",
    method: "GET",
    path: "/cases/{caseId}/approvals",
    tag: "versions",
    role: "viewer",
    summary: "The case's approval requests and decisions, newest first",
    run: async (ctx) => ({ data: await listApprovalRequests(ctx.actor, p(ctx, "caseId")) }),
  },
  {
    id: "requestApproval",
    method: "POST",
    path: "/cases/{caseId}/approvals",
    tag: "versions",
    role: "editor",
    body: requestApprovalSchema,
    status: 201,
    summary:
      "Ask for approval (editors), optionally naming approvers among the workspace's owners; one request is pending at a time",
    run: async (ctx) => requestApproval(ctx.actor, p(ctx, "caseId"), b<RequestApprovalInput>(ctx)),
  },
  {
    id: "approveCase",
    method: "POST",
    path: "/cases/{caseId}/approve",
    tag: "versions",
    role: "owner",
    body: approveSchema,
    versioned: true,
    summary:
      "Approve the case as it stands at If-Match (owners), with an optional comment: status approved, a snapshot frozen, the pending request closed",
    run: async (ctx) => approveCase(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, b<{ comment?: string }>(ctx)),
  },
  {
    id: "rejectApproval",
    method: "POST",
    path: "/cases/{caseId}/reject",
    tag: "versions",
    role: "owner",
    body: rejectSchema,
    summary: "Reject the pending approval request with a comment (owners)",
    run: async (ctx) => rejectApproval(ctx.actor, p(ctx, "caseId"), b<{ comment: string }>(ctx)),
  },
  // Comments (tracking writes: they never bump the case version or reset approval) ------------
  {
    id: "listComments",
    method: "GET",
    path: "/cases/{caseId}/comments",
    tag: "comments",
    role: "viewer",
    summary:
      "The case's comments, oldest first (threads: parentId; target: the case or a line, risk, KPI or assumption by stable id)",
    run: async (ctx) => ({ data: await listComments(ctx.actor, p(ctx, "caseId")) }),
  },
  {
    id: "createComment",
    method: "POST",
    path: "/cases/{caseId}/comments",
    tag: "comments",
    role: "viewer",
    body: createCommentSchema,
    status: 201,
    summary:
      "Comment on the case or on one of its objects ({ body, target?: { kind, id }, parentId? }); viewers comment too; @Name mentions notify members",
    run: async (ctx) => {
      const r = await createComment(ctx.actor, p(ctx, "caseId"), b<CreateCommentInput>(ctx));
      return { data: r.data };
    },
  },
  {
    id: "updateComment",
    method: "PATCH",
    path: "/comments/{commentId}",
    tag: "comments",
    role: "viewer",
    body: updateCommentSchema,
    summary:
      "Edit one's own comment ({ body, revision }: the revision it was made on; another edit in between answers 409 with the current comment)",
    run: async (ctx) => ({
      data: (await updateComment(ctx.actor, p(ctx, "commentId"), b<UpdateCommentInput>(ctx))).data,
    }),
  },
  {
    id: "deleteComment",
    method: "DELETE",
    path: "/comments/{commentId}",
    tag: "comments",
    role: "viewer",
    summary: "Delete one's own comment (owners delete any); its thread's replies stay",
    run: async (ctx) => ({ data: (await deleteComment(ctx.actor, p(ctx, "commentId"))).data }),
  },
  {
    id: "resolveComment",
    method: "POST",
    path: "/comments/{commentId}/resolve",
    tag: "comments",
    role: "viewer",
    body: resolveCommentSchema,
    summary: "Resolve ({ resolved: true }) or reopen ({ resolved: false }) the comment's thread",
    run: async (ctx) => ({
      data: (await resolveComment(ctx.actor, p(ctx, "commentId"), b<{ resolved: boolean }>(ctx).resolved)).data,
    }),
  },
  // Live --------------------------------------------------------------------------------------
  {
    id: "streamCaseEvents",
    method: "GET",
    path: "/cases/{caseId}/events",
    tag: "live",
    role: "viewer",
    query: eventsQuery,
    produces: "text/event-stream",
    summary:
      "Server-Sent Events of the case: change (every committed change), presence (who is on which tab), heartbeats; resume with Last-Event-ID",
    run: async (ctx) =>
      openCaseEventStream(ctx.actor, p(ctx, "caseId"), {
        tab: ctx.query.tab as string | undefined,
        lastEventId: ctx.request.headers.get("last-event-id") ?? (ctx.query.lastEventId as string | undefined) ?? null,
        signal: ctx.request.signal,
      }),
  },
  // Notifications (the caller's own) -----------------------------------------------------------
  {
    id: "listNotifications",
    method: "GET",
    path: "/notifications",
    tag: "notifications",
    role: "viewer",
    summary: "The signed-in user's notifications, newest first (mentions, replies, approval requests and decisions)",
    run: async (ctx) => ({ data: await listNotifications(ctx.actor) }),
  },
  {
    id: "markNotificationsRead",
    method: "POST",
    path: "/notifications/read",
    tag: "notifications",
    role: "viewer",
    body: markNotificationsReadSchema,
    summary: "Mark notifications read ({ ids } or, without ids, all of them)",
    run: async (ctx) => ({ data: await markNotificationsRead(ctx.actor, b<{ ids?: string[] }>(ctx).ids) }),
  },
  // The workspace's reporting currency (docs/currencies.md) ----------------------------------
  {
    id: "getReportingCurrency",
    method: "GET",
    path: "/workspaces/{workspace}/reporting-currency",
    tag: "workspaces",
    role: "viewer",
    summary:
      "The workspace's reporting currency and its own rates dated by calendar month (1 unit = rate units of the reporting currency from that month), for the portfolio",
    run: async (ctx) => ({ data: await getWorkspaceReportingRates(ctx.actor, p(ctx, "workspace")) }),
  },
  {
    id: "setReportingCurrency",
    method: "PUT",
    path: "/workspaces/{workspace}/reporting-currency",
    tag: "workspaces",
    role: "owner",
    body: reportingRatesSchema,
    summary: "Set the workspace's reporting currency and its dated rates (owners only; replaces the whole table)",
    run: async (ctx) => ({
      data: await setWorkspaceReportingRates(ctx.actor, p(ctx, "workspace"), b<ReportingRates>(ctx)),
    }),
  },
  // Tokens ------------------------------------------------------------------------------------
  {
    id: "listApiTokens",
    method: "GET",
    path: "/workspaces/{workspace}/tokens",
    tag: "tokens",
    role: "owner",
    summary: "List the workspace's API tokens (never their secrets); signed-in owners only",
    run: async (ctx) => ({ data: await listApiTokens(ctx.actor, p(ctx, "workspace")) }),
  },
  {
    id: "createApiToken",
    method: "POST",
    path: "/workspaces/{workspace}/tokens",
    tag: "tokens",
    role: "owner",
    body: createApiTokenSchema,
    status: 201,
    summary: "Create an API token; the secret is in this response only",
    run: async (ctx) => ({ data: await createApiToken(ctx.actor, p(ctx, "workspace"), b(ctx)) }),
  },
  {
    id: "revokeApiToken",
    method: "DELETE",
    path: "/tokens/{tokenId}",
    tag: "tokens",
    role: "owner",
    summary: "Revoke an API token (effective on its next request)",
    run: async (ctx) => ({ data: await revokeApiToken(ctx.actor, p(ctx, "tokenId")) }),
  },
];

export function findOperations(path: string): Operation[] {
  return OPERATIONS.filter((op) => op.path === path);
}
