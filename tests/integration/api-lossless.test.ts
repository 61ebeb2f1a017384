// JSON numbers are read without loss (docs/architecture.md#reliability): an amount sent as a JSON number
// keeps every digit sent, and a number field given more digits than it can hold is refused with
// its path. Also the case file the CLI reads.
import { beforeAll, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import { parseCaseFileText } from "@/lib/case-file/parse";
import { snapshotDatabase } from "../helpers/db";
import { call } from "./api-client";
import { buildWorld, caseVersion, loadCaseFile, type World } from "./cases-world";

let w: World;
const json = { "content-type": "application/json" };

describe("JSON numbers without float rounding", () => {
  beforeAll(async () => {
    w = await buildWorld();
  });

  it("an amount sent as the JSON number 1234567890.123456789 is stored and read back with every digit", async () => {
    const body = `{"kind":"cost","scenarioId":"${w.scenarioId}","name":"exact","category":"software","recurring":"monthly","amount": 1234567890.123456789,"startMonth":0}`;
    const r = await call(
      "addLine",
      { caseId: w.caseId },
      { as: "owner", ifMatch: await caseVersion(w.caseId), rawBody: body, headers: json },
      w,
    );
    expect(r.status, r.text).toBe(201);
    const read = await call("getCase", { caseId: w.caseId }, { as: "owner" }, w);
    expect(read.json.data.lines.find((l: { id: string }) => l.id === r.json.data.id).amount).toBe(
      "1234567890.123456789",
    );
  });

  it("a KPI target of 98765432109876.54321 and a risk cost of -0.123456789 keep their digits", async () => {
    const kpi = await call(
      "addKpi",
      { caseId: w.caseId },
      {
        as: "owner",
        ifMatch: await caseVersion(w.caseId),
        rawBody: '{"name":"k","target":98765432109876.54321}',
        headers: json,
      },
      w,
    );
    expect(kpi.status, kpi.text).toBe(201);
    expect(kpi.json.data.target).toBe("98765432109876.54321");
    const risk = await call(
      "addRisk",
      { caseId: w.caseId },
      {
        as: "owner",
        ifMatch: await caseVersion(w.caseId),
        rawBody: '{"title":"r","likelihood":1,"impact":1,"costImpact":-0.123456789}',
        headers: json,
      },
      w,
    );
    expect(risk.status, risk.text).toBe(201);
    expect(risk.json.data.costImpact).toBe("-0.123456789");
  });

  it("a whole-number field given digits a double cannot hold is 422 naming the field, nothing changes", async () => {
    const snapshot = await snapshotDatabase();
    for (const raw of [
      '{"horizonMonths": 36.0000000000000000001}',
      '{"horizonMonths": 1e400}',
      '{"horizonMonths": 9007199254740993}',
    ]) {
      const r = await call(
        "updateCase",
        { caseId: w.caseId },
        { as: "owner", ifMatch: await caseVersion(w.caseId), rawBody: raw, headers: json },
        w,
      );
      expect(r.status, raw).toBe(422);
      expect(r.json.error.fieldErrors.map((f: { path: string }) => f.path)).toEqual(["horizonMonths"]);
    }
    expect(await snapshotDatabase()).toBe(snapshot);
  });

  it("the case file the CLI and import read keeps an amount's digits", () => {
    const file = loadCaseFile();
    const text = JSON.stringify(file).replace(/"amount":"?[0-9.-]+"?/, '"amount":1234567890.123456789');
    const parsed = parseCaseFileText(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const amounts = parsed.value.scenarios.flatMap((s) => [...s.costs, ...s.benefits]).map((l) => l.amount);
    expect(amounts).toContain("1234567890.123456789");
  });
});
