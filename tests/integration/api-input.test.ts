// Bad input, protocol and security edges of /api/v1 (docs/api.md#errors, docs/architecture.md#reliability): 422 with paths, 413, 400, 428,
// 409 with the current case, CSRF, mass assignment, token revocation and role changes, OpenAPI.
// Never a 500, and nothing saved changes.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import { OPERATIONS } from "@/lib/api/operations";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { prisma } from "@/lib/db/client";
import { authCache } from "@/lib/db/auth-cache";
import { snapshotDatabase } from "../helpers/db";
import { call } from "./api-client";
import { buildWorld, caseVersion, loadCaseFile, type World } from "./cases-world";

let w: World;

async function warm() {
  for (const as of ["tokenOwner", "tokenEditor", "tokenViewer", "foreignToken"] as const)
    await call("listCases", { workspace: "alpha" }, { as }, w);
}

describe("bad input", () => {
  beforeAll(async () => {
    w = await buildWorld();
    await warm();
  });

  const BAD_MONEY: unknown[] = [
    "NaN",
    "Infinity",
    "-Infinity",
    "1e1000000",
    "0x1F",
    "1_000",
    "",
    " 5 ",
    "5 ",
    "1e21",
    "1000000000000000000000",
    1e21,
    "12.12345678901",
    "1,5",
    "abc",
    true,
    [],
    {},
  ];

  for (const value of BAD_MONEY) {
    it(`a line amount of ${JSON.stringify(value)} is 422 at "amount", nothing changes`, async () => {
      const snapshot = await snapshotDatabase();
      const r = await call(
        "updateLine",
        { lineId: w.lineId },
        { as: "tokenEditor", ifMatch: w.version, body: { amount: value } },
        w,
      );
      expect(r.status, r.text).toBe(422);
      expect(r.json.error.fieldErrors.map((f: { path: string }) => f.path)).toContain("amount");
      expect(await snapshotDatabase()).toBe(snapshot);
    });
  }

  it("null for a required field, and bad rates and months on the case settings, are 422 with every path", async () => {
    const r = await call(
      "updateCase",
      { caseId: w.caseId },
      {
        as: "editor",
        ifMatch: w.version,
        body: { name: null, discountRate: "NaN", horizonMonths: 121, startMonth: "2023-02-31", currency: "sek" },
      },
      w,
    );
    expect(r.status).toBe(422);
    const paths = r.json.error.fieldErrors.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["name", "discountRate", "horizonMonths", "startMonth", "currency"]));
  });

  it("a line with an end before its start is 422 at endMonth", async () => {
    const r = await call(
      "addLine",
      { caseId: w.caseId },
      {
        as: "editor",
        ifMatch: w.version,
        body: {
          kind: "cost",
          scenarioId: w.scenarioId,
          name: "x",
          category: "software",
          recurring: "monthly",
          amount: "10",
          startMonth: 10,
          endMonth: 3,
        },
      },
      w,
    );
    expect(r.status).toBe(422);
    expect(r.json.error.fieldErrors.map((f: { path: string }) => f.path)).toContain("endMonth");
  });

  it("workspaceId, version, status and ids cannot be set by a body (422, unchanged)", async () => {
    const snapshot = await snapshotDatabase();
    for (const extra of [
      { workspaceId: w.beta.id },
      { version: 999 },
      { status: "approved" },
      { id: w.foreign.caseId },
      { createdById: w.users.outsider },
    ]) {
      const r = await call(
        "updateCase",
        { caseId: w.caseId },
        { as: "owner", ifMatch: w.version, body: { name: "x", ...extra } },
        w,
      );
      expect(r.status, JSON.stringify(extra)).toBe(422);
      expect(r.json.error.fieldErrors[0].path).toBe("(root)");
    }
    const line = await call(
      "updateLine",
      { lineId: w.lineId },
      { as: "owner", ifMatch: w.version, body: { caseId: w.foreign.caseId } },
      w,
    );
    expect(line.status).toBe(422);
    expect(await snapshotDatabase()).toBe(snapshot);
  });

  it("bodies over 1 MB are 413, by Content-Length and by counting a stream that does not declare one", async () => {
    const big = JSON.stringify({ name: "x".repeat(1024 * 1024) });
    const declared = await call(
      "createCase",
      { workspace: "alpha" },
      { as: "editor", rawBody: big, headers: { "content-type": "application/json" } },
      w,
    );
    expect(declared.status).toBe(413);
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 40) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await call("importCase", { workspace: "alpha" }, { as: "tokenEditor", rawBody: stream }, w);
    expect(streamed.status).toBe(413);
    const lying = await call(
      "createCase",
      { workspace: "alpha" },
      { as: "editor", rawBody: big, headers: { "content-length": "10" } },
      w,
    );
    expect([400, 413]).toContain(lying.status);
  });

  it("a body that is not JSON is 400; an empty body where one is needed is 422", async () => {
    const r = await call("createCase", { workspace: "alpha" }, { as: "editor", rawBody: "{name: 'x'" }, w);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("bad_request");
    const empty = await call("createCase", { workspace: "alpha" }, { as: "editor" }, w);
    expect(empty.status).toBe(422);
  });

  it("deeply nested or malformed case files are refused by path on import, nothing stored", async () => {
    const snapshot = await snapshotDatabase();
    const deep = "[".repeat(100_000) + "1" + "]".repeat(100_000);
    const file = JSON.stringify({ ...loadCaseFile(), description: "@@" }).replace('"@@"', deep);
    const r = await call("importCase", { workspace: "alpha" }, { as: "editor", rawBody: file }, w);
    expect([400, 422]).toContain(r.status);
    const lessDeep = JSON.stringify({ ...loadCaseFile(), description: "@@" }).replace(
      '"@@"',
      "[".repeat(50) + "1" + "]".repeat(50),
    );
    const r2 = await call("importCase", { workspace: "alpha" }, { as: "editor", rawBody: lessDeep }, w);
    expect(r2.status).toBe(422);
    const r3 = await call("createCase", { workspace: "alpha" }, { as: "editor", rawBody: `{"name":${deep}}` }, w);
    expect([400, 422]).toContain(r3.status);
    const wrong = await call(
      "importCase",
      { workspace: "alpha" },
      { as: "editor", body: { format: "caseboard/v0" } },
      w,
    );
    expect(wrong.status).toBe(422);
    expect(wrong.json.error.fieldErrors.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(["format", "name", "currency"]),
    );
    expect(await snapshotDatabase()).toBe(snapshot);
  });

  it("a case file with more lines than a case holds is refused by path, nothing stored", async () => {
    const snapshot = await snapshotDatabase();
    const file = JSON.parse(JSON.stringify(loadCaseFile()));
    // Each scenario within its own cap (5,000), the case over its total.
    file.scenarios[0].costs = Array.from({ length: 2600 }, (_, i) => ({
      name: `L${i}`,
      category: "other",
      amount: "1",
      month: 0,
    }));
    file.scenarios[1].costs = Array.from({ length: 2600 }, (_, i) => ({
      name: `M${i}`,
      category: "other",
      amount: "1",
      month: 0,
    }));
    const r = await call("importCase", { workspace: "alpha" }, { as: "editor", body: file }, w);
    expect(r.status).toBe(422);
    expect(r.json.error.fieldErrors[0].path).toBe("scenarios");
    expect(await snapshotDatabase()).toBe(snapshot);
  });

  it("unknown query parameters are 422; junk ids are 404, never 500", async () => {
    expect((await call("getCase", { caseId: w.caseId }, { as: "viewer", query: "sort=;drop" }, w)).status).toBe(422);
    for (const id of ["x", "' OR 1=1 --", "00000000-0000-0000-0000-000000000000", "%00"]) {
      expect((await call("getCase", { caseId: id }, { as: "viewer" }, w)).status).toBe(404);
      expect(
        (await call("updateLine", { lineId: id }, { as: "editor", ifMatch: 1, body: { amount: "1" } }, w)).status,
      ).toBe(404);
    }
  });

  it("text is stored as typed: right-to-left, emoji, zero-width joiners, markup, 10,000 characters", async () => {
    const name = "שלום 👩‍👩‍👧 <script>alert(1)</script> \u200d" + "ä".repeat(9_950);
    const r = await call("createCase", { workspace: "alpha" }, { as: "editor", body: { name } }, w);
    expect(r.status, r.text).toBe(201);
    expect(r.json.data.name).toBe(name.trim());
    expect((await call("getCase", { caseId: r.json.data.id }, { as: "viewer" }, w)).json.data.name).toBe(name.trim());
  });
});

