// The one wrapper around every /api/v1 route handler:
//   auth (API token or session cookie) -> CSRF Origin check for cookie mutations -> If-Match ->
//   bounded JSON body (413 / 400) -> zod (422 with every path) -> the operation -> JSON envelope.
// AppErrors map to their status; database outages to 503; anything else is logged and a generic
// 500 (bad input never gets that far).
//
// Route files: `const h = routeHandlers("/cases/{caseId}"); export const GET = h.GET;`
import "server-only";
import { z } from "zod";
import { computeAndStore, getCaseCompute } from "@/lib/services/compute-case";
import { assertSameOrigin, authenticateRequest } from "./auth";
import {
  HttpError,
  errorResponse,
  etag,
  jsonResponse,
  jsonTextResponse,
  readIfMatch,
  readBytesBody,
  readFormBody,
  readJsonBody,
  isObjectIdParam,
  refuseNulBytes,
  zodFieldErrors,
} from "./http";
import { findOperations, type Method, type Operation, type OperationContext, type OperationResult } from "./operations";

type RouteContext = { params: Promise<Record<string, string | string[]>> };
export type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function handleOperation(op: Operation): RouteHandler {
  return async (request, context) => {
    const url = new URL(request.url);
    try {
      const caller = await authenticateRequest(request);
      if (caller.via === "session" && !SAFE_METHODS.has(request.method)) assertSameOrigin(request);

      const rawParams = (await context?.params) ?? {};
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(rawParams)) params[k] = Array.isArray(v) ? v.join("/") : v;
      checkParams(params);

      const query = parseQuery(op, url);
      const expectedVersion = op.versioned ? readIfMatch(request) : 0;

      let body: unknown = undefined;
      if (op.upload) {
        body = await readBytesBody(request, op.upload.maxBytes);
        if (body instanceof Uint8Array && body.byteLength === 0)
          throw new HttpError(422, "validation", "the request has no file", {
            fieldErrors: [{ path: "file", message: "send the file as the request body" }],
          });
      } else if (op.multipart) body = await readFormBody(request);
      else if (!SAFE_METHODS.has(request.method)) {
        const raw = await readJsonBody(request);
        if (op.rawBody) body = raw;
        else if (op.body) {
          const parsed = op.body.safeParse(raw ?? (isAllOptional(op.body) ? {} : undefined));
          if (!parsed.success)
            throw new HttpError(422, "validation", "the input is not valid", {
              fieldErrors: zodFieldErrors(parsed.error),
            });
          body = parsed.data;
        } else if (raw !== undefined && !(typeof raw === "object" && raw !== null && Object.keys(raw).length === 0)) {
          throw new HttpError(422, "validation", "this operation takes no body", {
            fieldErrors: [{ path: "(root)", message: "must be empty" }],
          });
        }
      }

      // The role the operation declares is enforced by every access filter it reaches (its floor).
      const actor = op.role === "public" ? caller.actor : { ...caller.actor, floor: op.role };
      const result = await op.run({ actor, params, query, body, expectedVersion, request });
      if (result instanceof Response) return result;
      return await respond(op, result, query, { actor, params, query, body, expectedVersion, request });
    } catch (error) {
      return errorResponse(error, { method: request.method, path: url.pathname });
    }
  };
}

// Path parameters, checked once for every operation: an id that is not a UUID (nor, for a line,
// risk, KPI or assumption, a stable id: lib/db/object-ids.ts), or a workspace slug
// with control characters, names nothing that exists (404, as an id out of reach does), and never
// reaches PostgreSQL (which would refuse it: 22P02, 22021).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function checkParams(params: Record<string, string>): void {
  for (const [name, value] of Object.entries(params)) {
    const ok = name.endsWith("Id")
      ? UUID.test(value) || isObjectIdParam(name, value)
      : value.length > 0 && value.length <= 200 && !/[\u0000-\u001f\u007f]/.test(value);
    if (!ok) throw new HttpError(404, "not_found", "not found");
  }
}

function parseQuery(op: Operation, url: URL): Record<string, unknown> {
  const entries: Record<string, string> = {};
  for (const [k, v] of url.searchParams) {
    if (k in entries)
      throw new HttpError(422, "validation", "the query is not valid", {
        fieldErrors: [{ path: `query.${k}`, message: "given more than once" }],
      });
    entries[k] = v;
  }
  refuseNulBytes(entries, "query");
  const schema = op.query ?? z.strictObject({});
  const parsed = schema.safeParse(entries);
  if (!parsed.success)
    throw new HttpError(422, "validation", "the query is not valid", {
      fieldErrors: zodFieldErrors(parsed.error, "query"),
    });
  return parsed.data as Record<string, unknown>;
}

function isAllOptional(schema: z.ZodType): boolean {
  return schema.safeParse({}).success;
}

async function respond(
  op: Operation,
  result: OperationResult,
  query: Record<string, unknown>,
  ctx: OperationContext,
): Promise<Response> {
  const headers: Record<string, string> = { ...result.headers };
  if (result.version !== undefined) headers.etag = etag(result.version);
  if (result.dataJson !== undefined && query.include !== "compute") {
    const text = `{"data":${result.dataJson}${result.version !== undefined ? `,"version":${result.version}` : ""}}`;
    return jsonTextResponse(text, { status: op.status ?? 200, headers });
  }
  const body: Record<string, unknown> = { data: result.data };
  if (result.version !== undefined) body.version = result.version;
  // ?include=compute: the engine's output for the case as this write left it (recomputed now).
  // The write just made a new version, so there is nothing cached to look up: compute directly
  // (the operation's own way when it has one, else the case is read through the access filter
  // again). The output's JSON is the one kept with it, not serialised again.
  if (query.include === "compute" && result.caseId && op.id !== "deleteCase") {
    const computed = op.computeAfter
      ? await op.computeAfter(ctx, result)
      : op.versioned
        ? await computeAndStore(ctx.actor, result.caseId)
        : await getCaseCompute(ctx.actor, result.caseId);
    const text = `${JSON.stringify(body).slice(0, -1)},"compute":${computed.outputJson}}`;
    return jsonTextResponse(text, { status: op.status ?? 200, headers });
  }
  return jsonResponse(body, { status: op.status ?? 200, headers });
}

// The handlers of one route file, by method; 405 is Next's answer for methods not exported.
export function routeHandlers(path: string): Partial<Record<Method, RouteHandler>> {
  const ops = findOperations(path);
  if (!ops.length) throw new Error(`no API operation is registered for ${path}`);
  return Object.fromEntries(ops.map((op) => [op.method, handleOperation(op)]));
}

export function routeHandler(path: string, method: Method): RouteHandler {
  const handler = routeHandlers(path)[method];
  if (!handler) throw new Error(`no ${method} operation is registered for ${path}`);
  return handler;
}
