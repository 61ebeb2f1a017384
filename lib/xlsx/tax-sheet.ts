// The workbook's tax (docs/tax-and-inflation.md), as formulas: sheet "Tax" holds the tax rate and
// timing, each capitalised line's depreciation profile (declining balance with the switch to
// straight-line; straight-line is the same rows at rate 0) and its depreciation month by month,
// then per scenario and comparison: capital, depreciation, taxable effect, tax, and the after-tax
// stream (a tax paid joins the costs, a saving the benefits, as the engine does). Sheet "Figures
// after tax" has the Figures sheet's columns over those streams. export.ts hands in its formula helpers
// (no import back: no cycle).
import type { BookWriter, BufferedCell, SheetBuffer } from "./sheet-buffer";
import Decimal from "decimal.js";
import type { CaseFile, CostLine } from "@/lib/case-file/schema";
import type { ExpandedLine } from "@/lib/finance/compute";
import { gridOf } from "@/lib/finance/compute";
import { computeStream } from "@/lib/finance/metrics";
import { capitalFlows, minusFlows, taxFlows, taxMonth } from "@/lib/finance/tax";
import type { ComputeOutput, Metrics, MonthRow } from "@/lib/finance/types";

export interface StreamRef {
  sheet: string;
  cost: number;
  benefit: number;
  firstColumn: number;
}

export interface TaxKit<S extends StreamRef> {
  formula: (cell: BufferedCell, f: string, result: number | string | boolean) => void;
  ref: (sheet: string, cell: string) => string;
  columnName: (n: number) => string;
  header: (ws: SheetBuffer, names: readonly string[], xSplit?: number) => void;
  streamBlock: (
    ws: SheetBuffer,
    top: number,
    source: { cost: (m: number) => string; benefit: (m: number) => string; firstColumn: number },
    months: MonthRow[],
  ) => S;
  metricCells: (s: S, metrics: Metrics, cell: (c: string) => BufferedCell, at: (c: string) => string) => void;
  summaryColumns: readonly string[];
  money: string;
  H: number;
  flowsSheet: (scenarioKey: string) => string;
  firstMonthColumn: number; // of the flows sheets
}

const FC = 3; // month 0's column on the Tax sheet: A labels, B parameters

// The workbook can state tax as formulas over its own flows only when they are the engine's
// flows: real terms and optimism bias are not (yet) in the workbook.
export function workbookHasTax(file: CaseFile): boolean {
  const real =
    file.inflation !== undefined &&
    !new Decimal(file.inflation).isZero() &&
    (file.priceBasis === "real" || file.discountRateBasis === "real");
  return file.tax !== undefined && file.optimismBias === undefined && !real;
}