describe("versions, CSRF and tokens", () => {
  beforeEach(async () => {
    w = await buildWorld();
    await warm();
  });

  it("a write without If-Match is 428; a malformed one 422; a stale one 409 with the current case and ETag", async () => {
    const snapshot = await snapshotDatabase();
    expect((await call("updateLine", { lineId: w.lineId }, { as: "editor", body: { amount: "1" } }, w)).status).toBe(
      428,
    );
    expect(
      (await call("updateLine", { lineId: w.lineId }, { as: "editor", ifMatch: "*", body: { amount: "1" } }, w)).status,
    ).toBe(422);
    expect(await snapshotDatabase()).toBe(snapshot);
    const ok = await call(
      "renameCase",
      { caseId: w.caseId },
      { as: "editor", ifMatch: w.version, body: { name: "A" } },
      w,
    );
    expect(ok.status).toBe(200);
    const stale = await call(
      "updateLine",
      { lineId: w.lineId },
      { as: "editor", ifMatch: w.version, body: { amount: "35000" } },
      w,
    );
    expect(stale.status).toBe(409);
    expect(stale.headers.get("etag")).toBe(`"${w.version + 1}"`);
    expect(stale.json.error.details.currentVersion).toBe(w.version + 1);
    expect(stale.json.error.details.current.name).toBe("A");
    expect(stale.json.error.details.current.lines.find((l: { id: string }) => l.id === w.lineId).amount).toBe("36000");
  });

  it("cookie-authenticated mutations need our Origin; tokens do not", async () => {
    const snapshot = await snapshotDatabase();
    for (const origin of [null, "https://evil.example", "http://localhost:3000.evil.example", "null"]) {
      const r = await call(
        "renameCase",
        { caseId: w.caseId },
        { as: "owner", ifMatch: w.version, body: { name: "csrf" }, origin },
        w,
      );
      expect(r.status, String(origin)).toBe(403);
    }
    expect(await snapshotDatabase()).toBe(snapshot);
    expect((await call("getCase", { caseId: w.caseId }, { as: "owner", origin: null }, w)).status).toBe(200);
    expect(
      (
        await call(
          "renameCase",
          { caseId: w.caseId },
          { as: "tokenEditor", ifMatch: w.version, body: { name: "ok" } },
          w,
        )
      ).status,
    ).toBe(200);
  });

  it("tokens: created by owners (secret shown once, stored hashed), revocation and role changes apply on the next request", async () => {
    const created = await call(
      "createApiToken",
      { workspace: "alpha" },
      { as: "owner", body: { name: "CI", role: "editor" } },
      w,
    );
    expect(created.status).toBe(201);
    const secret: string = created.json.data.secret;
    expect(secret).toMatch(/^cbt_/);
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: created.json.data.token.id } });
    expect(row.tokenHash).not.toContain(secret);
    expect(JSON.stringify(row)).not.toContain(secret.slice(4));
    const listed = await call("listApiTokens", { workspace: "alpha" }, { as: "owner" }, w);
    expect(listed.text).not.toContain(secret.slice(10));

    const asNew = { ...w, tokens: { ...w.tokens, editor: secret } };
    expect((await call("getCase", { caseId: w.caseId }, { as: "tokenEditor" }, asNew)).status).toBe(200);
    // No app path changes a token's role; done out of band, it is seen once access changes are
    // announced (or after the auth cache's 30 s): here the announcement.
    await prisma.apiToken.update({ where: { id: row.id }, data: { role: "viewer" } });
    authCache().clear();
    expect(
      (
        await call(
          "renameCase",
          { caseId: w.caseId },
          { as: "tokenEditor", ifMatch: w.version, body: { name: "x" } },
          asNew,
        )
      ).status,
    ).toBe(403);
    expect((await call("revokeApiToken", { tokenId: row.id }, { as: "owner" }, w)).status).toBe(200);
    const after = await call("getCase", { caseId: w.caseId }, { as: "tokenEditor" }, asNew);
    expect(after.status).toBe(401);
    expect(after.headers.get("www-authenticate")).toMatch(/Bearer/);
    expect(
      (
        await call(
          "getCase",
          { caseId: w.caseId },
          { as: "anonymous", headers: { authorization: "Bearer cbt_nope" } },
          w,
        )
      ).status,
    ).toBe(401);
    expect(
      (await call("getCase", { caseId: w.caseId }, { as: "anonymous", headers: { authorization: "Basic abc" } }, w))
        .status,
    ).toBe(401);
  });

  it("a member removed or demoted loses access on the next request", async () => {
    expect(
      (await call("renameCase", { caseId: w.caseId }, { as: "editor", ifMatch: w.version, body: { name: "1" } }, w))
        .status,
    ).toBe(200);
    await prisma.membership.updateMany({ where: { userId: w.users.editor }, data: { role: "viewer" } });
    expect(
      (await call("renameCase", { caseId: w.caseId }, { as: "editor", ifMatch: w.version + 1, body: { name: "2" } }, w))
        .status,
    ).toBe(403);
    await prisma.membership.deleteMany({ where: { userId: w.users.editor } });
    expect((await call("getCase", { caseId: w.caseId }, { as: "editor" }, w)).status).toBe(404);
  });

  it("?include=compute answers the write together with the recomputed output", async () => {
    const before = await call("computeCase", { caseId: w.caseId }, { as: "viewer" }, w);
    const r = await call(
      "updateLine",
      { lineId: w.lineId },
      { as: "tokenEditor", ifMatch: w.version, body: { amount: "38000" }, query: "include=compute" },
      w,
    );
    expect(r.status).toBe(200);
    expect(r.json.compute.scenarios.length).toBe(2);
    expect(r.json.compute).not.toEqual(before.json.data);
    const read = await call("computeCase", { caseId: w.caseId }, { as: "viewer" }, w);
    expect(read.json.version).toBe(w.version + 1);
    expect(read.json.data).toEqual(r.json.compute);
  });

  it("export is a download with a sanitised file name; importing it gives the same compute output", async () => {
    await call(
      "renameCase",
      { caseId: w.caseId },
      { as: "owner", ifMatch: w.version, body: { name: 'Q3 "plan"/..\\evil\r\nSet-Cookie: x=1 ✓' } },
      w,
    );
    const exported = await call("exportCase", { caseId: w.caseId }, { as: "viewer" }, w);
    expect(exported.status).toBe(200);
    const cd = exported.headers.get("content-disposition")!;
    expect(cd).toMatch(/^attachment; filename="[^"\r\n]*"; filename\*=UTF-8''/);
    expect(cd).not.toMatch(/[\r\n]/);
    expect(cd).not.toContain("/..");
    const imported = await call("importCase", { workspace: "alpha" }, { as: "editor", body: exported.json }, w);
    expect(imported.status).toBe(201);
    const a = await call("computeCase", { caseId: w.caseId }, { as: "viewer" }, w);
    const b = await call("computeCase", { caseId: imported.json.data.id }, { as: "viewer" }, w);
    expect(b.json.data).toEqual(a.json.data);
  });
});

