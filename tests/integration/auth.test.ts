// Sign-in rules on a real PostgreSQL: generic failures, limits per account and per address
// shared through the database, and server-side sessions that sign-out ends.
import { beforeEach, describe, expect, it } from "vitest";
import { authorizeCredentials, RATE_LIMITED_ERROR } from "@/lib/auth/options";
import { createAuthSession, deleteAuthSession, isAuthSessionValid } from "@/lib/db/sessions";
import { createUserWithPassword } from "@/lib/db/users";
import { resetDatabase } from "../helpers/db";

beforeEach(async () => {
  await resetDatabase();
  await createUserWithPassword({ email: "astrid@example.com", password: "the right passphrase" });
});

const attempt = (email: string, password: string, ip = "203.0.113.7") => authorizeCredentials({ email, password }, { "x-forwarded-for": `${ip}, 10.0.0.1` });

describe("credentials sign-in", () => {
  it("accepts the right password, with the e-mail normalised", async () => {
    expect(await attempt("  Astrid@Example.com ", "the right passphrase")).toMatchObject({ email: "astrid@example.com" });
  });

  it("answers the same for an unknown e-mail and a wrong password", async () => {
    expect(await attempt("nobody@example.com", "whatever it is")).toBeNull();
    expect(await attempt("astrid@example.com", "wrong passphrase")).toBeNull();
  });

  it("locks an account after 5 failures, even with the right password, from any address", async () => {
    for (let i = 0; i < 5; i++) expect(await attempt("astrid@example.com", "wrong", `198.51.100.${i}`)).toBeNull();
    await expect(attempt("astrid@example.com", "the right passphrase", "192.0.2.1")).rejects.toThrow(RATE_LIMITED_ERROR);
  });

  it("limits one address after 20 failures across accounts", async () => {
    for (let i = 0; i < 20; i++) expect(await attempt(`user${i}@example.com`, "wrong", "198.51.100.99")).toBeNull();
    await expect(attempt("astrid@example.com", "the right passphrase", "198.51.100.99")).rejects.toThrow(RATE_LIMITED_ERROR);
    expect(await attempt("astrid@example.com", "the right passphrase", "198.51.100.100")).not.toBeNull();
  });
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
