// GET /cases/{id}/report.pptx and /snapshots/{id}/report.pptx: the board pack through the
// operations registry (viewers may download; another workspace's id is not found), built in the
// worker pool, with the same headline strings as the PDF's model.
import { beforeAll, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { prisma } from "@/lib/db/client";
import { computeCase } from "@/lib/finance/compute";
import { buildReportModel } from "@/lib/report/model";
import { GET as caseDeck } from "@/app/api/v1/cases/[caseId]/report.pptx/route";
import { GET as snapshotDeck } from "@/app/api/v1/snapshots/[snapshotId]/report.pptx/route";
import { randomBytes } from "node:crypto";
import { unzipSync, zipSync } from "fflate";
import { makeTemplate, openDeck } from "../helpers/pptx";
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

describe("the workspace's slide template over the API", () => {
  const put = (as: CallOptions["as"], rawBody: Uint8Array, query = "fileName=brand.pptx") =>
    call("putDeckTemplate", { workspace: "alpha" }, { as, rawBody: new Uint8Array(rawBody), query }, w);

  it("an owner uploads a template; every member's deck uses its colours, fonts and logo; removing it restores the default", async () => {
    const template = await makeTemplate({ accent: "7A1F5C", headingFont: "Georgia", bodyFont: "Verdana" });
    const r = await put("owner", template);
    expect(r.status, r.text).toBe(200);
    expect(r.json.data).toMatchObject({
      fileName: "brand.pptx",
      sizeBytes: template.byteLength,
      uploadedBy: "Olivia Owner",
      headingFont: "Georgia",
      bodyFont: "Verdana",
      accent: "7A1F5C",
      hasLogo: true,
    });
    expect((await call("getDeckTemplate", { workspace: "alpha" }, { as: "viewer" }, w)).json.data.fileName).toBe(
      "brand.pptx",
    );
    const branded = await openDeck(new Uint8Array(await (await getCaseDeck(w.caseId, "viewer")).arrayBuffer()));
    expect(await branded.part("ppt/theme/theme1.xml")).toContain('<a:srgbClr val="7A1F5C"/>');
    expect(branded.slides[1]).toContain('typeface="Verdana"');
    expect(branded.names.filter((n) => n.startsWith("ppt/media/")).length).toBe(1);
    // Another workspace's decks are untouched.
    const foreign = await openDeck(
      new Uint8Array(await (await getCaseDeck(w.foreign.caseId, "outsider")).arrayBuffer()),
    );
    expect(foreign.names.filter((n) => n.startsWith("ppt/media/"))).toEqual([]);
    const removed = await call("deleteDeckTemplate", { workspace: "alpha" }, { as: "owner" }, w);
    expect(removed.json.data).toEqual({ removed: true });
    // Both changes are audited in the workspace, by the owner.
    const audit = await prisma.auditEvent.findMany({
      where: { workspaceId: w.alpha.id, action: { startsWith: "template." } },
      orderBy: { id: "asc" },
      select: { action: true, actorUserId: true, after: true },
    });
    expect(audit).toEqual([
      {
        action: "template.upload",
        actorUserId: w.users.owner,
        after: { fileName: "brand.pptx", sizeBytes: template.byteLength },
      },
      { action: "template.remove", actorUserId: w.users.owner, after: null },
    ]);
    const plain = await openDeck(new Uint8Array(await (await getCaseDeck(w.caseId, "viewer")).arrayBuffer()));
    expect(plain.names.filter((n) => n.startsWith("ppt/media/"))).toEqual([]);
    expect((await call("getDeckTemplate", { workspace: "alpha" }, { as: "viewer" }, w)).json.data).toBeNull();
  });

  it("only owners change it: an editor or viewer is told so (403), another workspace's owner learns nothing (404)", async () => {
    const template = await makeTemplate();
    for (const as of ["editor", "viewer", "tokenEditor"] as const) {
      const r = await put(as, template);
      expect(r.status, as).toBe(403);
    }
    expect((await put("outsider", template)).status).toBe(404);
    expect((await call("getDeckTemplate", { workspace: "alpha" }, { as: "outsider" }, w)).status).toBe(404);
    expect((await call("getDeckTemplate", { workspace: "alpha" }, { as: "viewer" }, w)).json.data).toBeNull();
  });

  it("refuses bad files with a clear message naming the file: random bytes, macros, a zip bomb, too large, none", async () => {
    const files = unzipSync(await makeTemplate());
    const cases: [Uint8Array, number, RegExp][] = [
      [randomBytes(4000), 422, /not a PowerPoint presentation/],
      [zipSync({ ...files, "ppt/vbaProject.bin": randomBytes(500) }), 422, /contains macros/],
      [
        zipSync({ ...files, "ppt/media/bomb.xml": new Uint8Array(40 * 1024 * 1024) }, { level: 9 }),
        422,
        /compressed more than/,
      ],
      [new Uint8Array(11 * 1024 * 1024), 413, /larger than 10 MB/],
    ];
    for (const [body, status, message] of cases) {
      const r = await put("owner", body);
      expect(r.status, r.text).toBe(status);
      expect(r.json.error.message).toMatch(message);
      if (status === 422)
        expect(r.json.error.fieldErrors).toEqual([{ path: "file", message: expect.stringMatching(message) }]);
    }
    const empty = await put("owner", new Uint8Array(0));
    expect(empty.status).toBe(422);
    expect(empty.json.error.fieldErrors[0].path).toBe("file");
    expect((await call("getDeckTemplate", { workspace: "alpha" }, { as: "owner" }, w)).json.data).toBeNull();
  });
});
