// The line's currency through the whole stack, added as one row of the line field table: the API
// refuses a bad code naming "currency" (nothing saved), stores a good one, answers it in the case
// and in the exported case file, and removes it with null; a currency without the case's rates for it
// is refused; at a rate of 1 the figures do not change.
import { beforeAll, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import { snapshotDatabase } from "../helpers/db";
import { call } from "./api-client";
import { buildWorld, caseVersion, type World } from "./cases-world";

let w: World;

describe("a line's currency", () => {
  beforeAll(async () => {
    w = await buildWorld();
    // A token's first use is recorded; use them once so the snapshots below compare the case only.
    for (const as of ["tokenEditor", "tokenViewer"] as const)
      await call("listCases", { workspace: "alpha" }, { as }, w);
  });

  for (const bad of ["usd", "US"]) {
    it(`refuses "${bad}" with 422 at "currency"; nothing changes`, async () => {
      const snapshot = await snapshotDatabase();
      const r = await call(
        "updateLine",
        { lineId: w.lineId },
        { as: "tokenEditor", ifMatch: await caseVersion(w.caseId), body: { currency: bad } },
        w,
      );
      expect(r.status, r.text).toBe(422);
      expect(r.json.error.fieldErrors.map((f: { path: string }) => f.path)).toEqual(["currency"]);
      expect(await snapshotDatabase()).toEqual(snapshot);
    });
  }

  it("is refused without the case's rates for it, naming currency; nothing changes", async () => {
    const snapshot = await snapshotDatabase();
    const r = await call(
      "updateLine",
      { lineId: w.lineId },
      { as: "tokenEditor", ifMatch: await caseVersion(w.caseId), body: { currency: "EUR" } },
      w,
    );
    expect(r.status, r.text).toBe(422);
    expect(r.json.error.fieldErrors).toEqual([{ path: "currency", message: expect.stringContaining("EUR") }]);
    expect(await snapshotDatabase()).toEqual(snapshot);
  });

  it("is stored, answered and exported; null removes it; at a rate of 1 no figure moves", async () => {
    const figures = async () =>
      (await call("computeCase", { caseId: w.caseId }, { as: "tokenViewer" }, w)).json.data.scenarios.map(
        (s: { npv: string; totalCost: string }) => [s.npv, s.totalCost],
      );
    const before = await figures();
    const rates = await call(
      "updateCase",
      { caseId: w.caseId },
      { as: "tokenEditor", ifMatch: await caseVersion(w.caseId), body: { fx: { EUR: [{ from: 0, rate: "1" }] } } },
      w,
    );
    expect(rates.status, rates.text).toBe(200);
    const set = await call(
      "updateLine",
      { lineId: w.lineId },
      { as: "tokenEditor", ifMatch: await caseVersion(w.caseId), body: { currency: "EUR" } },
      w,
    );
    expect(set.status, set.text).toBe(200);
    expect(set.json.data.currency).toBe("EUR");
    const got = await call("getCase", { caseId: w.caseId }, { as: "tokenViewer" }, w);
    const line = got.json.data.lines.find((l: { id: string }) => l.id === w.lineId);
    expect(line.currency).toBe("EUR");
    const exported = await call("exportCase", { caseId: w.caseId }, { as: "tokenViewer" }, w);
    const costs = exported.json.scenarios.flatMap((s: { costs: { id: string; currency?: string }[] }) => s.costs);
    expect(costs.find((l: { id: string }) => l.id === line.stableId).currency).toBe("EUR");
    expect(await figures()).toEqual(before);

    const cleared = await call(
      "updateLine",
      { lineId: w.lineId },
      { as: "tokenEditor", ifMatch: await caseVersion(w.caseId), body: { currency: null } },
      w,
    );
    expect(cleared.status, cleared.text).toBe(200);
    expect(cleared.json.data.currency).toBeNull();
    const again = await call("exportCase", { caseId: w.caseId }, { as: "tokenViewer" }, w);
    const lines = again.json.scenarios.flatMap((s: { costs: object[]; benefits: object[] }) => [
      ...s.costs,
      ...s.benefits,
    ]);
    expect(lines.some((l: object) => "currency" in l)).toBe(false);
  });
});
