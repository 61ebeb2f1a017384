// Calls the /api/v1 route handlers in-process with real Requests (no server), as any of the roles
// of cases-world.ts. Session-cookie callers are stood in by the x-test-session header (the tests
// mock lib/api/session.ts to read it); everything after authentication is the real code path.
import { handleOperation } from "@/lib/api/handler";
import { OPERATIONS, type Operation } from "@/lib/api/operations";
import type { RoleName, World } from "./cases-world";

export const ORIGIN = "http://localhost:3000";

export interface CallOptions {
  as: RoleName;
  body?: unknown;
  rawBody?: BodyInit;
  ifMatch?: number | string | null;
  headers?: Record<string, string>;
  query?: string;
  origin?: string | null; // default: our origin for session mutations
}

export interface CallResult {
  status: number;
  headers: Headers;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
}

export function operation(id: string): Operation {
  const op = OPERATIONS.find((o) => o.id === id);
  if (!op) throw new Error(`no operation ${id}`);
  return op;
}

export function authHeaders(w: World, as: RoleName): Record<string, string> {
  switch (as) {
    case "owner":
    case "editor":
    case "viewer":
    case "outsider":
      return { "x-test-session": w.users[as] };
    case "tokenOwner":
      return { authorization: `Bearer ${w.tokens.owner}` };
    case "tokenEditor":
      return { authorization: `Bearer ${w.tokens.editor}` };
    case "tokenViewer":
      return { authorization: `Bearer ${w.tokens.viewer}` };
    case "foreignToken":
      return { authorization: `Bearer ${w.tokens.foreign}` };
    case "anonymous":
      return {};
  }
}

export async function call(
  opId: string,
  params: Record<string, string>,
  options: CallOptions,
  w: World,
): Promise<CallResult> {
  const op = operation(opId);
  const path = op.path.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(params[k] ?? `missing-${k}`));
  const url = `${ORIGIN}/api/v1${path}${options.query ? `?${options.query}` : ""}`;
  const headers: Record<string, string> = { ...authHeaders(w, options.as) };
  const session = "x-test-session" in headers;
  if (session && op.method !== "GET" && options.origin !== null) headers.origin = options.origin ?? ORIGIN;
  if (options.ifMatch !== undefined && options.ifMatch !== null)
    headers["if-match"] = typeof options.ifMatch === "number" ? `"${options.ifMatch}"` : options.ifMatch;
  let body: BodyInit | undefined = options.rawBody;
  if (body === undefined && options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }
  Object.assign(headers, options.headers);
  const request = new Request(url, {
    method: op.method,
    headers,
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  // Next hands a route handler the parameters of its path only.
  const routeParams = Object.fromEntries(Object.entries(params).filter(([k]) => op.path.includes(`{${k}}`)));
  const response = await handleOperation(op)(request, { params: Promise.resolve(routeParams) });
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}
