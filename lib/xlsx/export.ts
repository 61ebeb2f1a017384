// The auditable workbook (docs/case-file.md#the-workbook, docs/workbook.md): a case file and its
// compute output -> an .xlsx streamed into a Writable, whose every figure is a live formula over
// visible inputs, each written with its cached value (from the engine) so viewers that do not
// recalculate still show it. Shared by the CLI (`caseboard xlsx`) and the API (`export.xlsx`, in a
// worker): no Next, no Prisma. Sheets are written in tab order, each once (sheet-buffer.ts).
//
// Layout (tab order)
//   Summary        for people (people.ts): the case, the decision sentence, the figures of every
//                  scenario and comparison as formulas over Figures, a year-by-year table.
//   Inputs         case settings (field, value), the monthly discount factor and IRR guess, then
//                  the scenario table: key, name, baseline, lines sheet, cash-flow sheet.
//   Rates          the plan exchange rates, when the case has any.
//   Figures        key + the metric columns of docs/case-file.md#the-workbook, each a formula over
//                  the stream rows of the flows and comparison sheets.
//   <key> lines    per scenario: one row a line, one column a case-file field (LINE_FIELDS but the
//                  id, then schedule.0 .. schedule.H when a line has a schedule, then the id).
//   <key> flows    per scenario: one row a line (then one per risk), helper columns that derive the
//                  line's timing from its inputs, one column a month 0..H (each cell a formula of
//                  the line's inputs), then totals, discount factors, present values, cumulative
//                  rows and the payback helpers.
//   <key> years    per scenario, for people (people.ts): the lines' months summed by year.
//   <alt>-vs-<base> per comparison: the incremental cost and benefit (alternative minus baseline,
//                  month by month) and the same rows below.
//   Actuals, Realisation, Forecast   when the case has actuals.
//   Tax, Figures after tax   when the case sets tax (lib/xlsx/tax-sheet.ts).
//   Risks, KPIs, Assumptions   tables of the case file's items.
//
// Numbers in cells are IEEE doubles (that is what a spreadsheet holds); the formulas reproduce the
// engine's decimal results to far better than 1e-6 relative (tests/integration/xlsx-recalc.test.ts
// recalculates a workbook with LibreOffice and compares).
import type { Writable } from "node:stream";
import { PassThrough } from "node:stream";
import type ExcelJS from "exceljs";
import Decimal from "decimal.js";
import {
  kpiSchema,
  riskSchema,
  type BenefitLine,
  type CaseFile,
  type CostLine,
  type Scenario,
} from "@/lib/case-file/schema";
import { idOf } from "@/lib/case-file/ids";
import { expandScenario, gridOf, type ExpandedLine } from "@/lib/finance/compute";
import { rateAt } from "@/lib/finance/fx";
import { recurringRange, STEPS } from "@/lib/finance/expand";
import { expectedRiskCost, expectedRiskCostFormula, riskFactorFormula } from "@/lib/finance/risk-adjustment";
import type { ComputeOutput, Metrics } from "@/lib/finance/types";

import {
  LINE_FIELDS,
  NUMERIC_LINE_FIELDS,
  RATE_LINE_FIELDS,
  sheetLineFields,
  type LineField,
  type SheetLineField,
} from "./fields";
export { LINE_FIELDS, NUMERIC_LINE_FIELDS, RATE_LINE_FIELDS, type LineField };
import { taxSheets, workbookHasTax } from "./tax-sheet";
import { BookWriter, columnWidths, SheetBuffer, type BufferedCell } from "./sheet-buffer";
import {
  columnName,
  FACTOR,
  formula,
  header,
  moneyFormat,
  MONTHS,
  num,
  PERCENT,
  ref,
  withResults,
  writesResults,
  SUMMARY_COLUMNS,
  type Cached,
  type StreamRows,
} from "./cells";
import { comparisonLabel, peopleSummary, yearsSheet } from "./people";
export { columnName, SUMMARY_COLUMNS, type StreamRows };

// The Risks and KPIs sheets: one column a field of the case file's risk and KPI, in the schema's
// order (lib/case-file/schema.ts), so a field added there is exported (and read back) too.
export const RISK_FIELDS = Object.keys(riskSchema.shape) as (keyof typeof riskSchema.shape)[];
export const KPI_FIELDS = Object.keys(kpiSchema.shape) as (keyof typeof kpiSchema.shape)[];

// Month-keyed amounts as one cell: "0:1000;12:1500" (line actuals; KPI actuals as month:value).
export function monthPairs(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const pairs: [number, string][] = Array.isArray(value)
    ? (value as { month: number; value: string }[]).map((a) => [a.month, String(a.value)])
    : Object.entries(value as Record<string, string>).map(([m, v]) => [Number(m), String(v)]);
  return pairs
    .sort((a, b) => a[0] - b[0])
    .map(([m, v]) => `${m}:${v}`)
    .join(";");
}
export const ASSUMPTION_FIELDS = ["id", "title", "text"] as const;
export const INPUT_FIELDS = [
  "format",
  "name",
  "description",
  "organisation",
  "preparedBy",
  "status",
  "locale",
  "currency",
  "startMonth",
  "horizonMonths",
  "discountRate",
  "financeRate",
  "reinvestRate",
  "chosenScenario",
  "actualsThrough",
  "goLiveMonth",
] as const;
export const SCENARIO_TABLE_HEADER = ["key", "name", "baseline", "linesSheet", "cashFlowSheet"] as const;

// Sheet names: at most 31 characters, unique (case-insensitively), none of []:*?/\ (keys have none).
function sheetNamer() {
  const used = new Set<string>([
    "inputs",
    "summary",
    "figures",
    "risks",
    "kpis",
    "assumptions",
    "actuals",
    "realisation",
    "forecast",
  ]);
  return (stem: string, suffix: string) => {
    const base = `${stem.slice(0, 31 - suffix.length)}${suffix}`;
    let name = base;
    for (let i = 2; used.has(name.toLowerCase()); i++)
      name = `${stem.slice(0, 31 - suffix.length - String(i).length - 1)}~${i}${suffix}`;
    used.add(name.toLowerCase());
    return name;
  };
}

// ---------------------------------------------------------------------------------------------
// Workbook

interface Layout {
  inputs: Record<(typeof INPUT_FIELDS)[number] | "monthlyDiscountFactor" | "irrGuess" | "scenarioCount", string>; // absolute refs
}

export interface WorkbookOptions {
  creator?: string;
  now?: Date;
  results?: boolean; // write the cached value of every formula (default true)
  // Called after each sheet is written: a process that wants a low peak memory collects its
  // garbage there (the command line does; see docs/workbook.md).
  afterSheet?: () => void;
}

// The workbook, streamed: sheets are built in tab order and each is written out (row by row,
// committed) as soon as it is complete, so memory holds one sheet, never the book. Every row a
// formula refers to is known before the sheet that refers to it is written (streamRowsAt).
export async function writeWorkbook(
  file: CaseFile,
  output: ComputeOutput,
  stream: Writable,
  options: WorkbookOptions = {},
): Promise<void> {
  await withResults(options.results ?? true, async () => {
    const book = new BookWriter(stream, {
      creator: options.creator,
      created: options.now,
      afterSheet: options.afterSheet,
    });
    await build(book, file, output);
    await book.commit();
  });
}

