// CSV exports of a scenario's lines and of its monthly cash flows. Every cell that begins with
// = + - @ tab or carriage return is neutralised with a leading single quote (ASVS 1.2.10, CSV
// injection): a spreadsheet then reads it as text, never as a formula. That includes negative
// numbers ("-1200" is written "'-1200"); Caseboard's own import reads them back as numbers.
import { writeToString } from "@fast-csv/format";
import type { BenefitLine, CaseFile, CostLine } from "@/lib/case-file/schema";
import type { ComputeOutput } from "@/lib/finance/types";
import { expandScenario, gridOf } from "@/lib/finance/compute";
import { D, ZERO } from "@/lib/finance/decimal";
import { monthPairs } from "./export";
import { LINE_FIELDS, sheetLineFields, type SheetLineField } from "./fields";

const DANGEROUS = /^[=+\-@\t\r]/;

export function neutralise(cell: string): string {
  return DANGEROUS.test(cell) ? `'${cell}` : cell;
}

async function csv(rows: string[][]): Promise<string> {
  return (
    (await writeToString(
      rows.map((r) => r.map(neutralise)),
      { rowDelimiter: "\r\n", quoteColumns: false },
    )) + "\r\n"
  );
}

// The lines CSV: the lines sheet's columns, with the schedule as one column "month:amount;...".
export const LINE_CSV_COLUMNS = [...LINE_FIELDS, "schedule"] as const;

export function lineCells(
  line: CostLine | BenefitLine,
  kind: "cost" | "benefit",
  fields: readonly SheetLineField[] = LINE_FIELDS,
): Record<SheetLineField | "schedule", string> {
  const l = line as Record<string, unknown> & { labour?: Record<string, string>; schedule?: Record<string, string> };
  const out = {} as Record<SheetLineField | "schedule", string>;
  for (const f of fields) {
    if (f === "kind") out[f] = kind;
    else if (f === "actuals") out[f] = monthPairs(l.actuals) ?? "";
    else if (f.startsWith("labour.")) out[f] = l.labour?.[f.slice(7)] ?? "";
    else out[f] = l[f] === undefined ? "" : String(l[f]);
  }
  out.schedule = l.schedule
    ? Object.entries(l.schedule)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([m, v]) => `${m}:${v}`)
        .join(";")
    : "";
  return out;
}

function scenarioOf(file: CaseFile, key: string | undefined) {
  const scenario = key === undefined ? file.scenarios[0]! : file.scenarios.find((s) => s.key === key);
  if (!scenario) throw new UnknownScenario(key!);
  return scenario;
}

export class UnknownScenario extends Error {
  constructor(readonly key: string) {
    super(`no scenario has the key "${key}"`);
  }
}

export async function linesCsv(file: CaseFile, scenarioKey?: string): Promise<string> {
  const scenario = scenarioOf(file, scenarioKey);
  // An optional column (the line's currency) only when a line has it: as the workbook's sheet.
  const fields = sheetLineFields([...scenario.costs, ...scenario.benefits]);
  const columns = [...fields, "schedule"] as const;
  const rows: string[][] = [[...columns]];
  for (const [kind, lines] of [
    ["cost", scenario.costs],
    ["benefit", scenario.benefits],
  ] as const) {
    for (const line of lines) {
      const cells = lineCells(line, kind, fields);
      rows.push(columns.map((c) => cells[c]));
    }
  }
  return csv(rows);
}

// The cash-flow CSV: one row a line (risk-adjusted, as the engine puts it on the grid), one column
// a month 0..H, then the scenario's cost, benefit, net, discount factor and cumulative rows.
export async function cashFlowCsv(file: CaseFile, output: ComputeOutput, scenarioKey?: string): Promise<string> {
  const scenario = scenarioOf(file, scenarioKey);
  const H = file.horizonMonths;
  const result = output.scenarios.find((s) => s.key === scenario.key)!;
  const flows = expandScenario(file, scenario, gridOf(file), undefined, false);
  const months = Array.from({ length: H + 1 }, (_, m) => String(m));
  const rows: string[][] = [["kind", "name", ...months]];
  for (const x of flows.lines) {
    const cells = new Array(H + 1).fill(ZERO);
    x.terms.forEach((t, k) => {
      for (let m = t.start; m <= t.end; m += t.step) cells[m] = cells[m].plus(x.adjusted[k]!);
    });
    rows.push([x.kind, x.line.name, ...cells.map((c: InstanceType<typeof D>) => c.toString())]);
  }
  if (!new D(result.expectedRiskCost).isZero())
    rows.push([
      "cost",
      "expected risk costs",
      ...months.map((_, m) => new D(result.months[m]!.cost).minus(sumKind(rows, "cost", m)).toString()),
    ]);
  for (const k of [
    "cost",
    "benefit",
    "net",
    "discountFactor",
    "cumulative",
    "discountedNet",
    "discountedCumulative",
  ] as const) {
    rows.push(["total", k, ...result.months.map((r) => r[k])]);
  }
  return csv(rows);
}

function sumKind(rows: string[][], kind: string, m: number) {
  return rows.filter((r) => r[0] === kind).reduce((a, r) => a.plus(r[m + 2]!), ZERO);
}
