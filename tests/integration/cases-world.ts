// A small world for the case and API tests: workspace "alpha" (owner, editor, viewer, tokens of each
// role) holding the demo case, and workspace "beta" (its owner is the outsider, with a token and a
// case of its own). Built through the data layer, so the fixtures obey the same rules.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseCaseFile } from "@/lib/case-file/parse";
import type { CaseFile } from "@/lib/case-file/schema";
import type { Actor } from "@/lib/db/access";
import { createApiToken } from "@/lib/db/api-tokens";
import { createCaseFromFile } from "@/lib/db/cases";
import { prisma } from "@/lib/db/client";
import { resetDatabase } from "../helpers/db";

export const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/cases");

export function loadCaseFile(name = "demo-crm-upgrade"): CaseFile {
  const parsed = parseCaseFile(JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), "utf8")));
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}

export type RoleName =
  | "owner"
  | "editor"
  | "viewer"
  | "outsider"
  | "tokenOwner"
  | "tokenEditor"
  | "tokenViewer"
  | "foreignToken"
  | "anonymous";

export interface World {
  alpha: { id: string; slug: string };
  beta: { id: string; slug: string };
  users: { owner: string; editor: string; viewer: string; outsider: string };
  actors: { owner: Actor; editor: Actor; viewer: Actor; outsider: Actor };
  tokens: { owner: string; editor: string; viewer: string; foreign: string };
  tokenIds: { owner: string; editor: string; viewer: string; foreign: string };
  caseId: string; // alpha's demo case
  version: number;
  scenarioId: string; // "upgrade"
  baselineScenarioId: string; // "current"
  lineId: string; // first cost line of "upgrade"
  riskId: string;
  kpiId: string;
  assumptionId: string;
  foreign: { caseId: string; scenarioId: string; lineId: string; riskId: string; kpiId: string; assumptionId: string };
}

const userActor = (userId: string): Actor => ({ kind: "user", userId });

export async function buildWorld(): Promise<World> {
  await resetDatabase();
  const mk = (email: string, name: string) => prisma.user.create({ data: { email, name }, select: { id: true } });
  const [owner, editor, viewer, outsider] = await Promise.all([
    mk("owner@alpha.test", "Olivia Owner"),
    mk("editor@alpha.test", "Edvin Editor"),
    mk("viewer@alpha.test", "Vera Viewer"),
    mk("outsider@beta.test", "Otto Outsider"),
  ]);
  const alpha = await prisma.workspace.create({
    data: { name: "Alpha AB", slug: "alpha" },
    select: { id: true, slug: true },
  });
  const beta = await prisma.workspace.create({
    data: { name: "Beta AS", slug: "beta" },
    select: { id: true, slug: true },
  });
  await prisma.membership.createMany({
    data: [
      { workspaceId: alpha.id, userId: owner.id, role: "owner" },
      { workspaceId: alpha.id, userId: editor.id, role: "editor" },
      { workspaceId: alpha.id, userId: viewer.id, role: "viewer" },
      { workspaceId: beta.id, userId: outsider.id, role: "owner" },
    ],
  });
  const ownerActor = userActor(owner.id);
  const outsiderActor = userActor(outsider.id);
  const t = async (actor: Actor, ws: string, role: "owner" | "editor" | "viewer") =>
    createApiToken(actor, ws, { name: `${role} token`, role });
  const [tOwner, tEditor, tViewer, tForeign] = [
    await t(ownerActor, "alpha", "owner"),
    await t(ownerActor, "alpha", "editor"),
    await t(ownerActor, "alpha", "viewer"),
    await t(outsiderActor, "beta", "owner"),
  ];

  const demo = loadCaseFile();
  const created = await createCaseFromFile(ownerActor, "alpha", demo);
  const foreignCase = await createCaseFromFile(outsiderActor, "beta", demo);
  const pick = (c: typeof created) => {
    const upgrade = c.data.scenarios.find((s) => s.key === "upgrade")!;
    return {
      caseId: c.caseId,
      scenarioId: upgrade.id,
      lineId: c.data.lines.find((l) => l.scenarioId === upgrade.id && l.kind === "cost")!.id,
      riskId: c.data.risks[0]!.id,
      kpiId: c.data.kpis[0]!.id,
      assumptionId: c.data.assumptions[0]!.id,
    };
  };
  const a = pick(created);
  return {
    alpha,
    beta,
    users: { owner: owner.id, editor: editor.id, viewer: viewer.id, outsider: outsider.id },
    actors: { owner: ownerActor, editor: userActor(editor.id), viewer: userActor(viewer.id), outsider: outsiderActor },
    tokens: { owner: tOwner.secret, editor: tEditor.secret, viewer: tViewer.secret, foreign: tForeign.secret },
    tokenIds: {
      owner: tOwner.token.id,
      editor: tEditor.token.id,
      viewer: tViewer.token.id,
      foreign: tForeign.token.id,
    },
    ...a,
    version: created.version,
    baselineScenarioId: created.data.scenarios.find((s) => s.isBaseline)!.id,
    foreign: pick(foreignCase),
  };
}

export async function caseVersion(caseId: string): Promise<number> {
  return (await prisma.businessCase.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } })).version;
}
