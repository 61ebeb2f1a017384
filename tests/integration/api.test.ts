// Every /api/v1 operation x every kind of caller, through the real route handlers on a real
// PostgreSQL. Only the allowed cells succeed; the others answer 401 (anonymous), 403 (a member whose
// role is too low) or 404 (another workspace), and the database is unchanged.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import { OPERATIONS, type Operation } from "@/lib/api/operations";
import { requestApproval } from "@/lib/db/approvals";
import { prisma } from "@/lib/db/client";
import { createSnapshot } from "@/lib/db/snapshots";
import { savePortfolioPlan } from "@/lib/services/portfolio";
import { snapshotDatabase } from "../helpers/db";
import { makeTemplate } from "../helpers/pptx";
import { call } from "./api-client";
import { buildWorld, caseVersion, loadCaseFile, type RoleName, type World } from "./cases-world";

const ROLES: RoleName[] = [
  "owner",
  "editor",
  "viewer",
  "outsider",
  "tokenOwner",
  "tokenEditor",
  "tokenViewer",
  "foreignToken",
  "anonymous",
];

function allowedRoles(op: Operation): RoleName[] {
  // People only: a token never manages tokens, nor how people sign in.
  if (op.tag === "tokens" || op.tag === "sign-in") return ["owner"];
  if (op.role === "viewer") return ["owner", "editor", "viewer", "tokenOwner", "tokenEditor", "tokenViewer"];
  if (op.role === "editor") return ["owner", "editor", "tokenOwner", "tokenEditor"];
  return ["owner", "tokenOwner"];
}

// What each operation is called with, on alpha's demo case.
async function requestFor(
  op: Operation,
  w: World,
): Promise<{ params: Record<string, string>; body?: unknown; query?: string; rawBody?: Uint8Array<ArrayBuffer> }> {
  // Versions: a snapshot to read, download, restore and diff against; a pending request to reject.
  const snapshotId =
    op.path.includes("{snapshotId}") || op.id === "diffCase"
      ? (await createSnapshot(w.actors.editor, w.caseId, "Board pre-read")).data.id
      : "";
  if (op.id === "rejectApproval") await requestApproval(w.actors.editor, w.caseId, { note: "please" });
  // The portfolio: a plan to read.
  const planId = op.path.includes("{planId}")
    ? (await savePortfolioPlan(w.actors.editor, "alpha", { name: "Board", budgets: { "2027": "2000000" } })).id
    : "";
  const params = {
    snapshotId,
    planId,
    workspace: "alpha",
    caseId: w.caseId,
    scenarioId: w.scenarioId,
    lineId: w.lineId,
    riskId: w.riskId,
    kpiId: w.kpiId,
    assumptionId: w.assumptionId,
    tokenId: w.tokenIds.viewer,
    commentId: op.path.includes("{commentId}")
      ? (
          await prisma.comment.create({
            data: { caseId: w.caseId, authorId: w.users.owner, body: "A thread" },
            select: { id: true },
          })
        ).id
      : "",
  };
  const ids = async (table: "risk" | "kpi" | "assumption") =>
    (
      await (prisma[table] as unknown as { findMany: (a: object) => Promise<{ id: string }[]> }).findMany({
        where: { caseId: w.caseId },
        orderBy: { position: "asc" },
        select: { id: true },
      })
    )
      .map((r) => r.id)
      .reverse();
  const bodies: Record<string, unknown> = {
    createCase: { name: "Brand new" },
    importCase: JSON.parse(JSON.stringify(loadCaseFile())),
    updateCase: { description: "Updated by the API" },
    renameCase: { name: "Renamed" },
    setCaseProposal: { chosenScenario: "upgrade" },
    goalSeekCase: { input: "discountRate", metric: "npv", target: "0", low: "0", high: "2" },
    archiveCase: { archived: true },
    setCaseStatus: { status: "approved" },
    createScenario: { name: "Do nothing" },
    renameScenario: { name: "Upgrade v2" },
    cloneScenario: {},
    addLine: { kind: "cost", scenarioId: w.scenarioId, name: "Extra", category: "other", amount: "1000", month: 2 },
    reorderLines: {
      ids: (
        await prisma.caseLine.findMany({
          where: { scenarioId: w.scenarioId, kind: "cost" },
          orderBy: { position: "asc" },
          select: { id: true },
        })
      )
        .map((l) => l.id)
        .reverse(),
    },
    updateLine: { amount: "36500" },
    addRisk: { title: "Vendor delay", likelihood: 2, impact: 3 },
    reorderRisks: { ids: await ids("risk") },
    updateRisk: { impact: 2 },
    addKpi: { name: "Win rate" },
    reorderKpis: { ids: await ids("kpi") },
    updateKpi: { unit: "pts" },
    // realisation (tracking writes): the demo case has no actualsThrough yet, so the line merge
    // deletes a month (always allowed) and the KPI gets values before and after the start
    setLineActuals: { actuals: { "0": null } },
    setKpiActuals: {
      actuals: [
        { month: -1, value: "70" },
        { month: 1, value: "75" },
      ],
    },
    addAssumption: { title: "FX" },
    reorderAssumptions: { ids: await ids("assumption") },
    updateAssumption: { text: "changed" },
    createApiToken: { name: "CI", role: "viewer" },
    setReportingCurrency: { currency: "SEK", rates: { USD: [{ from: "2027-01", rate: "10.45" }] } },
    createSnapshot: { name: "Board pre-read" },
    requestApproval: { approverIds: [w.users.owner], note: "Ready for the board" },
    approveCase: { comment: "Go" },
    rejectApproval: { comment: "Not yet: the licence count is wrong" },
    createComment: { body: "Is this amount right?" },
    resolveComment: { resolved: true },
    optimisePortfolio: { budgets: { "2027": "2000000" }, frontier: true },
    createPortfolioPlan: { name: "Funding 2027", budgets: { "2027": "2000000" } },
    setCaseTags: { tags: ["crm"] },
    streamPortfolioFrontier: { budgets: { "2027": "2000000" } },
  };
  return {
    params,
    body: bodies[op.id],
    query: op.id === "diffCase" ? `from=${snapshotId}&to=current` : undefined,
    // An upload's body is the file itself: a slide template made like an owner's.
    rawBody: op.upload ? await makeTemplate() : undefined,
  };
}