async function build(book: BookWriter, file: CaseFile, output: ComputeOutput): Promise<void> {
  const locale = file.locale ?? "en";
  const money = moneyFormat(file.currency, locale);
  const H = file.horizonMonths;
  const name = sheetNamer();
  const sheets = file.scenarios.map((s) => ({
    lines: name(s.key, " lines"),
    flows: name(s.key, " flows"),
    years: name(s.key, " years"),
  }));
  const comparisonSheets = output.comparisons.map((c) => name(`${c.alternative}-vs-${c.baseline}`, ""));

  // Layout first: every scenario's lines (its flows sheet has a row each, then one per risk, then
  // the stream rows) and where each stream's rows will be.
  const grid = gridOf(file);
  const expandedLines = new Map<string, ExpandedLine[]>();
  const streams = new Map<string, StreamRows>();
  file.scenarios.forEach((scenario, i) => {
    const lines = expandScenario(file, scenario, grid, undefined, false).lines;
    expandedLines.set(scenario.key, lines);
    streams.set(scenario.key, streamRowsAt(sheets[i]!.flows, lines.length + file.risks.length + 3, FIRST_MONTH_COLUMN));
  });
  output.comparisons.forEach((c, i) =>
    streams.set(`${c.alternative}-vs-${c.baseline}`, streamRowsAt(comparisonSheets[i]!, 3, 2)),
  );
  const figureRows: { key: string; label: string; metrics: Metrics }[] = [
    ...output.scenarios.map((s) => ({ key: s.key, label: s.name, metrics: s as Metrics })),
    ...output.comparisons.map((c) => ({
      key: `${c.alternative}-vs-${c.baseline}`,
      label: comparisonLabel(file, c.alternative, c.baseline, locale),
      metrics: c as Metrics,
    })),
  ];

  // Summary (for people) first in the tab order: it reads the Figures sheet and the flows.
  peopleSummary(book.addWorksheet("Summary"), file, output, figureRows, streams, { money, locale, H });

  // Inputs ------------------------------------------------------------------------------------
  const inputs = book.addWorksheet("Inputs");
  header(inputs, ["field", "value"], 1);
  const layout: Layout = { inputs: {} as Layout["inputs"] };
  let r = 2;
  const inputValue = (key: (typeof INPUT_FIELDS)[number]): ExcelJS.CellValue => {
    const v = (file as Record<string, unknown>)[key];
    if (v === undefined) return null;
    if (key === "discountRate" || key === "financeRate" || key === "reinvestRate") return num(v as string);
    return v as string | number;
  };
  for (const key of INPUT_FIELDS) {
    inputs.getCell(r, 1).value = key;
    inputs.getCell(r, 2).value = inputValue(key);
    if (key.endsWith("Rate")) inputs.getCell(r, 2).numFmt = PERCENT;
    layout.inputs[key] = `$B$${r}`;
    r++;
  }
  const rate = new Decimal(file.discountRate);
  const monthly = rate.plus(1).pow(new Decimal(-1).div(12));
  inputs.getCell(r, 1).value = "monthlyDiscountFactor";
  formula(inputs.getCell(r, 2), `(1+${layout.inputs.discountRate})^(-1/12)`, num(monthly));
  inputs.getCell(r, 2).numFmt = FACTOR;
  inputs.getCell(r, 3).value = "the discount factor of month m is this to the power m: (1 + discountRate)^(-m/12)";
  layout.inputs.monthlyDiscountFactor = `$B$${r++}`;
  inputs.getCell(r, 1).value = "irrGuess";
  formula(
    inputs.getCell(r, 2),
    `(1+${layout.inputs.discountRate})^(1/12)-1`,
    num(rate.plus(1).pow(new Decimal(1).div(12)).minus(1)),
  );
  inputs.getCell(r, 2).numFmt = "0.0000%";
  inputs.getCell(r, 3).value =
    "the monthly rate IRR starts from: the root nearest the discount rate (docs/finance.md#irr)";
  layout.inputs.irrGuess = `$B$${r++}`;
  r++;
  SCENARIO_TABLE_HEADER.forEach((h, i) => (inputs.getCell(r, i + 1).value = h));
  inputs.getRow(r).font = { bold: true };
  const scenarioRows: number[] = [];
  file.scenarios.forEach((s, i) => {
    r++;
    scenarioRows.push(r);
    inputs.getCell(r, 1).value = s.key;
    inputs.getCell(r, 2).value = s.name;
    inputs.getCell(r, 3).value = s.baseline === true;
    inputs.getCell(r, 4).value = sheets[i]!.lines;
    inputs.getCell(r, 5).value = sheets[i]!.flows;
  });
  layout.inputs.scenarioCount = `${file.scenarios.length}`;
  inputs.getColumn(1).width = 24;
  inputs.getColumn(2).width = 24;
  const inRef = (k: keyof Layout["inputs"]) => ref("Inputs", layout.inputs[k]);
  const fxRate = ratesSheet(book, file);

  // Figures: the machine-readable metrics (the contract's columns), one row a stream.
  const figures = book.addWorksheet("Figures");
  header(figures, SUMMARY_COLUMNS, 1);
  figureRows.forEach(({ key, metrics }, i) => {
    const row = i + 2;
    figures.getCell(row, 1).value = key;
    metricCells(
      streams.get(key)!,
      metrics,
      (c) => figures.getCell(row, SUMMARY_COLUMNS.indexOf(c) + 1),
      (c) => `${columnName(SUMMARY_COLUMNS.indexOf(c) + 1)}${row}`,
      { money, inRef, H },
    );
  });
  await book.flush();

  // Scenarios -----------------------------------------------------------------------------------
  for (const [i, scenario] of file.scenarios.entries()) {
    const result = output.scenarios.find((s) => s.key === scenario.key)!;
    const lines = expandedLines.get(scenario.key)!;
    const rows = await scenarioSheets(
      book,
      file,
      scenario,
      lines,
      sheets[i]!,
      scenarioRows[i]!,
      { money, inRef, H, fxRate },
      result.months,
    );
    const flows = rows.sheet;
    const written = streamBlock(flows, rows.totalsRow, rows.sumRange, result.months, H, money, inRef);
    if (written.cost !== streams.get(scenario.key)!.cost) throw new Error("workbook layout: stream rows moved");
    yearsSheet(
      book.addWorksheet(sheets[i]!.years),
      file,
      scenario,
      lines,
      sheets[i]!.flows,
      result.months,
      FIRST_MONTH_COLUMN,
      { money, locale, H },
    );
    await book.flush();
  }

  for (const [i, c] of output.comparisons.entries()) {
    const ws = book.addWorksheet(comparisonSheets[i]!);
    const alt = streams.get(c.alternative)!;
    const base = streams.get(c.baseline)!;
    ws.getCell(1, 1).value = "row";
    for (let m = 0; m <= H; m++) {
      ws.getColumn(m + 2).numFmt = money;
      ws.getCell(1, m + 2).value = m;
      ws.getCell(1, m + 2).numFmt = "0";
    }
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: "frozen", xSplit: 1, ySplit: 1 }];
    ws.pageSetup.printTitlesRow = "1:1";
    ws.getCell(2, 1).value = `${c.alternative} minus ${c.baseline}, month by month`;
    ws.spanning.add(2);
    streamBlock(
      ws,
      3,
      {
        cost: (m) =>
          `${ref(alt.sheet, `${columnName(alt.firstColumn + m)}${alt.cost}`)}-${ref(base.sheet, `${columnName(base.firstColumn + m)}${base.cost}`)}`,
        benefit: (m) =>
          `${ref(alt.sheet, `${columnName(alt.firstColumn + m)}${alt.benefit}`)}-${ref(base.sheet, `${columnName(base.firstColumn + m)}${base.benefit}`)}`,
        firstColumn: 2,
      },
      c.months,
      H,
      money,
      inRef,
    );
    await book.flush();
  }

  if (output.realisation) {
    const i = file.scenarios.findIndex((s) => s.key === output.realisation!.scenario);
    if (i >= 0)
      realisationSheets(
        book,
        output.realisation,
        expandedLines.get(output.realisation.scenario)!,
        sheets[i]!,
        streams.get(output.realisation.scenario)!,
        { money, inRef, H, fxRate },
        file,
      );
    await book.flush();
  }
  if (workbookHasTax(file)) {
    taxSheets(book, file, output, streams, expandedLines, {
      formula,
      ref,
      columnName,
      header,
      streamBlock: (ws, top, source, months) => streamBlock(ws, top, source, months, H, money, inRef),
      metricCells: (stream, metrics, cell, at) =>
        metricCells(stream, metrics, cell as (c: MetricColumn) => BufferedCell, at as (c: MetricColumn) => string, {
          money,
          inRef,
          H,
        }),
      summaryColumns: SUMMARY_COLUMNS,
      money,
      H,
      flowsSheet: (key) => sheets[file.scenarios.findIndex((s) => s.key === key)]!.flows,
      firstMonthColumn: FIRST_MONTH_COLUMN,
    });
    await book.flush();
  }
  itemSheets(book, file, money);
}

