// Spreadsheet import on a real PostgreSQL: the exported workbook's line sheets imported into an
// empty case give the same case file on export (ids aside); a whole workbook becomes a new case;
// importLines writes costs and benefits in one version, or nothing at all.
import { beforeEach, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
import type { CaseFile } from "@/lib/case-file/schema";
import { getCaseOrThrow } from "@/lib/db/cases";
import { importLines } from "@/lib/db/lines";
import { AppError } from "@/lib/errors";
import { computeCase } from "@/lib/finance/compute";
import { exportCaseFile, importCaseFile } from "@/lib/services/case-file";
import { workbookBuffer } from "@/lib/xlsx/export";
import { readTable, readWorkbookCase } from "@/lib/xlsx/import";
import { guessMapping, toLines } from "@/lib/xlsx/import-map";
import { snapshotDatabase } from "../helpers/db";
import { buildWorld, caseVersion, loadCaseFile, type World } from "./cases-world";

let w: World;
beforeEach(async () => {
  w = await buildWorld();
});

const withoutLines = (file: CaseFile): CaseFile => ({
  ...file,
  scenarios: file.scenarios.map((s) => ({ ...s, costs: [], benefits: [] })),
});

describe("round trip through the workbook", () => {
  for (const fixture of ["every-timing", "demo-crm-upgrade"]) {
    it(`export -> import the line sheets into an empty case -> export gives the same case file (${fixture})`, async () => {
      const original = await importCaseFile(w.actors.editor, "alpha", loadCaseFile(fixture));
      const first = (await exportCaseFile(w.actors.editor, original.caseId)).caseFile;
      const xlsx = new Uint8Array(await workbookBuffer(first, computeCase(first)));

      const empty = await importCaseFile(w.actors.editor, "alpha", withoutLines(first));
      let version = empty.version;
      for (const scenario of empty.data.scenarios) {
        const table = await readTable(xlsx, "case.xlsx", { sheet: `${scenario.key} lines` });
        if (!table.ok) throw new Error(table.problem.message);
        const lines = toLines(table.value, guessMapping(table.value.header), {
          locale: "en",
          horizon: first.horizonMonths,
          defaultKind: "cost",
        });
        expect(lines.problems).toEqual([]);
        if (lines.costs.length + lines.benefits.length === 0) continue;
        version = (
          await importLines(w.actors.editor, empty.caseId, version, {
            scenarioId: scenario.id,
            costs: lines.costs,
            benefits: lines.benefits,
          })
        ).version;
      }
      const second = (await exportCaseFile(w.actors.editor, empty.caseId)).caseFile;
      expect(second).toEqual(first);
    });
  }

  // realisation-small: a case with actuals, so the workbook has the Actuals and Realisation
  // sheets; the line actuals travel in the lines sheets' actuals column.
  for (const fixture of ["every-timing", "realisation-small"]) {
    it(`a whole exported workbook becomes a new case with the same case file (${fixture})`, async () => {
      const original = await importCaseFile(w.actors.editor, "alpha", loadCaseFile(fixture));
      const first = (await exportCaseFile(w.actors.editor, original.caseId)).caseFile;
      const read = await readWorkbookCase(new Uint8Array(await workbookBuffer(first, computeCase(first))));
      if (!read.ok) throw new Error(read.problem.message);
      const created = await importCaseFile(w.actors.editor, "alpha", read.value);
      expect((await exportCaseFile(w.actors.editor, created.caseId)).caseFile).toEqual(first);
    });
  }
});

describe("importLines", () => {
  it("adds costs and benefits in one version, after the lines already there", async () => {
    const before = await getCaseOrThrow(w.actors.editor, w.caseId);
    const r = await importLines(w.actors.editor, w.caseId, w.version, {
      scenarioId: w.scenarioId,
      costs: [{ name: "Imported cost", category: "other", amount: "100", month: 1 }],
      benefits: [{ name: "Imported benefit", amount: "250", recurring: "monthly" }],
    });
    expect(r.version).toBe(w.version + 1);
    const after = await getCaseOrThrow(w.actors.editor, w.caseId);
    expect(after.lines.length).toBe(before.lines.length + 2);
    const added = after.lines.filter((l) => l.name.startsWith("Imported"));
    expect(added.map((l) => [l.kind, l.name]).sort()).toEqual([
      ["benefit", "Imported benefit"],
      ["cost", "Imported cost"],
    ]);
  });

  it("saves nothing when one line is wrong, naming it; a stale version is a conflict; a viewer may not", async () => {
    const snapshot = await snapshotDatabase();
    const bad = importLines(w.actors.editor, w.caseId, w.version, {
      scenarioId: w.scenarioId,
      costs: [{ name: "Fine", category: "other", amount: "100", month: 1 }],
      benefits: [{ name: "Beyond", amount: "1", month: 999 }],
    });
    await expect(bad).rejects.toBeInstanceOf(AppError);
    const error = (await bad.catch((e: unknown) => e)) as AppError;
    expect(new Set(error.fieldErrors?.map((f) => f.path))).toEqual(new Set(["benefits.0.month"]));
    await expect(
      importLines(w.actors.editor, w.caseId, w.version - 1 || 99, {
        scenarioId: w.scenarioId,
        costs: [{ name: "x", category: "other", amount: "1", month: 0 }],
        benefits: [],
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      importLines(w.actors.viewer, w.caseId, w.version, {
        scenarioId: w.scenarioId,
        costs: [{ name: "x", category: "other", amount: "1", month: 0 }],
        benefits: [],
      }),
    ).rejects.toBeInstanceOf(AppError);
    await expect(
      importLines(w.actors.outsider, w.caseId, w.version, {
        scenarioId: w.scenarioId,
        costs: [{ name: "x", category: "other", amount: "1", month: 0 }],
        benefits: [],
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await caseVersion(w.caseId)).toBe(w.version);
    expect(await snapshotDatabase()).toEqual(snapshot);
  });
});
