// The assumption register (docs/case-file.md#risks-kpis-and-assumptions) through the API: source, owner, confidence and the lines an
// assumption drives are stored, merge-patched, exported in the case file and kept by an import.
import { beforeEach, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import { prisma } from "@/lib/db/client";
import { call } from "./api-client";
import { buildWorld, type World } from "./cases-world";

let w: World;
beforeEach(async () => {
  w = await buildWorld();
});

describe("assumption register", () => {
  it("stores, patches, exports and re-imports source, owner, confidence and lines", async () => {
    const line = await prisma.caseLine.findUniqueOrThrow({ where: { id: w.lineId }, select: { stableId: true } });
    const added = await call(
      "addAssumption",
      { caseId: w.caseId },
      {
        as: "editor",
        ifMatch: w.version,
        body: {
          title: "Licence price holds",
          text: "List price 2026",
          source: "Vendor quote Q3",
          owner: "Erik Berg",
          confidence: "medium",
          lines: [line.stableId],
        },
      },
      w,
    );
    expect(added.status, added.text).toBe(201);
    expect(added.json.data).toMatchObject({
      source: "Vendor quote Q3",
      owner: "Erik Berg",
      confidence: "medium",
      lines: [line.stableId],
    });
    const patched = await call(
      "updateAssumption",
      { assumptionId: added.json.data.id },
      { as: "editor", ifMatch: added.json.version, body: { confidence: "high", owner: null } },
      w,
    );
    expect(patched.status, patched.text).toBe(200);
    expect(patched.json.data).toMatchObject({
      source: "Vendor quote Q3",
      owner: "",
      confidence: "high",
      lines: [line.stableId],
    });
    expect(
      (
        await call(
          "updateAssumption",
          { assumptionId: added.json.data.id },
          { as: "editor", ifMatch: patched.json.version, body: { confidence: "certain" } },
          w,
        )
      ).status,
    ).toBe(422);
    expect(
      (
        await call(
          "updateAssumption",
          { assumptionId: added.json.data.id },
          { as: "viewer", ifMatch: patched.json.version, body: { confidence: "low" } },
          w,
        )
      ).status,
    ).toBe(403);

    const exported = await call("exportCase", { caseId: w.caseId }, { as: "viewer" }, w);
    const file = exported.json;
    const inFile = file.assumptions.find((a: { title: string }) => a.title === "Licence price holds");
    expect(inFile).toEqual({
      id: added.json.data.stableId,
      title: "Licence price holds",
      text: "List price 2026",
      source: "Vendor quote Q3",
      confidence: "high",
      lines: [line.stableId],
    });
    const imported = await call("importCase", { workspace: "alpha" }, { as: "editor", body: file }, w);
    expect(imported.status, imported.text).toBe(201);
    const again = await prisma.assumption.findFirstOrThrow({
      where: { caseId: imported.json.data.id, title: "Licence price holds" },
    });
    expect(again).toMatchObject({ source: "Vendor quote Q3", owner: "", confidence: "high", lines: [line.stableId] });
  });
});