type MetricColumn = Exclude<(typeof SUMMARY_COLUMNS)[number], "key">;

// The metric cells of one stream (a Summary row, the forecast's block): each a formula over the
// stream's rows, with the engine's value cached.
function metricCells(
  s: StreamRows,
  metrics: Metrics,
  cell: (c: MetricColumn) => BufferedCell,
  at: (c: MetricColumn) => string,
  { money, inRef, H }: SheetContext,
) {
  const range = (r0: number) =>
    ref(s.sheet, `$${columnName(s.firstColumn)}$${r0}:$${columnName(s.firstColumn + H)}$${r0}`);
  const last = (r0: number) => ref(s.sheet, `$${columnName(s.firstColumn + H)}$${r0}`);
  const val = (v: string | null) => (v === null ? "" : num(v));
  formula(cell("totalCost"), `SUM(${range(s.cost)})`, val(metrics.totalCost));
  formula(cell("totalBenefit"), `SUM(${range(s.benefit)})`, val(metrics.totalBenefit));
  formula(cell("netBenefit"), `SUM(${range(s.net)})`, val(metrics.netBenefit));
  formula(cell("pvCost"), `SUM(${range(s.pvCost)})`, val(metrics.pvCost));
  formula(cell("pvBenefit"), `SUM(${range(s.pvBenefit)})`, val(metrics.pvBenefit));
  formula(cell("npv"), `SUM(${range(s.discountedNet)})`, val(metrics.npv));
  formula(cell("roi"), `IF(${at("totalCost")}>0,${at("netBenefit")}/${at("totalCost")},"")`, val(metrics.roi));
  formula(cell("discountedRoi"), `IF(${at("pvCost")}>0,${at("npv")}/${at("pvCost")},"")`, val(metrics.discountedRoi));
  formula(
    cell("benefitCostRatio"),
    `IF(${at("pvCost")}>0,${at("pvBenefit")}/${at("pvCost")},"")`,
    val(metrics.benefitCostRatio),
  );
  // IRR: Excel's IRR on the monthly net row from the monthly equivalent of the discount rate,
  // annualised as the engine does: (1 + monthly)^12 - 1; none without a sign change.
  const net = range(s.net);
  formula(
    cell("irr"),
    `IFERROR(IF(AND(COUNTIF(${net},">0")>0,COUNTIF(${net},"<0")>0),(1+IRR(${net},${inRef("irrGuess")}))^12-1,""),"")`,
    val(metrics.irr),
  );
  formula(
    cell("paybackMonths"),
    `IF(${last(s.negative)}=1,${last(s.payback)},${last(s.firstPositive)})`,
    val(metrics.paybackMonths),
  );
  for (const c of ["totalCost", "totalBenefit", "netBenefit", "pvCost", "pvBenefit", "npv"] as const)
    cell(c).numFmt = money;
  for (const c of ["roi", "discountedRoi", "irr"] as const) cell(c).numFmt = PERCENT;
  cell("benefitCostRatio").numFmt = "0.00";
  cell("paybackMonths").numFmt = MONTHS;
}

// ---------------------------------------------------------------------------------------------
// Benefit realisation (docs/finance.md#benefit-realisation), when the case has actualsThrough.
//   Actuals      one row a line of the chosen scenario (row-aligned with its lines and flows
//                sheets), the recorded actual amounts of months 0..actualsThrough as inputs, and
//                per line: factor (the benefit's margin, 0 for an intangible benefit, else 1),
//                planToDate (its risk-adjusted flows, months <= actualsThrough), actualToDate
//                (recorded amounts times the factor: no risk adjustment, ramp or realisation
//                share, they are facts) and variance, each a formula.
//   Realisation  planToDate (the flows sheet's cost and benefit rows, included risks' expected
//                cost with them), actualToDate, variance, varianceShare, realisedRoi, and the
//                forecast's metrics (the Summary's formulas over the Forecast stream).
//   Forecast     the actual flows through actualsThrough, the plan's after; the stream rows.

export const ACTUALS_COLUMNS = ["kind", "id", "name", "factor", "planToDate", "actualToDate", "variance"] as const;
export const REALISATION_HEADER = ["figure", "cost", "benefit", "net"] as const;