export function taxSheets<S extends StreamRef>(
  wb: BookWriter,
  file: CaseFile,
  output: ComputeOutput,
  streams: Map<string, S>,
  expanded: Map<string, ExpandedLine[]>,
  kit: TaxKit<S>,
) {
  const tax = file.tax!;
  const { formula, ref, columnName: col, H } = kit;
  const ws = wb.addWorksheet("Tax");
  const C = (m: number) => col(FC + m);
  ws.getCell(1, 1).value = "taxRate";
  ws.getCell(1, 2).value = Number(tax.rate);
  ws.getCell(1, 2).numFmt = "0.00%";
  ws.getCell(2, 1).value = "taxPaid";
  ws.getCell(2, 2).value = tax.paid;
  ws.getCell(3, 1).value = "month";
  for (let m = 0; m <= H; m++) {
    ws.getCell(3, FC + m).value = m;
    ws.getColumn(FC + m).width = 13;
  }
  ws.getRow(3).font = { bold: true };
  ws.views = [{ state: "frozen", xSplit: 2, ySplit: 3 }];
  ws.pageSetup.printTitlesRow = "3:3";
  ws.getColumn(1).width = 44;
  ws.getColumn(2).width = 12;
  const RATE = "$B$1";
  let row = 5;
  const label = (text: string) => {
    ws.getCell(row, 1).value = text;
  };
  const grid = gridOf(file);

  // Per capitalised line: its profile and its depreciation; per scenario: the rows of its lines.
  const depRows = new Map<string, number[]>();
  const capCells = new Map<string, ((m: number) => string)[]>();
  for (const scenario of file.scenarios) {
    const lines = expanded.get(scenario.key)!;
    const flows = kit.flowsSheet(scenario.key);
    depRows.set(scenario.key, []);
    capCells.set(scenario.key, []);
    lines.forEach((x, i) => {
      const method = x.kind === "cost" ? (x.line as CostLine).capitalised : undefined;
      if (!method) return;
      const flowRow = i + 2; // the line's row on its flows sheet
      const flowCell = (m: number) => ref(flows, `$${col(kit.firstMonthColumn + m)}$${flowRow}`);
      capCells.get(scenario.key)!.push(flowCell);
      const name = `${x.line.name} (${scenario.key})`;
      const rateRow = row;
      label(`${name}: declining-balance rate a year (0: straight-line)`);
      ws.getCell(row, 2).value = method.method === "declining-balance" ? Number(method.rate) : 0;
      ws.getCell(row++, 2).numFmt = "0.00%";
      const lifeRow = row;
      label(`${name}: life in months`);
      ws.getCell(row++, 2).value = 12 * method.years;
      const [rR, swR, slR, pR, rpR, dR] = [row, row + 1, row + 2, row + 3, row + 4, row + 5];
      const rows: [number, string][] = [
        [rR, "remaining share"],
        [swR, "switched to straight-line"],
        [slR, "straight-line share"],
        [pR, "depreciation profile"],
        [rpR, "profile, reversed (for the sums)"],
        [dR, "depreciation"],
      ];
      for (const [r, text] of rows) ws.getCell(r, 1).value = `${name}: ${text}`;
      row += 7;
      const rate = `$B$${rateRow}`;
      const life = `$B$${lifeRow}`;
      // The profile as the engine makes it (lib/finance/tax.ts): rate/12 of what remains until
      // straight-line over the months left of the life gives more.
      const L = 12 * method.years;
      const profile: Decimal[] = [];
      const remainingAt: Decimal[] = [];
      let switchAt: number | null = null;
      let slShare = new Decimal(0);
      {
        const monthly = new Decimal(method.method === "declining-balance" ? method.rate : 0).div(12);
        let remaining = new Decimal(1);
        for (let k = 0; k <= H; k++) {
          remainingAt.push(remaining);
          if (k >= L) {
            profile.push(new Decimal(0));
            continue;
          }
          if (switchAt === null && remaining.div(L - k).gt(remaining.times(monthly))) {
            switchAt = k;
            slShare = remaining.div(L - k);
          }
          const p = switchAt !== null ? slShare : remaining.times(monthly);
          profile.push(p);
          remaining = remaining.minus(p);
        }
      }
      for (let k = 0; k <= H; k++) {
        const c = C(k);
        const p = k > 0 ? C(k - 1) : null;
        const K = `${c}$3`;
        const on = switchAt !== null && k >= switchAt;
        formula(ws.getCell(rR, FC + k), p ? `${p}${rR}-${p}${pR}` : "1", remainingAt[k]!.toNumber());
        formula(
          ws.getCell(swR, FC + k),
          `IF(${K}>=${life},${p ? `${p}${swR}` : 0},IF(OR(${p ? `${p}${swR}=1` : "FALSE"},${c}${rR}/(${life}-${K})>${c}${rR}*${rate}/12),1,0))`,
          on ? 1 : 0,
        );
        formula(
          ws.getCell(slR, FC + k),
          `IF(AND(${c}${swR}=1,${p ? `${p}${swR}=0` : "TRUE"}),${c}${rR}/(${life}-${K}),${p ? `${p}${slR}` : 0})`,
          on ? slShare.toNumber() : 0,
        );
        formula(
          ws.getCell(pR, FC + k),
          `IF(${K}>=${life},0,IF(${c}${swR}=1,${c}${slR},${c}${rR}*${rate}/12))`,
          profile[k]!.toNumber(),
        );
      }
      // The line's own (risk-adjusted) flows, for the cached depreciation.
      const lineFlows = new Array<Decimal>(H + 1).fill(new Decimal(0));
      x.terms.forEach((t, j) => {
        for (let m = t.start; m <= Math.min(t.end, H); m += t.step) lineFlows[m] = lineFlows[m]!.plus(x.adjusted[j]!);
      });
      for (let j = 0; j <= H; j++) formula(ws.getCell(rpR, FC + j), `${C(H - j)}${pR}`, profile[H - j]!.toNumber());
      for (let m = 0; m <= H; m++) {
        // depreciation of month m = sum over flows f <= m of flow_f x profile_(m - f)
        const flowsRange = ref(
          flows,
          `$${col(kit.firstMonthColumn)}$${flowRow}:${col(kit.firstMonthColumn + m)}$${flowRow}`,
        );
        let cachedDep = new Decimal(0);
        for (let f = 0; f <= m; f++) cachedDep = cachedDep.plus(lineFlows[f]!.times(profile[m - f]!));
        formula(
          ws.getCell(dR, FC + m),
          `SUMPRODUCT(${flowsRange},${C(H - m)}${rpR}:$${C(H)}$${rpR})`,
          cachedDep.toNumber(),
        );
        ws.getCell(dR, FC + m).numFmt = kit.money;
      }
      depRows.get(scenario.key)!.push(dR);
    });
  }

  // Per stream: capital, depreciation, taxable effect, tax, then the after-tax stream.
  type TaxRows = { tax: number };
  const taxRows = new Map<string, TaxRows>();
  const summary: { key: string; stream: S; metrics: Metrics }[] = [];
  const grids = new Map<string, { cost: Decimal[]; benefit: Decimal[]; tax: Decimal[] }>();
  const dec = (months: MonthRow[], k: "cost" | "benefit") => months.map((r) => new Decimal(r[k]));

  const afterTaxMonths = (cost: Decimal[], benefit: Decimal[], t: Decimal[]) =>
    computeStream(
      grid,
      cost.map((v, m) => (t[m]!.gt(0) ? v.plus(t[m]!) : v)),
      benefit.map((v, m) => (t[m]!.lt(0) ? v.minus(t[m]!) : v)),
    ).months;

  const block = (
    key: string,
    s: S,
    taxRow: number,
    cached: { cost: Decimal[]; benefit: Decimal[]; tax: Decimal[] },
  ) => {
    const src = (r: number) => (m: number) => ref(s.sheet, `${col(s.firstColumn + m)}${r}`);
    const cost = src(s.cost);
    const benefit = src(s.benefit);
    const top = row;
    const after = kit.streamBlock(
      ws,
      top,
      {
        cost: (m) => `${cost(m)}+MAX(${C(m)}${taxRow},0)`,
        benefit: (m) => `${benefit(m)}+MAX(-${C(m)}${taxRow},0)`,
        firstColumn: FC,
      },
      afterTaxMonths(cached.cost, cached.benefit, cached.tax),
    );
    ws.getCell(top - 1, 1).value = `${key}: after tax`;
    ws.getCell(top - 1, 1).font = { bold: true };
    row = top + 13;
    return after;
  };

  for (const scenario of file.scenarios) {
    const result = output.scenarios.find((x) => x.key === scenario.key)!;
    const s = streams.get(scenario.key)!;
    const caps = capCells.get(scenario.key)!;
    const deps = depRows.get(scenario.key)!;
    const [capR, depR, txR, taxR] = [row, row + 1, row + 2, row + 3];
    ws.getCell(capR, 1).value = `${scenario.key}: capitalised costs`;
    ws.getCell(depR, 1).value = `${scenario.key}: depreciation`;
    ws.getCell(txR, 1).value = `${scenario.key}: taxable effect`;
    ws.getCell(taxR, 1).value = `${scenario.key}: tax`;
    const cost = dec(result.months, "cost");
    const benefit = dec(result.months, "benefit");
    const cf = capitalFlows(expanded.get(scenario.key)!, H, true);
    const tf = taxFlows(tax, cost, benefit, cf);
    for (let m = 0; m <= H; m++) {
      const c = C(m);
      formula(ws.getCell(capR, FC + m), caps.length ? caps.map((f) => f(m)).join("+") : "0", cf.capital[m]!.toNumber());
      formula(
        ws.getCell(depR, FC + m),
        deps.length ? deps.map((r) => `${c}${r}`).join("+") : "0",
        cf.depreciation[m]!.toNumber(),
      );
      formula(
        ws.getCell(txR, FC + m),
        `${ref(s.sheet, `${col(s.firstColumn + m)}${s.benefit}`)}-(${ref(s.sheet, `${col(s.firstColumn + m)}${s.cost}`)}-${c}${capR})-${c}${depR}`,
        tf.taxable[m]!.toNumber(),
      );
      // The tax paid in month m: its own (monthly), or the year's that ends at m (annual).
      const paidHere = Array.from({ length: H + 1 }, (_, k) => k).filter((k) => taxMonth(k, tax.paid, H) === m);
      formula(
        ws.getCell(taxR, FC + m),
        paidHere.length ? `${RATE}*SUM(${C(paidHere[0]!)}${txR}:${C(paidHere[paidHere.length - 1]!)}${txR})` : "0",
        tf.tax[m]!.toNumber(),
      );
      for (const r of [capR, depR, txR, taxR]) ws.getCell(r, FC + m).numFmt = kit.money;
    }
    taxRows.set(scenario.key, { tax: taxR });
    grids.set(scenario.key, { cost, benefit, tax: tf.tax });
    row += 6;
    summary.push({
      key: scenario.key,
      stream: block(scenario.key, s, taxR, grids.get(scenario.key)!),
      metrics: result.afterTax!,
    });
    row += 1;
  }
  for (const c of output.comparisons) {
    const key = `${c.alternative}-vs-${c.baseline}`;
    const s = streams.get(key)!;
    const a = grids.get(c.alternative)!;
    const b = grids.get(c.baseline)!;
    const taxR = row;
    ws.getCell(taxR, 1).value = `${key}: tax (alternative minus baseline)`;
    const t = minusFlows(a.tax, b.tax);
    for (let m = 0; m <= H; m++) {
      formula(
        ws.getCell(taxR, FC + m),
        `${C(m)}${taxRows.get(c.alternative)!.tax}-${C(m)}${taxRows.get(c.baseline)!.tax}`,
        t[m]!.toNumber(),
      );
      ws.getCell(taxR, FC + m).numFmt = kit.money;
    }
    row += 3;
    const cached = { cost: minusFlows(a.cost, b.cost), benefit: minusFlows(a.benefit, b.benefit), tax: t };
    summary.push({ key, stream: block(key, s, taxR, cached), metrics: c.afterTax! });
    row += 1;
  }

  const sum = wb.addWorksheet("Figures after tax");
  kit.header(sum, kit.summaryColumns, 1);
  summary.forEach(({ key, stream, metrics }, i) => {
    const r = i + 2;
    sum.getCell(r, 1).value = key;
    kit.metricCells(
      stream,
      metrics,
      (c) => sum.getCell(r, kit.summaryColumns.indexOf(c) + 1),
      (c) => `${col(kit.summaryColumns.indexOf(c) + 1)}${r}`,
    );
  });
  sum.getColumn(1).width = 28;
}
