// SCIM 2.0 at /scim/v2, driven by a client written from RFC 7644 and from the provisioning
// flows Okta and Microsoft Entra ID document (their request shapes, including Entra's
// capitalised ops and "False" as a string). Checks: the bearer token scopes everything to its
// workspace; filters and paging; create, read, replace, PATCH, deactivate, delete; groups mapped
// to roles through the workspace's SSO policy; deprovisioning ends sessions and API tokens.
import { beforeAll, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
import { createApiToken } from "@/lib/db/api-tokens";
import { prisma } from "@/lib/db/client";
import { createScimToken, revokeScimTokens } from "@/lib/db/scim";
import { createAuthSession } from "@/lib/db/sessions";
import { handleScim } from "@/lib/scim/handler";
import { createUserFixture, createWorkspaceFixture } from "../helpers/db";

const ORIGIN = "https://caseboard.test";
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let token: string;
let otherToken: string;
let ws: { id: string; slug: string };
let owner: { id: string };

async function scim(
  method: string,
  path: string,
  body?: unknown,
  secret = token,
): Promise<{ status: number; body: Json; type: string | null }> {
  const url = new URL(`/scim/v2${path}`, ORIGIN);
  const req = new Request(url, {
    method,
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/scim+json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const segments = url.pathname
    .replace(/^\/scim\/v2\/?/, "")
    .split("/")
    .filter(Boolean)
    .map(decodeURIComponent);
  const res = await handleScim(req, segments);
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {}, type: res.headers.get("content-type") };
}

const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

beforeAll(async () => {
  const o = await createUserFixture();
  owner = o;
  ws = await createWorkspaceFixture(o.id);
  await prisma.workspace.update({
    where: { id: ws.id },
    data: {
      ssoPolicy: {
        providers: [],
        domains: [],
        jit: false,
        defaultRole: "viewer",
        groupRoles: { "Caseboard Editors": "editor", "Caseboard Owners": "owner" },
        requireSso: false,
      },
    },
  });
  token = (await createScimToken({ kind: "user", userId: o.id }, ws.slug)).secret;
  const o2 = await createUserFixture();
  const ws2 = await createWorkspaceFixture(o2.id);
  otherToken = (await createScimToken({ kind: "user", userId: o2.id }, ws2.slug)).secret;
});

describe("SCIM authentication and discovery", () => {
  it("refuses a missing, wrong or revoked token with 401 and the SCIM error body", async () => {
    for (const secret of ["", "cbs_nope", "cbt_api-token-is-not-scim"]) {
      const res = await scim("GET", "/Users", undefined, secret);
      expect(res.status).toBe(401);
      expect(res.body.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:Error"]);
      expect(res.type).toBe("application/scim+json");
    }
    const o = await createUserFixture();
    const w = await createWorkspaceFixture(o.id);
    const t = (await createScimToken({ kind: "user", userId: o.id }, w.slug)).secret;
    expect((await scim("GET", "/Users", undefined, t)).status).toBe(200);
    await revokeScimTokens({ kind: "user", userId: o.id }, w.slug);
    expect((await scim("GET", "/Users", undefined, t)).status).toBe(401);
  });

  it("only owners (people, not API tokens) make SCIM tokens", async () => {
    const editor = await createUserFixture();
    await prisma.membership.create({ data: { workspaceId: ws.id, userId: editor.id, role: "editor" } });
    await expect(createScimToken({ kind: "user", userId: editor.id }, ws.slug)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      createScimToken({ kind: "token", tokenId: "x", workspaceId: ws.id, role: "owner" }, ws.slug),
    ).rejects.toMatchObject({ code: "forbidden" });
    const stranger = await createUserFixture();
    await expect(createScimToken({ kind: "user", userId: stranger.id }, ws.slug)).rejects.toMatchObject({
      code: "not_found",
    });
    await prisma.membership.deleteMany({ where: { userId: editor.id } });
  });

  it("serves ServiceProviderConfig and ResourceTypes", async () => {
    const spc = await scim("GET", "/ServiceProviderConfig");
    expect(spc.body.patch).toEqual({ supported: true });
    expect(spc.body.filter.supported).toBe(true);
    const types = await scim("GET", "/ResourceTypes");
    expect(types.body.Resources.map((r: Json) => r.id)).toEqual(["User", "Group"]);
  });
});

describe("the Okta provisioning flow", () => {
  let id: string;
  it("looks the user up, creates them, and they become a member with the default role", async () => {
    const email = `ada.okta-${Date.now()}@corp.example`;
    const lookup = await scim(
      "GET",
      `/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}&startIndex=1&count=100`,
    );
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({ totalResults: 0, Resources: [] });
    const created = await scim("POST", "/Users", {
      schemas: [USER],
      userName: email,
      name: { givenName: "Ada", familyName: "Lovelace" },
      emails: [{ primary: true, value: email, type: "work" }],
      displayName: "Ada Lovelace",
      locale: "en-US",
      externalId: "00u1okta",
      groups: [],
      active: true,
    });
    expect(created.status).toBe(201);
    id = created.body.id;
    expect(created.body).toMatchObject({
      userName: email,
      active: true,
      name: { givenName: "Ada", familyName: "Lovelace" },
    });
    expect(created.body.meta.location).toBe(`${ORIGIN}/scim/v2/Users/${id}`);
    const again = await scim("GET", `/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`);
    expect(again.body.totalResults).toBe(1);
    expect((await scim("GET", `/Users/${id}`)).body.emails[0].value).toBe(email);
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    const member = await prisma.membership.findUniqueOrThrow({
      where: { workspaceId_userId: { workspaceId: ws.id, userId: user.id } },
    });
    expect(member.role).toBe("viewer");
    // A second create of the same userName: 409 uniqueness.
    const dup = await scim("POST", "/Users", { schemas: [USER], userName: email, emails: [{ value: email }] });
    expect(dup.status).toBe(409);
    expect(dup.body.scimType).toBe("uniqueness");
  });

  it("pushes a group: members added by PATCH get the group's role, removed ones lose it", async () => {
    const group = await scim("POST", "/Groups", { schemas: [GROUP], displayName: "Caseboard Editors", members: [] });
    expect(group.status).toBe(201);
    const gid = group.body.id;
    const add = await scim("PATCH", `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: "add", path: "members", value: [{ value: id, display: "ada" }] }],
    });
    expect(add.status).toBe(200);
    expect(add.body.members.map((m: Json) => m.value)).toEqual([id]);
    const su = await prisma.scimUser.findUniqueOrThrow({ where: { id } });
    const role = async () =>
      (await prisma.membership.findUnique({ where: { workspaceId_userId: { workspaceId: ws.id, userId: su.userId } } }))
        ?.role ?? null;
    expect(await role()).toBe("editor");
    const remove = await scim("PATCH", `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: "remove", path: `members[value eq "${id}"]` }],
    });
    expect(remove.status).toBe(200);
    expect(remove.body.members).toEqual([]);
    expect(await role()).toBe("viewer");
    // Okta renames with a PUT of the whole group.
    const put = await scim("PUT", `/Groups/${gid}`, {
      schemas: [GROUP],
      id: gid,
      displayName: "Caseboard Owners",
      members: [{ value: id }],
    });
    expect(put.status).toBe(200);
    expect(await role()).toBe("owner");
    expect((await scim("DELETE", `/Groups/${gid}`)).status).toBe(204);
    expect(await role()).toBe("viewer");
  });

  it("deactivates with PATCH replace {active:false}: membership, sessions and API tokens end", async () => {
    const su = await prisma.scimUser.findUniqueOrThrow({ where: { id } });
    await prisma.membership.update({
      where: { workspaceId_userId: { workspaceId: ws.id, userId: su.userId } },
      data: { role: "owner" },
    });
    await createAuthSession(su.userId);
    const { token: apiToken } = await createApiToken({ kind: "user", userId: su.userId }, ws.slug, {
      name: "ada's script",
      role: "viewer",
    });
    const res = await scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: "replace", value: { active: false } }],
    });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect(await prisma.membership.count({ where: { workspaceId: ws.id, userId: su.userId } })).toBe(0);
    expect(await prisma.authSession.count({ where: { userId: su.userId } })).toBe(0);
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } })).revokedAt).not.toBeNull();
    const trail = await prisma.auditEvent.findMany({
      where: { workspaceId: ws.id, action: "member.deprovision" },
      select: { after: true },
    });
    expect(trail.at(-1)?.after).toEqual({ sessionsEnded: 1, tokensRevoked: 1 });
    // Reactivated: a member again.
    const back = await scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: "replace", path: "active", value: true }],
    });
    expect(back.body.active).toBe(true);
    expect(await prisma.membership.count({ where: { workspaceId: ws.id, userId: su.userId } })).toBe(1);
  });
});

