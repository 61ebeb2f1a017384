// Every operation of the OPERATIONS registry, walked with hostile input: malformed ids in every path
// parameter, overflowing numbers and NUL bytes in every query value, and, for every operation with a
// body, a valid body with each of its string fields given a NUL byte and each of its numbers made to
// overflow. The answer is always a 4xx (never a 5xx), and a refused request changes nothing.
import { beforeAll, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { OPERATIONS, type Operation } from "@/lib/api/operations";
import { createCaseFromFile } from "@/lib/db/cases";
import { prisma } from "@/lib/db/client";
import { createSnapshot } from "@/lib/db/snapshots";
import { getCaseCompute } from "@/lib/services/compute-case";
import { savePortfolioPlan } from "@/lib/services/portfolio";
import { snapshotDatabase } from "../helpers/db";
import { call } from "./api-client";
import { buildWorld, caseVersion, loadCaseFile, type World } from "./cases-world";

let w: World;
let snapshotId = "";
let commentId = "";
let planId = "";

const BAD_IDS = [
  "not-a-uuid",
  "00000000-0000-0000-0000-00000000000g",
  "a\u0000b",
  "\u0000",
  "9999999999999999999",
  "%",
  "..",
  "' OR 1=1 --",
  "x".repeat(300),
];
const BAD_QUERY_VALUES = [
  "9999999999999999999",
  "99999999999999999999999999",
  "-9223372036854775809",
  "\u0000",
  "1\u0000",
  "1e309",
  "NaN",
];
const OVERFLOW_NUMBERS = ["1e400", "99999999999999999999999999999", "-1e400", "1e-400", "9223372036854775808"];

function validParams(op: Operation): Record<string, string> {
  const ids: Record<string, string> = {
    workspace: "alpha",
    caseId: w.caseId,
    scenarioId: w.scenarioId,
    lineId: w.lineId,
    riskId: w.riskId,
    kpiId: w.kpiId,
    assumptionId: w.assumptionId,
    tokenId: w.tokenIds.viewer,
    snapshotId,
    commentId,
    planId,
  };
  const out: Record<string, string> = {};
  for (const [, name] of op.path.matchAll(/\{(\w+)\}/g)) out[name!] = ids[name!]!;
  return out;
}

// A body each operation accepts as it stands (so a NUL byte or an overflow is the only fault).
function validBody(op: Operation): unknown {
  const bodies: Record<string, unknown> = {
    createCase: {
      name: "Walk",
      description: "d",
      organisation: "o",
      preparedBy: "p",
      currency: "SEK",
      startMonth: "2027-01",
      horizonMonths: 24,
      discountRate: "0.08",
    },
    importCase: loadCaseFile(),
    updateCase: {
      name: "Walk",
      description: "d",
      organisation: "o",
      preparedBy: "p",
      horizonMonths: 36,
      discountRate: 0.1,
    },
    renameCase: { name: "Walk" },
    setCaseProposal: { chosenScenario: "upgrade" },
    archiveCase: { archived: false },
    setCaseStatus: { status: "draft" },
    simulateCase: { iterations: 200, seed: 7, scenarioKey: "upgrade", mode: "incremental" },
    goalSeekCase: { input: "discountRate", metric: "npv", target: "0", low: "0", high: "2" },
    createScenario: { name: "Walk", key: "walk" },
    renameScenario: { name: "Walk" },
    cloneScenario: { name: "Walk copy", key: "walk-copy" },
    addLine: {
      kind: "cost",
      scenarioId: w.scenarioId,
      name: "Walk",
      category: "software",
      recurring: "monthly",
      amount: 10.5,
      startMonth: 0,
      notes: "n",
    },
    reorderLines: { ids: [w.lineId] },
    updateLine: { name: "Walk", amount: 12, notes: "n", startMonth: 1 },
    addRisk: {
      title: "Walk",
      category: "c",
      likelihood: 2,
      impact: 3,
      owner: "o",
      mitigation: "m",
      probability: 0.5,
      costImpact: 1000,
      scenario: "upgrade",
      month: 2,
    },
    reorderRisks: { ids: [w.riskId] },
    updateRisk: { title: "Walk", likelihood: 2, owner: "o" },
    addKpi: { name: "Walk", unit: "%", direction: "up", baseline: 1, target: 2 },
    reorderKpis: { ids: [w.kpiId] },
    updateKpi: { name: "Walk", unit: "u", target: 3 },
    addAssumption: { title: "Walk", text: "t" },
    reorderAssumptions: { ids: [w.assumptionId] },
    updateAssumption: { title: "Walk", text: "t" },
    createApiToken: { name: "Walk", role: "viewer" },
    setReportingCurrency: { currency: "SEK", rates: { USD: [{ from: "2027-01", rate: "10.45" }] } },
    setLineActuals: { actuals: { "0": "100" } },
    setKpiActuals: {
      actuals: [
        { month: -1, value: "70" },
        { month: 1, value: 75 },
      ],
    },
    createSnapshot: { name: "Walk" },
    requestApproval: { note: "Walk" },
    approveCase: { comment: "Walk" },
    rejectApproval: { comment: "Walk" },
    createComment: { body: "Walk" },
    updateComment: { body: "Walk", revision: 1 },
    resolveComment: { resolved: true },
    markNotificationsRead: { ids: [] },
    updateSignInSettings: {
      policy: { providers: [], domains: ["walk.example"], jit: false, groupRoles: { Walkers: "viewer" } },
      auditRetentionDays: 400,
    },
    // A multipart form: as JSON it is refused (415) before anything runs.
    importWorkbook: { sheet: "Walk" },
    optimisePortfolio: {
      budgets: { "2027": "2000000" },
      mustFund: [w.caseId],
      exclude: [],
      dependencies: [],
      alternatives: true,
    },
    createPortfolioPlan: { name: "Walk", budgets: { "2027": "2000000" } },
    setCaseTags: { tags: ["walk"] },
    streamPortfolioFrontier: { budgets: { "2027": "2000000" } },
  };
  if (!(op.id in bodies)) throw new Error(`api-walk: give ${op.id} a valid body in validBody()`);
  return bodies[op.id];
}

type Leaf = { path: (string | number)[]; kind: "string" | "number" };
function leaves(value: unknown, path: (string | number)[] = [], out: Leaf[] = []): Leaf[] {
  if (typeof value === "string") out.push({ path, kind: "string" });
  else if (typeof value === "number") out.push({ path, kind: "number" });
  else if (Array.isArray(value)) value.forEach((v, i) => leaves(v, [...path, i], out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) leaves(v, [...path, k], out);
  return out;
}

// The body as JSON text with one leaf replaced by raw JSON text (so numbers can overflow a double).
const MARK = "\u0001replace-me\u0001";
function withLeaf(body: unknown, path: (string | number)[], rawJson: string): string {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  target[path[path.length - 1]!] = MARK;
  return JSON.stringify(copy).replace(JSON.stringify(MARK), rawJson);
}

// Importing the whole demo case file per leaf would take minutes: walk a sample of its leaves.
function sampleLeaves(op: Operation, all: Leaf[]): Leaf[] {
  if (op.id !== "importCase") return all;
  const seen = new Set<string>();
  return all.filter((l) => {
    const shape = `${l.kind}:${l.path.filter((p) => typeof p === "string").join(".")}`;
    if (seen.has(shape)) return false;
    seen.add(shape);
    return true;
  });
}

async function expectNo5xx(
  op: Operation,
  params: Record<string, string>,
  options: { query?: string; rawBody?: string; ifMatch?: number },
  what: string,
) {
  const r = await call(
    op.id,
    params,
    { as: "owner", ...options, headers: options.rawBody ? { "content-type": "application/json" } : {} },
    w,
  );
  expect(r.status, `${op.method} ${op.path} ${what}: ${r.text.slice(0, 300)}`).toBeLessThan(500);
  return r;
}

describe("every operation, hostile input", () => {
  beforeAll(async () => {
    w = await buildWorld();
    snapshotId = (await createSnapshot(w.actors.editor, w.caseId, "Walk")).data.id;
    planId = (await savePortfolioPlan(w.actors.editor, "alpha", { name: "Walk", budgets: { "2027": "2000000" } })).id;
    commentId = (
      await prisma.comment.create({
        data: { caseId: w.caseId, authorId: w.users.owner, body: "A thread" },
        select: { id: true },
      })
    ).id;
  });

  it("covers every operation of the registry", () => {
    expect(OPERATIONS.length).toBeGreaterThan(30);
    for (const op of OPERATIONS.filter((o) => o.body)) expect(() => validBody(op)).not.toThrow();
  });

  for (const op of OPERATIONS) {
    it(`${op.method} ${op.path} (${op.id}): malformed ids, overflowing and NUL query values, NUL and overflow in every body field: never a 5xx`, async () => {
      // Reads fill the compute cache (and History's figures) for the case's current version: warm it
      // first, so the comparison below sees only what a refused request might have changed.
      await getCaseCompute(w.actors.owner, w.caseId);
      const snapshot = await snapshotDatabase();
      const base = validParams(op);
      const version = await caseVersion(w.caseId);
      for (const name of Object.keys(base)) {
        for (const bad of BAD_IDS) {
          const r = await expectNo5xx(
            op,
            { ...base, [name]: bad },
            { ifMatch: version, rawBody: op.body ? JSON.stringify(validBody(op)) : undefined },
            `${name}=${JSON.stringify(bad)}`,
          );
          expect(r.status, `${op.id} ${name}=${JSON.stringify(bad)}`).not.toBe(200);
        }
      }
      const queryKeys = op.query
        ? Object.keys((op.query as unknown as { shape: Record<string, unknown> }).shape ?? {})
        : ["before"];
      for (const key of queryKeys) {
        for (const bad of BAD_QUERY_VALUES) {
          // Reads only: a write with a bad query is refused before it runs either way. The event
          // stream stays open for a query it accepts (a 19-digit Last-Event-ID is one): its query
          // is checked in live.test.ts (a bad tab is 422; a Last-Event-ID resumes), where the stream
          // is aborted.
          if (op.method !== "GET" || op.produces === "text/event-stream") continue;
          await expectNo5xx(op, base, { query: `${key}=${encodeURIComponent(bad)}` }, `?${key}=${JSON.stringify(bad)}`);
        }
      }
      expect(await snapshotDatabase(), `${op.id}: refused requests changed nothing`).toBe(snapshot);
      if (!op.body) return;
      const body = validBody(op);
      for (const leaf of sampleLeaves(op, leaves(body))) {
        const faults =
          leaf.kind === "string" ? [JSON.stringify("a\u0000b"), JSON.stringify("\u0000")] : OVERFLOW_NUMBERS;
        for (const fault of faults) {
          const current = await caseVersion(w.caseId);
          await expectNo5xx(
            op,
            base,
            { ifMatch: current, rawBody: withLeaf(body, leaf.path, fault) },
            `body ${leaf.path.join(".")}=${fault}`,
          );
        }
      }
    });
  }
});

// One id per object: the id an answer shows for a line, risk, KPI or assumption (`id`) is accepted
// wherever the API takes that object, and so is its stable id (`stableId`); another workspace's
// object is not found by either.
describe("one id per object", () => {
  type Kind = "line" | "risk" | "kpi" | "assumption";
  type LineIds = { id: string; stableId: string };
  const KINDS: Kind[] = ["line", "risk", "kpi", "assumption"];
  let objects: Record<Kind, { id: string; stableId: string }>;
  let foreign: Record<Kind, { id: string; stableId: string }>;

  beforeAll(async () => {
    w = await buildWorld();
    const first = async (as: "owner" | "outsider", caseId: string) => {
      const r = await call("getCase", { caseId }, { as }, w);
      expect(r.status).toBe(200);
      const d = r.json.data as Record<string, { id: string; stableId: string }[]>;
      return { line: d.lines![0]!, risk: d.risks![0]!, kpi: d.kpis![0]!, assumption: d.assumptions![0]! };
    };
    objects = await first("owner", w.caseId);
    foreign = await first("outsider", w.foreign.caseId);
    for (const kind of KINDS) expect(objects[kind].id).not.toBe(objects[kind].stableId);
  });

  const comment = (caseId: string, kind: Kind, id: string) =>
    call("createComment", { caseId }, { as: "viewer", body: { body: `On a ${kind}`, target: { kind, id } } }, w);

  it("comment targets: by the id the case's answer shows or by the stable id; stored and answered by the stable id", async () => {
    for (const kind of KINDS) {
      for (const id of [objects[kind].id, objects[kind].stableId]) {
        const r = await comment(w.caseId, kind, id);
        expect(r.status, `${kind} by ${id}: ${r.text}`).toBe(201);
        expect(r.json.data.target).toEqual({ kind, id: objects[kind].stableId });
      }
    }
    const list = await call("listComments", { caseId: w.caseId }, { as: "viewer" }, w);
    for (const kind of KINDS)
      expect(
        list.json.data.filter((c: { target: { id?: string } }) => c.target.id === objects[kind].stableId),
      ).toHaveLength(2);
  });

  it("comment targets: another workspace's object is 404 by either id, and so is a comment on its case", async () => {
    const before = await prisma.comment.count();
    for (const kind of KINDS) {
      const r = await comment(w.caseId, kind, foreign[kind].id);
      expect(r.status, `${kind}: ${r.text}`).toBe(404);
      expect(r.json.error.fieldErrors).toEqual([{ path: "target.id", message: "not found in this case" }]);
      for (const id of [foreign[kind].id, foreign[kind].stableId])
        expect((await comment(w.foreign.caseId, kind, id)).status, `${kind} on the foreign case by ${id}`).toBe(404);
    }
    expect(await prisma.comment.count()).toBe(before);
  });

  it("the object routes, actuals and assumption links take either id; another workspace's ids are 404", async () => {
    let version = await caseVersion(w.caseId);
    const byStable = await call(
      "updateLine",
      { lineId: objects.line.stableId },
      { as: "editor", body: { name: "Renamed by stable id" }, ifMatch: version },
      w,
    );
    expect(byStable.status, byStable.text).toBe(200);
    expect(byStable.json.data).toMatchObject({ id: objects.line.id, name: "Renamed by stable id" });
    version = await caseVersion(w.caseId);
    const risk = await call(
      "updateRisk",
      { riskId: objects.risk.stableId },
      { as: "editor", body: { owner: "Risk owner" }, ifMatch: version },
      w,
    );
    expect(risk.status, risk.text).toBe(200);
    expect(risk.json.data.id).toBe(objects.risk.id);
    version = await caseVersion(w.caseId);
    const links = await call(
      "updateAssumption",
      { assumptionId: objects.assumption.stableId },
      { as: "editor", body: { lines: [objects.line.id] }, ifMatch: version },
      w,
    );
    expect(links.status, links.text).toBe(200);
    expect(links.json.data).toMatchObject({ id: objects.assumption.id, lines: [objects.line.stableId] });
    const kpiActuals = await call(
      "setKpiActuals",
      { kpiId: objects.kpi.stableId },
      { as: "editor", body: { actuals: [{ month: 1, value: "3" }] } },
      w,
    );
    expect(kpiActuals.status, kpiActuals.text).toBe(200);
    expect(kpiActuals.json.data.kpiId).toBe(objects.kpi.id);
    const line = ((await call("getCase", { caseId: w.caseId }, { as: "viewer" }, w)).json.data.lines as LineIds[]).find(
      (l) => l.id === w.lineId,
    )!;
    const lineActuals = await call(
      "setLineActuals",
      { lineId: line.stableId },
      { as: "editor", body: { actuals: {} } },
      w,
    );
    expect(lineActuals.status, lineActuals.text).toBe(200);
    expect(lineActuals.json.data).toMatchObject({ lineId: line.id });
    expect(
      (await call("setLineActuals", { lineId: foreign.line.id }, { as: "editor", body: { actuals: {} } }, w)).status,
    ).toBe(404);

    version = await caseVersion(w.caseId);
    const foreignVersion = await caseVersion(w.foreign.caseId);
    const params = { line: "lineId", risk: "riskId", kpi: "kpiId", assumption: "assumptionId" } as const;
    const ops = { line: "updateLine", risk: "updateRisk", kpi: "updateKpi", assumption: "updateAssumption" } as const;
    const bodies = { line: { name: "x" }, risk: { owner: "x" }, kpi: { name: "x" }, assumption: { title: "x" } };
    // (Its stable ids name alpha's own objects here: both cases come from the same file.)
    for (const kind of KINDS) {
      const r = await call(
        ops[kind],
        { [params[kind]]: foreign[kind].id },
        { as: "editor", body: bodies[kind], ifMatch: version },
        w,
      );
      expect(r.status, `${ops[kind]} ${foreign[kind].id}: ${r.text}`).toBe(404);
    }
    expect(await caseVersion(w.foreign.caseId)).toBe(foreignVersion);
    expect(await caseVersion(w.caseId)).toBe(version);
    expect(
      (await call("setKpiActuals", { kpiId: foreign.kpi.id }, { as: "editor", body: { actuals: [] } }, w)).status,
    ).toBe(404);
  });

  it("a stable id found in two cases the caller can reach (one file imported twice): 409 on a route without the case, fine within a case", async () => {
    const copy = await createCaseFromFile(w.actors.owner, "alpha", loadCaseFile());
    const version = await caseVersion(w.caseId);
    const ambiguous = await call(
      "updateLine",
      { lineId: objects.line.stableId },
      { as: "editor", body: { name: "Which one?" }, ifMatch: version },
      w,
    );
    expect(ambiguous.status, ambiguous.text).toBe(409);
    expect(ambiguous.json.error.message).toMatch(/more than one case; use the line's id/);
    expect(await caseVersion(w.caseId)).toBe(version);
    expect(await caseVersion(copy.caseId)).toBe(copy.version);
    // Within a case (its path names it) the stable id is unique.
    const r = await comment(copy.caseId, "line", objects.line.stableId);
    expect(r.status, r.text).toBe(201);
  });

  it("is documented in OpenAPI: the object path parameters and the comment target's id", () => {
    const doc = buildOpenApiDocument() as {
      paths: Record<string, Record<string, { parameters?: { name: string; description?: string }[] }>>;
    };
    for (const [path, name] of [
      ["/lines/{lineId}", "lineId"],
      ["/risks/{riskId}", "riskId"],
      ["/kpis/{kpiId}/actuals", "kpiId"],
      ["/assumptions/{assumptionId}", "assumptionId"],
    ] as const) {
      const param = Object.values(doc.paths[path]!)[0]!.parameters!.find((p) => p.name === name);
      expect(param?.description, path).toMatch(/id or its stable id/);
    }
    expect(JSON.stringify(doc.paths["/cases/{caseId}/comments"])).toMatch(/id or its stable id/);
  });
});
