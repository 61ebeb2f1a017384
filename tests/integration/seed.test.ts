// npm run db:seed: the demo owner and viewer in "Nordic Retail AB", idempotent, never in production
// unless forced.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_USERS, verifyPassword } from "@/lib/auth/password";
import { prisma } from "@/lib/db/client";
import { DEMO_WORKSPACE, SEED_STEPS, seedDemo } from "@/lib/db/seed-demo";
import { resetDatabase } from "../helpers/db";

const root = path.resolve(import.meta.dirname, "../..");
const seedCli = (env: Record<string, string>, args: string[] = []) =>
  spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "prisma/seed.ts", ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });

describe("demo seed", () => {
  it("creates the demo owner and viewer in Nordic Retail AB once; running it again changes nothing", async () => {
    await resetDatabase();
    expect(SEED_STEPS[0]!.name).toBe("demo workspace and users");
    expect(await seedDemo()).toContain("demo workspace and users");
    const again = await seedDemo();
    expect(again).toEqual([]);
    const ws = await prisma.workspace.findUniqueOrThrow({
      where: { slug: DEMO_WORKSPACE.slug },
      include: { memberships: { include: { user: true } } },
    });
    expect(ws.name).toBe("Nordic Retail AB");
    const roles = Object.fromEntries(ws.memberships.map((m) => [m.user.email, m.role]));
    expect(roles).toEqual({ [DEMO_USERS.owner.email]: "owner", [DEMO_USERS.viewer.email]: "viewer" });
    const owner = ws.memberships.find((m) => m.role === "owner")!.user;
    expect(await verifyPassword(DEMO_USERS.owner.password, owner.passwordHash!)).toBe(true);
    expect(await prisma.user.count()).toBe(2);
  });

  it("refuses NODE_ENV=production without --force, in one line", async () => {
    await resetDatabase();
    const r = seedCli({ NODE_ENV: "production" });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      "db:seed: refusing to load demo data with NODE_ENV=production (pass --force to insist)",
    );
    expect(await prisma.user.count()).toBe(0);
  });

  it("runs from the command line and says when the data is already there", () => {
    const first = seedCli({ NODE_ENV: "test" });
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^seeded: demo workspace and users/m);
    const second = seedCli({ NODE_ENV: "production" }, ["--force"]);
    expect(second.status).toBe(0);
    expect(second.stdout.trim()).toBe("demo data already present");
  });
});