describe("the Microsoft Entra ID provisioning flow", () => {
  let id: string;
  let gid: string;
  const email = `grace.entra-${Date.now()}@corp.example`;
  it("creates by externalId and userName, filters on both", async () => {
    const created = await scim("POST", "/Users", {
      schemas: [USER, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
      externalId: "b7c1-entra",
      userName: email,
      active: true,
      emails: [{ primary: true, type: "work", value: email }],
      meta: { resourceType: "User" },
      name: { formatted: "Grace Hopper", familyName: "Hopper", givenName: "Grace" },
      roles: [],
    });
    expect(created.status).toBe(201);
    id = created.body.id;
    const byExternal = await scim("GET", `/Users?filter=${encodeURIComponent('externalId eq "b7c1-entra"')}`);
    expect(byExternal.body.Resources.map((r: Json) => r.id)).toEqual([id]);
  });

  it('PATCHes with capitalised ops and "False" as a string', async () => {
    const rename = await scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [
        { op: "Replace", path: "displayName", value: "Rear Admiral Hopper" },
        { op: "Replace", path: "name.familyName", value: "Hopper-Murray" },
      ],
    });
    expect(rename.status).toBe(200);
    expect(rename.body).toMatchObject({ displayName: "Rear Admiral Hopper", name: { familyName: "Hopper-Murray" } });
    const groups = await scim(
      "GET",
      `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Caseboard Editors"')}`,
    );
    expect(groups.body.totalResults).toBe(0);
    const g = await scim("POST", "/Groups", {
      schemas: [GROUP],
      externalId: "grp-entra",
      displayName: "Caseboard Editors",
      members: [],
    });
    gid = g.body.id;
    await scim("PATCH", `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: "Add", path: "members", value: [{ value: id }] }],
    });
    const su = await prisma.scimUser.findUniqueOrThrow({ where: { id } });
    expect(
      (
        await prisma.membership.findUniqueOrThrow({
          where: { workspaceId_userId: { workspaceId: ws.id, userId: su.userId } },
        })
      ).role,
    ).toBe("editor");
    const removed = await scim("PATCH", `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: "Remove", path: "members", value: [{ value: id }] }],
    });
    expect(removed.status).toBe(200);
    expect(removed.body.members).toEqual([]);
    const off = await scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: "Replace", path: "active", value: "False" }],
    });
    expect(off.body.active).toBe(false);
    expect(await prisma.membership.count({ where: { workspaceId: ws.id, userId: su.userId } })).toBe(0);
  });

  it("deletes: 204, then 404; the person's account stays for their other workspaces", async () => {
    const su = await prisma.scimUser.findUniqueOrThrow({ where: { id } });
    expect((await scim("DELETE", `/Users/${id}`)).status).toBe(204);
    expect((await scim("GET", `/Users/${id}`)).status).toBe(404);
    expect(await prisma.user.count({ where: { id: su.userId } })).toBe(1);
  });
});

