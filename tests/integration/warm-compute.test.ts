// Warm across versions (docs/architecture.md#warm-file): after a one-line edit the server derives the new version's case
// file from the state it computed last (lib/services/compute-case.ts computeAfterLineUpdate)
// instead of reading the case again. Whatever the path, the figures must be exactly those of the
// case as stored: checked against a fresh read and compute after every edit, on the demo case and
// on a case with actuals, and across a write that did not pass through here.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
import { parseCaseFile } from "@/lib/case-file/parse";
import { setLineActuals } from "@/lib/db/actuals";
import { createCaseFromFile, getCaseFileOrThrow } from "@/lib/db/cases";
import { updateLine } from "@/lib/db/lines";
import { prisma } from "@/lib/db/client";
import { computeCase } from "@/lib/finance/compute";
import { computeAfterLineUpdate, getCaseCompute } from "@/lib/services/compute-case";
import { buildWorld, caseVersion, type World } from "./cases-world";

let w: World;
beforeEach(async () => {
  w = await buildWorld();
});

// The figures of the case exactly as stored now, from objects the engine has never seen.
async function truth(caseId: string) {
  const { caseFile, version } = await getCaseFileOrThrow(w.actors.owner, caseId);
  return { version, json: JSON.stringify(computeCase(structuredClone(caseFile))) };
}

async function linesOf(caseId: string) {
  return prisma.caseLine.findMany({
    where: { caseId },
    orderBy: [{ scenarioId: "asc" }, { kind: "asc" }, { position: "asc" }],
    select: { id: true, kind: true, amount: true, low: true, high: true },
  });
}

describe("figures after a one-line edit", { timeout: 120_000 }, () => {
  it("are derived from the previous version's file and equal a fresh compute of the stored case, edit after edit", async () => {
    await getCaseCompute(w.actors.owner, w.caseId); // this instance holds the current state
    // Lines with a plain amount and no range (a range bounds the amount).
    const lines = (await linesOf(w.caseId)).filter((l) => l.amount !== null && l.low === null && l.high === null);
    expect(lines.length).toBeGreaterThan(3);
    const patches: Record<string, unknown>[] = [
      { amount: "123456.78" },
      { riskAdjustment: "0.2" },
      { name: "Renamed" },
      { category: "other" },
      { amount: "99" },
      { escalation: "0.04" },
      { riskAdjustment: null },
    ];
    const sources: string[] = [];
    for (const [i, patch] of patches.entries()) {
      const line = lines[(i * 3) % lines.length]!;
      const write = await updateLine(w.actors.editor, line.id, await caseVersion(w.caseId), patch);
      const figures = await computeAfterLineUpdate(w.actors.editor, write, patch);
      sources.push(figures.source);
      const expected = await truth(w.caseId);
      expect(figures.version).toBe(expected.version);
      expect(figures.outputJson, `after ${JSON.stringify(patch)}`).toBe(expected.json);
      // The read path answers the same figures for that version, from memory.
      const read = await getCaseCompute(w.actors.viewer, w.caseId);
      expect(read.source).toBe("memory");
      expect(read.outputJson).toBe(expected.json);
    }
    expect(sources.every((s) => s === "derived")).toBe(true);
    // Written to ComputeCache too (after the response; awaited here, outside a request).
    const row = await prisma.computeCache.findUnique({ where: { caseId: w.caseId }, select: { version: true } });
    expect(row?.version).toBe(await caseVersion(w.caseId));
  });

  it("read the case again when another write came between (version skipped, tracking revision moved, line moved)", async () => {
    await getCaseCompute(w.actors.owner, w.caseId);
    const [a, b] = (await linesOf(w.caseId)).filter((l) => l.amount !== null);
    // A write this instance did not compute after: the next edit cannot start from the held file.
    await updateLine(w.actors.editor, b!.id, await caseVersion(w.caseId), { riskAdjustment: "0.3" });
    let write = await updateLine(w.actors.editor, a!.id, await caseVersion(w.caseId), { riskAdjustment: "0.1" });
    let figures = await computeAfterLineUpdate(w.actors.editor, write, { riskAdjustment: "0.1" });
    expect(figures.source).toBe("computed");
    expect(figures.outputJson).toBe((await truth(w.caseId)).json);
    // Now held again: a plain edit is derived.
    write = await updateLine(w.actors.editor, a!.id, await caseVersion(w.caseId), { riskAdjustment: "0.15" });
    figures = await computeAfterLineUpdate(w.actors.editor, write, { riskAdjustment: "0.15" });
    expect(figures.source).toBe("derived");
    expect(figures.outputJson).toBe((await truth(w.caseId)).json);
  });

  it("a case with actuals: derived figures keep the actuals; a tracking write in between is noticed", async () => {
    const small = parseCaseFile(
      JSON.parse(readFileSync(path.join(process.cwd(), "tests/fixtures/cases/realisation-small.json"), "utf8")),
    );
    if (!small.ok) throw new Error("fixture");
    const created = await createCaseFromFile(w.actors.owner, "alpha", small.value);
    const caseId = created.caseId;
    const withActuals = created.data.lines.find((l) => l.stableId === "sales")!;
    await getCaseCompute(w.actors.owner, caseId);

    let write = await updateLine(w.actors.editor, withActuals.id, await caseVersion(caseId), { riskAdjustment: "0.3" });
    let figures = await computeAfterLineUpdate(w.actors.editor, write, { riskAdjustment: "0.3" });
    expect(figures.source).toBe("derived");
    expect(figures.outputJson).toBe((await truth(caseId)).json);
    expect(figures.output.realisation).toBeTruthy();

    // Actuals recorded (tracking door: no new version, a new tracking revision), then a plan edit.
    await setLineActuals(w.actors.editor, caseId, { [withActuals.id]: { "1": "777" } });
    write = await updateLine(w.actors.editor, withActuals.id, await caseVersion(caseId), { riskAdjustment: "0.35" });
    figures = await computeAfterLineUpdate(w.actors.editor, write, { riskAdjustment: "0.35" });
    expect(figures.source).toBe("computed");
    expect(figures.outputJson).toBe((await truth(caseId)).json);

    // Tangibility decides which actuals the file carries: a patch that sets it reads again.
    const savedTime = created.data.lines.find((l) => l.stableId === "saved-time")!;
    write = await updateLine(w.actors.editor, savedTime.id, await caseVersion(caseId), { tangible: true });
    figures = await computeAfterLineUpdate(w.actors.editor, write, { tangible: true });
    expect(figures.source).toBe("computed");
    expect(figures.outputJson).toBe((await truth(caseId)).json);
  });
});