function realisationSheets(
  wb: BookWriter,
  realisation: NonNullable<ComputeOutput["realisation"]>,
  lines: ExpandedLine[],
  names: { lines: string; flows: string },
  stream: StreamRows,
  { money, inRef, H, fxRate }: SheetContext,
  file: CaseFile,
) {
  const A = realisation.actualsThrough;
  // Lines in another currency (docs/currencies.md): a block of rate rows below the lines, one per
  // line, each month the rate its actual is converted at (the recorded actual rate, else the plan's
  // step from the Rates sheet; 1 for a line in the case's currency).
  const foreign = lines.some((l) => l.fx);
  const rateRow = (i: number) => lines.length + 3 + i;
  const ws = wb.addWorksheet("Actuals");
  const first = ACTUALS_COLUMNS.length + 1; // column of month 0
  header(ws, [...ACTUALS_COLUMNS, ...Array.from({ length: A + 1 }, (_, m) => String(m))], 3);
  ws.getColumn(ACTUALS_COLUMNS.indexOf("id") + 1).hidden = true; // the line is named beside it
  for (let m = 0; m <= A; m++) {
    ws.getColumn(first + m).numFmt = money;
    ws.getColumn(first + m).width = 13;
    ws.getCell(1, first + m).value = m;
    ws.getCell(1, first + m).numFmt = "0";
  }
  const through = inRef("actualsThrough");
  const lineColumns = linesSheetColumns(lines, H);
  const L = (f: LineField, row: number) => ref(names.lines, `$${columnName(lineColumns.indexOf(f) + 1)}${row}`);
  const at = (c: (typeof ACTUALS_COLUMNS)[number], row: number) =>
    `$${columnName(ACTUALS_COLUMNS.indexOf(c) + 1)}${row}`;
  const cell = (c: (typeof ACTUALS_COLUMNS)[number], row: number) => ws.getCell(row, ACTUALS_COLUMNS.indexOf(c) + 1);
  const monthsHeader = `$${columnName(first)}$1:$${columnName(first + A)}$1`;
  const flowsHeader = ref(names.flows, `$${columnName(FIRST_MONTH_COLUMN)}$1:$${columnName(FIRST_MONTH_COLUMN + A)}$1`);
  const byId = new Map(realisation.lines.map((l) => [`${l.kind}:${l.id}`, l]));
  lines.forEach(({ kind, line }, i) => {
    const row = i + 2;
    const benefit = kind === "benefit" ? (line as BenefitLine) : null;
    const done = byId.get(`${kind}:${idOf(line)}`);
    formula(cell("kind", row), L("kind", row), kind);
    formula(cell("id", row), `${L("id", row)}&""`, idOf(line));
    formula(cell("name", row), L("name", row), line.name);
    const factor = benefit ? (benefit.tangible === false ? 0 : num(benefit.margin ?? "1")) : 1;
    const t = L("tangible", row);
    formula(
      cell("factor", row),
      `IF(${at("kind", row)}="benefit",IF(AND(${t}&""<>"",NOT(${t})),0,IF(${L("margin", row)}="",1,${L("margin", row)})),1)`,
      factor,
    );
    formula(
      cell("planToDate", row),
      `SUMIF(${flowsHeader},"<="&${through},${ref(names.flows, `$${columnName(FIRST_MONTH_COLUMN)}${row}:$${columnName(FIRST_MONTH_COLUMN + A)}${row}`)})`,
      done ? num(done.planToDate) : 0,
    );
    const cells = `$${columnName(first)}${row}:$${columnName(first + A)}${row}`;
    const rates = `$${columnName(first)}${rateRow(i)}:$${columnName(first + A)}${rateRow(i)}`;
    formula(
      cell("actualToDate", row),
      foreign
        ? `${at("factor", row)}*SUMPRODUCT((${monthsHeader}<=${through})*${cells}*${rates})`
        : `${at("factor", row)}*SUMIF(${monthsHeader},"<="&${through},${cells})`,
      done ? num(done.actualToDate) : 0,
    );
    formula(
      cell("variance", row),
      `${at("actualToDate", row)}-${at("planToDate", row)}`,
      done ? num(done.variance) : 0,
    );
    for (const c of ["planToDate", "actualToDate", "variance"] as const) cell(c, row).numFmt = money;
    for (const [m, v] of Object.entries(line.actuals ?? {})) {
      if (Number(m) <= A) ws.getCell(row, first + Number(m)).value = num(v);
    }
  });
  widths(ws, ACTUALS_COLUMNS, { name: 32, planToDate: 16, actualToDate: 16, variance: 16 });
  ws.getColumn(first - 1).width = 16;

  const rs = wb.addWorksheet("Realisation");
  header(rs, REALISATION_HEADER, 1);
  if (foreign) {
    ws.getCell(lines.length + 2, 3).value = "rate the actual of each month is converted at";
    lines.forEach(({ line, fx }, i) => {
      const r = rateRow(i);
      ws.getCell(r, 3).value = line.name;
      for (let m = 0; m <= A; m++) {
        const c = ws.getCell(r, first + m);
        c.numFmt = "0.0000";
        if (!fx) c.value = 1;
        else {
          const recorded = file.fxActuals?.[fx.rates.currency]?.[String(m)];
          if (recorded !== undefined) c.value = num(recorded);
          else formula(c, fxRate!(fx.rates.currency, `${columnName(first + m)}$1`), num(rateAt(fx.rates, m)));
        }
      }
    });
  }
  const last = Math.max(2, lines.length + 1);
  // The rates of the month column m (same rows as the lines), for the forecast's sums.
  const rateColumn = (m: number) =>
    ref(
      "Actuals",
      `$${columnName(first + m)}$${rateRow(0)}:$${columnName(first + m)}$${rateRow(0) + Math.max(1, lines.length) - 1}`,
    );
  const kinds = ref("Actuals", `$A$2:$A$${last}`);
  const actualColumn = ref(
    "Actuals",
    `$${columnName(ACTUALS_COLUMNS.indexOf("actualToDate") + 1)}$2:$${columnName(ACTUALS_COLUMNS.indexOf("actualToDate") + 1)}$${last}`,
  );
  const planRow = (r: number) =>
    ref(names.flows, `$${columnName(stream.firstColumn)}$${r}:$${columnName(stream.firstColumn + A)}$${r}`);
  const val = (v: string | null) => (v === null ? "" : num(v));
  const rows = { planToDate: 2, actualToDate: 3, variance: 4, varianceShare: 5, realisedRoi: 6 } as const;
  const figures: Record<"planToDate" | "actualToDate", { cost: string; benefit: string }> = {
    planToDate: {
      cost: `SUMIF(${flowsHeader},"<="&${through},${planRow(stream.cost)})`,
      benefit: `SUMIF(${flowsHeader},"<="&${through},${planRow(stream.benefit)})`,
    },
    actualToDate: {
      cost: `SUMIF(${kinds},"cost",${actualColumn})`,
      benefit: `SUMIF(${kinds},"benefit",${actualColumn})`,
    },
  };
  for (const [k, r] of Object.entries(rows)) rs.getCell(r, 1).value = k;
  for (const k of ["planToDate", "actualToDate"] as const) {
    formula(rs.getCell(rows[k], 2), figures[k].cost, num(realisation[k].cost));
    formula(rs.getCell(rows[k], 3), figures[k].benefit, num(realisation[k].benefit));
    formula(rs.getCell(rows[k], 4), `C${rows[k]}-B${rows[k]}`, num(realisation[k].net));
  }
  (["cost", "benefit", "net"] as const).forEach((c, j) => {
    const col = columnName(j + 2);
    formula(
      rs.getCell(rows.variance, j + 2),
      `${col}${rows.actualToDate}-${col}${rows.planToDate}`,
      num(realisation.variance[c]),
    );
    formula(
      rs.getCell(rows.varianceShare, j + 2),
      `IF(${col}${rows.planToDate}=0,"",${col}${rows.variance}/${col}${rows.planToDate})`,
      val(realisation.varianceShare[c]),
    );
    rs.getCell(rows.varianceShare, j + 2).numFmt = PERCENT;
    for (const r of [rows.planToDate, rows.actualToDate, rows.variance]) rs.getCell(r, j + 2).numFmt = money;
  });
  formula(
    rs.getCell(rows.realisedRoi, 2),
    `IF(B${rows.actualToDate}=0,"",D${rows.actualToDate}/B${rows.actualToDate})`,
    val(realisation.realisedRoi),
  );
  rs.getCell(rows.realisedRoi, 2).numFmt = PERCENT;
  rs.getCell(rows.realisedRoi, 3).value = "(actual benefit - actual cost) / actual cost, months 0..actualsThrough";
  let r = rows.realisedRoi + 2;
  rs.getCell(r, 1).value = "scenario";
  rs.getCell(r++, 2).value = realisation.scenario;
  rs.getCell(r, 1).value = "actualsThrough";
  formula(rs.getCell(r++, 2), through, A);
  r++;
  ["forecast", "value"].forEach((h, j) => (rs.getCell(r, j + 1).value = h));
  rs.getCell(r, 3).value = "actual flows through actualsThrough, the plan's after (sheet Forecast)";
  rs.getRow(r).font = { bold: true };
  r++;

  // The forecast stream: per month the actual flows (factor x recorded amounts) through A, the
  // plan's risk-adjusted totals after.
  const fw = wb.addWorksheet("Forecast");
  fw.getCell(1, 1).value = "row";
  for (let m = 0; m <= H; m++) {
    fw.getColumn(m + 2).numFmt = money;
    fw.getColumn(m + 2).width = 13;
    fw.getCell(1, m + 2).value = m;
    fw.getCell(1, m + 2).numFmt = "0";
  }
  fw.getRow(1).font = { bold: true };
  fw.views = [{ state: "frozen", xSplit: 1, ySplit: 1 }];
  fw.pageSetup.printTitlesRow = "1:1";
  fw.getColumn(1).width = 28;
  fw.getCell(2, 1).value = "actuals through actualsThrough, then the plan";
  const factors = ref("Actuals", `$D$2:$D$${last}`);
  const side = (kind: "cost" | "benefit", planRowOf: number) => (m: number) =>
    m <= A
      ? `SUMPRODUCT((${kinds}="${kind}")*${factors}*${ref("Actuals", `$${columnName(first + m)}$2:$${columnName(first + m)}$${last}`)}${foreign ? `*${rateColumn(m)}` : ""})`
      : ref(names.flows, `${columnName(stream.firstColumn + m)}${planRowOf}`);
  const fs = streamBlock(
    fw,
    3,
    { cost: side("cost", stream.cost), benefit: side("benefit", stream.benefit), firstColumn: 2 },
    realisation.forecast.months,
    H,
    money,
    inRef,
  );
  const rowOf = new Map(SUMMARY_COLUMNS.slice(1).map((c, j) => [c, r + j]));
  for (const [c, row] of rowOf) rs.getCell(row, 1).value = c;
  metricCells(
    fs,
    realisation.forecast,
    (c) => rs.getCell(rowOf.get(c)!, 2),
    (c) => `B${rowOf.get(c)!}`,
    { money, inRef, H },
  );
  rs.getColumn(1).width = 18;
  for (const c of [2, 3, 4]) rs.getColumn(c).width = 18;
}

