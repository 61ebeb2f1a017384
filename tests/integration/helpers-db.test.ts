// The shared fixtures build what they say, on the real database.
import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { prisma } from "@/lib/db/client";
import { addMember, countRows, createUserFixture, createWorkspaceFixture, resetDatabase } from "../helpers/db";

describe("test helpers", () => {
  it("create users, workspaces with their owner, and members; reset empties every table", async () => {
    await resetDatabase();
    expect(process.env.NODE_ENV).toBe("test");
    expect(process.env.BCRYPT_COST).toBe("4");
    const owner = await createUserFixture();
    const viewer = await createUserFixture({ email: "viewer@example.com" });
    const ws = await createWorkspaceFixture(owner.id, { name: "Acme" });
    await addMember(ws.id, viewer.id, "editor");
    await addMember(ws.id, viewer.id, "viewer");
    const members = await prisma.membership.findMany({ where: { workspaceId: ws.id }, orderBy: { role: "asc" } });
    expect(members.map((m) => [m.userId, m.role])).toEqual([
      [owner.id, "owner"],
      [viewer.id, "viewer"],
    ]);
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(stored.passwordHash).toMatch(/^\$2[aby]\$04\$/);
    expect(await verifyPassword(owner.password, stored.passwordHash!)).toBe(true);
    await resetDatabase();
    expect(await countRows("User")).toBe(0);
    expect(await countRows("_prisma_migrations")).toBeGreaterThan(0);
  });
});
