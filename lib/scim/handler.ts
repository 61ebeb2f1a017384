// The /scim/v2 endpoint (docs/enterprise-sign-in.md): bearer token -> workspace, then Users and
// Groups (list with filter and paging, read, create, replace, PATCH, delete) and the discovery
// resources. Every answer is application/scim+json; every error the SCIM error body.
import "server-only";
import { isAppError } from "@/lib/errors";
import {
  authenticateScimToken,
  createScimGroup,
  createScimUser,
  deleteScimGroup,
  deleteScimUser,
  getScimGroup,
  getScimUser,
  listScimGroups,
  listScimUsers,
  replaceScimGroup,
  replaceScimUser,
} from "@/lib/db/scim";
import {
  applyPatch,
  errorBody,
  groupResource,
  listResponse,
  parseGroupBody,
  parseUserBody,
  resourceTypes,
  SCHEMA,
  ScimHttpError,
  serviceProviderConfig,
  userResource,
} from "./resources";

const MAX_BODY = 1_000_000;
const STATUS: Record<string, number> = {
  validation: 400,
  bad_request: 400,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  payload_too_large: 413,
  unavailable: 503,
  rate_limited: 429,
};

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/scim+json", "cache-control": "no-store", ...headers },
  });

async function readBody(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.length > MAX_BODY) throw new ScimHttpError(413, "the request body is too large");
  try {
    return JSON.parse(text);
  } catch {
    throw new ScimHttpError(400, "the body is not JSON", "invalidSyntax");
  }
}

export async function handleScim(req: Request, path: string[]): Promise<Response> {
  try {
    const auth = req.headers.get("authorization") ?? "";
    const secret = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
    const workspaceId = secret ? await authenticateScimToken(secret) : null;
    if (!workspaceId)
      return json(401, errorBody(401, "a valid SCIM bearer token is required"), { "www-authenticate": "Bearer" });
    const base = `${new URL(req.url).origin}/scim/v2`;
    const url = new URL(req.url);
    const [resource, id, ...rest] = path;
    if (rest.length) throw new ScimHttpError(404, "no such endpoint");
    const method = req.method.toUpperCase();

    if (resource === "ServiceProviderConfig" && method === "GET" && !id)
      return json(200, serviceProviderConfig(`${url.origin}/docs/enterprise-sign-in`));
    if (resource === "ResourceTypes" && method === "GET") {
      const types = resourceTypes(base);
      if (!id) return json(200, listResponse(types, new URLSearchParams()));
      const one = types.find((t) => t.id === id);
      return one ? json(200, one) : json(404, errorBody(404, "no such resource type"));
    }
    if (resource === "Schemas" && method === "GET" && !id)
      return json(
        200,
        listResponse(
          [
            { id: SCHEMA.user, name: "User" },
            { id: SCHEMA.group, name: "Group" },
          ],
          url.searchParams,
        ),
      );

    if (resource === "Users") {
      if (!id) {
        if (method === "GET") {
          const all = (await listScimUsers(workspaceId)).map((r) => userResource(r, base));
          return json(200, listResponse(all, url.searchParams));
        }
        if (method === "POST") {
          const created = await createScimUser(workspaceId, parseUserBody(await readBody(req)));
          const body = userResource(created, base);
          return json(201, body, { location: body.meta.location });
        }
      } else {
        const row = await getScimUser(workspaceId, id);
        if (!row) throw new ScimHttpError(404, `User ${id} not found`);
        if (method === "GET") return json(200, userResource(row, base));
        if (method === "PUT")
          return json(
            200,
            userResource(await replaceScimUser(workspaceId, id, parseUserBody(await readBody(req))), base),
          );
        if (method === "PATCH") {
          const patched = applyPatch(userResource(row, base), await readBody(req));
          return json(200, userResource(await replaceScimUser(workspaceId, id, parseUserBody(patched)), base));
        }
        if (method === "DELETE") {
          await deleteScimUser(workspaceId, id);
          return json(204, null);
        }
      }
    }

    if (resource === "Groups") {
      if (!id) {
        if (method === "GET") {
          const all = (await listScimGroups(workspaceId)).map((r) => groupResource(r, base));
          // excludedAttributes=members (Entra ID asks for it on large groups).
          const slim = /members/i.test(url.searchParams.get("excludedAttributes") ?? "");
          return json(200, listResponse(slim ? all.map(({ members: _m, ...g }) => g) : all, url.searchParams));
        }
        if (method === "POST") {
          const created = await createScimGroup(workspaceId, parseGroupBody(await readBody(req)));
          const body = groupResource(created, base);
          return json(201, body, { location: body.meta.location });
        }
      } else {
        const row = await getScimGroup(workspaceId, id);
        if (!row) throw new ScimHttpError(404, `Group ${id} not found`);
        if (method === "GET") return json(200, groupResource(row, base));
        if (method === "PUT")
          return json(
            200,
            groupResource(await replaceScimGroup(workspaceId, id, parseGroupBody(await readBody(req))), base),
          );
        if (method === "PATCH") {
          const patched = applyPatch(groupResource(row, base), await readBody(req));
          const updated = await replaceScimGroup(workspaceId, id, parseGroupBody(patched));
          return json(200, groupResource(updated, base));
        }
        if (method === "DELETE") {
          await deleteScimGroup(workspaceId, id);
          return json(204, null);
        }
      }
    }
    throw new ScimHttpError(404, "no such endpoint");
  } catch (error) {
    if (error instanceof ScimHttpError)
      return json(error.status, errorBody(error.status, error.message, error.scimType));
    if (isAppError(error)) {
      const status = STATUS[error.code] ?? 400;
      return json(
        status,
        errorBody(
          status,
          error.message,
          status === 409 && /already|exists/.test(error.message) ? "uniqueness" : undefined,
        ),
      );
    }
    console.error(JSON.stringify({ event: "scim-error", message: (error as Error).message }));
    return json(500, errorBody(500, "the request could not be completed"));
  }
}
