// Every /api/v1 operation, once: method, path, the zod schemas of its query and body, and what it
// runs. The route files under app/api/v1 take their handlers from here (lib/api/handler.ts) and the
// OpenAPI document is generated from the same list (lib/api/openapi.ts), so they cannot drift.
import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/db/access";
import { createApiToken, listApiTokens, revokeApiToken } from "@/lib/db/api-tokens";
import { addAssumption, deleteAssumption, reorderAssumptions, updateAssumption } from "@/lib/db/assumptions";
import { listCaseAuditEvents } from "@/lib/db/audit";
import { createScimToken, revokeScimTokens } from "@/lib/db/scim";
import { getSsoSettings, updateSsoSettings } from "@/lib/db/sso";
import { readSsoProviders } from "@/lib/auth/sso-providers";
import { auditExportResponse } from "@/lib/services/audit-export";
import { auditExportQuerySchema, signInSettingsBodySchema, type SignInSettingsBody } from "@/lib/validation/sso";
import { createComment, deleteComment, listComments, resolveComment, updateComment } from "@/lib/db/comments";
import { listNotifications, markNotificationsRead } from "@/lib/db/notifications";
import { openCaseEventStream } from "@/lib/live/stream";
import {
  createCommentSchema,
  markNotificationsReadSchema,
  resolveCommentSchema,
  updateCommentSchema,
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
import {
  importWorkbookCase,
  previewWorkbookImport,
  workbookPreviewStream,
  type WorkbookImportInput,
} from "@/lib/services/import-workbook";
import { localeOfTag } from "@/lib/import/messages";
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
} from "@/lib/services/simulate";
import { createCaseFromInput } from "@/lib/services/templates";
import { buildPortfolioPack } from "@/lib/services/portfolio-deck";
import { goalSeekBodySchema, goalSeekCase } from "@/lib/services/goal-seek";
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
  proposalSchema,
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
} from "@/lib/validation/versions";
import { setKpiActuals, setLineActuals, updateCaseTracking } from "@/lib/db/actuals";
import { getWorkspaceReportingRates, setWorkspaceReportingRates } from "@/lib/db/workspace-currency";
import { reportingRatesSchema } from "@/lib/case-file/fx";
import {
  TRACKING_FIELDS,
  kpiActualsBodySchema,
  lineActualsBodySchema,
  trackingFieldsShape,
} from "@/lib/validation/realisation";
import { AppError } from "@/lib/errors";
import { contentDisposition, etag, jsonResponse } from "./http";
import { getDeckTemplateInfo, removeDeckTemplate } from "@/lib/db/deck-templates";
import { MAX_TEMPLATE_BYTES } from "@/lib/pptx/template";
import { uploadDeckTemplate } from "@/lib/services/deck-template";
import { renderCaseDeck, renderCaseReport, renderSnapshotDeck, renderSnapshotReport } from "./report";
import { exportCashFlowCsv, exportCaseWorkbook, exportLinesCsv } from "@/lib/services/spreadsheet";
import { listPortfolioPlans, setCaseTags } from "@/lib/db/portfolio";
import {
  buildPortfolioReport,
  getPortfolio,
  getPortfolioPlanView,
  optimiseBodySchema,
  optimisePortfolio,
  portfolioFrontierResponse,
  savePlanBodySchema,
  savePortfolioPlan,
} from "@/lib/services/portfolio";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

// Query and body are what the operation's own schemas made of the request (lib/api/handler.ts
// parses them before `run`): their types come from those schemas (defineOperation below).
export interface OperationContext<Q = Record<string, unknown>, B = unknown> {
  actor: Actor; // carries the operation's declared role as its floor (lib/db/access.ts)
  params: Record<string, string>;
  query: Q;
  body: B;
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
    | "sign-in"
    | "templates"
    | "portfolio"
    | "workspaces"
    | "meta";
  summary: string;
  role: "viewer" | "editor" | "owner" | "public";
  query?: z.ZodType;
  body?: z.ZodType;
  versioned?: boolean; // needs If-Match; may ask for ?include=compute
  rawBody?: boolean; // the body schema documents it; the service validates (with its own paths)
  upload?: { maxBytes: number; mediaTypes: string[] }; // the body is a file: its bytes (Uint8Array)
  multipart?: boolean; // a multipart/form-data upload: the body is its fields (strings and Files)
  status?: 200 | 201;
  produces?:
    | "application/json"
    | "application/pdf"
    | "application/x-ndjson"
    | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    | "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    | "text/csv"
    | "text/event-stream";
  // A JSON operation that also answers a stream when the request's Accept asks for it (documented
  // beside the JSON answer in OpenAPI).
  alsoStreams?: { mediaType: "application/x-ndjson"; description: string; example: string };
  run: (ctx: OperationContext) => Promise<OperationResult | Response>;
  // ?include=compute after this write, when it knows a quicker way than reading the case again.
  computeAfter?: (ctx: OperationContext, result: OperationResult) => Promise<CaseComputeDTO>;
}

// An operation as declared: `run` (and `computeAfter`) receive the query and body typed from the
// operation's own schemas (a raw body, validated by the service itself, stays unknown), so a
// handler cannot read a field its schema does not have. The registry stores them uniformly.
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type DeclaredContext<Q, B, Raw> = OperationContext<
  Q extends z.ZodType ? z.output<Q> : Record<string, never>,
  Raw extends true ? unknown : Parsed<B>
>;
interface OperationDeclaration<Q, B, Raw> extends Omit<
  Operation,
  "query" | "body" | "rawBody" | "run" | "computeAfter"
