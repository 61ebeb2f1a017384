// GET /cases/{id}/report.pdf?iterations=N&seed=S: the report with that Monte Carlo run (what the
// Uncertainty tab's "report with this simulation" link asks for); bad values answer 422 by name.
import { execFileSync } from "node:child_process";
import { beforeAll, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import { formatMoney } from "@/lib/i18n/format";
import { simulate } from "@/lib/finance/uncertainty";
import { GET } from "@/app/api/v1/cases/[caseId]/report.pdf/route";
import { authHeaders, call, ORIGIN } from "./api-client";
import { buildWorld, loadCaseFile, type World } from "./cases-world";

let w: World;
beforeAll(async () => {
  w = await buildWorld();
});

describe("report with a simulation", () => {
  it("prints the run's percentiles, identical to the engine's run with the same seed", async () => {
    const request = new Request(`${ORIGIN}/api/v1/cases/${w.caseId}/report.pdf?locale=en&iterations=2000&seed=11`, {
      headers: authHeaders(w, "viewer"),
    });
    const response = await GET(request, { params: Promise.resolve({ caseId: w.caseId }) });
    expect(response.status).toBe(200);
    const pdf = Buffer.from(await response.arrayBuffer());
    const text = execFileSync("pdftotext", ["-", "-"], { input: pdf, encoding: "utf8" })
      .replace(/[\u00a0\u202f]/g, " ")
      .replace(/\s+/g, " ");
    const file = loadCaseFile();
    const expected = simulate(file, {
      iterations: 2000,
      seed: 11,
      comparison: { alternative: "upgrade", baseline: "current" },
    });
    expect(text).toContain("Monte Carlo (2,000 runs, seed 11)");
    expect(text).toContain(formatMoney(expected.npv.p50, file.currency, "en").replace(/[\u00a0\u202f]/g, " "));
  });

  it("answers 422 naming the field for iterations or a seed out of range", async () => {
    for (const query of [
      "iterations=abc",
      "iterations=999",
      "iterations=100001",
      "iterations=2000&seed=-1",
      "iterations=2000&seed=1.5",
    ]) {
      const r = await call("getCaseReport", { caseId: w.caseId }, { as: "owner", query }, w);
      expect(r.status, query).toBe(422);
      expect(r.text, query).toMatch(query.includes("seed") ? /seed/ : /iterations/);
    }
  });
});
