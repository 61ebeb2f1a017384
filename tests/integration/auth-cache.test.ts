// The auth cache (lib/db/auth-cache.ts) on real PostgreSQL: tokens and sessions are answered
// without the database while this process LISTENs; a change announced by another process (a real
// NOTIFY from another connection, as another instance sends it) clears it; without a listener
// every request reads the database; a read that raced an invalidation is not kept.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
import { ACCESS_EVENTS_CHANNEL } from "@/lib/db/access-events";
import { authenticateApiToken } from "@/lib/db/api-tokens";
import { AuthCache, authCache } from "@/lib/db/auth-cache";
import { prisma } from "@/lib/db/client";
import { createAuthSession, isAuthSessionValid } from "@/lib/db/sessions";
import { getDatabaseUrl } from "@/lib/env";
import { LiveHub, liveHub } from "@/lib/live/hub";
import { CASE_EVENTS_CHANNEL } from "@/lib/db/case-events";
import { getCaseRevisionOrThrow } from "@/lib/db/cases";
import { updateLine } from "@/lib/db/lines";
import { buildWorld, type World } from "./cases-world";

let w: World;
let other: pg.Client; // "another instance": its own connection, its own transactions

beforeAll(async () => {
  w = await buildWorld();
  other = new pg.Client({ connectionString: getDatabaseUrl() });
  await other.connect();
});
afterAll(async () => {
  await other.end();
  await liveHub().stop();
});

async function until(check: () => Promise<boolean> | boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}

// What another instance's revokeApiToken / sign-out does: the change and its NOTIFY, one commit.
async function elsewhere(sql: string, params: unknown[], event: object): Promise<void> {
  await other.query("BEGIN");
  await other.query(sql, params);
  await other.query("SELECT pg_notify($1, $2)", [ACCESS_EVENTS_CHANNEL, JSON.stringify(event)]);
  await other.query("COMMIT");
}

describe("auth cache, listening", () => {
  beforeAll(async () => {
    liveHub().keepListening();
    await until(() => authCache().isListening);
  });

  it("a token is answered from the cache; another instance's revocation clears it on its NOTIFY", async () => {
    const cache = authCache();
    const first = await authenticateApiToken(w.tokens.viewer);
    expect(first).toMatchObject({ kind: "token", tokenId: w.tokenIds.viewer, role: "viewer" });
    const misses = cache.misses;
    // Revoked behind the app's back (no announcement): the cache still answers, so it is in use.
    await prisma.apiToken.update({ where: { id: w.tokenIds.viewer }, data: { revokedAt: new Date() } });
    expect(await authenticateApiToken(w.tokens.viewer)).toEqual(first);
    expect(cache.misses).toBe(misses);
    // Another instance revokes the editor token, with its NOTIFY: refused as soon as it arrives.
    expect(await authenticateApiToken(w.tokens.editor)).toMatchObject({ role: "editor" });
    const hits = cache.hits;
    expect(await authenticateApiToken(w.tokens.editor)).toMatchObject({ role: "editor" });
    expect(cache.hits).toBe(hits + 1);
    await elsewhere(`UPDATE "ApiToken" SET "revokedAt" = now() WHERE id = $1`, [w.tokenIds.editor], {
      workspaceId: w.alpha.id,
      tokenId: w.tokenIds.editor,
      change: "token_revoked",
    });
    await until(async () => (await authenticateApiToken(w.tokens.editor)) === null, 2_000);
    // Any access event clears everything: the viewer token's staleness ends with it.
    expect(await authenticateApiToken(w.tokens.viewer)).toBeNull();
  });

  it("a session is answered from the cache; a sign-out elsewhere clears it on its NOTIFY", async () => {
    const sid = await createAuthSession(w.users.editor);
    expect(await isAuthSessionValid(sid, w.users.editor)).toBe(true);
    expect(await isAuthSessionValid(sid, w.users.viewer)).toBe(false); // keyed by user too
    const hits = authCache().hits;
    expect(await isAuthSessionValid(sid, w.users.editor)).toBe(true);
    expect(authCache().hits).toBe(hits + 1);
    await elsewhere(`DELETE FROM "AuthSession" WHERE id = $1`, [sid], { sessionId: sid, change: "session_ended" });
    await until(async () => !(await isAuthSessionValid(sid, w.users.editor)), 2_000);
  });

  it("lastUsedAt is written on first use, not again by cached uses within the minute", async () => {
    const lastUsed = async () =>
      (await prisma.apiToken.findUniqueOrThrow({ where: { id: w.tokenIds.foreign }, select: { lastUsedAt: true } }))
        .lastUsedAt;
    await prisma.apiToken.update({ where: { id: w.tokenIds.foreign }, data: { lastUsedAt: null } });
    expect(await authenticateApiToken(w.tokens.foreign)).toMatchObject({ role: "owner" });
    expect(await lastUsed()).not.toBeNull();
    await prisma.apiToken.update({ where: { id: w.tokenIds.foreign }, data: { lastUsedAt: null } });
    for (let i = 0; i < 5; i++) expect(await authenticateApiToken(w.tokens.foreign)).not.toBeNull();
    expect(await lastUsed()).toBeNull();
  });

  it("a read that raced an invalidation is not kept", async () => {
    const cache = new AuthCache();
    cache.setListening(true);
    let loads = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const load = async () => {
      loads++;
      await gate;
      return null;
    };
    const pending = cache.token("k", load);
    cache.clear(); // the revocation arrives while the database read is under way
    release();
    await pending;
    await cache.token("k", async () => (loads++, null));
    expect(loads).toBe(2);
    await cache.token("k", async () => (loads++, null));
    expect(loads).toBe(2); // stored by the undisturbed read
  });
});