> {
  query?: Q;
  body?: B;
  rawBody?: Raw;
  run: (ctx: DeclaredContext<Q, B, Raw>) => Promise<OperationResult | Response>;
  computeAfter?: (ctx: DeclaredContext<Q, B, Raw>, result: OperationResult) => Promise<CaseComputeDTO>;
}
function defineOperation<
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  Raw extends boolean | undefined = undefined,
>(declaration: OperationDeclaration<Q, B, Raw>): Operation {
  // The one widening: the handler hands `run` exactly what these schemas parsed.
  return declaration as unknown as Operation;
}

// The import-workbook form: the file, and optionally the mapping (JSON text), a sheet, a currency.
const importWorkbookForm = z.strictObject({
  file: z.any().describe("the spreadsheet (.xlsx, .ods, .xls or .csv, at most 20 MB)"),
  mapping: z.string().max(5_000_000).optional().describe("a mapping as JSON (caseboard import --print-mapping)"),
  sheet: z.string().max(100).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
});
const importWorkbookQuery = z.strictObject({
  preview: z.enum(["true", "false"]).optional(),
  locale: z
    .enum(["en", "sv", "nb", "fr", "zh"])
    .optional()
    .describe("the language of problems and notes; default: the Accept-Language header's, else English"),
});

async function workbookInput(body: unknown): Promise<WorkbookImportInput> {
  const form = body as Record<string, string | File>;
  const file = form.file;
  const fail = (path: string, message: string) =>
    new AppError("validation", "the input is not valid", { fieldErrors: [{ path, message }] });
  for (const key of Object.keys(form))
    if (!["file", "mapping", "sheet", "currency"].includes(key)) throw fail(key, "not a field of this form");
  if (!(file instanceof File)) throw fail("file", 'attach the spreadsheet as the form field "file"');
  const input: WorkbookImportInput = {
    bytes: new Uint8Array(await file.arrayBuffer()),
    fileName: file.name || "upload",
  };
  for (const key of ["mapping", "sheet", "currency"] as const)
    if (form[key] !== undefined && typeof form[key] !== "string") throw fail(key, "a text field");
  if (typeof form.mapping === "string") {
    try {
      input.mapping = JSON.parse(form.mapping);
    } catch {
      throw fail("mapping", "not valid JSON");
    }
  }
  if (typeof form.sheet === "string") input.sheet = form.sheet;
  if (typeof form.currency === "string") {
    if (!/^[A-Z]{3}$/.test(form.currency)) throw fail("currency", "an ISO 4217 code such as SEK");
    input.currency = form.currency;
  }
  return input;
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
const templateQuery = z.strictObject({
  fileName: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^\u0000-\u001f\u007f/\\]+$/, "a file name without slashes or control characters")
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

export const OPERATIONS: Operation[] = [
  // Cases -------------------------------------------------------------------------------------
  defineOperation({
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
  }),
  defineOperation({
    id: "createCase",
    method: "POST",
    path: "/workspaces/{workspace}/cases",
    tag: "cases",
    role: "editor",
    body: createCaseSchema,
    status: 201,
    summary: "Create a case, empty or from a template (crm-implementation, crm-upgrade)",
    run: async (ctx) => createCaseFromInput(ctx.actor, p(ctx, "workspace"), ctx.body),
  }),
  defineOperation({
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
  }),
  defineOperation({
    id: "importWorkbook",
    method: "POST",
    path: "/workspaces/{workspace}/cases/import-workbook",
    tag: "cases",
    role: "editor",
    multipart: true,
    body: importWorkbookForm,
    query: importWorkbookQuery,
    status: 201,
    summary:
      "A new case from a spreadsheet (.xlsx, .ods, .xls, .csv; multipart: file, optional mapping as JSON, sheet, currency). The layout, sheet, header, periods, scenarios and settings are guessed unless a mapping is given (the same shape caseboard import --print-mapping prints); ?preview=true answers the preview (mapping, lines' yearly amounts, NPV, TCO and ROI beside the sheet's own figures) and writes nothing. Every problem names its sheet and cell; nothing is half-imported",
    alsoStreams: {
      mediaType: "application/x-ndjson",
      description:
        'With ?preview=true and Accept: application/x-ndjson: progress lines {"type":"progress","phase":"read"|"guess"|"build","done":n,"total":m} while the file is read, the layout guessed and the lines built, then one {"type":"result","data":preview} line, or one {"type":"error","error":{code,message,fieldErrors,details}} line. Closing the connection cancels the work; nothing is written either way.',
      example:
        '{"type":"progress","phase":"read","done":0,"total":6900000}\n{"type":"progress","phase":"guess","done":1,"total":1}\n{"type":"progress","phase":"build","done":2000,"total":100000}\n...\n{"type":"result","data":{"mapping":{...},"lines":[...],"problems":[],"notes":[...]}}\n',
    },
    run: async (ctx) => {
      const input = await workbookInput(ctx.body);
      // Problems and notes keep their code, place and parameters; their text is in this language.
      input.locale = ctx.query.locale ?? localeOfTag(ctx.request.headers.get("accept-language")) ?? "en";
      if (ctx.query.preview === "true") {
        if (/application\/x-ndjson/.test(ctx.request.headers.get("accept") ?? ""))
          return workbookPreviewStream(ctx.actor, p(ctx, "workspace"), input);
        const { file: _file, ...preview } = await previewWorkbookImport(ctx.actor, p(ctx, "workspace"), input);
        return jsonResponse({ data: preview }, { status: 200 });
      }
      return importWorkbookCase(ctx.actor, p(ctx, "workspace"), input);
    },
  }),
  defineOperation({
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
  }),
  defineOperation({
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
      const body = ctx.body;
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
  }),
  defineOperation({
    id: "deleteCase",
    method: "DELETE",
    path: "/cases/{caseId}",
    tag: "cases",
    role: "owner",
    versioned: true,
    summary: "Delete a case and everything in it (owners only)",
    run: async (ctx) => deleteCase(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion),
  }),
  defineOperation({
    id: "renameCase",
    method: "POST",
    path: "/cases/{caseId}/rename",
    tag: "cases",
    role: "editor",
    body: renameSchema,
    versioned: true,
    summary: "Rename a case",
    run: async (ctx) => renameCase(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, ctx.body.name),
  }),
  defineOperation({
    id: "setCaseProposal",
    method: "POST",
    path: "/cases/{caseId}/proposal",
    tag: "cases",
    role: "editor",
    body: proposalSchema,
    versioned: true,
    query: includeCompute,
    summary:
      "State the case's proposal: the scenario (key) the headline weighs against the baseline; null returns to the first alternative. " +
      "A plan change: If-Match is compared and the version goes up",
    run: async (ctx) =>
      updateCase(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, { chosenScenario: ctx.body.chosenScenario }),
  }),
  defineOperation({
    id: "archiveCase",
    method: "POST",
    path: "/cases/{caseId}/archive",
    tag: "cases",
    role: "editor",
    body: archiveCaseSchema,
    versioned: true,
    summary: "Archive ({archived:true}) or restore ({archived:false}) a case",
    run: async (ctx) => archiveCase(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, ctx.body.archived),
  }),
  defineOperation({
    id: "setCaseStatus",
    method: "POST",
    path: "/cases/{caseId}/status",
    tag: "cases",
    role: "owner",
    body: caseStatusSchema,
    versioned: true,
    summary:
      'Approve a case ({status:"approved"}, owners only) or send it back to draft; any later change puts it back to draft',
    run: async (ctx) => setCaseStatus(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, ctx.body.status),
  }),
  defineOperation({
    id: "computeCase",
    method: "GET",
    path: "/cases/{caseId}/compute",
    tag: "cases",
    role: "viewer",
    summary: "The engine's output for the case (docs/case-file.md#the-compute-output), cached by case version",
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
  }),
  defineOperation({
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
  }),
  defineOperation({
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
        ctx.query.locale,
        ctx.query.iterations === undefined
          ? undefined
          : {
              iterations: Number(ctx.query.iterations),
              seed: ctx.query.seed === undefined ? DEFAULT_SEED : Number(ctx.query.seed),
            },
      ),
  }),
  defineOperation({
    id: "getCaseDeck",
    method: "GET",
    path: "/cases/{caseId}/report.pptx",
    tag: "cases",
    role: "viewer",
    query: reportQuery,
    produces: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    summary:
      "The board pack of the case as PowerPoint: the report's figures as text and tables, native charts, the workspace's slide template",
    run: async (ctx) =>
      renderCaseDeck(
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
  }),
  defineOperation({
    id: "exportCaseWorkbook",
    method: "GET",
    path: "/cases/{caseId}/export.xlsx",
    tag: "cases",
    role: "viewer",
    produces: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    summary:
      "The case as an auditable workbook: a Summary for people, inputs, lines, monthly cash flows, yearly sheets and the Figures sheet, every figure a live formula; written in a worker and streamed (docs/workbook.md)",
    run: async (ctx) => exportCaseWorkbook(ctx.actor, p(ctx, "caseId")),
  }),
  defineOperation({
    id: "exportLinesCsv",
    method: "GET",
    path: "/cases/{caseId}/lines.csv",
    tag: "cases",
    role: "viewer",
    query: scenarioQuery,
    produces: "text/csv",
    summary:
      "A scenario's lines as CSV (default the first scenario); cells that begin with = + - @ tab or CR are prefixed with a single quote",
    run: async (ctx) => exportLinesCsv(ctx.actor, p(ctx, "caseId"), ctx.query.scenario),
  }),
  defineOperation({
    id: "exportCashFlowCsv",
    method: "GET",
    path: "/cases/{caseId}/cash-flow.csv",
    tag: "cases",
    role: "viewer",
    query: scenarioQuery,
    produces: "text/csv",
    summary:
      "A scenario's monthly cash flows as CSV: one row a line (risk-adjusted), one column a month, then the totals; cells that begin with = + - @ tab or CR are prefixed with a single quote",
    run: async (ctx) => exportCashFlowCsv(ctx.actor, p(ctx, "caseId"), ctx.query.scenario),
  }),
  // Streamed (NDJSON), so run answers the Response itself; lib/api/openapi.ts documents the lines.
  defineOperation({
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
      simulationResponse(await prepareSimulation(ctx.actor, p(ctx, "caseId"), ctx.body), {
        method: ctx.request.method,
        path: new URL(ctx.request.url).pathname,
      }),
  }),
  defineOperation({
    id: "goalSeekCase",
    method: "POST",
    path: "/cases/{caseId}/goal-seek",
    tag: "cases",
    role: "viewer",
    body: goalSeekBodySchema,
    summary:
      "The value of one input (a line's or risk's field, or discountRate) that brings NPV, IRR, payback, ROI or after-tax NPV to a target; reached: false with a message when no value in [low, high] does",
    run: async (ctx) => ({
      data: await goalSeekCase(ctx.actor, p(ctx, "caseId"), ctx.body),
      caseId: p(ctx, "caseId"),
    }),
  }),
  defineOperation({
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
        beforeId: ctx.query.before,
      }),
    }),
  }),
  // Scenarios ---------------------------------------------------------------------------------
  defineOperation({
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
    run: async (ctx) => createScenario(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, ctx.body),
  }),
  defineOperation({
    id: "renameScenario",
    method: "PATCH",
    path: "/scenarios/{scenarioId}",
    tag: "scenarios",
    role: "editor",
    body: renameScenarioSchema,
    versioned: true,
    query: includeCompute,
    summary: "Rename a scenario",
    run: async (ctx) => renameScenario(ctx.actor, p(ctx, "scenarioId"), ctx.expectedVersion, ctx.body),
  }),
  defineOperation({
    id: "deleteScenario",
    method: "DELETE",
    path: "/scenarios/{scenarioId}",
    tag: "scenarios",
    role: "editor",
    versioned: true,
    query: includeCompute,
    summary: "Delete a scenario and its lines (a case keeps at least one)",
    run: async (ctx) => deleteScenario(ctx.actor, p(ctx, "scenarioId"), ctx.expectedVersion),
  }),
  defineOperation({
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
    run: async (ctx) => cloneScenario(ctx.actor, p(ctx, "scenarioId"), ctx.expectedVersion, ctx.body ?? {}),
  }),
  defineOperation({
    id: "setBaselineScenario",
    method: "POST",
    path: "/scenarios/{scenarioId}/baseline",
    tag: "scenarios",
    role: "editor",
    versioned: true,
    query: includeCompute,
    summary: "Make this scenario the baseline",
    run: async (ctx) => setBaselineScenario(ctx.actor, p(ctx, "scenarioId"), ctx.expectedVersion),
  }),
  // Lines -------------------------------------------------------------------------------------
  defineOperation({
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
    run: async (ctx) => addLine(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, ctx.body),
  }),
  defineOperation({
    id: "reorderLines",
    method: "PUT",
    path: "/cases/{caseId}/lines/order",
    tag: "lines",
    role: "editor",
    body: reorderSchema,
    versioned: true,
    query: includeCompute,
    summary: "Reorder the lines of one scenario and kind (ids: all of them, in the new order)",
    run: async (ctx) => reorderLines(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, ctx.body.ids),
  }),
  defineOperation({
    id: "updateLine",
    method: "PATCH",
    path: "/lines/{lineId}",
    tag: "lines",
    role: "editor",
    body: updateLineSchema,
    versioned: true,
    query: includeCompute,
    summary: "Change a line (merge patch: absent = unchanged, null = removed); scenarioId moves it",
    run: async (ctx) => updateLine(ctx.actor, p(ctx, "lineId"), ctx.expectedVersion, ctx.body),
    computeAfter: (ctx, result) => computeAfterLineUpdate(ctx.actor, result as WriteResult<LineDTO>, ctx.body),
  }),
  defineOperation({
    id: "deleteLine",
    method: "DELETE",
    path: "/lines/{lineId}",
    tag: "lines",
    role: "editor",
    versioned: true,
    query: includeCompute,
    summary: "Delete a line",
    run: async (ctx) => deleteLine(ctx.actor, p(ctx, "lineId"), ctx.expectedVersion),
  }),
  defineOperation({
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
  }),
  defineOperation({
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
      const r = await setLineActuals(ctx.actor, null, { [p(ctx, "lineId")]: ctx.body.actuals }, true);
      return { data: r.data[0], version: r.version, caseId: r.caseId };
    },
  }),
  // Risks -------------------------------------------------------------------------------------
  defineOperation({
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
    run: async (ctx) => addRisk(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, ctx.body),
  }),
  defineOperation({
    id: "reorderRisks",
    method: "PUT",
    path: "/cases/{caseId}/risks/order",
    tag: "risks",
    role: "editor",
    body: reorderSchema,
    versioned: true,
    summary: "Reorder the risks (ids: all of them, in the new order)",
    run: async (ctx) => reorderRisks(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, ctx.body.ids),
  }),
  defineOperation({
    id: "updateRisk",
    method: "PATCH",
    path: "/risks/{riskId}",
    tag: "risks",
    role: "editor",
    body: updateRiskSchema,
    versioned: true,
    query: includeCompute,
    summary: "Change a risk (merge patch)",
    run: async (ctx) => updateRisk(ctx.actor, p(ctx, "riskId"), ctx.expectedVersion, ctx.body),
  }),
  defineOperation({
    id: "deleteRisk",
    method: "DELETE",
    path: "/risks/{riskId}",
    tag: "risks",
    role: "editor",
    versioned: true,
    query: includeCompute,
    summary: "Delete a risk",
    run: async (ctx) => deleteRisk(ctx.actor, p(ctx, "riskId"), ctx.expectedVersion),
  }),
  defineOperation({
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
  }),
  // KPIs --------------------------------------------------------------------------------------
  defineOperation({
    id: "addKpi",
    method: "POST",
    path: "/cases/{caseId}/kpis",
    tag: "kpis",
    role: "editor",
    body: kpiSchema,
    versioned: true,
    status: 201,
    summary: "Add a KPI",
    run: async (ctx) => addKpi(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, ctx.body),
  }),
  defineOperation({
    id: "reorderKpis",
    method: "PUT",
    path: "/cases/{caseId}/kpis/order",
    tag: "kpis",
    role: "editor",
    body: reorderSchema,
    versioned: true,
    summary: "Reorder the KPIs (ids: all of them, in the new order)",
    run: async (ctx) => reorderKpis(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, ctx.body.ids),
  }),
  defineOperation({
    id: "updateKpi",
    method: "PATCH",
    path: "/kpis/{kpiId}",
    tag: "kpis",
    role: "editor",
    body: updateKpiSchema,
    versioned: true,
    summary: "Change a KPI (merge patch)",
    run: async (ctx) => updateKpi(ctx.actor, p(ctx, "kpiId"), ctx.expectedVersion, ctx.body),
  }),
  defineOperation({
    id: "deleteKpi",
    method: "DELETE",
    path: "/kpis/{kpiId}",
    tag: "kpis",
    role: "editor",
    versioned: true,
    summary: "Delete a KPI",
    run: async (ctx) => deleteKpi(ctx.actor, p(ctx, "kpiId"), ctx.expectedVersion),
  }),
  defineOperation({
    id: "duplicateKpi",
    method: "POST",
    path: "/kpis/{kpiId}/duplicate",
    tag: "kpis",
    role: "editor",
    versioned: true,
    status: 201,
    summary: "Copy a KPI",
    run: async (ctx) => duplicateKpi(ctx.actor, p(ctx, "kpiId"), ctx.expectedVersion),
  }),
  defineOperation({
    id: "setKpiActuals",
    method: "PUT",
    path: "/kpis/{kpiId}/actuals",
    tag: "kpis",
    role: "editor",
    body: kpiActualsBodySchema,
    query: includeCompute,
    summary:
      "Replace a KPI's measured values ([{month, value}], one a month, months -120..horizon). A tracking change: the version stays, an approval holds",
    run: async (ctx) => setKpiActuals(ctx.actor, p(ctx, "kpiId"), ctx.body),
  }),
  // Assumptions -------------------------------------------------------------------------------
  defineOperation({
    id: "addAssumption",
    method: "POST",
    path: "/cases/{caseId}/assumptions",
    tag: "assumptions",
    role: "editor",
    body: assumptionSchema,
    versioned: true,
    status: 201,
    summary: "Add an assumption or note",
    run: async (ctx) => addAssumption(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, ctx.body),
  }),
  defineOperation({
    id: "reorderAssumptions",
    method: "PUT",
    path: "/cases/{caseId}/assumptions/order",
    tag: "assumptions",
    role: "editor",
    body: reorderSchema,
    versioned: true,
    summary: "Reorder the assumptions (ids: all of them, in the new order)",
    run: async (ctx) => reorderAssumptions(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, ctx.body.ids),
  }),
  defineOperation({
    id: "updateAssumption",
    method: "PATCH",
    path: "/assumptions/{assumptionId}",
    tag: "assumptions",
    role: "editor",
    body: updateAssumptionSchema,
    versioned: true,
    summary: "Change an assumption (merge patch)",
    run: async (ctx) => updateAssumption(ctx.actor, p(ctx, "assumptionId"), ctx.expectedVersion, ctx.body),
  }),
  defineOperation({
    id: "deleteAssumption",
    method: "DELETE",
    path: "/assumptions/{assumptionId}",
    tag: "assumptions",
    role: "editor",
    versioned: true,
    summary: "Delete an assumption",
    run: async (ctx) => deleteAssumption(ctx.actor, p(ctx, "assumptionId"), ctx.expectedVersion),
  }),
  // Versions: snapshots, approval, difference (docs/architecture.md#versions-and-approval) ------
  defineOperation({
    id: "listSnapshots",
    method: "GET",
    path: "/cases/{caseId}/snapshots",
    tag: "versions",
    role: "viewer",
    summary: "The case's snapshots (named, immutable versions), newest first, with who saved them and when",
    run: async (ctx) => ({ data: await listSnapshots(ctx.actor, p(ctx, "caseId")) }),
  }),
  defineOperation({
    id: "createSnapshot",
    method: "POST",
    path: "/cases/{caseId}/snapshots",
    tag: "versions",
    role: "editor",
    body: createSnapshotSchema,
    status: 201,
    summary: "Save the case as it stands as a named snapshot (a tracking write: no new version, an approval stays)",
    run: async (ctx) => createSnapshot(ctx.actor, p(ctx, "caseId"), ctx.body.name),
  }),
  defineOperation({
    id: "getSnapshot",
    method: "GET",
    path: "/snapshots/{snapshotId}",
    tag: "versions",
    role: "viewer",
    summary: "A snapshot: its case file (caseFile) and the engine's output for it (computeOutput)",
    run: async (ctx) => ({ data: await getSnapshotOrThrow(ctx.actor, p(ctx, "snapshotId")) }),
  }),
  defineOperation({
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
  }),
  defineOperation({
    id: "getSnapshotReport",
    method: "GET",
    path: "/snapshots/{snapshotId}/report.pdf",
    tag: "versions",
    role: "viewer",
    query: snapshotReportQuery,
    produces: "application/pdf",
    summary: "The board report of a snapshot as PDF: exactly that version's figures",
    run: async (ctx) => renderSnapshotReport(ctx.actor, p(ctx, "snapshotId"), ctx.query.locale as string | undefined),
  }),
  defineOperation({
    id: "getSnapshotDeck",
    method: "GET",
    path: "/snapshots/{snapshotId}/report.pptx",
    tag: "versions",
    role: "viewer",
    query: snapshotReportQuery,
    produces: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    summary: "The board pack of a snapshot as PowerPoint: exactly that version's figures",
    run: async (ctx) => renderSnapshotDeck(ctx.actor, p(ctx, "snapshotId"), ctx.query.locale as string | undefined),
  }),
  defineOperation({
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
  }),
  defineOperation({
    id: "diffCase",
    method: "GET",
    path: "/cases/{caseId}/diff",
    tag: "versions",
    role: "viewer",
    query: diffQuerySchema,
    summary:
      'What changed between two versions (from, to: a snapshot id or "current"; to defaults to current): inputs field by field and the headline figures with deltas',
    run: async (ctx) => ({
      data: await diffCase(ctx.actor, p(ctx, "caseId"), ctx.query.from, ctx.query.to ?? "current"),
    }),
  }),
  defineOperation({
    id: "listApprovalRequests",
    method: "GET",
    path: "/cases/{caseId}/approvals",
    tag: "versions",
    role: "viewer",
    summary: "The case's approval requests and decisions, newest first",
    run: async (ctx) => ({ data: await listApprovalRequests(ctx.actor, p(ctx, "caseId")) }),
  }),
  defineOperation({
    id: "requestApproval",
    method: "POST",
    path: "/cases/{caseId}/approvals",
    tag: "versions",
    role: "editor",
    body: requestApprovalSchema,
    status: 201,
    summary:
      "Ask for approval (editors), optionally naming approvers among the workspace's owners; one request is pending at a time",
    run: async (ctx) => requestApproval(ctx.actor, p(ctx, "caseId"), ctx.body),
  }),
  defineOperation({
    id: "approveCase",
    method: "POST",
    path: "/cases/{caseId}/approve",
    tag: "versions",
    role: "owner",
    body: approveSchema,
    versioned: true,
    summary:
      "Approve the case as it stands at If-Match (owners), with an optional comment: status approved, a snapshot frozen, the pending request closed",
    run: async (ctx) => approveCase(ctx.actor, p(ctx, "caseId"), ctx.expectedVersion, ctx.body),
  }),
  defineOperation({
    id: "rejectApproval",
    method: "POST",
    path: "/cases/{caseId}/reject",
    tag: "versions",
    role: "owner",
    body: rejectSchema,
    summary: "Reject the pending approval request with a comment (owners)",
    run: async (ctx) => rejectApproval(ctx.actor, p(ctx, "caseId"), ctx.body),
  }),
  // Comments (tracking writes: they never bump the case version or reset approval) ------------
  defineOperation({
    id: "listComments",
    method: "GET",
    path: "/cases/{caseId}/comments",
    tag: "comments",
    role: "viewer",
    summary:
      "The case's comments, oldest first (threads: parentId; target: the case or a line, risk, KPI or assumption by stable id)",
    run: async (ctx) => ({ data: await listComments(ctx.actor, p(ctx, "caseId")) }),
  }),
  defineOperation({
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
      const r = await createComment(ctx.actor, p(ctx, "caseId"), ctx.body);
      return { data: r.data };
    },
  }),
  defineOperation({
    id: "updateComment",
    method: "PATCH",
    path: "/comments/{commentId}",
    tag: "comments",
    role: "viewer",
    body: updateCommentSchema,
    summary:
      "Edit one's own comment ({ body, revision }: the revision it was made on; another edit in between answers 409 with the current comment)",
    run: async (ctx) => ({
      data: (await updateComment(ctx.actor, p(ctx, "commentId"), ctx.body)).data,
    }),
  }),
  defineOperation({
    id: "deleteComment",
    method: "DELETE",
    path: "/comments/{commentId}",
    tag: "comments",
    role: "viewer",
    summary: "Delete one's own comment (owners delete any); its thread's replies stay",
    run: async (ctx) => ({ data: (await deleteComment(ctx.actor, p(ctx, "commentId"))).data }),
  }),
  defineOperation({
    id: "resolveComment",
    method: "POST",
    path: "/comments/{commentId}/resolve",
    tag: "comments",
    role: "viewer",
    body: resolveCommentSchema,
    summary: "Resolve ({ resolved: true }) or reopen ({ resolved: false }) the comment's thread",
    run: async (ctx) => ({
      data: (await resolveComment(ctx.actor, p(ctx, "commentId"), ctx.body.resolved)).data,
    }),
  }),
  // Live --------------------------------------------------------------------------------------
  defineOperation({
    id: "streamCaseEvents",
    method: "GET",
    path: "/cases/{caseId}/events",
    tag: "live",
    role: "viewer",
    query: eventsQuery,
    produces: "text/event-stream",
    summary:
      "Server-Sent Events of the case: change (every committed change), presence (who is on which tab), heartbeats, reconnect (this instance is shutting down: reconnect with Last-Event-ID), end; resume with Last-Event-ID",
    run: async (ctx) =>
      openCaseEventStream(ctx.actor, p(ctx, "caseId"), {
        tab: ctx.query.tab,
        lastEventId: ctx.request.headers.get("last-event-id") ?? ctx.query.lastEventId ?? null,
        signal: ctx.request.signal,
      }),
  }),
  // Notifications (the caller's own) -----------------------------------------------------------
  defineOperation({
    id: "listNotifications",
    method: "GET",
    path: "/notifications",
    tag: "notifications",
    role: "viewer",
    summary: "The signed-in user's notifications, newest first (mentions, replies, approval requests and decisions)",
    run: async (ctx) => ({ data: await listNotifications(ctx.actor) }),
  }),
  defineOperation({
    id: "markNotificationsRead",
    method: "POST",
    path: "/notifications/read",
    tag: "notifications",
    role: "viewer",
    body: markNotificationsReadSchema,
    summary: "Mark notifications read ({ ids } or, without ids, all of them)",
    run: async (ctx) => ({ data: await markNotificationsRead(ctx.actor, ctx.body.ids) }),
  }),
  // The workspace's reporting currency (docs/currencies.md) ----------------------------------
  defineOperation({
    id: "getReportingCurrency",
    method: "GET",
    path: "/workspaces/{workspace}/reporting-currency",
    tag: "workspaces",
    role: "viewer",
    summary:
      "The workspace's reporting currency and its own rates dated by calendar month (1 unit = rate units of the reporting currency from that month), for the portfolio",
    run: async (ctx) => ({ data: await getWorkspaceReportingRates(ctx.actor, p(ctx, "workspace")) }),
  }),
  defineOperation({
    id: "setReportingCurrency",
    method: "PUT",
    path: "/workspaces/{workspace}/reporting-currency",
    tag: "workspaces",
    role: "owner",
    body: reportingRatesSchema,
    summary: "Set the workspace's reporting currency and its dated rates (owners only; replaces the whole table)",
    run: async (ctx) => ({
      data: await setWorkspaceReportingRates(ctx.actor, p(ctx, "workspace"), ctx.body),
    }),
  }),
  // Tokens ------------------------------------------------------------------------------------
  defineOperation({
    id: "listApiTokens",
    method: "GET",
    path: "/workspaces/{workspace}/tokens",
    tag: "tokens",
    role: "owner",
    summary: "List the workspace's API tokens (never their secrets); signed-in owners only",
    run: async (ctx) => ({ data: await listApiTokens(ctx.actor, p(ctx, "workspace")) }),
  }),
  defineOperation({
    id: "createApiToken",
    method: "POST",
    path: "/workspaces/{workspace}/tokens",
    tag: "tokens",
    role: "owner",
    body: createApiTokenSchema,
    status: 201,
    summary: "Create an API token; the secret is in this response only",
    run: async (ctx) => ({ data: await createApiToken(ctx.actor, p(ctx, "workspace"), ctx.body) }),
  }),
  defineOperation({
    id: "revokeApiToken",
    method: "DELETE",
    path: "/tokens/{tokenId}",
    tag: "tokens",
    role: "owner",
    summary: "Revoke an API token (effective on its next request)",
    run: async (ctx) => ({ data: await revokeApiToken(ctx.actor, p(ctx, "tokenId")) }),
  }),
  // Sign-in, provisioning and audit (docs/enterprise-sign-in.md) ---------------------------
  defineOperation({
    id: "getSignInSettings",
    method: "GET",
    path: "/workspaces/{workspace}/sign-in-settings",
    tag: "sign-in",
    role: "owner",
    summary:
      "The workspace's single sign-on policy, audit retention and SCIM token (its prefix only); signed-in owners only",
    run: async (ctx) => ({ data: await getSsoSettings(ctx.actor, p(ctx, "workspace")) }),
  }),
  defineOperation({
    id: "updateSignInSettings",
    method: "PUT",
    path: "/workspaces/{workspace}/sign-in-settings",
    tag: "sign-in",
    role: "owner",
    body: signInSettingsBodySchema,
    summary:
      "Set the single sign-on policy (providers, domains, just-in-time membership, roles from groups, password sign-in off) and the audit retention",
    run: async (ctx) => ({
      data: await updateSsoSettings(
        ctx.actor,
        p(ctx, "workspace"),
        ctx.body as SignInSettingsBody, // the data layer checks the policy itself, naming policy.<field>
        readSsoProviders().map((x) => x.id),
      ),
    }),
  }),
  defineOperation({
    id: "createScimToken",
    method: "POST",
    path: "/workspaces/{workspace}/scim-token",
    tag: "sign-in",
    role: "owner",
    status: 201,
    summary: "Make the workspace's SCIM bearer token (replacing the previous one); the secret is in this response only",
    run: async (ctx) => ({ data: await createScimToken(ctx.actor, p(ctx, "workspace")) }),
  }),
  defineOperation({
    id: "revokeScimToken",
    method: "DELETE",
    path: "/workspaces/{workspace}/scim-token",
    tag: "sign-in",
    role: "owner",
    summary: "Revoke the workspace's SCIM token (provisioning stops until a new one is made)",
    run: async (ctx) => {
      await revokeScimTokens(ctx.actor, p(ctx, "workspace"));
      return { data: { revoked: true } };
    },
  }),
  defineOperation({
    id: "exportAuditTrail",
    method: "GET",
    path: "/workspaces/{workspace}/audit-export",
    tag: "sign-in",
    role: "owner",
    query: auditExportQuerySchema,
    produces: "text/csv",
    summary:
      "The workspace's audit trail (sign-ins, membership and role changes, token use, plan changes, approvals) as CSV or JSON lines (format=csv|jsonl), oldest first, from/to as ISO times; schema in docs/enterprise-sign-in.md",
    run: async (ctx) =>
      auditExportResponse(
        ctx.actor,
        p(ctx, "workspace"),
        ctx.query as { format: "csv" | "jsonl"; from?: string; to?: string },
      ),
  }),
  // Slide template ------------------------------------------------------------------------------
  defineOperation({
    id: "getDeckTemplate",
    method: "GET",
    path: "/workspaces/{workspace}/deck-template",
    tag: "templates",
    role: "viewer",
    summary: "The workspace's slide template for board decks (file name, fonts, accent, logo), or null",
    run: async (ctx) => ({ data: await getDeckTemplateInfo(ctx.actor, p(ctx, "workspace")) }),
  }),
  defineOperation({
    id: "putDeckTemplate",
    method: "PUT",
    path: "/workspaces/{workspace}/deck-template",
    tag: "templates",
    role: "owner",
    query: templateQuery,
    upload: {
      maxBytes: MAX_TEMPLATE_BYTES,
      mediaTypes: [
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.openxmlformats-officedocument.presentationml.template",
        "application/octet-stream",
      ],
    },
    summary:
      "Upload the slide template (.pptx or .potx as the body; owners): its theme colours, fonts and logo style the decks. Macros, zip bombs and files that are no presentation are refused (422)",
    run: async (ctx) => ({
      data: await uploadDeckTemplate(
        ctx.actor,
        p(ctx, "workspace"),
        ctx.body as unknown as Uint8Array, // an upload operation's body is its bytes (handler.ts readBytesBody)
        ctx.query.fileName as string | undefined,
      ),
    }),
  }),
  defineOperation({
    id: "deleteDeckTemplate",
    method: "DELETE",
    path: "/workspaces/{workspace}/deck-template",
    tag: "templates",
    role: "owner",
    summary: "Remove the slide template (owners): decks use the default design again",
    run: async (ctx) => ({ data: await removeDeckTemplate(ctx.actor, p(ctx, "workspace")) }),
  }),
];

