// Two app instances (two production servers, one PostgreSQL), both answering tokens and sessions from
// their auth cache: a token revoked through instance A, a member removed, a session signed out
// through A are refused on the very next request on BOTH instances (docs/architecture.md#auth-cache), because every
// access change is announced over NOTIFY and each instance's LISTEN connection clears its cache.
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
import { prisma } from "@/lib/db/client";
import { removeMember } from "@/lib/db/members";
import { createAuthSession } from "@/lib/db/sessions";
import { ensureBuild, startApp, type AppProcess } from "../helpers/app";
import { buildWorld, type World } from "./cases-world";

const SECRET = "auth-instances-secret-0123456789abcdef01";
let w: World;
const servers: AppProcess[] = [];

beforeAll(async () => {
  w = await buildWorld();
  ensureBuild();
  const url = process.env.DATABASE_URL!;
  const options = { env: { NEXTAUTH_SECRET: SECRET } };
  servers.push(await startApp(url, options), await startApp(url, options));
}, 600_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

async function sessionCookie(userId: string): Promise<string> {
  const sid = await createAuthSession(userId);
  return `next-auth.session-token=${await encode({ token: { uid: userId, sid }, secret: SECRET })}`;
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
async function status(server: AppProcess, path: string, headers: Record<string, string>): Promise<number> {
  const res = await fetch(`${server.baseURL}/api/v1${path}`, { headers: { accept: "application/json", ...headers } });
  await res.body?.cancel();
  return res.status;
}

describe("two instances, cached authentication", () => {
  it("a token revoked, a member removed, a session signed out: refused on the next request on both", async () => {
    const [a, b] = servers as [AppProcess, AppProcess];
    const both = [b, a]; // the other instance first: it learns only through NOTIFY
    const owner = await sessionCookie(w.users.owner);
    const editor = await sessionCookie(w.users.editor);
    const viewer = await sessionCookie(w.users.viewer);
    const casePath = `/cases/${w.caseId}`;

    // Warm both caches (twice each) with two tokens and the sessions.
    for (const s of both)
      for (let i = 0; i < 2; i++) {
        expect(await status(s, casePath, bearer(w.tokens.viewer))).toBe(200);
        expect(await status(s, casePath, bearer(w.tokens.owner))).toBe(200);
        expect(await status(s, casePath, { cookie: editor })).toBe(200);
        expect(await status(s, casePath, { cookie: viewer })).toBe(200);
        // The cached compute read answers the case's state and the user's role from memory too.
        expect(await status(s, `${casePath}/compute`, { cookie: editor })).toBe(200);
      }
    // The caches are in use: a change made behind the app's back (no announcement) is not seen.
    await prisma.apiToken.update({ where: { id: w.tokenIds.owner }, data: { revokedAt: new Date() } });
    for (const s of both) expect(await status(s, casePath, bearer(w.tokens.owner))).toBe(200);

    // 1. A token revoked through instance A.
    const revoke = await fetch(`${a.baseURL}/api/v1/tokens/${w.tokenIds.viewer}`, {
      method: "DELETE",
      headers: { cookie: owner, origin: a.baseURL },
    });
    expect(revoke.status).toBe(200);
    for (const s of both) {
      const res = await fetch(`${s.baseURL}/api/v1${casePath}`, { headers: bearer(w.tokens.viewer) });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/invalid_token/);
    }
    // Every access event clears the whole cache: the unannounced revocation is seen now too.
    for (const s of both) expect(await status(s, casePath, bearer(w.tokens.owner))).toBe(401);

    // 2. A member removed (by the owner, committed with its NOTIFY): the case and its stream are 404.
    const membership = await prisma.membership.findFirstOrThrow({
      where: { workspaceId: w.alpha.id, userId: w.users.editor },
      select: { id: true },
    });
    await removeMember(w.actors.owner, membership.id);
    for (const s of both) {
      expect(await status(s, casePath, { cookie: editor })).toBe(404);
      expect(await status(s, `${casePath}/compute`, { cookie: editor })).toBe(404);
      expect(await status(s, `${casePath}/events`, { cookie: editor, accept: "text/event-stream" })).toBe(404);
    }

    // 3. A session signed out through instance A (next-auth's sign-out, with its CSRF token).
    const csrf = await fetch(`${a.baseURL}/api/auth/csrf`, { headers: { cookie: viewer } });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = (csrf.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
    const out = await fetch(`${a.baseURL}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie: `${viewer}; ${csrfCookie}`,
        "content-type": "application/x-www-form-urlencoded",
        origin: a.baseURL,
      },
      body: new URLSearchParams({ csrfToken, callbackUrl: a.baseURL }).toString(),
    });
    expect(out.status).toBeLessThan(400);
    for (const s of both) expect(await status(s, casePath, { cookie: viewer })).toBe(401);
  });
});
