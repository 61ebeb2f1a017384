// Currencies on PostgreSQL (docs/currencies.md): the case's plan rates are a plan field (a new
// version, in the diff and the history step by step), actual rates a tracking field (the version
// stays), bad rates answer 400 by path and change nothing, and the case file carries both.
import { describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseCaseFile } from "@/lib/case-file/parse";
import { createCaseFromFile, getCaseFileOrThrow } from "@/lib/db/cases";
import { call } from "./api-client";
import { buildWorld, caseVersion } from "./cases-world";

const small = () => {
  const json = JSON.parse(
    readFileSync(path.join(process.cwd(), "tests/fixtures/cases/realisation-small.json"), "utf8"),
  ) as Record<string, unknown>;
  const r = parseCaseFile({
    ...json,
    fx: {
      USD: [
        { from: 0, rate: "10.45" },
        { from: 13, rate: "10.80" },
      ],
    },
    fxActuals: { USD: { "1": "10.52" } },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};

describe("case exchange rates", { timeout: 60_000 }, () => {
  it("imports and exports fx and fxActuals; a rate change is a plan change with a diff and history", async () => {
    const w = await buildWorld();
    const created = await createCaseFromFile(w.actors.owner, "alpha", small());
    const caseId = created.caseId;
    const exported = (await getCaseFileOrThrow(w.actors.viewer, caseId)).caseFile;
    expect(exported.fx).toEqual({
      USD: [
        { from: 0, rate: "10.45" },
        { from: 13, rate: "10.8" },
      ],
    });
    expect(exported.fxActuals).toEqual({ USD: { "1": "10.52" } });
    expect(parseCaseFile(exported).ok).toBe(true);

    const snap = await call("createSnapshot", { caseId }, { as: "editor", body: { name: "before the rate" } }, w);
    expect(snap.status, snap.text).toBe(201);
    const v = await caseVersion(caseId);
    const r = await call(
      "updateCase",
      { caseId },
      {
        as: "editor",
        ifMatch: v,
        body: {
          fx: {
            USD: [
              { from: 0, rate: "10.45" },
              { from: 13, rate: "11.20" },
            ],
            EUR: [{ from: 0, rate: 11.5 }],
          },
        },
      },
      w,
    );
    expect(r.status, r.text).toBe(200);
    expect(r.json.version).toBe(v + 1);

    const diff = await call("diffCase", { caseId }, { as: "viewer", query: `from=${snap.json.data.id}` }, w);
    expect(diff.status, diff.text).toBe(200);
    expect(diff.json.data.diff.settings).toEqual([
      { field: "fx.EUR.0", before: null, after: "11.5" },
      { field: "fx.USD.13", before: "10.8", after: "11.2" },
    ]);

    const audit = await call("listCaseAudit", { caseId }, { as: "viewer" }, w);
    const update = (audit.json.data as { action: string; before: unknown; after: unknown }[]).find(
      (e) => e.action === "case.update",
    )!;
    expect(update.before).toEqual({ "fx.USD.13": "10.8", "fx.EUR.0": null });
    expect(update.after).toEqual({ "fx.USD.13": "11.2", "fx.EUR.0": "11.5" });

    // Clearing the rates is a plan change too.
    const cleared = await call("updateCase", { caseId }, { as: "editor", ifMatch: v + 1, body: { fx: null } }, w);
    expect(cleared.status, cleared.text).toBe(200);
    expect((await getCaseFileOrThrow(w.actors.viewer, caseId)).caseFile.fx).toBeUndefined();
  });

  it("refuses bad rates by path and changes nothing", async () => {
    const w = await buildWorld();
    const { caseId } = await createCaseFromFile(w.actors.owner, "alpha", small());
    const v = await caseVersion(caseId);
    const bad = async (fx: unknown) => {
      const r = await call("updateCase", { caseId }, { as: "editor", ifMatch: v, body: { fx } }, w);
      expect(r.status, r.text).toBe(422);
      return (r.json.error.fieldErrors as { path: string }[]).map((e) => e.path);
    };
    expect(await bad({ USD: [{ from: 0, rate: "-1" }] })).toEqual(["fx.USD[0].rate"]);
    expect(await bad({ USD: [{ from: 2, rate: "10" }] })).toEqual(["fx.USD[0].from"]);
    expect(
      await bad({
        USD: [
          { from: 0, rate: "10" },
          { from: 99, rate: "10" },
        ],
      }),
    ).toEqual(["fx.USD[1].from"]);
    expect(await bad({ SEK: [{ from: 0, rate: "1" }] })).toEqual(["fx.SEK"]);
    expect(await caseVersion(caseId)).toBe(v);
    expect((await getCaseFileOrThrow(w.actors.viewer, caseId)).caseFile.fx!.USD![1]!.rate).toBe("10.8");
  });

  it("records actual rates as tracking: the version stays; months after actualsThrough are refused", async () => {
    const w = await buildWorld();
    const { caseId } = await createCaseFromFile(w.actors.owner, "alpha", small());
    const v = await caseVersion(caseId);
    const ok = await call(
      "updateCase",
      { caseId },
      { as: "editor", ifMatch: v, body: { fxActuals: { USD: { "1": "10.52", "2": "10.61" } } } },
      w,
    );
    expect(ok.status, ok.text).toBe(200);
    expect(await caseVersion(caseId)).toBe(v);
    expect((await getCaseFileOrThrow(w.actors.viewer, caseId)).caseFile.fxActuals).toEqual({
      USD: { "1": "10.52", "2": "10.61" },
    });
    const late = await call(
      "updateCase",
      { caseId },
      { as: "editor", ifMatch: v, body: { fxActuals: { USD: { "9": "10" } } } },
      w,
    );
    expect(late.status).toBe(422);
    expect(late.json.error.fieldErrors).toEqual([
      { path: "fxActuals.USD.9", message: "month 9 is after actualsThrough (3)" },
    ]);
    const viewer = await call("updateCase", { caseId }, { as: "viewer", ifMatch: v, body: { fxActuals: null } }, w);
    expect(viewer.status).toBe(403);
  });
});
