import "server-only";
import { DEMO_USERS, hashPassword } from "@/lib/auth/password";
import { parseCaseFile } from "@/lib/case-file/parse";
import demoCaseFile from "@/tests/fixtures/cases/demo-crm-upgrade.json";
import demoRealisationFile from "@/tests/fixtures/cases/demo-realisation.json";
import { createCaseFromFile, setCaseStatus } from "./cases";
import { prisma } from "./client";

export const DEMO_WORKSPACE = { name: "Nordic Retail AB", slug: "nordic-retail" } as const;

interface SeedStep {
  name: string;
  // Returns true when it changed something.
  run: () => Promise<boolean>;
}

async function upsertUser(user: { email: string; name: string; password: string }) {
  const existing = await prisma.user.findUnique({ where: { email: user.email }, select: { id: true } });
  if (existing) return { id: existing.id, created: false };
  const created = await prisma.user.create({
    data: { email: user.email, name: user.name, passwordHash: await hashPassword(user.password) },
    select: { id: true },
  });
  return { id: created.id, created: true };
}

// Further steps (the demo case) are appended here; each must be idempotent.
export const SEED_STEPS: SeedStep[] = [
  {
    name: "demo workspace and users",
    run: async () => {
      const owner = await upsertUser(DEMO_USERS.owner);
      const viewer = await upsertUser(DEMO_USERS.viewer);
      const workspace = await prisma.workspace.upsert({
        where: { slug: DEMO_WORKSPACE.slug },
        create: { name: DEMO_WORKSPACE.name, slug: DEMO_WORKSPACE.slug },
        update: {},
        select: { id: true },
      });
      for (const [userId, role] of [
        [owner.id, "owner"],
        [viewer.id, "viewer"],
      ] as const) {
        await prisma.membership.upsert({
          where: { workspaceId_userId: { workspaceId: workspace.id, userId } },
          create: { workspaceId: workspace.id, userId, role },
          update: {},
        });
      }
      return owner.created || viewer.created;
    },
  },
  {
    // The demo CRM case, read from its case file and stored like an import by the demo owner.
    name: "demo CRM case",
    run: async () => {
      const parsed = parseCaseFile(demoCaseFile);
      if (!parsed.ok)
        throw new Error(`demo case file: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
      const workspace = await prisma.workspace.findUniqueOrThrow({
        where: { slug: DEMO_WORKSPACE.slug },
        select: { id: true },
      });
      const existing = await prisma.businessCase.count({
        where: { workspaceId: workspace.id, name: parsed.value.name },
      });
      if (existing) return false;
      const owner = await prisma.user.findUniqueOrThrow({
        where: { email: DEMO_USERS.owner.email },
        select: { id: true },
      });
      await createCaseFromFile({ kind: "user", userId: owner.id }, DEMO_WORKSPACE.slug, parsed.value, "case.import");
      return true;
    },
  },
  {
    // A second case twelve months after go-live, with actuals and KPI values, so the Realisation
    // tab has something to show (tests/fixtures/cases/demo-realisation.json).
    name: "demo realisation case",
    run: async () => {
      const parsed = parseCaseFile(demoRealisationFile);
      if (!parsed.ok)
        throw new Error(`demo realisation file: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
      const workspace = await prisma.workspace.findUniqueOrThrow({
        where: { slug: DEMO_WORKSPACE.slug },
        select: { id: true },
      });
      if (await prisma.businessCase.count({ where: { workspaceId: workspace.id, name: parsed.value.name } }))
        return false;
      const owner = await prisma.user.findUniqueOrThrow({
        where: { email: DEMO_USERS.owner.email },
        select: { id: true },
      });
      const actor = { kind: "user" as const, userId: owner.id };
      const created = await createCaseFromFile(actor, DEMO_WORKSPACE.slug, parsed.value, "case.import");
      // The plan was approved before go-live; the actuals recorded since leave it approved.
      await setCaseStatus(actor, created.caseId, created.version, "approved");
      // Its plan was settled long before the demo CRM case: dated so, the demo CRM case (the one
      // the guide and its tests open first) stays at the top of the list, newest change first.
      await prisma.$executeRaw`UPDATE "BusinessCase" SET "updatedAt" = "createdAt" - interval '1 day' WHERE id = ${created.caseId}::uuid`;
      return true;
    },
  },
];

export async function seedDemo(): Promise<string[]> {
  const changed: string[] = [];
  for (const step of SEED_STEPS) if (await step.run()) changed.push(step.name);
  return changed;
}