describe("case state and roles, listening (a cached compute read makes no database round trip)", () => {
  beforeAll(async () => {
    liveHub().keepListening();
    await until(() => authCache().isListening);
  });

  it("a case's version is answered from memory; another instance's write is seen once its NOTIFY arrives", async () => {
    const cache = authCache();
    const first = await getCaseRevisionOrThrow(w.actors.viewer, w.caseId);
    const misses = cache.misses;
    expect(await getCaseRevisionOrThrow(w.actors.viewer, w.caseId)).toEqual(first);
    expect(
      await getCaseRevisionOrThrow(
        { kind: "token", tokenId: w.tokenIds.viewer, workspaceId: w.alpha.id, role: "viewer" },
        w.caseId,
      ),
    ).toEqual(first);
    expect(cache.misses).toBe(misses); // case state and the viewer's role both from memory
    // Changed behind the app's back (no announcement): memory still answers, so it is in use.
    await other.query(`UPDATE "BusinessCase" SET version = version + 1 WHERE id = $1`, [w.caseId]);
    expect(await getCaseRevisionOrThrow(w.actors.viewer, w.caseId)).toEqual(first);
    // Another instance's announcement of its write arrives: the next read sees the new version.
    await other.query("BEGIN");
    await other.query("SELECT pg_notify($1, $2)", [
      CASE_EVENTS_CHANNEL,
      JSON.stringify({
        caseId: w.caseId,
        workspaceId: w.alpha.id,
        version: first.version + 1,
        door: "plan",
        kind: "line.update",
        entityType: "line",
        entityId: w.lineId,
        actor: { kind: "user", id: w.users.editor },
        at: new Date().toISOString(),
      }),
    ]);
    await other.query("COMMIT");
    await until(async () => (await getCaseRevisionOrThrow(w.actors.viewer, w.caseId)).version === first.version + 1);
    // This instance's own write is seen by the very next read, NOTIFY or not.
    const v = (await getCaseRevisionOrThrow(w.actors.viewer, w.caseId)).version;
    await updateLine(w.actors.editor, w.lineId, v, { name: "Renamed here" });
    expect((await getCaseRevisionOrThrow(w.actors.viewer, w.caseId)).version).toBe(v + 1);
  });

  it("outsiders and other workspaces' tokens are refused from memory as from the database; a removed member on the next request", async () => {
    await getCaseRevisionOrThrow(w.actors.viewer, w.caseId); // state kept
    await expect(getCaseRevisionOrThrow(w.actors.outsider, w.caseId)).rejects.toMatchObject({ code: "not_found" });
    await expect(
      getCaseRevisionOrThrow(
        { kind: "token", tokenId: w.tokenIds.foreign, workspaceId: w.beta.id, role: "owner" },
        w.caseId,
      ),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(getCaseRevisionOrThrow(w.actors.viewer, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject(
      { code: "not_found" },
    );
    // The viewer removed by another instance (with its access NOTIFY): refused at once after it.
    await elsewhere(
      `DELETE FROM "Membership" WHERE "userId" = $1 AND "workspaceId" = $2`,
      [w.users.viewer, w.alpha.id],
      { workspaceId: w.alpha.id, userId: w.users.viewer, change: "removed" },
    );
    await until(async () => {
      try {
        await getCaseRevisionOrThrow(w.actors.viewer, w.caseId);
        return false;
      } catch (error) {
        return (error as { code?: string }).code === "not_found";
      }
    });
  });
});

describe("auth cache, not listening", () => {
  it("with no LISTEN connection (starting, reconnecting, stopped) every request reads the database", async () => {
    const cache = new AuthCache();
    const hub = new LiveHub(() => "postgresql://nobody@127.0.0.1:1/none", cache);
    hub.keepListening();
    let loads = 0;
    const load = async () => (
      loads++,
      { kind: "token" as const, tokenId: "t", workspaceId: "w", role: "viewer" as const }
    );
    await cache.token("k", load);
    await cache.token("k", load);
    expect(cache.isListening).toBe(false);
    expect(loads).toBe(2);
    await hub.stop();

    // The process's own cache after its hub stops: bypassed, so an unannounced change is seen.
    const sid = await createAuthSession(w.users.viewer);
    expect(await isAuthSessionValid(sid, w.users.viewer)).toBe(true);
    await liveHub().stop();
    expect(authCache().isListening).toBe(false);
    expect(await isAuthSessionValid(sid, w.users.viewer)).toBe(true);
    await prisma.authSession.delete({ where: { id: sid } });
    expect(await isAuthSessionValid(sid, w.users.viewer)).toBe(false);
    expect(await authenticateApiToken(w.tokens.owner)).toMatchObject({ role: "owner" });
    await prisma.apiToken.update({ where: { id: w.tokenIds.owner }, data: { revokedAt: new Date() } });
    expect(await authenticateApiToken(w.tokens.owner)).toBeNull();
  });
});