describe("OpenAPI", () => {
  it("is an OpenAPI 3.1 document listing every operation with its schemas", async () => {
    const res = getOpenApi();
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      info: { title: string };
      paths: Record<
        string,
        Record<
          string,
          {
            operationId: string;
            requestBody?: unknown;
            parameters: { name?: string; $ref?: string }[];
            responses: Record<string, unknown>;
          }
        >
      >;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBeTruthy();
    for (const op of OPERATIONS) {
      const entry = doc.paths[op.path]?.[op.method.toLowerCase()];
      expect(entry, `${op.method} ${op.path}`).toBeTruthy();
      expect(entry!.operationId).toBe(op.id);
      if (op.body) expect(entry!.requestBody, op.id).toBeTruthy();
      if (op.versioned) {
        expect(
          entry!.parameters.some((p) => p.$ref === "#/components/parameters/IfMatch"),
          op.id,
        ).toBe(true);
        expect(entry!.responses["409"]).toBeTruthy();
      }
      for (const m of op.path.matchAll(/\{(\w+)\}/g)) expect(entry!.parameters.some((p) => p.name === m[1])).toBe(true);
    }
    expect(JSON.stringify(buildOpenApiDocument())).not.toMatch(/"workspaceId"\s*:\s*\{/);
    // Request schemas come from zod: the line's amount is documented as a number or decimal string.
    const addLine = JSON.stringify(doc.paths["/cases/{caseId}/lines"]!.post!.requestBody);
    expect(addLine).toContain("amount");
    expect(addLine).toContain("scenarioId");
  });
});

it("the database stays consistent with the versions", async () => {
  expect(await caseVersion(w.caseId)).toBeGreaterThanOrEqual(1);
});

describe("errors", () => {
  it("a database that cannot be reached answers 503 with Retry-After, not 500", async () => {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const { PrismaClient } = await import("@/lib/db/generated/client");
    const { errorResponse } = await import("@/lib/api/http");
    const dead = new PrismaClient({
      adapter: new PrismaPg({ connectionString: "postgresql://x:y@127.0.0.1:1/none", connectionTimeoutMillis: 1000 }),
    });
    const error = await dead.workspace.count().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeTruthy();
    const res = errorResponse(error, { method: "GET", path: "/x" });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    await dead.$disconnect().catch(() => {});
  });

  it("an unexpected error is logged and answered with a generic 500 that leaks nothing", async () => {
    const { errorResponse } = await import("@/lib/api/http");
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = errorResponse(new Error("secret detail: password=hunter2"), { method: "GET", path: "/x" });
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("hunter2");
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it("writes by a token are audited with the token, writes by a person with the person", async () => {
    w = await buildWorld();
    const r = await call(
      "renameCase",
      { caseId: w.caseId },
      { as: "tokenEditor", ifMatch: w.version, body: { name: "By token" } },
      w,
    );
    expect(r.status).toBe(200);
    const row = await prisma.auditEvent.findFirstOrThrow({ where: { action: "case.rename" }, orderBy: { id: "desc" } });
    expect(row).toMatchObject({
      actorTokenId: w.tokenIds.editor,
      actorUserId: null,
      before: { name: expect.any(String) },
      after: { name: "By token" },
    });
  });
});
