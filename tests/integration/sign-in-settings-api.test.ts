// The owner-only sign-in settings, SCIM token and audit export over the API: the role table
// (owner yes; editor, viewer and tokens no; another workspace 404), bad policies refused by
// field, password sign-in switched off by a workspace that requires SSO, and the audit export
// (CSV and JSON lines, the documented columns, the time window, retention).
import { beforeAll, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import { authorizeCredentials } from "@/lib/auth/options";
import { AUDIT_EXPORT_FIELDS } from "@/lib/db/audit-export";
import { prisma } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";

const PASSWORD = "a long test password 42";
import { call } from "./api-client";
import { buildWorld, type World } from "./cases-world";

let w: World;
const OIDC_PROVIDERS = JSON.stringify([
  { id: "corp", name: "Corp", issuer: "https://idp.corp.example", clientId: "c", clientSecret: "s" },
]);

beforeAll(async () => {
  process.env.OIDC_PROVIDERS = OIDC_PROVIDERS;
  w = await buildWorld();
  const passwordHash = await hashPassword(PASSWORD);
  await prisma.user.updateMany({ where: { id: { in: [w.users.viewer, w.users.outsider] } }, data: { passwordHash } });
});

const ws = () => ({ workspace: "alpha" });

describe("sign-in settings", () => {
  it("only signed-in owners read and change them; another workspace is not found", async () => {
    expect((await call("getSignInSettings", ws(), { as: "owner" }, w)).status).toBe(200);
    for (const as of ["editor", "viewer", "tokenOwner"] as const)
      expect((await call("getSignInSettings", ws(), { as }, w)).status, as).toBe(403);
    expect((await call("getSignInSettings", ws(), { as: "outsider" }, w)).status).toBe(404);
    expect((await call("getSignInSettings", { workspace: "beta" }, { as: "owner" }, w)).status).toBe(404);
    expect(
      (await call("updateSignInSettings", ws(), { as: "editor", body: { auditRetentionDays: 90 } }, w)).status,
    ).toBe(403);
  });

  it("refuses a bad policy naming the field, and an unknown provider", async () => {
    const bad = await call(
      "updateSignInSettings",
      ws(),
      { as: "owner", body: { policy: { providers: ["corp"], domains: ["not a domain"], jit: true } } },
      w,
    );
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.json)).toContain("policy.domains");
    const unknown = await call(
      "updateSignInSettings",
      ws(),
      { as: "owner", body: { policy: { providers: ["x"] } } },
      w,
    );
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(unknown.json)).toContain("policy.providers");
    const short = await call("updateSignInSettings", ws(), { as: "owner", body: { auditRetentionDays: 3 } }, w);
    expect(short.status).toBe(422);
  });

  it("will not let an owner without an SSO identity switch password sign-in off", async () => {
    const res = await call(
      "updateSignInSettings",
      ws(),
      { as: "owner", body: { policy: { providers: ["corp"], requireSso: true } } },
      w,
    );
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.json)).toContain("policy.requireSso");
  });

  it("with SSO required, a member's password sign-in is refused; saved settings read back", async () => {
    await prisma.account.create({ data: { userId: w.users.owner, provider: "corp", providerAccountId: "owner-sub" } });
    const res = await call(
      "updateSignInSettings",
      ws(),
      {
        as: "owner",
        body: {
          policy: {
            providers: ["corp"],
            domains: ["alpha.example"],
            jit: true,
            groupRoles: { Editors: "editor" },
            requireSso: true,
          },
          auditRetentionDays: 365,
        },
      },
      w,
    );
    expect(res.status).toBe(200);
    expect(res.json.data.policy).toMatchObject({ requireSso: true, jit: true, defaultRole: "viewer" });
    expect(res.json.data.auditRetentionDays).toBe(365);
    const viewer = await prisma.user.findUniqueOrThrow({ where: { id: w.users.viewer } });
    await expect(authorizeCredentials({ email: viewer.email, password: PASSWORD }, {})).rejects.toThrow("SsoRequired");
    // Someone in no such workspace still signs in with a password.
    const outsider = await prisma.user.findUniqueOrThrow({ where: { id: w.users.outsider } });
    expect(await authorizeCredentials({ email: outsider.email, password: PASSWORD }, {})).toMatchObject({
      id: outsider.id,
    });
    await call("updateSignInSettings", ws(), { as: "owner", body: { policy: null } }, w);
    expect(await authorizeCredentials({ email: viewer.email, password: PASSWORD }, {})).toMatchObject({
      id: viewer.id,
    });
  });

  it("makes the SCIM token for owners only, shows its secret once", async () => {
    expect((await call("createScimToken", ws(), { as: "editor" }, w)).status).toBe(403);
    const made = await call("createScimToken", ws(), { as: "owner" }, w);
    expect(made.status).toBe(201);
    expect(made.json.data.secret).toMatch(/^cbs_/);
    const read = await call("getSignInSettings", ws(), { as: "owner" }, w);
    expect(read.json.data.scimToken.prefix).toBe(made.json.data.secret.slice(0, 10));
    expect(JSON.stringify(read.json)).not.toContain(made.json.data.secret);
    expect((await call("revokeScimToken", ws(), { as: "owner" }, w)).status).toBe(200);
    expect((await call("getSignInSettings", ws(), { as: "owner" }, w)).json.data.scimToken).toBeNull();
  });
});

