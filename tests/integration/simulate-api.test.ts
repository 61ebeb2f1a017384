// POST /api/v1/cases/{caseId}/simulate through the real route handler on a real PostgreSQL: the
// same seed gives the same answer, by default on the incremental NPV against the baseline (the
// case's headline), progress lines leave during the run (not all at its end), bad input is a 422
// naming the field, viewers may run it, and callers from another workspace see nothing (404).
import { beforeAll, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import { POST } from "@/app/api/v1/cases/[caseId]/simulate/route";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { computeCase } from "@/lib/finance/compute";
import { simulate, type SimulationResult } from "@/lib/finance/uncertainty";
import { authHeaders, ORIGIN } from "./api-client";
import { buildWorld, loadCaseFile, type RoleName, type World } from "./cases-world";

let w: World;
beforeAll(async () => {
  w = await buildWorld();
});

interface Line {
  type: "progress" | "result" | "error";
  phase?: string;
  done?: number;
  total?: number;
  data?: SimulationResult;
}

async function run(as: RoleName, body: unknown, options: { caseId?: string; origin?: string | null } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json", ...authHeaders(w, as) };
  if ("x-test-session" in headers && options.origin !== null) headers.origin = options.origin ?? ORIGIN;
  const caseId = options.caseId ?? w.caseId;
  const request = new Request(`${ORIGIN}/api/v1/cases/${caseId}/simulate`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await POST(request, { params: Promise.resolve({ caseId }) });
  const text = await response.text();
  const lines: Line[] = response.headers.get("content-type")?.includes("ndjson")
    ? text
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Line)
    : [];
  let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {
    status: response.status,
    headers: response.headers,
    lines,
    json,
    result: lines.find((l) => l.type === "result")?.data,
  };
}

describe("POST /cases/{caseId}/simulate", () => {
  it("streams progress then the result; the same seed gives the same answer, as the engine computes it", async () => {
    const a = await run("owner", { iterations: 5000, seed: 7 });
    expect(a.status).toBe(200);
    expect(a.headers.get("content-type")).toMatch(/application\/x-ndjson/);
    const progress = a.lines.filter((l) => l.type === "progress");
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done!)].sort((x, y) => x - y));
    expect(progress.every((p) => p.total === 5000)).toBe(true);
    expect(a.lines.at(-1)!.type).toBe("result");
    expect(a.result!.iterations).toBe(5000);
    expect(a.result!.seed).toBe(7);
    expect(a.result!.scenario).toBe("upgrade");
    expect(a.result!.baseline).toBe("current");
    expect(a.result!.method).toMatch(/float64/);
    expect(a.result!.method).toMatch(/incremental/);

    const b = await run("owner", { iterations: 5000, seed: 7 });
    expect(b.result).toEqual(a.result);
    expect(a.result).toEqual(
      simulate(loadCaseFile(), {
        iterations: 5000,
        seed: 7,
        comparison: { alternative: "upgrade", baseline: "current" },
      }),
    );
    const c = await run("owner", { iterations: 5000, seed: 8 });
    expect(c.result!.npv.p50).not.toBe(a.result!.npv.p50);
  });

  it("mode scenario runs one scenario on its own NPV; the incremental mode needs a baseline to compare with", async () => {
    const single = await run("owner", { iterations: 2000, seed: 5, mode: "scenario" });
    expect(single.status).toBe(200);
    expect(single.result!.baseline).toBeUndefined();
    expect(single.result).toEqual(simulate(loadCaseFile(), { iterations: 2000, seed: 5, scenarioKey: "upgrade" }));
    const explicit = await run("owner", { iterations: 2000, seed: 5, mode: "incremental", scenarioKey: "upgrade" });
    expect(explicit.result).toEqual((await run("owner", { iterations: 2000, seed: 5 })).result);
    const ofBaseline = await run("owner", { iterations: 2000, mode: "incremental", scenarioKey: "current" });
    expect(ofBaseline.status).toBe(422);
    expect(ofBaseline.json.error.fieldErrors.map((f: { path: string }) => f.path)).toEqual(["mode"]);
    // The baseline on its own is still a scenario run (the default for a scenario with nothing to compare with).
    const baseline = await run("owner", { iterations: 2000, seed: 5, scenarioKey: "current" });
    expect(baseline.status).toBe(200);
    expect(baseline.result!.scenario).toBe("current");
    expect(baseline.result!.baseline).toBeUndefined();
    expect((await run("owner", { iterations: 2000, mode: "both" })).status).toBe(422);
  });

  it("with no spread the percentiles are the comparison NPV the case headlines", async () => {
    const file = loadCaseFile();
    const cmp = computeCase(file).comparisons.find((c) => c.alternative === "upgrade")!;
    const r = await run("owner", { iterations: 1000, seed: 1 });
    // The seeded case has spreads; the engine's no-spread property is tested in the unit tests.
    // Here: the distribution sits around the headline figure, not around the scenario's own NPV.
    const own = Number(computeCase(file).scenarios.find((s) => s.key === "upgrade")!.npv);
    const p50 = Number(r.result!.npv.p50);
    expect(Math.abs(p50 - Number(cmp.npv))).toBeLessThan(Math.abs(p50 - own));
  });

  it("sends each progress line during the run: other work runs between them", async () => {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      ...authHeaders(w, "owner"),
      origin: ORIGIN,
    };
    const request = new Request(`${ORIGIN}/api/v1/cases/${w.caseId}/simulate`, {
      method: "POST",
      headers,
      body: JSON.stringify({ iterations: 20_000, seed: 2 }),
    });
    // A ticker: one increment per turn of the event loop.
    let ticks = 0;
    let ticking = true;
    const tick = () => {
      ticks++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const response = await POST(request, { params: Promise.resolve({ caseId: w.caseId }) });
    expect(response.status).toBe(200);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const seen: { line: Line; ticks: number }[] = [];
    let buffer = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (value) buffer += value;
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        seen.push({ line: JSON.parse(buffer.slice(0, nl)) as Line, ticks });
        buffer = buffer.slice(nl + 1);
      }
      if (done) break;
    }
    ticking = false;
    const sampling = seen.filter((s) => s.line.phase === "sampling");
    expect(sampling.map((s) => s.line.done)).toEqual([
      1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000, 11_000, 12_000, 13_000, 14_000, 15_000, 16_000,
      17_000, 18_000, 19_000,
    ]);
    // The event loop turned between chunks (a synchronous run would give every line the same count).
    // The first chunk is drawn as the stream starts, so the first pair may share a turn.
    for (let i = 2; i < sampling.length; i++)
      expect(sampling[i]!.ticks, `line ${i}`).toBeGreaterThan(sampling[i - 1]!.ticks);
    expect(seen.at(-1)!.line.type).toBe("result");
  });

  it("defaults to 10,000 iterations and seed 1", async () => {
    const r = await run("owner", {});
    expect(r.status).toBe(200);
    expect(r.result!.iterations).toBe(10_000);
    expect(r.result!.seed).toBe(1);
  });

  for (const iterations of [0, 1e9, "abc", 1500.5, 999, 100_001]) {
    it(`422 naming the field for iterations ${JSON.stringify(iterations)}`, async () => {
      const r = await run("owner", { iterations, seed: 1 });
      expect(r.status).toBe(422);
      expect(r.json.error.code).toBe("validation");
      expect(r.json.error.fieldErrors.map((f: { path: string }) => f.path)).toEqual(["iterations"]);
    });
  }

  it("422 for a bad seed, an unknown scenario or an unknown field; 400 for a body that is not JSON", async () => {
    for (const seed of [-1, 1.5, "x", 2 ** 32]) {
      const r = await run("owner", { iterations: 1000, seed });
      expect(r.status).toBe(422);
      expect(r.json.error.fieldErrors[0].path).toBe("seed");
    }
    const scenario = await run("owner", { scenarioKey: "nope" });
    expect(scenario.status).toBe(422);
    expect(scenario.json.error.fieldErrors[0].path).toBe("scenarioKey");
    const extra = await run("owner", { iterations: 1000, lines: 5 });
    expect(extra.status).toBe(422);
    expect((await run("owner", "{not json")).status).toBe(400);
  });

  it("viewers (people and tokens) may run it; outsiders and foreign tokens get 404; anonymous 401", async () => {
    for (const as of ["viewer", "tokenViewer", "editor"] as const) {
      const r = await run(as, { iterations: 1000, seed: 3 });
      expect(r.status, as).toBe(200);
      expect(r.result, as).toBeDefined();
    }
    expect((await run("outsider", { iterations: 1000 })).status).toBe(404);
    expect((await run("foreignToken", { iterations: 1000 })).status).toBe(404);
    expect((await run("owner", { iterations: 1000 }, { caseId: "not-a-uuid" })).status).toBe(404);
    expect((await run("anonymous", { iterations: 1000 })).status).toBe(401);
    // A foreign case does not show its scenarios either: 404 before any validation of the key.
    expect((await run("outsider", { iterations: 1000, scenarioKey: "upgrade" })).status).toBe(404);
  });

  it("refuses cookie requests from another origin (CSRF) but not tokens", async () => {
    expect((await run("viewer", { iterations: 1000 }, { origin: "https://evil.example" })).status).toBe(403);
    expect((await run("viewer", { iterations: 1000 }, { origin: null })).status).toBe(403);
    expect((await run("tokenViewer", { iterations: 1000 })).status).toBe(200);
  });

  it("is in the OpenAPI document: its body schema and the NDJSON response", () => {
    const doc = buildOpenApiDocument() as {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      paths: Record<string, Record<string, any>>;
      components: { schemas: Record<string, unknown>; responses: Record<string, unknown> };
    };
    const op = doc.paths["/cases/{caseId}/simulate"]!.post!;
    expect(op.operationId).toBe("simulateCase");
    const body = op.requestBody.content["application/json"].schema;
    expect(Object.keys(body.properties).sort()).toEqual(["iterations", "mode", "scenarioKey", "seed"]);
    expect(body.additionalProperties).toBe(false);
    expect(body.properties.mode.enum).toEqual(["incremental", "scenario"]);
    expect(op.responses["200"].content["application/x-ndjson"].schema.$ref).toBe(
      "#/components/schemas/SimulationStreamLine",
    );
    expect(op.responses["200"].description).toMatch(/one per line/);
    for (const status of ["401", "404", "422", "429"]) expect(op.responses[status], status).toBeTruthy();
    expect(doc.components.schemas.SimulationResult).toBeTruthy();
    expect(JSON.stringify(doc.components.schemas.SimulationStreamLine)).toContain(
      "#/components/schemas/SimulationResult",
    );
  });
});
