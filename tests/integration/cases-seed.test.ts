// The seed loads the demo CRM case from its case file, once, owned by the demo owner.
import { describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
import { DEMO_USERS } from "@/lib/auth/password";
import { prisma } from "@/lib/db/client";
import { DEMO_WORKSPACE, seedDemo } from "@/lib/db/seed-demo";
import { computeCase } from "@/lib/finance/compute";
import { getCaseCompute } from "@/lib/services/compute-case";
import { resetDatabase } from "../helpers/db";
import { loadCaseFile } from "./cases-world";

describe("seed: demo CRM case", () => {
  it("loads the demo case into Nordic Retail AB once, and its compute equals the engine on the file", async () => {
    await resetDatabase();
    expect(await seedDemo()).toContain("demo CRM case");
    expect(await seedDemo()).not.toContain("demo CRM case");
    const ws = await prisma.workspace.findUniqueOrThrow({ where: { slug: DEMO_WORKSPACE.slug }, include: { cases: true } });
    expect(ws.cases).toHaveLength(1);
    const owner = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_USERS.owner.email } });
    expect(ws.cases[0]!.createdById).toBe(owner.id);
    const viewer = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_USERS.viewer.email } });
    const computed = await getCaseCompute({ kind: "user", userId: viewer.id }, ws.cases[0]!.id);
    expect(computed.output).toEqual(JSON.parse(JSON.stringify(computeCase(loadCaseFile()))));
  });
});
