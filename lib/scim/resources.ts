// The SCIM 2.0 protocol (RFC 7643 resources, RFC 7644 operations) over our rows: resource JSON,
// request bodies parsed with zod, filters by scim2-parse-filter and PATCH by scim-patch (both
// maintained libraries; we do not parse SCIM filters ourselves). docs/enterprise-sign-in.md.
import { filter as compileFilter, parse as parseFilter } from "scim2-parse-filter";
import { scimPatch, type ScimPatchOperation, type ScimResource } from "scim-patch";
import { z } from "zod";

export const SCHEMA = {
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
  group: "urn:ietf:params:scim:schemas:core:2.0:Group",
  list: "urn:ietf:params:scim:api:messages:2.0:ListResponse",
  error: "urn:ietf:params:scim:api:messages:2.0:Error",
  patch: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
  spc: "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
  resourceType: "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
} as const;

export class ScimHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: string,
  ) {
    super(message);
  }
}

export function errorBody(status: number, detail: string, scimType?: string) {
  return { schemas: [SCHEMA.error], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

// ---- rows -> resources ----------------------------------------------------------------------

export interface UserRowLike {
  id: string;
  userName: string;
  externalId: string | null;
  active: boolean;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  createdAt: Date;
  updatedAt: Date;
  user: { email: string };
  groups: { group: { id: string; displayName: string } }[];
}

export interface GroupRowLike {
  id: string;
  displayName: string;
  externalId: string | null;
  createdAt: Date;
  updatedAt: Date;
  members: { scimUser: { id: string; userName: string } }[];
}

const meta = (type: "User" | "Group", base: string, row: { id: string; createdAt: Date; updatedAt: Date }) => ({
  resourceType: type,
  created: row.createdAt.toISOString(),
  lastModified: row.updatedAt.toISOString(),
  location: `${base}/${type}s/${row.id}`,
  version: `W/"${row.updatedAt.getTime()}"`,
});

export function userResource(row: UserRowLike, base: string) {
  const name =
    row.givenName || row.familyName
      ? {
          ...(row.givenName ? { givenName: row.givenName } : {}),
          ...(row.familyName ? { familyName: row.familyName } : {}),
          formatted: [row.givenName, row.familyName].filter(Boolean).join(" "),
        }
      : undefined;
  return {
    schemas: [SCHEMA.user],
    id: row.id,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    userName: row.userName,
    ...(name ? { name } : {}),
    ...(row.displayName ? { displayName: row.displayName } : {}),
    active: row.active,
    emails: [{ value: row.user.email, type: "work", primary: true }],
    groups: row.groups.map((g) => ({
      value: g.group.id,
      display: g.group.displayName,
      $ref: `${base}/Groups/${g.group.id}`,
    })),
    meta: meta("User", base, row),
  };
}

export function groupResource(row: GroupRowLike, base: string) {
  return {
    schemas: [SCHEMA.group],
    id: row.id,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    displayName: row.displayName,
    members: row.members.map((m) => ({
      value: m.scimUser.id,
      display: m.scimUser.userName,
      $ref: `${base}/Users/${m.scimUser.id}`,
    })),
    meta: meta("Group", base, row),
  };
}

// ---- request bodies -------------------------------------------------------------------------

const str = z.string().trim().min(1).max(320);
const userBody = z
  .object({
    userName: str,
    externalId: z.string().max(320).nullish(),
    active: z.union([z.boolean(), z.enum(["true", "false", "True", "False"])]).optional(),
    displayName: z.string().max(200).nullish(),
    name: z
      .object({ givenName: z.string().max(200).nullish(), familyName: z.string().max(200).nullish() })
      .passthrough()
      .nullish(),
    emails: z
      .array(
        z.object({ value: z.string().email(), primary: z.union([z.boolean(), z.string()]).optional() }).passthrough(),
      )
      .nullish(),
  })
  .passthrough();

const groupBody = z
  .object({
    displayName: str,
    externalId: z.string().max(320).nullish(),
    members: z.array(z.object({ value: z.string().min(1) }).passthrough()).nullish(),
  })
  .passthrough();

function fail(error: z.ZodError): never {
  const first = error.issues[0]!;
  throw new ScimHttpError(400, `${first.path.join(".") || "body"}: ${first.message}`, "invalidValue");
}

const asBool = (v: boolean | string | undefined) => (v === undefined ? true : v === true || /^true$/i.test(String(v)));

export function parseUserBody(raw: unknown) {
  const parsed = userBody.safeParse(raw);
  if (!parsed.success) fail(parsed.error);
  const b = parsed.data;
  const primary = b.emails?.find((e) => e.primary === true || e.primary === "true") ?? b.emails?.[0];
  const email = primary?.value ?? (z.string().email().safeParse(b.userName).success ? b.userName : null);
  if (!email)
    throw new ScimHttpError(400, "emails: a user needs an e-mail (emails[] or an e-mail userName)", "invalidValue");
  return {
    userName: b.userName,
    email,
    externalId: b.externalId ?? null,
    active: asBool(b.active),
    displayName: b.displayName ?? null,
    givenName: b.name?.givenName ?? null,
    familyName: b.name?.familyName ?? null,
  };
}

export function parseGroupBody(raw: unknown) {
  const parsed = groupBody.safeParse(raw);
  if (!parsed.success) fail(parsed.error);
  const b = parsed.data;
  return {
    displayName: b.displayName,
    externalId: b.externalId ?? null,
    memberIds: (b.members ?? []).map((m) => m.value),
  };
}

const patchBody = z.object({
  schemas: z.array(z.string()).refine((s) => s.includes(SCHEMA.patch), `schemas must contain ${SCHEMA.patch}`),
  Operations: z
    .array(
      z
        .object({
          op: z.string().transform((o) => o.toLowerCase()),
          path: z.string().optional(),
          value: z.unknown().optional(),
        })
        .passthrough(),
    )
    .min(1)
    .max(1000),
});

// Applies a PATCH request (RFC 7644 3.5.2) to a resource with scim-patch; the caller parses the
// result as a full replacement, so every rule of PUT holds for PATCH too.
export function applyPatch<T extends object>(resource: T, raw: unknown): T {
  const parsed = patchBody.safeParse(raw);
  if (!parsed.success) fail(parsed.error);
  const operations = parsed.data.Operations.flatMap((op) => {
    // Entra ID sends "active": "False" as a string; Okta sends booleans.
    if (op.path?.toLowerCase() === "active" && typeof op.value === "string") op.value = /^true$/i.test(op.value);
    // Entra ID removes members by value ({ op: "Remove", path: "members", value: [{ value: id }] }),
    // which names members by id only: one removal by filter per member.
    if (op.op === "remove" && op.path?.toLowerCase() === "members" && Array.isArray(op.value))
      return (op.value as { value?: unknown }[]).map(
        (m) => ({ op: "remove", path: `members[value eq ${JSON.stringify(String(m?.value))}]` }) as ScimPatchOperation,
      );
    return [op as unknown as ScimPatchOperation];
  });
  try {
    return scimPatch(structuredClone(resource) as unknown as ScimResource, operations, {
      mutateDocument: true,
      treatMissingAsAdd: true,
    }) as unknown as T;
  } catch (error) {
    const code = (error as { scimCode?: string }).scimCode;
    throw new ScimHttpError(400, (error as Error).message, code ?? "invalidSyntax");
  }
}

// ---- listing --------------------------------------------------------------------------------

export function listResponse<T>(all: T[], query: URLSearchParams): object {
  const raw = query.get("filter");
  let items = all;
  if (raw) {
    let test: (r: unknown) => boolean;
    try {
      test = compileFilter(parseFilter(raw));
    } catch (error) {
      throw new ScimHttpError(400, `filter: ${(error as Error).message}`, "invalidFilter");
    }
    items = all.filter((r) => test(r));
  }
  const startIndex = Math.max(1, Number.parseInt(query.get("startIndex") ?? "1", 10) || 1);
  const countRaw = query.get("count");
  const count = countRaw === null ? 100 : Math.max(0, Math.min(1000, Number.parseInt(countRaw, 10) || 0));
  const page = items.slice(startIndex - 1, startIndex - 1 + count);
  return {
    schemas: [SCHEMA.list],
    totalResults: items.length,
    startIndex,
    itemsPerPage: page.length,
    Resources: page,
  };
}

export function serviceProviderConfig(docs: string) {
  return {
    schemas: [SCHEMA.spc],
    documentationUri: docs,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 1000 },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "Bearer token",
        description: "The workspace's SCIM token, made by an owner in the workspace's sign-in settings",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: "/scim/v2/ServiceProviderConfig" },
  };
}

export function resourceTypes(base: string) {
  return [
    { name: "User", endpoint: "/Users", schema: SCHEMA.user },
    { name: "Group", endpoint: "/Groups", schema: SCHEMA.group },
  ].map((t) => ({
    schemas: [SCHEMA.resourceType],
    id: t.name,
    name: t.name,
    endpoint: t.endpoint,
    schema: t.schema,
    meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/${t.name}` },
  }));
}
