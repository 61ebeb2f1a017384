// The portfolio through the API on a real database: figures from the compute cache, selection,
// plans (immutable), tags, the role table and isolation between workspaces.
import { beforeAll, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
vi.mock("@/lib/finance/compute", async (original) => {
  const m = await original<typeof import("@/lib/finance/compute")>();
  return { ...m, computeCase: vi.fn(m.computeCase) };
});
import { createCaseFromFile } from "@/lib/db/cases";
import { prisma } from "@/lib/db/client";
import { computeCase } from "@/lib/finance/compute";
import { GET as portfolioPack } from "@/app/api/v1/workspaces/[workspace]/portfolio/report.pptx/route";
import { openDeck } from "../helpers/pptx";
import { authHeaders, call, ORIGIN, type CallOptions } from "./api-client";
import { buildWorld, loadCaseFile, type World } from "./cases-world";

let w: World;
let secondId = "";

describe("the portfolio API", () => {
  beforeAll(async () => {
    w = await buildWorld();
    secondId = (await createCaseFromFile(w.actors.owner, "alpha", loadCaseFile("spec-example"))).caseId;
  });

  it("lists every case's proposal figures for a viewer, and nothing of another workspace", async () => {
    const r = await call("getPortfolio", { workspace: "alpha" }, { as: "viewer" }, w);
    expect(r.status).toBe(200);
    expect(r.json.data.currency).toBe("SEK");
    const ids = r.json.data.cases.map((c: { id: string }) => c.id).sort();
    expect(ids).toEqual([w.caseId, secondId].sort());
    const demo = r.json.data.cases.find((c: { id: string }) => c.id === w.caseId);
    const expected = computeCase(loadCaseFile()).comparisons[0]!;
    expect(demo).toMatchObject({ proposal: "upgrade", status: "draft", owner: "Olivia Owner", tags: [] });
    expect(demo.option.npv).toBe(expected.npv);
    expect(demo.option.spend).toMatchObject({ "2027": "1323200", "2028": "-13080" });
    expect(r.json.data.years).toEqual(["2027", "2028", "2029"]);
    for (const as of ["outsider", "foreignToken"] as const) {
      const other = await call("getPortfolio", { workspace: "alpha" }, { as }, w);
      expect(other.status).toBe(404);
    }
    const anonymous = await call("getPortfolio", { workspace: "alpha" }, { as: "anonymous" }, w);
    expect(anonymous.status).toBe(401);
  });

  it("reads the compute cache: a second read runs the engine for no case", async () => {
    await call("getPortfolio", { workspace: "alpha" }, { as: "viewer" }, w);
    const engine = vi.mocked(computeCase);
    engine.mockClear();
    const r = await call("getPortfolio", { workspace: "alpha" }, { as: "tokenViewer" }, w);
    expect(r.status).toBe(200);
    expect(engine).not.toHaveBeenCalled();
    expect(await prisma.computeCache.count({ where: { caseId: { in: [w.caseId, secondId] } } })).toBe(2);
  });

  it("selects within budgets for a viewer; names bad ids and infeasible inputs with a 422", async () => {
    const r = await call(
      "optimisePortfolio",
      { workspace: "alpha" },
      { as: "viewer", body: { budgets: { "2027": "1400000" }, frontier: true } },
      w,
    );
    expect(r.status).toBe(200);
    const { selection, frontier } = r.json.data;
    expect(selection.optimal).toBe(true);
    expect(selection.chosen).toEqual([{ case: w.caseId, scenario: "upgrade" }]);
    expect(selection.bindingYears).toEqual(["2027"]);
    expect(frontier.filter((p: { chosen: boolean }) => p.chosen)).toHaveLength(1);
    const foreign = await call(
      "optimisePortfolio",
      { workspace: "alpha" },
      { as: "viewer", body: { budgets: { "2027": "1" }, mustFund: [w.foreign.caseId] } },
      w,
    );
    expect(foreign.status).toBe(422);
    expect(foreign.json.fieldErrors?.[0]?.path ?? foreign.text).toMatch(/mustFund/);
    const infeasible = await call(
      "optimisePortfolio",
      { workspace: "alpha" },
      { as: "viewer", body: { budgets: { "2027": "1" }, mustFund: [w.caseId] } },
      w,
    );
    expect(infeasible.status).toBe(422);
    expect(infeasible.text).toMatch(/infeasible: .*exceed the budget of 2027/);
    const badBudget = await call(
      "optimisePortfolio",
      { workspace: "alpha" },
      { as: "viewer", body: { budgets: { "20x7": "1" } } },
      w,
    );
    expect(badBudget.status).toBe(422);
  });

  it("streams the frontier as it fills: a line per point, then the whole answer; an infeasible input as an error line", async () => {
    const r = await call(
      "streamPortfolioFrontier",
      { workspace: "alpha" },
      { as: "viewer", body: { budgets: { "2027": "1400000" } } },
      w,
    );
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/application\/x-ndjson/);
    const lines = r.text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const points = lines.filter((l) => l.type === "point");
    expect(points.length).toBe(21);
    expect(lines.at(-1).type).toBe("result");
    expect(lines.at(-1).data.frontier).toEqual(points.map((p) => p.data));
    const bad = await call(
      "streamPortfolioFrontier",
      { workspace: "alpha" },
      { as: "viewer", body: { budgets: { "2027": "1" }, mustFund: [w.caseId] } },
      w,
    );
    expect(JSON.parse(bad.text.trim().split("\n").at(-1)!)).toMatchObject({
      type: "error",
      error: { code: "validation", message: expect.stringMatching(/infeasible/) },
    });
  });

  it("saves plans for editors (not viewers), immutable, compared with where cases stand", async () => {
    const body = { name: "Funding 2027", budgets: { "2027": "2000000" } };
    expect((await call("createPortfolioPlan", { workspace: "alpha" }, { as: "viewer", body }, w)).status).toBe(403);
    expect((await call("createPortfolioPlan", { workspace: "alpha" }, { as: "outsider", body }, w)).status).toBe(404);
    const saved = await call("createPortfolioPlan", { workspace: "alpha" }, { as: "editor", body }, w);
    expect(saved.status).toBe(201);
    const plan = saved.json.data;
    expect(plan).toMatchObject({ name: "Funding 2027", currency: "SEK", createdBy: "Edvin Editor" });
    const list = await call("listPortfolioPlans", { workspace: "alpha" }, { as: "viewer" }, w);
    expect(list.json.data.map((p: { id: string }) => p.id)).toEqual([plan.id]);
    const view = await call("getPortfolioPlan", { workspace: "alpha", planId: plan.id }, { as: "viewer" }, w);
    expect(view.status).toBe(200);
    expect(view.json.data.comparison.rows.length).toBe(plan.result.chosen.length);
    expect(view.json.data.comparison.total.change).toBe("0");
    // Another workspace's member, by any path: not found.
    for (const workspace of ["alpha", "beta"]) {
      const r = await call("getPortfolioPlan", { workspace, planId: plan.id }, { as: "outsider" }, w);
      expect(r.status).toBe(404);
    }
    expect((await call("listPortfolioPlans", { workspace: "beta" }, { as: "outsider" }, w)).json.data).toEqual([]);
    await expect(prisma.portfolioPlan.update({ where: { id: plan.id }, data: { name: "changed" } })).rejects.toThrow();
  });

  it("tags cases for editors; another workspace's case is not found", async () => {
    const own = await call(
      "setCaseTags",
      { caseId: w.caseId },
      { as: "editor", body: { tags: [" CRM ", "sales", "CRM"] } },
      w,
    );
    expect(own.status).toBe(200);
    expect(own.json.data.tags).toEqual(["CRM", "sales"]);
    expect((await call("setCaseTags", { caseId: w.caseId }, { as: "viewer", body: { tags: [] } }, w)).status).toBe(403);
    expect(
      (await call("setCaseTags", { caseId: w.foreign.caseId }, { as: "editor", body: { tags: ["x"] } }, w)).status,
    ).toBe(404);
    const r = await call("getPortfolio", { workspace: "alpha" }, { as: "viewer" }, w);
    expect(r.json.data.cases.find((c: { id: string }) => c.id === w.caseId).tags).toEqual(["CRM", "sales"]);
  });
  it("gives the portfolio board pack as PowerPoint: every case by name, the newest plan's set funded; nothing of another workspace", async () => {
    const pack = (workspace: string, as: CallOptions["as"]) =>
      portfolioPack(
        new Request(`${ORIGIN}/api/v1/workspaces/${workspace}/portfolio/report.pptx?locale=sv`, {
          headers: authHeaders(w, as),
        }),
        { params: Promise.resolve({ workspace }) },
      );
    const r = await pack("alpha", "viewer");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    );
    const deck = await openDeck(new Uint8Array(await r.arrayBuffer()));
    const text = deck.slideTexts.join("\n");
    const names = (
      await prisma.businessCase.findMany({ where: { workspaceId: w.alpha.id }, select: { name: true } })
    ).map((c) => c.name);
    for (const name of names) expect(text).toContain(name);
    expect(deck.charts.length).toBeGreaterThan(0);
    expect((await pack("alpha", "outsider")).status).toBe(404);
    expect((await pack("beta", "viewer")).status).toBe(404);
  });
});
