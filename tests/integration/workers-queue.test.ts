// The worker pool is bounded: with one thread and a queue of one, a burst of report downloads gets
// 200 for what fits and a clear 503 with Retry-After for the rest, each 503 logged with its cause.
import { beforeAll, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import { call } from "./api-client";
import { buildWorld, type World } from "./cases-world";

let w: World;

describe("a full worker queue", () => {
  beforeAll(async () => {
    process.env.WORKER_THREADS = "1";
    process.env.WORKER_QUEUE = "1";
    w = await buildWorld();
  });

  it("answers 503 + Retry-After only beyond the queue, and logs each with its cause", async () => {
    const warn = vi.spyOn(console, "warn");
    try {
      const answers = await Promise.all(
        [1, 2, 3, 4, 5].map(() => call("getCaseReport", { caseId: w.caseId }, { as: "viewer" }, w)),
      );
      const statuses = answers.map((r) => r.status).sort();
      // One renders, one waits in the queue; the other three are refused.
      expect(statuses).toEqual([200, 200, 503, 503, 503]);
      for (const r of answers.filter((x) => x.status === 503)) {
        expect(r.headers.get("retry-after")).toBe("10");
        expect(r.json.error.code).toBe("unavailable");
        expect(r.json.error.message).toMatch(/busy/);
      }
      const logged = warn.mock.calls.map(([line]) => String(line)).filter((line) => line.includes('"http-503"'));
      expect(logged).toHaveLength(3);
      for (const line of logged) expect(line).toMatch(/report\.pdf.*busy with other long work/);
      // With the burst over, the next download renders.
      expect((await call("getCaseReport", { caseId: w.caseId }, { as: "viewer" }, w)).status).toBe(200);
    } finally {
      warn.mockRestore();
    }
  }, 120_000);
});