describe("isolation and bad input", () => {
  it("another workspace's token sees none of these users or groups, whatever the id", async () => {
    const mine = await scim("GET", "/Users");
    expect(mine.body.totalResults).toBeGreaterThan(0);
    const theirs = await scim("GET", "/Users", undefined, otherToken);
    expect(theirs.body.totalResults).toBe(0);
    for (const r of mine.body.Resources as Json[]) {
      expect((await scim("GET", `/Users/${r.id}`, undefined, otherToken)).status).toBe(404);
      expect((await scim("DELETE", `/Users/${r.id}`, undefined, otherToken)).status).toBe(404);
      expect(
        (
          await scim(
            "PATCH",
            `/Users/${r.id}`,
            { schemas: [PATCH], Operations: [{ op: "replace", value: { active: false } }] },
            otherToken,
          )
        ).status,
      ).toBe(404);
    }
    // A group of theirs cannot take our users as members.
    const g = await scim(
      "POST",
      "/Groups",
      { schemas: [GROUP], displayName: "Theirs", members: [{ value: mine.body.Resources[0].id }] },
      otherToken,
    );
    expect(g.status).toBe(400);
  });

  it("answers bad input with 400 and the reason, never 500", async () => {
    const cases: [string, string, unknown, string][] = [
      ["POST", "/Users", { schemas: [USER] }, "userName"],
      ["POST", "/Users", { schemas: [USER], userName: "no-email-here" }, "emails"],
      ["GET", `/Users?filter=${encodeURIComponent("userName eq")}`, undefined, "filter"],
      ["PATCH", `/Users/${(await scim("GET", "/Users")).body.Resources[0].id}`, { Operations: [] }, "schemas"],
    ];
    for (const [method, path, body, word] of cases) {
      const res = await scim(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.body.detail, `${method} ${path}`).toContain(word);
    }
    const notJson = await handleScim(
      new Request(`${ORIGIN}/scim/v2/Users`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
        body: "{",
      }),
      ["Users"],
    );
    expect(notJson.status).toBe(400);
    expect((await scim("GET", "/Users/not-a-uuid")).status).toBe(404);
    expect((await scim("GET", "/Nope")).status).toBe(404);
  });

  it("will not deprovision the workspace's last owner", async () => {
    const su = await scim("POST", "/Users", {
      schemas: [USER],
      userName: `owner-link-${Date.now()}`,
      emails: [{ value: (await prisma.user.findUniqueOrThrow({ where: { id: owner.id } })).email }],
    });
    expect(su.status).toBe(201);
    const res = await scim("PATCH", `/Users/${su.body.id}`, {
      schemas: [PATCH],
      Operations: [{ op: "replace", value: { active: false } }],
    });
    expect(res.status).toBe(409);
    expect(await prisma.membership.count({ where: { workspaceId: ws.id, userId: owner.id, role: "owner" } })).toBe(1);
  });
});
