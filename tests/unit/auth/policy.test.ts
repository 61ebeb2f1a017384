import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { passwordSchema, signUpSchema } from "@/lib/validation/auth";

describe("callbackUrl", () => {
  const origin = "https://caseboard.example.com";
  it("keeps paths on our origin", () => {
    expect(safeCallbackPath("/w/nordic?tab=1", origin)).toBe("/w/nordic?tab=1");
    expect(safeCallbackPath(`${origin}/w`, origin)).toBe("/w");
  });
  for (const evil of [
    "//evil.com",
    "/\\evil.com",
    "https://evil.com/w",
    "javascript:alert(1)",
    "http://caseboard.example.com.evil.com/",
    "\u0000/w",
    "",
    undefined,
    42,
    "/%0d%0aSet-Cookie:x",
  ]) {
    it(`sends ${JSON.stringify(evil)} home`, () => {
      const path = safeCallbackPath(evil, origin);
      expect(new URL(path, origin).origin).toBe(origin);
      expect(path.startsWith("//")).toBe(false);
    });
  }
});

describe("password policy", () => {
  it("needs 8 to 128 characters, allows long passphrases, refuses common passwords", () => {
    expect(passwordSchema.safeParse("short").success).toBe(false);
    expect(passwordSchema.safeParse("password123").success).toBe(false);
    expect(passwordSchema.safeParse("Password1").success).toBe(false);
    expect(passwordSchema.safeParse("correct horse battery staple").success).toBe(true);
    expect(passwordSchema.safeParse("x".repeat(64)).success).toBe(true);
    expect(passwordSchema.safeParse("x".repeat(129)).success).toBe(false);
  });
  it("normalises e-mails", () => {
    const r = signUpSchema.parse({ email: "  Nina@Example.COM ", password: "correct horse battery" });
    expect(r.email).toBe("nina@example.com");
  });
});
