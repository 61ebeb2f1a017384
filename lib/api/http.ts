// HTTP plumbing shared by every /api/v1 route: bounded body reading, the If-Match version, the
// JSON envelope and the error mapping. Bodies: `{ data, version? }`; errors:
// `{ error: { code, message, fieldErrors?, details? } }`.
import "server-only";
import { ZodError } from "zod";
import { parseJsonText } from "@/lib/case-file/json-text";
import { formatPath } from "@/lib/case-file/parse";
import { STABLE_ID_PATTERN } from "@/lib/case-file/schema";
import { AppError, isAppError, type AppErrorCode, type FieldError } from "@/lib/errors";
import { mapDbError } from "@/lib/db/errors";
import { HttpError, etag } from "@/lib/http";

// Moved below the HTTP layer (lib/http.ts) so services and live streams use them without importing
// lib/api; the API files keep importing them from here.
export { HttpError, contentDisposition, etag } from "@/lib/http";

export const MAX_BODY_BYTES = 1024 * 1024;

// Path parameters naming a line, risk, KPI or assumption: its id or its stable id, the object it
// names in the OpenAPI document (lib/db/object-ids.ts resolves them).
export const OBJECT_ID_PARAMS: Record<string, string> = {
  lineId: "line",
  riskId: "risk",
  kpiId: "KPI",
  assumptionId: "assumption",
};
export const isObjectIdParam = (name: string, value: string) =>
  name in OBJECT_ID_PARAMS && STABLE_ID_PATTERN.test(value);

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

export function jsonResponse(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return jsonTextResponse(JSON.stringify(body), init);
}

// A body already serialised (parts of it kept as JSON text, such as the cached compute output).
export function jsonTextResponse(
  text: string,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return new Response(text, { status: init.status ?? 200, headers: { ...JSON_HEADERS, ...init.headers } });
}

// Reads the body as JSON: 413 above 1 MB (by Content-Length and by counting what arrives, for
// chunked or lying clients), 400 when it is not JSON. An empty body reads as undefined. Numbers are
// read without loss (parseJsonText): an amount keeps every digit sent; a number field given more
// digits than a double holds is refused by its schema, with its path.
// A file sent as the body itself (an upload operation): its bytes, at most `limit` (413 beyond).
export async function readBytesBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limit)
    throw new HttpError(413, "payload_too_large", `the file is larger than ${limit / 1024 / 1024} MB`);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new HttpError(413, "payload_too_large", `the file is larger than ${limit / 1024 / 1024} MB`);
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

// A multipart/form-data body (a file upload), bounded like the JSON bodies but larger: a workbook
// may be 20 MB. Its fields come back as strings and Files; anything else is a 415.
export const MAX_FORM_BYTES = 21 * 1024 * 1024;
export async function readFormBody(request: Request, limit = MAX_FORM_BYTES): Promise<Record<string, string | File>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(type))
    throw new HttpError(
      415,
      "unsupported_media_type",
      "send the file as multipart/form-data (fields: file, mapping, sheet)",
    );
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limit)
    throw new HttpError(413, "payload_too_large", `the body is larger than ${limit} bytes`);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new HttpError(400, "bad_request", "the multipart body could not be read");
  }
  const out: Record<string, string | File> = {};
  for (const [k, v] of form.entries()) {
    if (k in out)
      throw new HttpError(422, "validation", "the input is not valid", {
        fieldErrors: [{ path: k, message: "given more than once" }],
      });
    if (typeof v !== "string" && v.size > limit)
      throw new HttpError(413, "payload_too_large", `the file is larger than ${limit} bytes`);
    out[k] = v;
  }
  return out;
}

