// One shape per line: a case-file line goes to columns, a row comes back as a DTO, and the DTO
// goes back to the same case-file line (defaults left out), with its id.
import { describe, expect, it } from "vitest";
import { LINE_DEFAULTS, toFileLine, toLineColumns, toLineDTO, type LineRowLike } from "@/lib/case-file/line";
import { benefitLineSchema, costLineSchema } from "@/lib/case-file/schema";

const row = (kind: "cost" | "benefit", file: Record<string, unknown>, stableId: string): LineRowLike => {
  const c = toLineColumns((kind === "cost" ? costLineSchema : benefitLineSchema).parse(file) as never);
  return { ...c, id: "row-1", stableId, scenarioId: "s", kind, position: 0 } as LineRowLike;
};

describe("line conversions", () => {
  it("a benefit line survives file -> columns -> DTO -> file unchanged", () => {
    const file = {
      id: "b1",
      name: "Fewer calls",
      category: "productivity",
      amount: "1250.5",
      recurring: "monthly",
      startMonth: 3,
      endMonth: 36,
      escalation: "0.02",
      riskAdjustment: "0.15",
      rampMonths: 6,
      rampCurve: "s-curve",
      realisation: "0.8",
      margin: "0.5",
      kpi: "Calls",
    };
    expect(toFileLine(toLineDTO(row("benefit", file, "b1")))).toEqual(file);
  });

  it("defaults fill the columns and are left out of the file", () => {
    const file = { name: "Licence", category: "software", amount: "100", month: 0 };
    const c = toLineColumns(costLineSchema.parse(file));
    expect([c.escalation, c.riskAdjustment, c.realisation, c.margin, c.rampMonths, c.tangible]).toEqual([
      LINE_DEFAULTS.escalation,
      LINE_DEFAULTS.riskAdjustment,
      LINE_DEFAULTS.realisation,
      LINE_DEFAULTS.margin,
      LINE_DEFAULTS.rampMonths,
      LINE_DEFAULTS.tangible,
    ]);
    expect(c.schedule).toBeNull();
    expect(toFileLine(toLineDTO(row("cost", file, "c1")))).toEqual({ id: "c1", ...file });
  });

  it("a draft without a stable id converts without an id", () => {
    const dto = toLineDTO(row("cost", { name: "X", category: "hardware", amount: "1", month: 2 }, "c2"));
    expect(toFileLine({ ...dto, stableId: "" })).toEqual({ name: "X", category: "hardware", amount: "1", month: 2 });
  });
});