// Risks, KPIs and assumptions: one row an item, one column a case-file field.
function itemSheets(wb: BookWriter, file: CaseFile, money: string) {
  const numbers = new Set(["probability", "costImpact", "baseline", "target"]);
  const value = (item: object, f: string): ExcelJS.CellValue => {
    const v = (item as Record<string, unknown>)[f];
    if (v === undefined) return null;
    if (f === "actuals") return monthPairs(v);
    return numbers.has(f) ? num(v as string) : (v as string | number | boolean);
  };
  const sheet = (
    name: string,
    fields: readonly string[],
    items: readonly object[],
    wide: Record<string, number>,
    formats: Record<string, string>,
  ) => {
    const ws = wb.addWorksheet(name);
    // A header and one row an item, with filter buttons; cells stay plain A1 cells, so the
    // cash-flow formulas refer to them as Risks!$H$2. The id (first, where the formulas expect
    // it) is hidden: people read the title; the import reads the id by its header.
    header(ws, fields, 2);
    if (fields[0] === "id") ws.getColumn(1).hidden = true;
    items.forEach((item, i) => fields.forEach((f, j) => (ws.getCell(i + 2, j + 1).value = value(item, f))));
    if (items.length > 0) ws.autoFilter = `A1:${columnName(fields.length)}${items.length + 1}`;
    widths(ws, fields, wide);
    for (const [f, fmt] of Object.entries(formats)) {
      for (let r = 2; r <= items.length + 1; r++) ws.getCell(r, fields.indexOf(f) + 1).numFmt = fmt;
    }
  };
  sheet(
    "Risks",
    RISK_FIELDS,
    file.risks,
    { title: 36, mitigation: 36, owner: 20, costImpact: 16 },
    { probability: PERCENT, costImpact: money },
  );
  sheet("KPIs", KPI_FIELDS, file.kpis, { name: 36 }, {});
  sheet("Assumptions", ASSUMPTION_FIELDS, file.assumptions, { title: 36, text: 80 }, {});
}

// Text columns at least this wide; the rest fits its content (sheet-buffer.ts columnWidths).
function widths(ws: SheetBuffer, names: readonly string[], wide: Record<string, number>) {
  names.forEach((n, i) => {
    if (wide[n] !== undefined) ws.getColumn(i + 1).width = wide[n];
  });
}

// ---------------------------------------------------------------------------------------------
// A scenario's lines sheet and cash-flow sheet

const HELPERS = [
  "kind",
  "name",
  "timing",
  "perOccurrence",
  "base",
  "start",
  "step",
  "end",
  "growth",
  "rampMonths",
  "rampCurve",
  "adjust",
] as const;
const FIRST_MONTH_COLUMN = HELPERS.length + 1;

function lineValue(line: CostLine | BenefitLine, kind: "cost" | "benefit", field: SheetLineField): ExcelJS.CellValue {
  const l = line as Record<string, unknown> & { labour?: { hours: string; rate: string; people: string } };
  if (field === "kind") return kind;
  if (field === "actuals") return monthPairs(l.actuals);
  if (field.startsWith("labour.")) {
    const v = l.labour?.[field.slice(7) as "hours" | "rate" | "people"];
    return v === undefined ? null : num(v);
  }
  const v = l[field];
  if (v === undefined) return null;
  if (NUMERIC_LINE_FIELDS.has(field)) return num(v as string | number);
  return v as string | boolean;
}

interface SheetContext {
  money: string;
  inRef: (k: keyof Layout["inputs"]) => string;
  H: number;
  // The plan rate of a currency at the month in cell M, as a formula over the Rates sheet.
  fxRate?: (currency: string, M: string) => string;
}

// Sheet "Rates" (docs/currencies.md): the case's dated plan rates, one row per step (currency,
// from, rate), when the case has any. A foreign line's monthly flow is its formula in its own
// currency times LOOKUP(month, its currency's from column, rate column): the step in force.
function ratesSheet(wb: BookWriter, file: CaseFile): NonNullable<SheetContext["fxRate"]> {
  const blocks = new Map<string, { first: number; last: number }>();
  const table = Object.entries(file.fx ?? {});
  if (table.length) {
    const rs = wb.addWorksheet("Rates");
    header(rs, ["currency", "from", "rate"]);
    let r = 2;
    for (const [currency, steps] of table) {
      const first = r;
      for (const step of steps) {
        rs.getCell(r, 1).value = currency;
        rs.getCell(r, 2).value = step.from;
        rs.getCell(r, 3).value = num(step.rate);
        rs.getCell(r, 3).numFmt = "0.0000";
        r++;
      }
      blocks.set(currency, { first, last: r - 1 });
    }
    rs.getCell(1, 5).value = `1 unit of the currency = rate ${file.currency}, from month "from" until the next row`;
    rs.getColumn(1).width = 12;
    rs.getColumn(3).width = 14;
  }
  return (currency, M) => {
    const b = blocks.get(currency);
    if (!b) throw new Error(`no ${currency} rate in the case`);
    return `LOOKUP(${M},Rates!$B$${b.first}:$B$${b.last},Rates!$C$${b.first}:$C$${b.last})`;
  };
}