export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = request.headers.get("content-length");
  if (declared !== null && (!/^\d+$/.test(declared) || Number(declared) > limit)) {
    if (!/^\d+$/.test(declared)) throw new HttpError(400, "bad_request", "invalid Content-Length");
    throw new HttpError(413, "payload_too_large", `the body is larger than ${limit} bytes`);
  }
  if (!request.body) return undefined;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new HttpError(413, "payload_too_large", `the body is larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  if (size === 0) return undefined;
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
  if (!text.trim()) return undefined;
  let value: unknown;
  try {
    value = parseJsonText(text);
  } catch (error) {
    throw new HttpError(400, "bad_request", `the body is not valid JSON: ${(error as Error).message.slice(0, 200)}`);
  }
  refuseNulBytes(value, "");
  return value;
}

// PostgreSQL text cannot hold a NUL byte (22021): refused here, once, for every string of every
// body and query, with its path, before any schema or query sees it.
export function refuseNulBytes(value: unknown, prefix: string): void {
  const stack: [unknown, (string | number)[]][] = [[value, []]];
  const found: FieldError[] = [];
  const at = (path: (string | number)[]) =>
    prefix ? (path.length ? `${prefix}.${formatPath(path)}` : prefix) : formatPath(path);
  while (stack.length && found.length < 20) {
    const [v, path] = stack.pop()!;
    if (typeof v === "string") {
      if (v.includes("\u0000")) found.push({ path: at(path), message: "must not contain a NUL character (\\u0000)" });
    } else if (Array.isArray(v)) {
      v.forEach((child, i) => stack.push([child, [...path, i]]));
    } else if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        if (k.includes("\u0000"))
          found.push({
            path: at([...path, k.replace(/\u0000/g, "\\u0000")]),
            message: "a key must not contain a NUL character",
          });
        else stack.push([child, [...path, k]]);
      }
    }
  }
  if (found.length) throw new HttpError(422, "validation", "the input is not valid", { fieldErrors: found.reverse() });
}

// The case version a write is based on: `If-Match: "12"` (also 12 or W/"12"). Missing: 428.
export function readIfMatch(request: Request): number {
  const raw = request.headers.get("if-match");
  if (raw === null || raw.trim() === "") {
    throw new HttpError(
      428,
      "precondition_required",
      'send the case version this change is based on in the If-Match header, e.g. If-Match: "12"',
      {
        fieldErrors: [{ path: "headers.If-Match", message: "required" }],
      },
    );
  }
  const m = /^\s*(?:W\/)?"?([1-9][0-9]{0,9})"?\s*$/.exec(raw);
  if (!m || Number(m[1]) > 2_147_483_647) {
    throw new HttpError(422, "validation", 'If-Match must be a case version such as "12"', {
      fieldErrors: [{ path: "headers.If-Match", message: "not a case version" }],
    });
  }
  return Number(m[1]);
}

export function zodFieldErrors(error: ZodError, prefix = ""): FieldError[] {
  return error.issues.map((issue) => {
    const path = formatPath(issue.path);
    return { path: prefix ? (path === "(root)" ? prefix : `${prefix}.${path}`) : path, message: issue.message };
  });
}

const GENERIC_500 = "something went wrong on our side; it has been logged";

export function errorResponse(error: unknown, context: { method: string; path: string }): Response {
  if (error instanceof HttpError) {
    return jsonResponse(
      {
        error: {
          code: error.code,
          message: error.message,
          ...(error.extra.fieldErrors ? { fieldErrors: error.extra.fieldErrors } : {}),
          ...(error.extra.details !== undefined ? { details: error.extra.details } : {}),
        },
      },
      { status: error.status, headers: error.extra.headers },
    );
  }
  if (error instanceof ZodError) {
    return jsonResponse(
      { error: { code: "validation", message: "the input is not valid", fieldErrors: zodFieldErrors(error) } },
      { status: 422 },
    );
  }
  const mapped = mapDbError(error);
  if (isAppError(mapped)) {
    // Every 503 is logged with its cause (docs/architecture.md#reliability): an outage or a full worker queue must show.
    if (mapped.code === "unavailable") {
      const cause = describeCause(mapped.cause ?? error);
      console.warn(JSON.stringify({ event: "http-503", method: context.method, path: context.path, cause }));
    }
    return appErrorResponse(mapped);
  }
  // Not an expected error: log it (no bodies, no secrets) and answer generically.
  console.error(`[api] ${context.method} ${context.path} failed:`, error);
  return jsonResponse({ error: { code: "internal", message: GENERIC_500 } }, { status: 500 });
}

function describeCause(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown; cause?: { message?: unknown } } | null;
  return (
    [e?.code, e?.message, e?.cause?.message]
      .filter((v) => typeof v === "string" && v)
      .join(": ")
      .slice(0, 300) || String(error).slice(0, 300)
  );
}

function appErrorResponse(error: AppError): Response {
  const headers: Record<string, string> = {};
  if (error.code === "unauthorized") headers["www-authenticate"] = 'Bearer realm="caseboard"';
  if (error.code === "unavailable")
    headers["retry-after"] = String(
      (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 5,
    );
  const details = error.details as { currentVersion?: number } | undefined;
  if (error.code === "conflict" && details?.currentVersion) headers.etag = etag(details.currentVersion);
  const body: { code: AppErrorCode; message: string; fieldErrors?: FieldError[]; details?: unknown } = {
    code: error.code,
    message: error.message,
  };
  if (error.fieldErrors?.length) body.fieldErrors = error.fieldErrors;
  if (error.details !== undefined) body.details = error.details;
  return jsonResponse({ error: body }, { status: error.status, headers });
}
