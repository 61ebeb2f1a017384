// Session lifetime settings: the idle timeout ends a session unused for SESSION_IDLE_MINUTES, use
// keeps it alive, and the absolute lifetime comes from SESSION_MAX_AGE_HOURS.
import { afterEach, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
import { authCache } from "@/lib/db/auth-cache";
import { prisma } from "@/lib/db/client";
import { createAuthSession, isAuthSessionValid } from "@/lib/db/sessions";
import { createUserFixture } from "../helpers/db";

afterEach(() => {
  delete process.env.SESSION_IDLE_MINUTES;
  delete process.env.SESSION_MAX_AGE_HOURS;
  authCache().clear();
});

describe("session lifetime", () => {
  it("ends a session idle for longer than SESSION_IDLE_MINUTES; a used one stays", async () => {
    process.env.SESSION_IDLE_MINUTES = "15";
    const user = await createUserFixture();
    const idle = await createAuthSession(user.id);
    const used = await createAuthSession(user.id);
    await prisma.authSession.update({ where: { id: idle }, data: { lastSeenAt: new Date(Date.now() - 16 * 60_000) } });
    await prisma.authSession.update({ where: { id: used }, data: { lastSeenAt: new Date(Date.now() - 14 * 60_000) } });
    authCache().clear();
    expect(await isAuthSessionValid(idle, user.id)).toBe(false);
    expect(await isAuthSessionValid(used, user.id)).toBe(true);
    // That use was recorded: the session's idle clock starts again.
    const row = await prisma.authSession.findUniqueOrThrow({ where: { id: used } });
    expect(Date.now() - row.lastSeenAt.getTime()).toBeLessThan(60_000);
    // Without an idle timeout the idle session is still valid.
    delete process.env.SESSION_IDLE_MINUTES;
    authCache().clear();
    expect(await isAuthSessionValid(idle, user.id)).toBe(true);
  });

  it("gives a new session the absolute lifetime of SESSION_MAX_AGE_HOURS", async () => {
    process.env.SESSION_MAX_AGE_HOURS = "8";
    const user = await createUserFixture();
    const sid = await createAuthSession(user.id);
    const row = await prisma.authSession.findUniqueOrThrow({ where: { id: sid } });
    expect(Math.abs(row.expiresAt.getTime() - Date.now() - 8 * 3_600_000)).toBeLessThan(60_000);
  });
});