// The portfolio (docs/portfolio.md): viewers read it and may try selections (nothing is written);
// saving a plan and tagging cases need the editor role.
const tagsBody = z.strictObject({
  tags: z.array(z.string().trim().min(1).max(40, "at most 40 characters")).max(20, "at most 20 tags"),
});
OPERATIONS.push(
  defineOperation({
    id: "getPortfolio",
    method: "GET",
    path: "/workspaces/{workspace}/portfolio",
    tag: "portfolio",
    role: "viewer",
    query: listQuery,
    summary:
      "Every case's proposal and incremental figures (npv, irr, roi, paybackMonths, pvCost, profitabilityIndex, spend by calendar year), status, owner, tags and realisation, in the reporting currency",
    run: async (ctx) => ({
      data: await getPortfolio(ctx.actor, p(ctx, "workspace"), {
        includeArchived: ctx.query.includeArchived === "true",
      }),
    }),
  }),
  defineOperation({
    id: "optimisePortfolio",
    method: "POST",
    path: "/workspaces/{workspace}/portfolio/optimise",
    tag: "portfolio",
    role: "viewer",
    body: optimiseBodySchema,
    summary:
      "The best set of cases within yearly budgets (mustFund, exclude, dependencies, alternatives), solved exactly; with frontier=true the efficient frontier too. An infeasible input is a 422 naming the cause",
    run: async (ctx) => ({ data: await optimisePortfolio(ctx.actor, p(ctx, "workspace"), ctx.body) }),
  }),
  // Streamed (NDJSON), so run answers the Response itself.
  defineOperation({
    id: "streamPortfolioFrontier",
    method: "POST",
    path: "/workspaces/{workspace}/portfolio/frontier",
    tag: "portfolio",
    role: "viewer",
    body: optimiseBodySchema,
    produces: "application/x-ndjson",
    summary:
      "The efficient frontier streamed as it fills (NDJSON): a point line per solved budget, then the whole answer (selection and frontier), or an error line",
    run: async (ctx) => portfolioFrontierResponse(ctx.actor, p(ctx, "workspace"), ctx.body),
  }),
  defineOperation({
    id: "getPortfolioReport",
    method: "GET",
    path: "/workspaces/{workspace}/portfolio/report.pdf",
    tag: "portfolio",
    role: "viewer",
    query: snapshotReportQuery,
    produces: "application/pdf",
    summary:
      "The portfolio board report as PDF (every case's figures, spend by year, realisation), in the asked language",
    run: async (ctx) => {
      const { pdf, fileName } = await buildPortfolioReport(
        ctx.actor,
        p(ctx, "workspace"),
        ctx.query.locale as string | undefined,
      );
      return new Response(new Uint8Array(pdf), {
        status: 200,
        headers: {
          "content-type": "application/pdf",
          "content-disposition": contentDisposition(fileName),
          "cache-control": "private, no-store",
        },
      });
    },
  }),
  defineOperation({
    id: "getPortfolioPack",
    method: "GET",
    path: "/workspaces/{workspace}/portfolio/report.pptx",
    tag: "portfolio",
    role: "viewer",
    query: snapshotReportQuery,
    produces: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    summary:
      "The portfolio board pack as PowerPoint: every case's proposal, the funded set (the newest saved plan's; without one, the cases with a positive NPV), totals and spend by year, in the workspace's slide template",
    run: async (ctx) => {
      const { pptx, fileName } = await buildPortfolioPack(ctx.actor, p(ctx, "workspace"), ctx.query.locale);
      return new Response(new Uint8Array(pptx), {
        status: 200,
        headers: {
          "content-type": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
          "content-disposition": contentDisposition(fileName),
          "cache-control": "private, no-store",
        },
      });
    },
  }),
  defineOperation({
    id: "listPortfolioPlans",
    method: "GET",
    path: "/workspaces/{workspace}/portfolio/plans",
    tag: "portfolio",
    role: "viewer",
    summary: "The workspace's saved portfolio plans, newest first",
    run: async (ctx) => ({ data: await listPortfolioPlans(ctx.actor, p(ctx, "workspace")) }),
  }),
  defineOperation({
    id: "createPortfolioPlan",
    method: "POST",
    path: "/workspaces/{workspace}/portfolio/plans",
    tag: "portfolio",
    role: "editor",
    body: savePlanBodySchema,
    status: 201,
    summary:
      "Save a funding decision as a named, immutable plan: the server solves it and keeps the figures of that moment",
    run: async (ctx) => ({ data: await savePortfolioPlan(ctx.actor, p(ctx, "workspace"), ctx.body) }),
  }),
  defineOperation({
    id: "getPortfolioPlan",
    method: "GET",
    path: "/workspaces/{workspace}/portfolio/plans/{planId}",
    tag: "portfolio",
    role: "viewer",
    summary: "A saved plan and how its funded cases stand now (plan NPV vs forecast NPV, benefits to date vs plan)",
    run: async (ctx) => ({ data: await getPortfolioPlanView(ctx.actor, p(ctx, "workspace"), p(ctx, "planId")) }),
  }),
  defineOperation({
    id: "setCaseTags",
    method: "PUT",
    path: "/cases/{caseId}/tags",
    tag: "portfolio",
    role: "editor",
    body: tagsBody,
    summary: "Replace a case's tags (the portfolio's filters); not a plan change: the version stays",
    run: async (ctx) => ({ data: await setCaseTags(ctx.actor, p(ctx, "caseId"), ctx.body.tags) }),
  }),
);

export function findOperations(path: string): Operation[] {
  return OPERATIONS.filter((op) => op.path === path);
}
