// A few real HTTP calls against `next start` (the in-process route tests cover the matrix): an
// API token reads the demo case's compute, edits a line with If-Match, loses a stale race with 409,
// and the server answers 401/413/400/422 on the wire as it does in-process.
import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const baseURL = inject("baseURL");
let client: pg.Client;
let secret: string;
let caseId: string;
let lineId: string;

beforeAll(async () => {
  client = new pg.Client({ connectionString: inject("e2eDatabaseUrl") });
  await client.connect();
  secret = `cbt_${randomBytes(32).toString("base64url")}`;
  const { rows } = await client.query<{ id: string; owner: string }>(
    `SELECT w.id, m."userId" AS owner FROM "Workspace" w JOIN "Membership" m ON m."workspaceId" = w.id AND m.role = 'owner' WHERE w.slug = 'nordic-retail' LIMIT 1`,
  );
  await client.query(
    `INSERT INTO "ApiToken" (id, "workspaceId", name, "tokenHash", prefix, role, "createdById") VALUES (gen_random_uuid(), $1, 'e2e', $2, $3, 'editor', $4)`,
    [rows[0]!.id, createHash("sha256").update(secret).digest("hex"), secret.slice(0, 10), rows[0]!.owner],
  );
  caseId = (
    await client.query<{ id: string }>(
      `SELECT id FROM "BusinessCase" WHERE "workspaceId" = $1 ORDER BY "createdAt" LIMIT 1`,
      [rows[0]!.id],
    )
  ).rows[0]!.id;
  lineId = (
    await client.query<{ id: string }>(
      `SELECT id FROM "CaseLine" WHERE "caseId" = $1 AND kind = 'cost' AND amount IS NOT NULL AND low IS NULL ORDER BY position LIMIT 1`,
      [caseId],
    )
  ).rows[0]!.id;
});

afterAll(async () => {
  await client?.end();
});

const auth = () => ({ authorization: `Bearer ${secret}`, "content-type": "application/json" });

describe("REST API over HTTP", () => {
  it("serves the OpenAPI document", async () => {
    const res = await fetch(`${baseURL}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { openapi: string }).openapi).toBe("3.1.0");
  });

  it("reads the compute of the demo case with a token, edits a line with If-Match, refuses the stale version", async () => {
    expect((await fetch(`${baseURL}/api/v1/cases/${caseId}/compute`)).status).toBe(401);
    const read = await fetch(`${baseURL}/api/v1/cases/${caseId}/compute`, { headers: auth() });
    expect(read.status).toBe(200);
    const version = Number(read.headers.get("etag")!.replace(/"/g, ""));
    const body = (await read.json()) as { data: { comparisons: { npv: string }[] }; version: number };
    expect(body.version).toBe(version);
    expect(body.data.comparisons[0]!.npv).toMatch(/^-?\d+(\.\d+)?$/);

    const edit = await fetch(`${baseURL}/api/v1/lines/${lineId}?include=compute`, {
      method: "PATCH",
      headers: { ...auth(), "if-match": `"${version}"` },
      body: JSON.stringify({ amount: "31000" }),
    });
    expect(edit.status).toBe(200);
    expect(edit.headers.get("etag")).toBe(`"${version + 1}"`);
    const edited = (await edit.json()) as { data: { amount: string }; compute: { comparisons: { npv: string }[] } };
    expect(edited.data.amount).toBe("31000");
    expect(edited.compute.comparisons[0]!.npv).not.toBe(body.data.comparisons[0]!.npv);

    const stale = await fetch(`${baseURL}/api/v1/lines/${lineId}`, {
      method: "PATCH",
      headers: { ...auth(), "if-match": `"${version}"` },
      body: JSON.stringify({ amount: "32000" }),
    });
    expect(stale.status).toBe(409);
    const conflict = (await stale.json()) as { error: { details: { currentVersion: number } } };
    expect(conflict.error.details.currentVersion).toBe(version + 1);
  });

  it("answers 413, 400 and 422 on the wire, never 500", async () => {
    const big = await fetch(`${baseURL}/api/v1/workspaces/nordic-retail/cases/import`, {
      method: "POST",
      headers: auth(),
      body: JSON.stringify({ name: "x".repeat(1_100_000) }),
    });
    expect(big.status).toBe(413);
    const junk = await fetch(`${baseURL}/api/v1/workspaces/nordic-retail/cases`, {
      method: "POST",
      headers: auth(),
      body: "{not json",
    });
    expect(junk.status).toBe(400);
    const bad = await fetch(`${baseURL}/api/v1/lines/${lineId}`, {
      method: "PATCH",
      headers: { ...auth(), "if-match": '"1"' },
      body: JSON.stringify({ amount: "NaN" }),
    });
    expect(bad.status).toBe(422);
  });
});
