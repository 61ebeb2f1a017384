// The lines grid's rows from a newer case file (lib/lines/grid-line.ts): each row takes its
// line's values by stable id, in the file's order; a removed line goes, a line without a row is
// left for the page's next render; unchanged rows keep their object; labels are the server's.
import { describe, expect, it } from "vitest";
import { lineLabels, linesFromModel, type LabelContext, type SeenLines, type GridLine } from "@/lib/lines/grid-line";
import { toFileLine, type LineDTO } from "@/lib/case-file/line";
import type { CaseFile } from "@/lib/case-file/schema";

const t = (key: string, values?: Record<string, string | number>) =>
  values ? `${key}(${Object.values(values).join(",")})` : key;
const ctx: LabelContext = { t, locale: "en-GB", horizon: 36, categoryLabel: (c) => `[${c}]` };

const dto = (i: number, over: Partial<LineDTO> = {}): LineDTO => ({
  id: `row-${i}`,
  stableId: `line-${i}`,
  scenarioId: "sc-1",
  kind: "cost",
  position: i,
  name: `Line ${i}`,
  category: "software",
  notes: "",
  tangible: true,
  kpi: null,
  amount: "1000",
  low: null,
  high: null,
  labour: null,
  month: 0,
  recurring: null,
  startMonth: null,
  endMonth: null,
  schedule: null,
  escalation: "0",
  riskAdjustment: "0",
  rampMonths: 0,
  rampCurve: "linear",
  realisation: "1",
  margin: "1",
  currency: null,
  capitalised: null,
  ...over,
});
const row = (d: LineDTO): GridLine => ({ ...d, totalLabel: "T", pvLabel: "P", ...lineLabels(d, ctx) });
const fileOf = (lines: LineDTO[]): CaseFile =>
  ({
    format: "caseboard/v1",
    name: "x",
    currency: "SEK",
    startMonth: "2027-01",
    horizonMonths: 36,
    discountRate: "0.1",
    scenarios: [{ key: "plan", name: "Plan", costs: lines.map((l) => toFileLine(l)), benefits: [] }],
  }) as unknown as CaseFile;
const scenarios = [{ id: "sc-1", key: "plan" }];

describe("lines from the live model", () => {
  const rows = [0, 1, 2].map((i) => row(dto(i)));

  it("takes values, names, categories and risk by stable id, with the server's labels", () => {
    const changed = dto(1, {
      amount: "2500",
      name: "Renamed",
      category: "training",
      riskAdjustment: "0.2",
      month: null,
      recurring: "monthly",
      startMonth: 2,
      endMonth: 12,
    });
    const out = linesFromModel(rows, fileOf([dto(0), changed, dto(2)]), scenarios, ctx);
    expect(out[0]).toBe(rows[0]);
    expect(out[2]).toBe(rows[2]);
    expect(out[1]).toEqual({ ...row(changed), totalLabel: "T", pvLabel: "P" });
    expect(out[1]!.amountLabel).toBe("2,500");
    expect(out[1]!.timingLabel).toBe("recurringLabel(monthly,2,12)");
    expect(out[1]!.categoryLabel).toBe("[training]");
    expect(out[1]!.id).toBe("row-1");
  });

  it("follows the file's order, drops removed lines, leaves lines without a row to the next render", () => {
    const out = linesFromModel(rows, fileOf([dto(2), dto(9), dto(0)]), scenarios, ctx);
    expect(out.map((l) => l.id)).toEqual(["row-2", "row-0"]);
  });

  it("compares only the line objects an edit replaced", () => {
    const seen: SeenLines = new WeakMap();
    const file = fileOf([dto(0), dto(1), dto(2)]);
    const first = linesFromModel(rows, file, scenarios, ctx, seen);
    const edited = {
      ...file,
      scenarios: [
        { ...file.scenarios[0]!, costs: file.scenarios[0]!.costs.map((l, i) => (i === 1 ? { ...l, amount: "7" } : l)) },
      ],
    } as CaseFile;
    const second = linesFromModel(rows, edited, scenarios, ctx, seen);
    expect(second[0]).toBe(first[0]);
    expect(second[1]!.amount).toBe("7");
    expect(second[1]!.amountLabel).toBe("7");
  });
});
