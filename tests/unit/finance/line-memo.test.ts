// The engine keeps per-line and per-scenario results by object (lib/finance/compute.ts lineWork,
// scenarioWork; docs/architecture.md#per-line-memo). A case edited one line at a time (lib/case-file/line.ts mapLineById,
// as the browser's live model and the server's warm file do) must compute exactly what a fresh
// copy of the same file computes, whose objects the engine has never seen.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mapLineById } from "../../../lib/case-file/line";
import type { CaseFile } from "../../../lib/case-file/schema";
import { computeCase } from "../../../lib/finance/compute";
import { fixtureInputs, generatedFile, generatedInputs, parsed } from "./golden-cases";

const fresh = (file: CaseFile) => computeCase(structuredClone(file));

function lineIds(file: CaseFile): string[] {
  return file.scenarios.flatMap((s) => [...s.costs, ...s.benefits].map((l) => l.id!));
}

// One edit as the grid and the line panel make them: amount, risk adjustment, category, timing.
const editArb = fc.record({
  pick: fc.nat(),
  field: fc.constantFrom("amount", "riskAdjustment", "category", "month", "escalation"),
  amount: fc.integer({ min: -5000, max: 3_000_000 }).map(String),
  share: fc.constantFrom("0", "0.1", "0.25", "0.5"),
  month: fc.integer({ min: 0, max: 12 }),
});

type Edit = typeof editArb extends fc.Arbitrary<infer T> ? T : never;

function applyEdit(file: CaseFile, edit: Edit): CaseFile {
  const ids = lineIds(file);
  if (ids.length === 0) return file;
  const id = ids[edit.pick % ids.length]!;
  return (
    mapLineById(file, id, (line) => {
      const next: Record<string, unknown> = { ...line };
      if (edit.field === "amount" && line.amount !== undefined) next.amount = edit.amount;
      else if (edit.field === "riskAdjustment") next.riskAdjustment = edit.share;
      else if (edit.field === "category") next.category = line.category === "other" ? "training" : "other";
      else if (edit.field === "month" && line.month !== undefined && !line.recurring && !line.schedule)
        next.month = Math.min(edit.month, file.horizonMonths);
      else if (edit.field === "escalation") next.escalation = edit.share;
      return next as typeof line;
    }) ?? file
  );
}

describe("per-line and per-scenario results kept across edits", { timeout: 120_000 }, () => {
  it("every fixture case, edited line by line, computes what a fresh copy computes", () => {
    for (const { name, input } of fixtureInputs()) {
      let file = parsed(input);
      computeCase(file);
      for (const [i, id] of lineIds(file).entries()) {
        file =
          mapLineById(file, id, (l) => ({ ...l, name: `${l.name} ${i}`, riskAdjustment: i % 2 ? "0.15" : "0" })) ??
          file;
        expect(JSON.stringify(computeCase(file)), `${name} after editing ${id}`).toBe(JSON.stringify(fresh(file)));
      }
    }
  });

  it("generated case files under random edit sequences", () => {
    const inputs = generatedInputs().filter((g) => "file" in g);
    fc.assert(
      fc.property(
        fc.nat({ max: inputs.length - 1 }),
        fc.array(editArb, { minLength: 1, maxLength: 6 }),
        (which, edits) => {
          let file = generatedFile(inputs[which]!);
          computeCase(file);
          for (const edit of edits) {
            file = applyEdit(file, edit);
            expect(JSON.stringify(computeCase(file))).toBe(JSON.stringify(fresh(file)));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("a change outside the lines (horizon, rate, risks) is not answered from the kept results", () => {
    const file = generatedFile(generatedInputs().find((g) => "synthetic" in g)!);
    computeCase(file);
    for (const changed of [
      { ...file, discountRate: "0.2" },
      { ...file, horizonMonths: file.horizonMonths - 12 },
      {
        ...file,
        risks: [
          ...file.risks,
          { id: "risk-x", title: "x", probability: "0.5", costImpact: "100000", includeInCosts: true },
        ],
      } as CaseFile,
      { ...file, scenarios: file.scenarios.slice(0, 1) },
    ]) {
      expect(JSON.stringify(computeCase(changed))).toBe(JSON.stringify(fresh(changed)));
    }
  });
});
