import { readFileSync } from "node:fs";
import path from "node:path";
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { parseCaseFile } from "@/lib/case-file/parse";
import type { CaseFile } from "@/lib/case-file/schema";
import { computeCase } from "@/lib/finance/compute";
import { diffCaseVersions, headlineFigures } from "@/lib/finance/diff";

function demo(): CaseFile {
  const parsed = parseCaseFile(
    JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../fixtures/cases/demo-crm-upgrade.json"), "utf8")),
  );
  if (!parsed.ok) throw new Error("fixture");
  return parsed.value;
}
const version = (file: CaseFile) => ({ caseFile: file, output: computeCase(file) });

describe("diffCaseVersions", () => {
  it("finds nothing between a case and itself, also when defaults are written out and decimals spelled differently", () => {
    const a = demo();
    const b = structuredClone(a);
    const line = b.scenarios.flatMap((x) => x.costs).find((l) => l.escalation === undefined && l.amount !== undefined)!;
    line.escalation = "0";
    if (line.amount) line.amount = `${line.amount}.000`;
    b.risks.forEach((r) => (r.owner = r.owner ?? ""));
    const d = diffCaseVersions(version(a), version(b));
    expect(d.changeCount, JSON.stringify(d)).toBe(0);
    expect(d.figures.every((f) => f.delta === "0" || f.delta === null)).toBe(true);
  });

  it("lists an amount change, a new risk and a renamed scenario with before -> after and the NPV delta", () => {
    const a = demo();
    const b = structuredClone(a);
    const s = b.scenarios.find((x) => !x.baseline)!;
    const line = s.costs.find((l) => l.amount !== undefined)!;
    const oldAmount = line.amount!;
    line.amount = new Decimal(oldAmount).plus(1000).toString();
    b.risks.push({ id: "new-risk", title: "Key user leaves", likelihood: 2, impact: 4 });
    const oldName = s.name;
    s.name = "Renamed upgrade";
    const d = diffCaseVersions(version(a), version(b));
    expect(d.changeCount).toBe(3);
    expect(d.settings).toEqual([]);
    expect(d.lines).toEqual([
      {
        kind: "line",
        id: line.id,
        change: "changed",
        name: line.name,
        scenario: s.key,
        scenarioName: "Renamed upgrade",
        lineKind: "cost",
        fields: [{ field: "amount", before: oldAmount, after: line.amount }],
      },
    ]);
    expect(d.risks).toHaveLength(1);
    expect(d.risks[0]).toMatchObject({ change: "added", id: "new-risk", name: "Key user leaves" });
    expect(d.risks[0]!.fields).toContainEqual({ field: "likelihood", before: null, after: 2 });
    expect(d.scenarios).toEqual([
      {
        kind: "scenario",
        id: s.key,
        change: "changed",
        name: "Renamed upgrade",
        nameBefore: oldName,
        fields: [{ field: "name", before: oldName, after: "Renamed upgrade" }],
      },
    ]);
    const npv = d.figures.find((f) => f.figure === "npv")!;
    const before = headlineFigures(a, computeCase(a)).npv!;
    const after = headlineFigures(b, computeCase(b)).npv!;
    expect(npv).toEqual({ figure: "npv", before, after, delta: new Decimal(after).minus(before).toString() });
    expect(new Decimal(npv.delta!).isNegative()).toBe(true);
  });

  it("matches lines by stable id: a moved line is one change, a removed one lists its fields as before", () => {
    const a = demo();
    const b = structuredClone(a);
    const [from, to] = [b.scenarios[0]!, b.scenarios[1]!];
    const moved = from.costs.shift()!;
    to.costs.push(moved);
    const removed = to.benefits.pop()!;
    const d = diffCaseVersions(version(a), version(b));
    expect(d.lines.find((l) => l.id === moved.id)).toMatchObject({
      change: "changed",
      fields: [{ field: "scenario", before: from.key, after: to.key }],
    });
    const gone = d.lines.find((l) => l.id === removed.id)!;
    expect(gone.change).toBe("removed");
    expect(gone.fields).toContainEqual({ field: "name", before: removed.name, after: null });
  });
});
