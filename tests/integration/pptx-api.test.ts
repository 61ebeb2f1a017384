// GET /cases/{id}/report.pptx and /snapshots/{id}/report.pptx: the board pack through the
// operations registry (viewers may download; another workspace's id is not found), built in the
// worker pool, with the same headline strings as the PDF's model.
import { beforeAll, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { computeCase } from "@/lib/finance/compute";
import { buildReportModel } from "@/lib/report/model";
import { GET as caseDeck } from "@/app/api/v1/cases/[caseId]/report.pptx/route";
import { GET as snapshotDeck } from "@/app/api/v1/snapshots/[snapshotId]/report.pptx/route";
import { openDeck } from "../helpers/pptx";
import { authHeaders, call, ORIGIN, type CallOptions } from "./api-client";
import { buildWorld, loadCaseFile, type World } from "./cases-world";

const PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
let w: World;
beforeAll(async () => {
  w = await buildWorld();
});

const getCaseDeck = (caseId: string, as: CallOptions["as"], query = "locale=fr") =>
  caseDeck(new Request(`${ORIGIN}/api/v1/cases/${caseId}/report.pptx?${query}`, { headers: authHeaders(w, as) }), {
    params: Promise.resolve({ caseId }),
  });

describe("board pack over the API", () => {
  it("a viewer downloads the case's deck: a presentation whose headline is the report model's", async () => {
    const r = await getCaseDeck(w.caseId, "viewer");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe(PPTX);
    expect(r.headers.get("content-disposition")).toMatch(/\.pptx/);
    const deck = await openDeck(new Uint8Array(await r.arrayBuffer()));
    const file = loadCaseFile();
    const model = buildReportModel(file, computeCase(file), { locale: "fr" });
    for (const f of model.summary.figures) expect(deck.slideTexts[1]).toContain(f.value);
    expect(deck.slideTexts[1]).toContain(model.summary.title);
  });

  it("another workspace's case is not found, a token of the right workspace works, a bad locale is 422", async () => {
    expect((await getCaseDeck(w.caseId, "outsider")).status).toBe(404);
    expect((await getCaseDeck(w.foreign.caseId, "viewer")).status).toBe(404);
    expect((await getCaseDeck(w.caseId, "anonymous")).status).toBe(401);
    expect((await getCaseDeck(w.caseId, "tokenViewer")).status).toBe(200);
    const bad = await call("getCaseDeck", { caseId: w.caseId }, { as: "viewer", query: "locale=de" }, w);
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/locale/);
  });

  it("a snapshot's deck shows that version; OpenAPI lists both operations", async () => {
    const snap = await call("createSnapshot", { caseId: w.caseId }, { as: "editor", body: { name: "Pre-read" } }, w);
    expect(snap.status).toBe(201);
    const id = snap.json.data.id as string;
    const request = (as: CallOptions["as"]) =>
      snapshotDeck(
        new Request(`${ORIGIN}/api/v1/snapshots/${id}/report.pptx?locale=en`, { headers: authHeaders(w, as) }),
        {
          params: Promise.resolve({ snapshotId: id }),
        },
      );
    const r = await request("viewer");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe(PPTX);
    const deck = await openDeck(new Uint8Array(await r.arrayBuffer()));
    expect(deck.slideTexts[0]).toContain(loadCaseFile().name);
    expect((await request("outsider")).status).toBe(404);
    const doc = buildOpenApiDocument() as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
    };
    for (const p of ["/cases/{caseId}/report.pptx", "/snapshots/{snapshotId}/report.pptx"])
      expect(Object.keys(doc.paths[p]!.get!.responses["200"]!.content!)).toEqual([PPTX]);
  });
});