// Tokens write lastUsedAt on first use; use each once so snapshots only see real changes.
async function warmTokens(w: World) {
  for (const as of ["tokenOwner", "tokenEditor", "tokenViewer", "foreignToken"] as const)
    await call("listCases", { workspace: "alpha" }, { as }, w);
}

async function freshWorld(): Promise<World> {
  const w = await buildWorld();
  await warmTokens(w);
  return w;
}

// Covered by their own matrices: a comment is edited by its author only and deleted by its author
// or an owner (comments.test.ts); notifications belong to a person, not a workspace
// (comments.test.ts); the event stream stays open (live.test.ts).
const OWN_MATRIX = new Set([
  "updateComment",
  "deleteComment",
  "listNotifications",
  "markNotificationsRead",
  "streamCaseEvents",
  // A multipart upload: its roles and refusals in import-workbook-api.test.ts.
  "importWorkbook",
]);

describe("every operation x every caller", () => {
  for (const op of OPERATIONS.filter((o) => !OWN_MATRIX.has(o.id))) {
    it(`${op.method} ${op.path} (${op.id})`, async () => {
      let w = await freshWorld();
      const allowed = allowedRoles(op);
      const { params, body, query, rawBody } = await requestFor(op, w);

      // Refused callers first: nothing may change.
      const snapshot = await snapshotDatabase();
      for (const as of ROLES.filter((r) => !allowed.includes(r))) {
        const r = await call(
          op.id,
          params,
          { as, body, rawBody, query, ifMatch: op.versioned ? w.version : undefined },
          w,
        );
        const expected = as === "anonymous" ? [401] : as === "outsider" || as === "foreignToken" ? [404] : [403, 404];
        expect(expected, `${as} got ${r.status}: ${r.text.slice(0, 200)}`).toContain(r.status);
        expect(r.json?.error?.code, as).toBeTruthy();
      }
      expect(await snapshotDatabase()).toBe(snapshot);

      // Allowed callers succeed (each on a fresh world when the operation changes data).
      for (const [i, as] of allowed.entries()) {
        if (i > 0 && op.method !== "GET") w = await freshWorld();
        const req = i > 0 && op.method !== "GET" ? await requestFor(op, w) : { params, body, query, rawBody };
        const r = await call(
          op.id,
          req.params,
          {
            as,
            body: req.body,
            rawBody: req.rawBody,
            query: req.query,
            ifMatch: op.versioned ? await caseVersion(w.caseId) : undefined,
          },
          w,
        );
        if (op.produces === "application/pdf") {
          expect(r.status, `${as}: ${r.text.slice(0, 200)}`).toBe(200);
          expect(r.text.startsWith("%PDF-")).toBe(true);
          expect(r.headers.get("content-type")).toBe("application/pdf");
          expect(r.headers.get("content-disposition")).toMatch(
            /^attachment; filename="[^"]+\.pdf"; filename\*=UTF-8''/,
          );
          continue;
        }
        expect(r.status, `${as}: ${r.text.slice(0, 300)}`).toBe(op.status ?? 200);
        if (op.versioned) {
          expect(r.json.version).toBe(w.version + 1);
          expect(r.headers.get("etag")).toBe(`"${w.version + 1}"`);
        }
      }
    });
  }

  it("every route file under app/api/v1 serves registered operations, and every operation has its route file", async () => {
    const root = path.resolve(import.meta.dirname, "../../app/api/v1");
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name === "route.ts") files.push(full);
      }
    };
    walk(root);
    const served = new Set<string>();
    for (const file of files) {
      const apiPath =
        "/" +
        path
          .relative(root, path.dirname(file))
          .split(path.sep)
          .map((s) => s.replace(/^\[(\w+)\]$/, "{$1}"))
          .join("/");
      const mod = (await import(file)) as Record<string, unknown>;
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"])
        if (typeof mod[method] === "function") served.add(`${method} ${apiPath}`);
    }
    for (const op of OPERATIONS) expect(served, `${op.method} ${op.path}`).toContain(`${op.method} ${op.path}`);
    const registered = new Set(OPERATIONS.map((op) => `${op.method} ${op.path}`));
    for (const s of served) if (s !== "GET /openapi.json") expect(registered, s).toContain(s);
  });
});