// The flows sheet's column widths, before its rows are written (they go out one by one): a probe
// sheet with its header and the widest values each column can hold (the largest per-occurrence
// amount, a bound of any line's month, the stream rows' extremes), measured as any sheet is.
function flowsWidths(
  fs: SheetBuffer,
  file: CaseFile,
  expanded: ExpandedLine[],
  months: ComputeOutput["scenarios"][number]["months"],
  money: string,
): number[] {
  const probe = new SheetBuffer(fs.name);
  probe.rows[1] = fs.rows[1];
  fs.columns.forEach((c, i) => (probe.columns[i] = c));
  const at = (h: (typeof HELPERS)[number]) => HELPERS.indexOf(h) + 1;
  let lo = 0;
  let hi = 0;
  const extend = (v: number) => {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  };
  const names = [
    ...expanded.map((x) => x.line.name),
    ...file.risks.map((r) => `risk: ${r.title}`),
    "first positive month (payback helper)",
  ];
  let r = 2;
  for (const x of expanded) {
    const per = x.line.schedule
      ? 1
      : x.line.labour
        ? num(new Decimal(x.line.labour.hours).times(x.line.labour.rate).times(x.line.labour.people))
        : num(x.line.amount ?? 0);
    const benefit = x.line as BenefitLine;
    const share = x.kind === "benefit" ? num(benefit.realisation ?? 1) * num(benefit.margin ?? 1) : 1;
    for (const [c, v] of [
      [at("perOccurrence"), per],
      [at("base"), per * Math.max(1, share)],
    ] as const) {
      const cell = probe.getCell(r, c);
      cell.value = v;
      cell.numFmt = money;
    }
    // A month of a line is at most the sum of its terms (they may fall in the same month).
    let sum = 0;
    let neg = 0;
    for (const a of x.adjusted) {
      const v = num(a) * (x.fx ? Math.max(...x.fx.rates.rates.map(num)) : 1);
      if (v > 0) sum += v;
      else neg += v;
    }
    extend(sum);
    extend(neg);
    r++;
  }
  for (const risk of file.risks) extend(num(risk.costImpact ?? 0));
  for (const m of months)
    for (const k of ["cost", "benefit", "net", "cumulative", "discountedCumulative", "discountedNet"] as const)
      extend(num(m[k]));
  const longest = names.reduce((a, b) => (b.length > a.length ? b : a), "");
  probe.getCell(r, at("name")).value = longest;
  for (const [h, v] of [
    ["kind", "benefit"],
    ["timing", "recurring"],
    ["rampCurve", "s-curve"],
    ["growth", 0.12345678901],
    ["adjust", 0.12345678901],
    ["start", file.horizonMonths],
    ["end", file.horizonMonths],
  ] as const)
    probe.getCell(r, at(h)).value = v;
  for (let m = 0; m <= file.horizonMonths; m++) {
    for (const [i, v, fmt] of [
      [0, lo, money],
      [1, hi, money],
      [2, 0.123456789, FACTOR],
    ] as const) {
      const cell = probe.getCell(r + i, FIRST_MONTH_COLUMN + m);
      cell.value = v;
      cell.numFmt = fmt;
    }
  }
  return columnWidths(probe);
}

// The columns of a scenario's lines sheet: the case-file fields (the contract's names), the
// schedule's months when a line has one, and the line's id last (read back by its header).
function linesSheetColumns(expanded: readonly ExpandedLine[], H: number): string[] {
  const fields = sheetLineFields(expanded.map((x) => x.line));
  const hasSchedule = expanded.some((x) => x.line.schedule !== undefined);
  return [
    ...fields.filter((f) => f !== "id"),
    ...(hasSchedule ? Array.from({ length: H + 1 }, (_, m) => `schedule.${m}`) : []),
    "id",
  ];
}

