// Groundwork for the case's life (docs/case-file.md#stable-ids): stable ids survive export, import and edits, and the
// two kinds of write behave as docs/architecture.md#the-two-write-doors says: a tracking write leaves an approved
// case approved at its version; a plan write puts it back to draft; both are announced by a
// PostgreSQL NOTIFY that arrives only when the write commits.
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
import { parseCaseFile } from "@/lib/case-file/parse";
import type { CaseFile } from "@/lib/case-file/schema";
import { listCaseAuditEvents } from "@/lib/db/audit";
import { CASE_EVENTS_CHANNEL, parseCaseChange, type CaseChangeEvent } from "@/lib/db/case-events";
import { trackCase } from "@/lib/db/case-write";
import { createCaseFromFile, getCaseFileOrThrow, getCaseOrThrow, setCaseStatus } from "@/lib/db/cases";
import { duplicateLine, updateLine } from "@/lib/db/lines";
import { AppError } from "@/lib/errors";
import { computeCase } from "@/lib/finance/compute";
import { buildWorld, caseVersion, loadCaseFile, type World } from "./cases-world";

let w: World;
beforeEach(async () => {
  w = await buildWorld();
});

function allIds(file: CaseFile): string[] {
  return [
    ...file.scenarios.flatMap((s) => [...s.costs, ...s.benefits].map((l) => l.id)),
    ...file.risks.map((r) => r.id),
    ...file.kpis.map((k) => k.id),
    ...file.assumptions.map((a) => a.id),
  ].map((id) => id ?? "(missing)");
}

describe("stable ids", () => {
  it("every exported line, risk, KPI and assumption has an id; import then export keeps them", async () => {
    const { caseFile } = await getCaseFileOrThrow(w.actors.owner, w.caseId);
    const ids = allIds(caseFile);
    expect(ids.length).toBeGreaterThan(10);
    expect(ids).not.toContain("(missing)");
    expect(new Set(ids).size).toBe(ids.length);

    const reimported = await createCaseFromFile(
      w.actors.owner,
      "alpha",
      JSON.parse(JSON.stringify(caseFile)) as CaseFile,
    );
    const again = await getCaseFileOrThrow(w.actors.owner, reimported.caseId);
    expect(allIds(again.caseFile)).toEqual(ids);
  });

  it("a file without ids gets them on import, the same ones every time it is parsed", () => {
    const raw = loadCaseFile();
    const stripped = JSON.parse(JSON.stringify(raw, (k, v) => (k === "id" ? undefined : v))) as unknown;
    const a = parseCaseFile(stripped);
    const b = parseCaseFile(stripped);
    if (!a.ok || !b.ok) throw new Error("demo file did not parse");
    expect(allIds(a.value)).toEqual(allIds(b.value));
    expect(allIds(a.value)[0]).toBe("current-c1");
  });

  it("a duplicate id in a file is refused with its path", () => {
    const raw = JSON.parse(JSON.stringify(loadCaseFile())) as CaseFile;
    raw.risks[0]!.id = raw.kpis[0]!.id!;
    const parsed = parseCaseFile(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]!.path).toBe("kpis[0].id");
  });

  it("editing a line keeps its id; duplicating makes a new one; compute names lines by id", async () => {
    const before = (await getCaseOrThrow(w.actors.owner, w.caseId)).lines.find((l) => l.id === w.lineId)!;
    const edited = await updateLine(w.actors.editor, w.lineId, w.version, { name: "Renamed" });
    expect(edited.data.stableId).toBe(before.stableId);
    const copy = await duplicateLine(w.actors.editor, w.lineId, edited.version);
    expect(copy.data.stableId).not.toBe(before.stableId);

    const { caseFile } = await getCaseFileOrThrow(w.actors.owner, w.caseId);
    const output = computeCase(caseFile);
    for (const [i, scenario] of caseFile.scenarios.entries()) {
      const fileIds = [...scenario.costs, ...scenario.benefits].map((l) => l.id);
      expect(output.scenarios[i]!.lines.map((l) => l.id).sort()).toEqual([...fileIds].sort());
    }
    expect(output.scenarios.flatMap((s) => s.lines).find((l) => l.id === before.stableId)!.name).toBe("Renamed");
  });
});

