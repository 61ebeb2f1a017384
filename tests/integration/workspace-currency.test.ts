// The workspace's reporting currency and rates (docs/currencies.md): owners set them, members read
// them, anyone else learns nothing; bad input answers 422 by path and changes nothing.
import { describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import { getWorkspaceReportingRates } from "@/lib/db/workspace-currency";
import { convertSeries } from "@/lib/finance/fx";
import { D } from "@/lib/finance/decimal";
import { call } from "./api-client";
import { buildWorld } from "./cases-world";

describe("workspace reporting currency", { timeout: 60_000 }, () => {
  it("owners set it; members read it; others get 404; the portfolio converts with it", async () => {
    const w = await buildWorld();
    const empty = await call("getReportingCurrency", { workspace: "alpha" }, { as: "viewer" }, w);
    expect(empty.status, empty.text).toBe(200);
    expect(empty.json.data).toMatchObject({ currency: null, rates: {} });

    const body = {
      currency: "SEK",
      rates: {
        USD: [
          { from: "2027-01", rate: "10.45" },
          { from: "2027-07", rate: "10.8" },
        ],
      },
    };
    const set = await call("setReportingCurrency", { workspace: "alpha" }, { as: "owner", body }, w);
    expect(set.status, set.text).toBe(200);
    expect(set.json.data).toMatchObject(body);
    expect((await call("setReportingCurrency", { workspace: "alpha" }, { as: "editor", body }, w)).status).toBe(403);
    expect((await call("setReportingCurrency", { workspace: "alpha" }, { as: "tokenEditor", body }, w)).status).toBe(
      403,
    );
    expect((await call("getReportingCurrency", { workspace: "alpha" }, { as: "outsider" }, w)).status).toBe(404);
    expect((await call("setReportingCurrency", { workspace: "alpha" }, { as: "outsider", body }, w)).status).toBe(404);

    const bad = await call(
      "setReportingCurrency",
      { workspace: "alpha" },
      { as: "owner", body: { currency: "SEK", rates: { USD: [{ from: "2027-7", rate: "-1" }], SEK: [] } } },
      w,
    );
    expect(bad.status).toBe(422);
    expect((bad.json.error.fieldErrors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      "rates.SEK",
      "rates.USD[0].from",
      "rates.USD[0].rate",
    ]);

    const read = await getWorkspaceReportingRates(w.actors.viewer, "alpha");
    expect(read.currency).toBe("SEK");
    // A USD case starting in 2027-05: months 0 and 1 are May, 2 is June (10.45), 3 is July (10.8).
    const series = convertSeries(
      [new D(100), new D(100), new D(100), new D(100)],
      { currency: "USD", startMonth: "2027-05" },
      { currency: read.currency!, rates: read.rates },
    );
    expect(series.map(String)).toEqual(["1045", "1045", "1045", "1080"]);
  });
});
