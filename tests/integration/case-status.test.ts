// Approval: owners approve a case or send it back to draft; editors and viewers cannot; any later
// change of the case puts it back to draft in the same transaction, and the audit trail says so.
import { beforeEach, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
import { listCaseAuditEvents } from "@/lib/db/audit";
import { getCaseOrThrow, setCaseStatus } from "@/lib/db/cases";
import { updateLine } from "@/lib/db/lines";
import { AppError } from "@/lib/errors";
import { buildWorld, type World } from "./cases-world";

let w: World;
beforeEach(async () => {
  w = await buildWorld();
});

const code = async (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

describe("case approval", () => {
  it("only owners approve; a stale version is refused; other workspaces see nothing", async () => {
    expect(await code(setCaseStatus(w.actors.editor, w.caseId, w.version, "approved"))).toBe("forbidden");
    expect(await code(setCaseStatus(w.actors.viewer, w.caseId, w.version, "approved"))).toBe("forbidden");
    expect(await code(setCaseStatus(w.actors.outsider, w.caseId, w.version, "approved"))).toBe("not_found");
    expect(await code(setCaseStatus(w.actors.owner, w.caseId, w.version - 1, "approved"))).toBe("conflict");
    expect((await getCaseOrThrow(w.actors.owner, w.caseId)).status).toBe("draft");
    const r = await setCaseStatus(w.actors.owner, w.caseId, w.version, "approved");
    expect(r.data.status).toBe("approved");
    expect(r.version).toBe(w.version + 1);
  });

  it("a change after approval puts the case back to draft and records why", async () => {
    const approved = await setCaseStatus(w.actors.owner, w.caseId, w.version, "approved");
    const edited = await updateLine(w.actors.editor, w.lineId, approved.version, {
      name: "Cloud CRM subscription, renegotiated",
    });
    const after = await getCaseOrThrow(w.actors.owner, w.caseId);
    expect(after.status).toBe("draft");
    expect(after.version).toBe(edited.version);
    const events = await listCaseAuditEvents(w.actors.viewer, w.caseId, { limit: 3 });
    expect(events.map((e) => e.action)).toEqual(["case.status", "line.update", "case.status"]);
    expect(events[0]!.before).toEqual({ status: "approved" });
    expect(events[0]!.after).toEqual({ status: "draft", reason: "line.update" });
    // Sending back to draft by hand, and approving again, both work for the owner.
    const again = await setCaseStatus(w.actors.owner, w.caseId, after.version, "approved");
    expect((await setCaseStatus(w.actors.owner, w.caseId, again.version, "draft")).data.status).toBe("draft");
  });
});
