// Tax, inflation and optimism bias kept by the database, the Green Book template, and goal seek
// through POST /api/v1/cases/{caseId}/goal-seek on a real PostgreSQL (docs/tax-and-inflation.md).
import { beforeAll, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import { POST } from "@/app/api/v1/cases/[caseId]/goal-seek/route";
import { parseCaseFile } from "@/lib/case-file/parse";
import { getCaseFileOrThrow, updateCase } from "@/lib/db/cases";
import { addLine } from "@/lib/db/lines";
import { computeCase } from "@/lib/finance/compute";
import { getCaseCompute } from "@/lib/services/compute-case";
import { getSwitchingValues } from "@/lib/services/goal-seek";
import { createCaseFromInput, getTemplateCaseFile } from "@/lib/services/templates";
import { authHeaders, ORIGIN } from "./api-client";
import { buildWorld, caseVersion, type RoleName, type World } from "./cases-world";

let w: World;
beforeAll(async () => {
  w = await buildWorld();
});

async function seek(as: RoleName, body: unknown, caseId = w.caseId) {
  const headers: Record<string, string> = { "content-type": "application/json", ...authHeaders(w, as) };
  if ("x-test-session" in headers) headers.origin = ORIGIN;
  const request = new Request(`${ORIGIN}/api/v1/cases/${caseId}/goal-seek`, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  });
  const response = await POST(request, { params: Promise.resolve({ caseId }) });
  return { status: response.status, json: await response.json() };
}

describe("the case's tax, inflation and optimism bias in the database", () => {
  it("the Green Book template keeps its settings; the stored case computes as the engine on the template", async () => {
    const created = await createCaseFromInput(w.actors.owner, "alpha", { name: "Appraisal", template: "green-book" });
    const { caseFile } = await getCaseFileOrThrow(w.actors.owner, created.caseId);
    expect(caseFile).toMatchObject({
      priceBasis: "real",
      discountRateBasis: "real",
      discountRate: "0.035",
      horizonMonths: 120,
      optimismBias: { oneTimeCost: "2", benefitDelayMonths: 6 },
    });
    const template = getTemplateCaseFile("green-book");
    const out = (await getCaseCompute(w.actors.viewer, created.caseId)).output;
    const engine = computeCase({ ...template, name: "Appraisal" });
    expect(out.comparisons[0]!.npv).toBe(engine.comparisons[0]!.npv);
    expect(out.comparisons[0]!.optimismBiasAdjusted!.npv).toBe(engine.comparisons[0]!.optimismBiasAdjusted!.npv);
    expect(out.comparisons[0]!.unadjusted.npv).not.toBe(out.comparisons[0]!.npv);
  });

  it("settings are set, changed and removed by a case update; a capitalised cost line is kept", async () => {
    let version = await caseVersion(w.caseId);
    const r = await updateCase(w.actors.editor, w.caseId, version, {
      tax: { rate: "0.206", paid: "annual" },
      inflation: "0.02",
    });
    version = r.version;
    let { caseFile } = await getCaseFileOrThrow(w.actors.viewer, w.caseId);
    expect(caseFile.tax).toEqual({ rate: "0.206", paid: "annual" });
    expect(caseFile.inflation).toBe("0.02");
    const added = await addLine(w.actors.editor, w.caseId, version, {
      kind: "cost",
      scenarioId: w.scenarioId,
      name: "Servers",
      category: "hardware",
      amount: "600000",
      month: 0,
      capitalised: { method: "straight-line", years: 5 },
    });
    expect(added.data.capitalised).toEqual({ method: "straight-line", years: 5 });
    ({ caseFile } = await getCaseFileOrThrow(w.actors.viewer, w.caseId));
    expect(parseCaseFile(caseFile).ok).toBe(true);
    const servers = caseFile.scenarios.flatMap((s) => s.costs).find((l) => l.name === "Servers")!;
    expect(servers.capitalised).toEqual({ method: "straight-line", years: 5 });
    const out = (await getCaseCompute(w.actors.viewer, w.caseId)).output;
    expect(out.comparisons[0]!.afterTax!.years[1]!.depreciation).toBe("120000"); // 600,000 / 60 x 12
    // null removes one setting and keeps the others.
    await updateCase(w.actors.editor, w.caseId, added.version, { tax: null });
    ({ caseFile } = await getCaseFileOrThrow(w.actors.viewer, w.caseId));
    expect(caseFile.tax).toBeUndefined();
    expect(caseFile.inflation).toBe("0.02");
  });

  it("switching values of the largest lines bring the headline NPV to zero", async () => {
    const sv = await getSwitchingValues(w.actors.viewer, w.caseId, 3);
    expect(sv.lines).toHaveLength(3);
    expect(sv.baseline).toBe("current");
    expect(sv.lines.every((l) => l.change !== null)).toBe(true);
    await expect(getSwitchingValues(w.actors.outsider, w.caseId)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("POST /cases/{caseId}/goal-seek", () => {
  it("answers the value and what it achieves; a viewer may ask", async () => {
    const { caseFile } = await getCaseFileOrThrow(w.actors.viewer, w.caseId);
    const benefit = caseFile.scenarios.find((s) => s.key === "upgrade")!.benefits.find((b) => b.amount)!;
    const r = await seek("viewer", { input: `${benefit.id}.amount`, metric: "payback", target: "12" });
    expect(r.status).toBe(200);
    expect(r.json.data).toMatchObject({ reached: true, metric: "payback", target: "12" });
    expect(Math.abs(Number(r.json.data.achieved) - 12)).toBeLessThan(1e-9);
  });

  it("says so when no value in the range reaches the target", async () => {
    const r = await seek("owner", { input: "discountRate", metric: "npv", target: "0", low: "0", high: "0.01" });
    expect(r.status).toBe(200);
    expect(r.json.data).toMatchObject({
      reached: false,
      message: "no value in [0, 0.01] brings npv to 0",
    });
  });

  it("answers bad input with 422 naming the field", async () => {
    const unknown = await seek("owner", { input: "nope.amount", metric: "npv", target: "0" });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.fieldErrors.map((f: { path: string }) => f.path)).toEqual(["input"]);
    const metric = await seek("owner", { input: "discountRate", metric: "nps", target: "0" });
    expect(metric.status).toBe(422);
    expect(metric.json.error.fieldErrors.map((f: { path: string }) => f.path)).toEqual(["metric"]);
    const target = await seek("owner", { input: "discountRate", metric: "npv", target: "lots" });
    expect(target.status).toBe(422);
  });

  it("another workspace's case is not found", async () => {
    expect((await seek("outsider", { input: "discountRate", metric: "npv", target: "0" })).status).toBe(404);
    expect((await seek("owner", { input: "discountRate", metric: "npv", target: "0" }, w.foreign.caseId)).status).toBe(
      404,
    );
  });
});
