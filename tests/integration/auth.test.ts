// Sign-in rules on a real PostgreSQL: generic failures, limits per account and per address
// shared through the database, and server-side sessions that sign-out ends.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { authorizeCredentials, RATE_LIMITED_ERROR } from "@/lib/auth/options";
import { createAuthSession, deleteAuthSession, isAuthSessionValid } from "@/lib/db/sessions";
import { createUserWithPassword } from "@/lib/db/users";
import { resetDatabase } from "../helpers/db";

beforeEach(async () => {
  await resetDatabase();
  await createUserWithPassword({ email: "astrid@example.com", password: "the right passphrase" });
});

// As scripts/serve.mjs runs the app: the socket's address in its own header.
const MARKER = Symbol.for("caseboard.server");
beforeAll(() => {
  (globalThis as Record<symbol, unknown>)[MARKER] = { socketHeader: "x-caseboard-socket-address" };
});
afterAll(() => {
  delete (globalThis as Record<symbol, unknown>)[MARKER];
});

const attempt = (email: string, password: string, ip = "203.0.113.7", forwardedFor?: string) =>
  authorizeCredentials(
    { email, password },
    { "x-caseboard-socket-address": ip, ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) },
  );

describe("credentials sign-in", () => {
  it("accepts the right password, with the e-mail normalised", async () => {
    expect(await attempt("  Astrid@Example.com ", "the right passphrase")).toMatchObject({
      email: "astrid@example.com",
    });
  });

  it("answers the same for an unknown e-mail and a wrong password", async () => {
    expect(await attempt("nobody@example.com", "whatever it is")).toBeNull();
    expect(await attempt("astrid@example.com", "wrong passphrase")).toBeNull();
  });

  it("locks an account after 5 failures, even with the right password, from any address", async () => {
    for (let i = 0; i < 5; i++) expect(await attempt("astrid@example.com", "wrong", `198.51.100.${i}`)).toBeNull();
    await expect(attempt("astrid@example.com", "the right passphrase", "192.0.2.1")).rejects.toThrow(
      RATE_LIMITED_ERROR,
    );
  });

  it("limits one address after 20 failures across accounts", async () => {
    for (let i = 0; i < 20; i++) expect(await attempt(`user${i}@example.com`, "wrong", "198.51.100.99")).toBeNull();
    await expect(attempt("astrid@example.com", "the right passphrase", "198.51.100.99")).rejects.toThrow(
      RATE_LIMITED_ERROR,
    );
    expect(await attempt("astrid@example.com", "the right passphrase", "198.51.100.100")).not.toBeNull();
  });

  it("a client that writes a new X-Forwarded-For on every attempt is still limited by its own address", async () => {
    for (let i = 0; i < 20; i++)
      expect(await attempt(`user${i}@example.com`, "wrong", "198.51.100.99", `10.9.${i}.1`)).toBeNull();
    await expect(attempt("astrid@example.com", "the right passphrase", "198.51.100.99", "10.9.99.1")).rejects.toThrow(
      RATE_LIMITED_ERROR,
    );
  }, 120_000);
});

describe("sessions", () => {
  it("a session row makes the token valid; deleting it (sign-out) ends it", async () => {
    const { id } = (await attempt("astrid@example.com", "the right passphrase"))!;
    const sid = await createAuthSession(id);
    expect(await isAuthSessionValid(sid, id)).toBe(true);
    expect(await isAuthSessionValid(sid, "00000000-0000-4000-8000-000000000000")).toBe(false);
    await deleteAuthSession(sid);
    expect(await isAuthSessionValid(sid, id)).toBe(false);
    expect(await isAuthSessionValid("not-a-uuid", id)).toBe(false);
  });
});