async function scenarioSheets(
  wb: BookWriter,
  file: CaseFile,
  scenario: Scenario,
  expanded: ExpandedLine[],
  names: { lines: string; flows: string },
  scenarioRow: number,
  { money, inRef, H, fxRate }: SheetContext,
  months: ComputeOutput["scenarios"][number]["months"],
): Promise<{
  sheet: SheetBuffer;
  totalsRow: number;
  sumRange: { cost: (m: number) => string; benefit: (m: number) => string; firstColumn: number };
}> {
  const lines: { kind: "cost" | "benefit"; line: CostLine | BenefitLine; x: ExpandedLine }[] = expanded.map((x) => ({
    kind: x.kind,
    line: x.line,
    x,
  }));
  const hasSchedule = lines.some((l) => l.line.schedule !== undefined);
  const columns = linesSheetColumns(expanded, H);
  const fields = columns.filter((c) => !c.startsWith("schedule.")) as SheetLineField[];
  const col = (f: string) => columnName(columns.indexOf(f) + 1);

  const ls = wb.addWorksheet(names.lines);
  header(ls, columns, 2);
  lines.forEach(({ kind, line }, i) => {
    const row = ls.getRow(i + 2);
    fields.forEach((f) => {
      const j = columns.indexOf(f);
      const v = lineValue(line, kind, f);
      if (v !== null) row.getCell(j + 1).value = v;
      if (RATE_LINE_FIELDS.has(f)) row.getCell(j + 1).numFmt = PERCENT;
      else if (f === "amount" || f === "labour.rate" || f === "low" || f === "high") row.getCell(j + 1).numFmt = money;
    });
    if (line.schedule) {
      for (const [m, v] of Object.entries(line.schedule)) {
        const c = row.getCell(columns.indexOf("schedule.0") + 1 + Number(m));
        c.value = num(v);
        c.numFmt = money;
      }
    }
  });
  widths(ls, columns, { name: 24, notes: 24, category: 14 });

  const fs = wb.addWorksheet(names.flows);
  header(fs, [...HELPERS, ...Array.from({ length: H + 1 }, (_, m) => String(m))], 2);
  // Month columns carry the money format (set before their cells, which inherit it).
  for (let m = 0; m <= H; m++) fs.getColumn(FIRST_MONTH_COLUMN + m).numFmt = money;
  for (let m = 0; m <= H; m++) {
    fs.getCell(1, FIRST_MONTH_COLUMN + m).value = m;
    fs.getCell(1, FIRST_MONTH_COLUMN + m).numFmt = "0";
  }
  wb.stream(fs, flowsWidths(fs, file, expanded, months, money));
  const L = (f: string, row: number) => ref(names.lines, `$${col(f)}${row}`);
  const hc = (h: (typeof HELPERS)[number], row: number) => `$${columnName(HELPERS.indexOf(h) + 1)}${row}`;
  const schedFirst = columns.indexOf("schedule.0") + 1;
  const schedRange = (row: number) =>
    ref(names.lines, `$${columnName(schedFirst)}${row}:$${columnName(schedFirst + H)}${row}`);
  const isBaseline = ref("Inputs", `$C$${scenarioRow}`);
  const HZ = inRef("horizonMonths");

  for (const [i, { kind, line, x }] of lines.entries()) {
    // Let the zip compress the rows written so far (their text waits in the sheet's stream).
    if (i % 20 === 19) await new Promise((resolve) => setImmediate(resolve));
    const row = i + 2;
    const lr = i + 2;
    const c = (h: (typeof HELPERS)[number]) => fs.getCell(row, HELPERS.indexOf(h) + 1);
    const benefit = kind === "benefit" ? (line as BenefitLine) : null;
    const timing = line.schedule ? "schedule" : line.recurring ? "recurring" : "month";
    formula(c("kind"), L("kind", lr), kind);
    formula(c("name"), L("name", lr), line.name);
    formula(
      c("timing"),
      hasSchedule
        ? `IF(COUNT(${schedRange(lr)})>0,"schedule",IF(${L("recurring", lr)}<>"","recurring","month"))`
        : `IF(${L("recurring", lr)}<>"","recurring","month")`,
      timing,
    );
    const per =
      timing === "schedule"
        ? new Decimal(1)
        : line.labour
          ? new Decimal(line.labour.hours).times(line.labour.rate).times(line.labour.people)
          : new Decimal(line.amount ?? 0);
    formula(
      c("perOccurrence"),
      `IF(${hc("timing", row)}="schedule",1,IF(${L("labour.hours", lr)}<>"",${L("labour.hours", lr)}*${L("labour.rate", lr)}*${L("labour.people", lr)},N(${L("amount", lr)})))`,
      num(per),
    );
    let base = per;
    if (benefit) {
      if (benefit.tangible === false) base = new Decimal(0);
      if (benefit.realisation !== undefined) base = base.times(benefit.realisation);
      if (benefit.margin !== undefined) base = base.times(benefit.margin);
    }
    const t = L("tangible", lr);
    formula(
      c("base"),
      `IF(AND(${hc("kind", row)}="benefit",${t}&""<>"",NOT(${t})),0,${hc("perOccurrence", row)}*IF(${hc("kind", row)}="benefit",IF(${L("realisation", lr)}="",1,${L("realisation", lr)})*IF(${L("margin", lr)}="",1,${L("margin", lr)}),1))`,
      num(base),
    );
    // Timing: a schedule from its first month, a recurring line from startMonth (default: its
    // first period end) to endMonth (default: the horizon) every step months, else one month.
    let start = 0;
    let step = 1;
    let end = 0;
    if (line.schedule) {
      start = Math.min(...Object.keys(line.schedule).map(Number));
      end = H;
    } else if (line.recurring) {
      const rr = recurringRange(line, H);
      start = rr.start;
      step = rr.step;
      end = Math.min(rr.end, H);
    } else {
      start = line.month ?? 0;
      end = start;
    }
    const schedStart = hasSchedule
      ? `(${HZ}+1)-SUMPRODUCT(MAX((${schedRange(lr)}<>"")*(${schedFirst}+${HZ}+1-COLUMN(${schedRange(lr)}))))`
      : "0";
    formula(
      c("start"),
      `IF(${hc("timing", row)}="schedule",${schedStart},IF(${hc("timing", row)}="recurring",IF(${L("startMonth", lr)}="",${hc("step", row)},${L("startMonth", lr)}),N(${L("month", lr)})))`,
      start,
    );
    formula(
      c("step"),
      `IF(${hc("timing", row)}="recurring",IF(${L("recurring", lr)}="quarterly",${STEPS.quarterly},IF(${L("recurring", lr)}="annual",${STEPS.annual},${STEPS.monthly})),1)`,
      step,
    );
    formula(
      c("end"),
      `IF(${hc("timing", row)}="recurring",MIN(IF(${L("endMonth", lr)}="",${HZ},${L("endMonth", lr)}),${HZ}),IF(${hc("timing", row)}="month",${hc("start", row)},${HZ}))`,
      end,
    );
    formula(c("growth"), `1+N(${L("escalation", lr)})`, num(new Decimal(line.escalation ?? 0).plus(1)));
    formula(c("rampMonths"), `IF(${hc("kind", row)}="benefit",N(${L("rampMonths", lr)}),0)`, benefit?.rampMonths ?? 0);
    formula(
      c("rampCurve"),
      `IF(${L("rampCurve", lr)}="","linear",${L("rampCurve", lr)})`,
      benefit?.rampCurve ?? "linear",
    );
    formula(c("adjust"), riskFactorFormula(hc("kind", row), L("riskAdjustment", lr)), num(x.adjust));
    c("perOccurrence").numFmt = money;
    c("base").numFmt = money;

    // Cached values: the engine's own terms, risk-adjusted.
    const cached = new Array<number>(H + 1).fill(0);
    x.terms.forEach((term, k) => {
      const v = num(x.adjusted[k]!);
      for (let m = term.start; m <= term.end; m += term.step) cached[m]! += v;
    });
    // One formula per line, shared along the row (Excel's shared formulas: the file holds it once;
    // every month's cell reads it with its own column, as written here for month 0).
    const m0 = columnName(FIRST_MONTH_COLUMN);
    const M = `${m0}$1`;
    const e = `(${M}-${hc("start", row)}+1)`;
    const R = hc("rampMonths", row);
    const ramp = `IF(OR(${R}<=0,${e}>=${R}),1,IF(${e}<=0,0,IF(${hc("rampCurve", row)}="step",0,IF(${hc("rampCurve", row)}="s-curve",(${e}/${R})^2*(3-2*${e}/${R}),${e}/${R}))))`;
    const sched = hasSchedule ? ref(names.lines, `${columnName(schedFirst)}${lr}`) : "";
    const occurs = `AND(${M}>=${hc("start", row)},${M}<=${hc("end", row)},MOD(${M}-${hc("start", row)},${hc("step", row)})=0${hasSchedule ? `,OR(${hc("timing", row)}<>"schedule",${sched}<>"")` : ""})`;
    const amount = hasSchedule ? `IF(${hc("timing", row)}="schedule",N(${sched}),1)*` : "";
    // A line in another currency: converted at the plan rate of the month (the Rates sheet).
    const fx = x.fx && fxRate ? `*${fxRate(x.fx.rates.currency, M)}` : "";
    const f = `IF(${occurs},${amount}${hc("base", row)}*${hc("growth", row)}^INT((${M}-${hc("start", row)})/12)*${ramp}*${hc("adjust", row)}${fx},0)`;
    const shared = `${m0}${row}`;
    const sharedRef = `${m0}${row}:${columnName(FIRST_MONTH_COLUMN + H)}${row}`;
    for (let m = 0; m <= H; m++) {
      const cell = fs.getCell(row, FIRST_MONTH_COLUMN + m);
      const result = writesResults() ? { result: cached[m]! } : {};
      cell.value = (
        m === 0 ? { formula: f, shareType: "shared", ref: sharedRef, ...result } : { sharedFormula: shared, ...result }
      ) as ExcelJS.CellValue;
    }
    wb.writeThrough(fs, row);
  }

  // Risks whose expected value counts in this scenario's costs (compute.ts): one row each.
  let row = lines.length + 2;
  file.risks.forEach((risk, i) => {
    const rr = i + 2;
    const R = (f: (typeof RISK_FIELDS)[number]) => ref("Risks", `$${columnName(RISK_FIELDS.indexOf(f) + 1)}${rr}`);
    const c = (h: (typeof HELPERS)[number]) => fs.getCell(row, HELPERS.indexOf(h) + 1);
    const ev = expectedRiskCost(risk, scenario, file.scenarios.length, H)?.cost ?? new Decimal(0);
    formula(c("kind"), `"cost"`, "cost");
    formula(c("name"), `"risk: "&${R("title")}`, `risk: ${risk.title}`);
    formula(c("timing"), `"risk"`, "risk");
    const cells = {
      includeInCosts: R("includeInCosts"),
      probability: R("probability"),
      costImpact: R("costImpact"),
      scenario: R("scenario"),
    };
    formula(c("base"), expectedRiskCostFormula(cells, scenario.key, isBaseline, file.scenarios.length), num(ev));
    formula(c("start"), `N(${R("month")})`, risk.month ?? 0);
    c("base").numFmt = money;
    for (let m = 0; m <= H; m++) {
      const M = `${columnName(FIRST_MONTH_COLUMN + m)}$1`;
      const cell = fs.getCell(row, FIRST_MONTH_COLUMN + m);
      formula(cell, `IF(${M}=${hc("start", row)},${hc("base", row)},0)`, (risk.month ?? 0) === m ? num(ev) : 0);
    }
    wb.writeThrough(fs, row);
    row++;
  });
  const lastLineRow = row - 1;
  fs.getColumn(HELPERS.indexOf("name") + 1).width = 24;
  const kindRange = `$A$2:$A$${Math.max(2, lastLineRow)}`;
  const sum = (kind: string) => (m: number) => {
    const mc = columnName(FIRST_MONTH_COLUMN + m);
    return `SUMIF(${kindRange},"${kind}",${mc}$2:${mc}$${Math.max(2, lastLineRow)})`;
  };
  return {
    sheet: fs,
    totalsRow: lastLineRow + 2,
    sumRange: { cost: sum("cost"), benefit: sum("benefit"), firstColumn: FIRST_MONTH_COLUMN },
  };
}