describe("the two doors", () => {
  let listener: pg.Client;
  let events: CaseChangeEvent[];
  beforeEach(async () => {
    events = [];
    listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    listener.on("notification", (n) => {
      const e = n.channel === CASE_EVENTS_CHANNEL && n.payload ? parseCaseChange(n.payload) : null;
      if (e) events.push(e);
    });
    await listener.query(`LISTEN ${CASE_EVENTS_CHANNEL}`);
  });
  afterEach(async () => {
    await listener.end();
  });
  const settle = () => new Promise((r) => setTimeout(r, 150));
  const note = (caseId: string) => async () => ({
    data: "noted",
    audit: { action: "comment.create", entityType: "comment", entityId: caseId },
  });

  it("a tracking write leaves an approved case approved at its version, and is announced", async () => {
    const approved = await setCaseStatus(w.actors.owner, w.caseId, w.version, "approved");
    await settle();
    events.length = 0;
    // Viewers may track (comment); the door answers with the unchanged version.
    const r = await trackCase(w.actors.viewer, { caseId: w.caseId }, "viewer", note(w.caseId));
    expect(r.version).toBe(approved.version);
    const after = await getCaseOrThrow(w.actors.owner, w.caseId);
    expect(after.status).toBe("approved");
    expect(after.version).toBe(approved.version);
    // An editor's plan edit prepared against that version is not stale.
    const edited = await updateLine(w.actors.editor, w.lineId, approved.version, { name: "Renamed after approval" });
    expect(edited.version).toBe(approved.version + 1);
    expect((await getCaseOrThrow(w.actors.owner, w.caseId)).status).toBe("draft");

    const audit = await listCaseAuditEvents(w.actors.owner, w.caseId, { limit: 3 });
    expect(audit.map((e) => e.action)).toEqual(["case.status", "line.update", "comment.create"]);
    expect(audit[2]!.caseVersion).toBe(approved.version);

    await settle();
    expect(events.map((e) => [e.door, e.kind, e.version])).toEqual([
      ["tracking", "comment.create", approved.version],
      ["plan", "line.update", approved.version + 1],
    ]);
    expect(events[0]!.actor).toEqual({ kind: "user", id: w.users.viewer });
  });

  it("a tracking write that fails announces nothing and writes no audit row", async () => {
    await settle();
    events.length = 0;
    const failing = trackCase(w.actors.editor, { caseId: w.caseId }, "editor", async () => {
      throw new AppError("conflict", "someone else changed this actual");
    });
    await expect(failing).rejects.toMatchObject({ code: "conflict" });
    await settle();
    expect(events).toEqual([]);
    expect((await listCaseAuditEvents(w.actors.owner, w.caseId, { limit: 1 }))[0]!.action).not.toBe("comment.create");
  });

  it("the tracking door checks access: outsiders 404, too low a role 403", async () => {
    const code = (p: Promise<unknown>) =>
      p.then(
        () => "ok",
        (e: unknown) => (e instanceof AppError ? e.code : String(e)),
      );
    expect(await code(trackCase(w.actors.outsider, { caseId: w.caseId }, "viewer", note(w.caseId)))).toBe("not_found");
    expect(await code(trackCase(w.actors.viewer, { caseId: w.caseId }, "editor", note(w.caseId)))).toBe("forbidden");
    expect(await caseVersion(w.caseId)).toBe(w.version);
  });

  it("a case deleted while a tracking write waits for its lock: 404, and the change never runs", async () => {
    const deleter = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await deleter.connect();
    try {
      await deleter.query("BEGIN");
      await deleter.query(`DELETE FROM "BusinessCase" WHERE id = $1`, [w.caseId]);
      let ran = false;
      // The write reads the case (the delete is not committed yet) and then waits for the lock.
      const write = trackCase(w.actors.viewer, { caseId: w.caseId }, "viewer", async () => {
        ran = true;
        return note(w.caseId)();
      });
      const outcome = write.then(
        () => "ok",
        (e: unknown) => (e instanceof AppError ? e.code : String(e)),
      );
      await new Promise((r) => setTimeout(r, 400));
      await deleter.query("COMMIT");
      expect(await outcome).toBe("not_found");
      expect(ran).toBe(false);
    } finally {
      await deleter.end();
    }
  });
});
