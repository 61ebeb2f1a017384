// Deprovisioning across instances: two app instances (two `next start`, one PostgreSQL) have a
// person's session and API token in their auth caches and a live stream open on instance B. The
// identity provider deactivates the person through instance A's /scim/v2. On the very next
// request both instances refuse the session and the token, and the stream on B ends, because the
// change is announced over NOTIFY and every instance LISTENs.
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
import { hashTokenSecret } from "@/lib/db/api-tokens";
import { prisma } from "@/lib/db/client";
import { createScimToken } from "@/lib/db/scim";
import { createAuthSession } from "@/lib/db/sessions";
import { ensureBuild, startApp, type AppProcess } from "../helpers/app";
import { readSse } from "../helpers/sse";
import { buildWorld, type World } from "./cases-world";

const SECRET = "scim-instances-secret-0123456789abcdef";
let w: World;
const servers: AppProcess[] = [];

beforeAll(async () => {
  w = await buildWorld();
  ensureBuild();
  const options = { env: { NEXTAUTH_SECRET: SECRET } };
  servers.push(await startApp(process.env.DATABASE_URL!, options), await startApp(process.env.DATABASE_URL!, options));
}, 600_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

describe("SCIM deprovisioning on every instance", () => {
  it("ends the person's session, API token and live stream at once on both instances", async () => {
    const [a, b] = servers as [AppProcess, AppProcess];
    const scimSecret = (await createScimToken(w.actors.owner, "alpha")).secret;
    const editorId = w.users.editor;
    const sid = await createAuthSession(editorId);
    const cookie = `next-auth.session-token=${await encode({ token: { uid: editorId, sid }, secret: SECRET })}`;
    const apiSecret = "cbt_" + "e".repeat(43);
    await prisma.apiToken.create({
      data: {
        workspaceId: w.alpha.id,
        name: "editor's script",
        role: "editor",
        tokenHash: hashTokenSecret(apiSecret),
        prefix: apiSecret.slice(0, 10),
        createdById: editorId,
      },
    });
    const status = async (server: AppProcess, headers: Record<string, string>) => {
      const res = await fetch(`${server.baseURL}/api/v1/cases/${w.caseId}`, {
        headers: { accept: "application/json", ...headers },
      });
      await res.body?.cancel();
      return res.status;
    };
    // The provider provisions the existing editor (their role is kept) ...
    const scim = (server: AppProcess, method: string, path: string, body: unknown) =>
      fetch(`${server.baseURL}/scim/v2${path}`, {
        method,
        headers: { authorization: `Bearer ${scimSecret}`, "content-type": "application/scim+json" },
        body: JSON.stringify(body),
      });
    const created = await scim(b, "POST", "/Users", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: "editor@alpha.test",
      emails: [{ value: "editor@alpha.test", primary: true }],
      active: true,
    });
    expect(created.status).toBe(201);
    const scimId = ((await created.json()) as { id: string }).id;

    // ... both instances know the session and the token (twice each: from their caches) ...
    for (const s of [a, b])
      for (let i = 0; i < 2; i++) {
        expect(await status(s, { cookie })).toBe(200);
        expect(await status(s, { authorization: `Bearer ${apiSecret}` })).toBe(200);
      }
    // ... and the person has a live stream open on B.
    const ac = new AbortController();
    const res = await fetch(`${b.baseURL}/api/v1/cases/${w.caseId}/events?tab=lines`, {
      headers: { cookie, accept: "text/event-stream" },
      signal: ac.signal,
    });
    expect(res.status).toBe(200);
    const sse = readSse(res, ac);
    try {
      await sse.waitFor((e) => e.event === "ready", 10_000);
      const off = await scim(a, "PATCH", `/Users/${scimId}`, {
        schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        Operations: [{ op: "replace", value: { active: false } }],
      });
      expect(off.status).toBe(200);
      const answered = Date.now();
      // The other instance first: it learns only through NOTIFY.
      for (const s of [b, a]) {
        expect(await status(s, { cookie }), `session on ${s.baseURL}`).toBe(401);
        expect(await status(s, { authorization: `Bearer ${apiSecret}` }), `token on ${s.baseURL}`).toBe(401);
      }
      await Promise.race([
        sse.ended,
        new Promise((_, reject) => setTimeout(() => reject(new Error("the stream on B did not end")), 5_000)),
      ]);
      console.log(`[scim-instances] stream on the other instance ended ${Date.now() - answered} ms after the answer`);
    } finally {
      await sse.close();
    }
  }, 120_000);
});