// The rows every stream has: cost, benefit, net, discount factor, present values, cumulative
// sums and the payback helpers (docs/finance.md#payback: the first month the cumulative net turns
// non-negative after being negative, interpolated inside the month; when it was never negative,
// the first month with a positive net).
// Where streamBlock puts a stream's rows, known before the sheet is written.
export function streamRowsAt(sheet: string, top: number, firstColumn: number): StreamRows {
  return {
    sheet,
    cost: top,
    benefit: top + 1,
    net: top + 2,
    pvCost: top + 4,
    pvBenefit: top + 5,
    discountedNet: top + 6,
    cumulative: top + 7,
    firstColumn,
    negative: top + 9,
    payback: top + 10,
    firstPositive: top + 11,
  };
}

function streamBlock(
  ws: SheetBuffer,
  top: number,
  source: { cost: (m: number) => string; benefit: (m: number) => string; firstColumn: number },
  months: ComputeOutput["scenarios"][number]["months"],
  H: number,
  money: string,
  inRef: (k: keyof Layout["inputs"]) => string,
): StreamRows {
  const fc = source.firstColumn;
  const labelColumn = fc === FIRST_MONTH_COLUMN ? 2 : 1;
  const rows = {
    cost: top,
    benefit: top + 1,
    net: top + 2,
    discountFactor: top + 3,
    pvCost: top + 4,
    pvBenefit: top + 5,
    discountedNet: top + 6,
    cumulative: top + 7,
    discountedCumulative: top + 8,
    negative: top + 9,
    payback: top + 10,
    firstPositive: top + 11,
  };
  const labels: Record<keyof typeof rows, string> = {
    cost: "cost",
    benefit: "benefit",
    net: "net",
    discountFactor: "discountFactor",
    pvCost: "pvCost",
    pvBenefit: "pvBenefit",
    discountedNet: "discountedNet",
    cumulative: "cumulative",
    discountedCumulative: "discountedCumulative",
    negative: "cumulative was negative (payback helper)",
    payback: "payback so far (payback helper)",
    firstPositive: "first positive month (payback helper)",
  };
  for (const [k, r] of Object.entries(rows)) {
    ws.getCell(r, labelColumn).value = labels[k as keyof typeof rows];
    ws.getCell(r, labelColumn).font = { bold: k === "cost" || k === "benefit" || k === "net" };
  }
  let negative = false;
  let payback: number | string = "";
  let firstPositive: number | string = "";
  let prevCum = 0;
  for (let m = 0; m <= H; m++) {
    const c = columnName(fc + m);
    const p = m > 0 ? columnName(fc + m - 1) : null;
    const row = months[m]!;
    const cost = num(row.cost);
    const benefit = num(row.benefit);
    const net = num(row.net);
    const df = num(row.discountFactor);
    const set = (r: number, f: string, v: Cached, fmt: string) => {
      const cell = ws.getCell(r, fc + m);
      formula(cell, f, v);
      if (fmt !== money) cell.numFmt = fmt;
    };
    set(rows.cost, source.cost(m), cost, money);
    set(rows.benefit, source.benefit(m), benefit, money);
    set(rows.net, `${c}${rows.benefit}-${c}${rows.cost}`, net, money);
    set(rows.discountFactor, `${inRef("monthlyDiscountFactor")}^${m}`, df, FACTOR);
    set(
      rows.pvCost,
      `${c}${rows.cost}*${c}${rows.discountFactor}`,
      num(new Decimal(row.cost).times(row.discountFactor)),
      money,
    );
    set(
      rows.pvBenefit,
      `${c}${rows.benefit}*${c}${rows.discountFactor}`,
      num(new Decimal(row.benefit).times(row.discountFactor)),
      money,
    );
    set(rows.discountedNet, `${c}${rows.pvBenefit}-${c}${rows.pvCost}`, num(row.discountedNet), money);
    set(rows.cumulative, p ? `${p}${rows.cumulative}+${c}${rows.net}` : `${c}${rows.net}`, num(row.cumulative), money);
    set(
      rows.discountedCumulative,
      p ? `${p}${rows.discountedCumulative}+${c}${rows.discountedNet}` : `${c}${rows.discountedNet}`,
      num(row.discountedCumulative),
      money,
    );
    // Cached payback helpers, as paybackOf (metrics.ts) walks the months.
    const cum = num(row.cumulative);
    const wasNegative = negative;
    if (
      payback === "" &&
      wasNegative &&
      !(new Decimal(row.cumulative).isNegative() && !new Decimal(row.cumulative).isZero())
    )
      payback = m - 1 - prevCum / net;
    if (new Decimal(row.cumulative).isNegative() && !new Decimal(row.cumulative).isZero()) negative = true;
    if (firstPositive === "" && new Decimal(row.net).gt(0)) firstPositive = m;
    set(
      rows.negative,
      `IF(OR(${p ? `${p}${rows.negative}=1` : "FALSE"},${c}${rows.cumulative}<0),1,0)`,
      negative ? 1 : 0,
      "0",
    );
    set(
      rows.payback,
      p
        ? `IF(${p}${rows.payback}<>"",${p}${rows.payback},IF(AND(${p}${rows.negative}=1,${c}${rows.cumulative}>=0),${m - 1}-${p}${rows.cumulative}/${c}${rows.net},""))`
        : `""`,
      payback,
      MONTHS,
    );
    set(
      rows.firstPositive,
      p
        ? `IF(${p}${rows.firstPositive}<>"",${p}${rows.firstPositive},IF(${c}${rows.net}>0,${m},""))`
        : `IF(${c}${rows.net}>0,0,"")`,
      firstPositive,
      "0",
    );
    prevCum = cum;
  }
  return streamRowsAt(ws.name, top, fc);
}

// The whole workbook in memory, for tests and small callers.
export async function workbookBuffer(
  file: CaseFile,
  output: ComputeOutput,
  options: WorkbookOptions = {},
): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on("end", resolve);
    out.on("error", reject);
  });
  await writeWorkbook(file, output, out, options);
  await done;
  return Buffer.concat(chunks);
}
