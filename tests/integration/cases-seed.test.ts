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
    const ws = await prisma.workspace.findUniqueOrThrow({
      where: { slug: DEMO_WORKSPACE.slug },
      include: { cases: true },
    });
    // the demo CRM case and, beside it, the case twelve months after go-live (realisation)
    expect(ws.cases).toHaveLength(2);
    const demo = ws.cases.find((c) => c.name === loadCaseFile().name)!;
    const owner = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_USERS.owner.email } });
    expect(demo.createdById).toBe(owner.id);
    const viewer = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_USERS.viewer.email } });
    const computed = await getCaseCompute({ kind: "user", userId: viewer.id }, demo.id);
    expect(computed.output).toEqual(JSON.parse(JSON.stringify(computeCase(loadCaseFile()))));
  });
});

describe("seed: demo realisation case", () => {
  it("loads the case twelve months after go-live with its actuals and KPI values, approved, and computes its realisation", async () => {
    await resetDatabase();
    expect(await seedDemo()).toContain("demo realisation case");
    expect(await seedDemo()).not.toContain("demo realisation case");
    const file = loadCaseFile("demo-realisation");
    const row = await prisma.businessCase.findFirstOrThrow({
      where: { name: file.name },
      select: { id: true, status: true, actualsThrough: true, goLiveMonth: true },
    });
    expect(row).toMatchObject({ status: "approved", actualsThrough: 16, goLiveMonth: 4 });
    const viewer = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_USERS.viewer.email } });
    const computed = await getCaseCompute({ kind: "user", userId: viewer.id }, row.id);
    expect(computed.output.realisation).toEqual(JSON.parse(JSON.stringify(computeCase(file).realisation)));
    expect(computed.output.realisation!.lines.filter((l) => !l.recorded).map((l) => l.name)).toEqual([
      "Self-service order tracking",
    ]);
  });
});
