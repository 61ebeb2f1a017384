// POST /api/v1/cases/{caseId}/simulate through the real route handler on a real PostgreSQL: the
// same seed gives the same answer, bad input is a 422 naming the field, viewers may run it, and
// callers from another workspace see nothing (404).
import { beforeAll, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import { POST } from "@/app/api/v1/cases/[caseId]/simulate/route";
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
  const request = new Request(`${ORIGIN}/api/v1/cases/${caseId}/simulate`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
  const response = await POST(request, { params: Promise.resolve({ caseId }) });
  const text = await response.text();
  const lines: Line[] = response.headers.get("content-type")?.includes("ndjson") ? text.trim().split("\n").map((l) => JSON.parse(l) as Line) : [];
  let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, lines, json, result: lines.find((l) => l.type === "result")?.data };
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
    expect(a.result!.method).toMatch(/float64/);

    const b = await run("owner", { iterations: 5000, seed: 7 });
    expect(b.result).toEqual(a.result);
    expect(a.result).toEqual(simulate(loadCaseFile(), { iterations: 5000, seed: 7, scenarioKey: "upgrade" }));
    const c = await run("owner", { iterations: 5000, seed: 8 });
    expect(c.result!.npv.p50).not.toBe(a.result!.npv.p50);
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
});