describe("audit export", () => {
  it("exports the trail as JSON lines and CSV with the documented columns, within the window", async () => {
    // A sign-in, a token's use and a settings change are all in the trail by now.
    const jsonl = await call("exportAuditTrail", ws(), { as: "owner", query: "format=jsonl" }, w);
    expect(jsonl.status).toBe(200);
    expect(jsonl.headers.get("content-type")).toContain("application/x-ndjson");
    const rows = jsonl.text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(rows[0]!)).toEqual([...AUDIT_EXPORT_FIELDS]);
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ["user.sign_in", "token.use", "workspace.sign_in_settings", "scim.token_create"])
      expect(actions, a).toContain(a);
    expect(rows.every((r) => r.workspaceId === w.alpha.id)).toBe(true);
    const ids = rows.map((r) => BigInt(r.id as string));
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);

    const csv = await call("exportAuditTrail", ws(), { as: "owner", query: "format=csv" }, w);
    const lines = csv.text.trim().split("\r\n");
    expect(lines[0]).toBe(AUDIT_EXPORT_FIELDS.join(","));
    expect(lines.length).toBe(rows.length + 1);

    const future = await call(
      "exportAuditTrail",
      ws(),
      { as: "owner", query: `format=jsonl&from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}` },
      w,
    );
    expect(future.text).toBe("");
  });

  it("is for owners only and never another workspace's rows", async () => {
    for (const as of ["editor", "viewer", "tokenOwner"] as const)
      expect((await call("exportAuditTrail", ws(), { as, query: "format=csv" }, w)).status, as).toBe(403);
    expect((await call("exportAuditTrail", { workspace: "beta" }, { as: "owner" }, w)).status).toBe(404);
    expect((await call("exportAuditTrail", ws(), { as: "owner", query: "format=xml" }, w)).status).toBe(422);
  });

  it("deletes rows older than the retention", async () => {
    const old = await prisma.auditEvent.create({
      data: {
        workspaceId: w.alpha.id,
        action: "old.thing",
        entityType: "case",
        entityId: "x",
        createdAt: new Date(Date.now() - 400 * 86_400_000),
      },
    });
    expect(
      (await call("updateSignInSettings", ws(), { as: "owner", body: { auditRetentionDays: 365 } }, w)).status,
    ).toBe(200);
    expect(await prisma.auditEvent.count({ where: { id: old.id } })).toBe(0);
  });
});
