// The importer's default guesses (docs/import.md "How the guesses are made"): which sheet, which
// header row, which layout, which columns are names, types, categories, scenarios and periods,
// which rows are lines, sections, subtotals and totals, and the settings the sheet states (its
// discount rate, start year, currency and units, its own NPV and IRR). Pure: a Book in, a
// Mapping (lib/import/mapping.ts) and what was found out.
import type { OnProgress } from "./progress";
import { renderText, type ImportCode, type MessageParams } from "./messages";
import { guessMapping as guessLineFields } from "@/lib/xlsx/import-map";
import { D } from "@/lib/finance/decimal";
import type { FlowColumn, Layout, Mapping, PeriodColumn, RowMapping, SheetMapping } from "./mapping";
import { parsePeriod, periodAxis, periodColumns, type Period } from "./periods";
import {
  isNumeric,
  cellAt,
  cellRef,
  columnIndex,
  columnLetter,
  isTextCell,
  MICRO,
  microOf,
  numberOf,
  textOf,
  width,
  type Book,
  type Sheet,
  type SheetCell,
} from "./sheet";
import {
  guessBenefitCategory,
  guessCostCategory,
  isAmountHeader,
  isBaselineName,
  isBenefitWord,
  isCategoryHeader,
  isCostWord,
  isAlwaysDerivedWord,
  isAssumptionsWord,
  isDerivedWord,
  isIrrWord,
  isNameHeader,
  isNpvWord,
  isRateWord,
  isScenarioHeader,
  isScenarioLabel,
  isStackedScenarioHeading,
  isStartWord,
  isTotalWord,
  isTypeHeader,
  isUnitPriceHeader,
  isUnitsHeader,
  normalise,
  sectionKind,
} from "./words";

type Decimal = InstanceType<typeof D>;

// Something the sheet states that the import used or shows beside its own figures.
export interface Found {
  what: "npv" | "irr" | "total" | "rate" | "start" | "currency" | "scale" | "title" | "baseline";
  where: string; // "Model!C20"
  value: string;
  scenario?: string;
  note?: string;
}

export interface SheetScore {
  sheet: string;
  layout: Layout | null;
  score: number;
  headerRow?: number;
}

export interface Guess {
  mapping: Mapping;
  found: Found[];
  sheets: SheetScore[];
}

export interface GuessOptions {
  sheet?: string | string[];
  currency?: string; // when the workbook does not say (the workspace's)
  today?: Date;
  onProgress?: OnProgress;
}

const SCAN_ROWS = 60;

interface Candidate {
  layout: Layout;
  headerRow: number; // 0-based
  score: number;
  periods?: Map<number, Period>;
  periodColumn?: number;
  fields?: Record<string, string>;
}

function rowValues(sheet: Sheet, r: number, w: number): (string | number | Date | null)[] {
  const out: (string | number | Date | null)[] = [];
  for (let c = 0; c < w; c++) {
    const v = cellAt(sheet, r, c)?.value;
    out.push(
      v === undefined || v === null || typeof v === "boolean" ? null : typeof v === "string" ? v.trim() || null : v,
    );
  }
  return out;
}

function lastRow(sheet: Sheet): number {
  for (let r = sheet.rows.length - 1; r >= 0; r--) if ((sheet.rows[r] ?? []).some((c) => textOf(c) !== "")) return r;
  return -1;
}

// Periods in a header row: at least two, not counting a "Total" column.
// Year headers are often formulas (=B4+1): their saved values count as written ones.
function headerPeriods(sheet: Sheet, r: number, w: number): Map<number, Period> {
  return periodColumns(rowValues(sheet, r, w));
}

// Rows with a number in the columns, counted over the first 2,000 rows below (enough to rank
// candidates; a 100,000-row sheet is not walked once per candidate header).
const SAMPLE_ROWS = 2000;
function numericRowsBelow(sheet: Sheet, r: number, columns: number[], last: number): number {
  let n = 0;
  const end = Math.min(last, r + SAMPLE_ROWS);
  for (let i = r + 1; i <= end; i++) if (columns.some((c) => isNumeric(cellAt(sheet, i, c)))) n++;
  return n;
}

function candidates(sheet: Sheet): Candidate[] {
  const w = width(sheet);
  const last = lastRow(sheet);
  const out: Candidate[] = [];
  const scan = Math.min(last, SCAN_ROWS);
  for (let r = 0; r <= scan; r++) {
    const texts = rowValues(sheet, r, w).map((v) => (typeof v === "string" ? v : ""));
    // Caseboard's own lines sheet and other one-line-per-row tables.
    const fields = guessLineFields(texts);
    const named = new Set(fields.filter(Boolean));
    if (
      named.has("name") &&
      (named.has("amount") || named.has("labour.hours") || named.has("schedule")) &&
      (named.has("recurring") || named.has("month") || named.has("startMonth") || named.has("schedule"))
    ) {
      const rows = numericRowsBelow(
        sheet,
        r,
        fields.map((f, c) => (f ? c : -1)).filter((c) => c >= 0),
        last,
      );
      const map: Record<string, string> = {};
      fields.forEach((f, c) => f && (map[columnLetter(c)] = f));
      out.push({ layout: "line-per-row", headerRow: r, score: rows * 2 + named.size + 5, fields: map });
    }
    const periods = headerPeriods(sheet, r, w);
    if (periods.size >= 2) {
      const rows = numericRowsBelow(sheet, r, [...periods.keys()], last);
      const first = Math.min(...periods.keys());
      const labelled = first > 0;
      if (rows > 0 && labelled)
        out.push({ layout: "periods-in-columns", headerRow: r, score: rows * 2 + periods.size, periods });
    }
    // A flat list: a name column and an amount-like column, no periods.
    if (periods.size < 2) {
      const amount = texts.findIndex((t) => t && (isAmountHeader(t) || isUnitPriceHeader(t)));
      const name = texts.findIndex((t) => t && isNameHeader(t));
      if (amount >= 0 && name >= 0 && name !== amount) {
        const rows = numericRowsBelow(sheet, r, [amount], last);
        if (rows > 0) out.push({ layout: "flat-list", headerRow: r, score: rows * 1.5 + 2 });
      }
    }
  }
  // Periods down a column: "Year | Inflows | Outflows | Net".
  const runPeriods: Period[] = [];
  for (let c = 0; c < Math.min(w, 6); c++) {
    let run = 0;
    let start = -1;
    // Periods down a column start near the top: the first rows are enough to find them.
    const end = Math.min(last + 1, SCAN_ROWS + SAMPLE_ROWS);
    for (let r = 0; r <= end; r++) {
      const cell = cellAt(sheet, r, c);
      const p =
        r <= last &&
        r < end &&
        (typeof cell?.value === "string" || typeof cell?.value === "number" || cell?.value instanceof Date)
          ? parsePeriod(cell.value)
          : null;
      if (p && run === 0) {
        start = r;
        runPeriods.length = 0;
      }
      if (p) {
        run++;
        runPeriods.push(p);
      } else {
        // Periods go forward ("From year" holding 1, 1, 0, 1 is a parameter, not a time axis).
        if (run >= 3 && start > 0 && goesForward(runPeriods)) {
          const header = start - 1;
          const headerText = textOf(cellAt(sheet, header, c));
          const bareNumbers = typeof cellAt(sheet, start, c)?.value === "number";
          const periodHeader =
            /year|år|ar|année|annee|period|periode|période|month|månad|måned|mois|quarter|kvartal|date|datum|fy|年|月|期/i.test(
              headerText,
            );
          if (!bareNumbers || periodHeader) {
            const flowColumns: number[] = [];
            for (let k = 0; k < w; k++)
              if (
                k !== c &&
                isTextCell(cellAt(sheet, header, k)) &&
                numericRowsBelow(sheet, header, [k], start + run - 1) > 0
              )
                flowColumns.push(k);
            if (flowColumns.length > 0)
              out.push({
                layout: "periods-in-rows",
                headerRow: header,
                score: run * flowColumns.length + 3,
                periodColumn: c,
              });
          }
        }
        run = 0;
      }
    }
  }
  return out;
}

function goesForward(periods: readonly Period[]): boolean {
  const spans = periodAxis(periods).spans;
  return spans.every((s, i) => i === 0 || s.from > spans[i - 1]!.from);
}

const LAYOUT_ORDER: Layout[] = ["line-per-row", "periods-in-columns", "periods-in-rows", "flat-list"];

function bestCandidate(sheet: Sheet): Candidate | null {
  const all = candidates(sheet);
  if (all.length === 0) return null;
  return all.reduce((best, c) =>
    c.score > best.score ||
    (c.score === best.score && LAYOUT_ORDER.indexOf(c.layout) < LAYOUT_ORDER.indexOf(best.layout))
      ? c
      : best,
  );
}

function sheetBonus(sheet: Sheet): number {
  const n = sheet.name;
  let b = 0;
  if (isCostWord(n) || isBenefitWord(n)) b += 3;
  if (
    /model|cba|analys|analysis|calc|beräkn|kalkyl|bere|tco|roi|npv|cash|flow|flöde|modèle|calcul|模型|测算|分析/i.test(
      n,
    )
  )
    b += 3;
  if (
    /cover|front|title|intro|instructions|read ?me|notes|contents|försättsblad|omslag|forside|couverture|sommaire|封面|说明|目录/i.test(
      n,
    )
  )
    b -= 10;
  return sheet.hidden ? -1000 : b;
}

export function slug(text: string, taken: Set<string>): string {
  const base =
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 48) || "scenario";
  let key = /^[a-z0-9]/.test(base) ? base : `s-${base}`;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  taken.add(key);
  return key;
}

interface SheetAnalysis {
  sheet: SheetMapping;
  found: Found[];
  startMonth?: string;
  scenarioNames: string[]; // scenarios the sheet itself names (column values, groups, rows)
  title?: string;
  currencyVotes: Map<string, number>;
  scale?: { factor: string; where: string; text: string };
}

const SCALE_WORDS: [RegExp, string][] = [
  [/万元/, "10000"],
  [
    /千元|£\s?'?000|\$\s?'?000|€\s?'?000|\(000s?\)|'000s?|\b000s\b|\btkr\b|\btsek\b|\btnok\b|\bksek\b|\bk€|€k\b|£k\b|thousands|i tusental|tusen kroner|en milliers|milliers/i,
    "1000",
  ],
  [
    /百万|£\s?m\b|\$\s?m\b|€\s?m\b|\bmsek\b|\bmkr\b|\bmnok\b|\bm€|in millions|i miljoner|i millioner|en millions/i,
    "1000000",
  ],
];

const CURRENCY_WORDS: [RegExp, string][] = [
  [/£|\bgbp\b/i, "GBP"],
  [/€|\beur\b|euros?\b/i, "EUR"],
  [/\$|\busd\b/i, "USD"],
  [/¥|元|\bcny\b|\brmb\b/, "CNY"],
  [/\bsek\b|\bkr\b|\bkronor\b|\btkr\b|\bmkr\b/i, "SEK"],
  [/\bnok\b|\bkroner\b/i, "NOK"],
];

function analyse(sheet: Sheet, candidate: Candidate): SheetAnalysis {
  const w = width(sheet);
  const last = lastRow(sheet);
  const h = candidate.headerRow;
  const found: Found[] = [];
  const currencyVotes = new Map<string, number>();
  const headerTexts = Array.from({ length: w }, (_, c) => textOf(cellAt(sheet, h, c)));
  const col = (pred: (t: string) => boolean, except: number[] = []) =>
    headerTexts.findIndex((t, c) => t !== "" && !except.includes(c) && pred(t));
  let title: string | undefined;
  for (let r = 0; r < h && !title; r++)
    for (let c = 0; c < w && !title; c++)
      if (isTextCell(cellAt(sheet, r, c)) && textOf(cellAt(sheet, r, c)).length > 3)
        title = textOf(cellAt(sheet, r, c));
  let scale: SheetAnalysis["scale"];
  for (let r = 0; r <= Math.min(last, h + 2) && !scale; r++)
    for (let c = 0; c < w && !scale; c++) {
      const t = textOf(cellAt(sheet, r, c));
      if (!t || typeof cellAt(sheet, r, c)?.value !== "string") continue;
      const s = SCALE_WORDS.find(([re]) => re.test(t));
      if (s) scale = { factor: s[1], where: cellRef(sheet.name, r, c), text: t };
      const cur = CURRENCY_WORDS.find(([re]) => re.test(t));
      if (cur) currencyVotes.set(cur[1], (currencyVotes.get(cur[1]) ?? 0) + 5);
    }
  for (let r = h + 1; r <= last; r++)
    for (const cell of sheet.rows[r] ?? [])
      if (cell?.currency) currencyVotes.set(cell.currency, (currencyVotes.get(cell.currency) ?? 0) + 1);

  const base: SheetMapping = {
    sheet: sheet.name,
    layout: candidate.layout,
    headerRow: h + 1,
    lastRow: last + 1,
    columns: {},
    periods: [],
    defaultKind: sectionKind(sheet.name) ?? "cost",
    negativeIs: "cost",
  };
  const scenarioNames: string[] = [];
  let startMonth: string | undefined;

  if (candidate.layout === "line-per-row") {
    base.fields = candidate.fields;
    // Timing columns holding calendar years or dates set the case start (their earliest).
    let earliest: number | null = null;
    for (const [letter, field] of Object.entries(candidate.fields ?? {})) {
      if (!["startMonth", "month", "endMonth"].includes(field)) continue;
      const c = columnIndex(letter);
      for (let r = h + 1; r <= last; r++) {
        const v = cellAt(sheet, r, c)?.value;
        const at =
          v instanceof Date
            ? v.getUTCFullYear() * 12 + v.getUTCMonth()
            : (typeof v === "number" || typeof v === "string") &&
                /^\s*\d{4}\s*$/.test(String(v)) &&
                Number(v) >= 1990 &&
                Number(v) <= 2100
              ? Number(v) * 12
              : null;
        if (at !== null && (earliest === null || at < earliest)) earliest = at;
      }
    }
    if (earliest !== null) startMonth = `${Math.floor(earliest / 12)}-${String((earliest % 12) + 1).padStart(2, "0")}`;
    const scenarioCol = col(isScenarioHeader);
    if (scenarioCol >= 0) {
      base.columns.scenario = columnLetter(scenarioCol);
      collectColumnScenarios(sheet, h, last, scenarioCol, scenarioNames);
    }
    return { sheet: base, found, startMonth, scenarioNames, title, currencyVotes, scale };
  }

  if (candidate.layout === "periods-in-rows") {
    const pc = candidate.periodColumn!;
    base.columns.period = columnLetter(pc);
    const periods: { row: number; period: Period; label: string }[] = [];
    let r = h + 1;
    for (; r <= last; r++) {
      const p = parsePeriod(cellAt(sheet, r, pc)?.value as string | number | Date | null);
      if (!p) break;
      periods.push({ row: r, period: p, label: textOf(cellAt(sheet, r, pc)) });
    }
    base.lastRow = r;
    const axis = periodAxis(periods.map((p) => p.period));
    startMonth = axis.startMonth;
    base.periodRows = periods.map((p, i) => ({
      row: p.row + 1,
      label: p.label,
      from: axis.spans[i]!.from,
      to: axis.spans[i]!.to,
    }));
    const flows: FlowColumn[] = [];
    for (let c = 0; c < w; c++) {
      if (c === pc) continue;
      const name = headerTexts[c]!;
      if (!name || numericRowsBelow(sheet, h, [c], r - 1) === 0) continue;
      const values = periods
        .map((p) => numberOf(cellAt(sheet, p.row, c))?.value)
        .filter((v): v is Decimal => v !== undefined);
      const negative = values.length > 0 && values.every((v) => v.lte(0)) && values.some((v) => v.lt(0));
      const kind = sectionKind(name) ?? (negative ? "cost" : base.defaultKind);
      const flow: FlowColumn = {
        column: columnLetter(c),
        name,
        kind,
        category: kind === "cost" ? guessCostCategory(name) : guessBenefitCategory(name),
      };
      if (isTotalWord(name)) flow.skip = "total";
      else if (isDerivedWord(name) && (sectionKind(name) === null || isAlwaysDerivedWord(name))) flow.skip = "derived";
      flows.push(flow);
    }
    base.flows = flows;
    return { sheet: base, found, startMonth, scenarioNames, title, currencyVotes, scale };
  }

  // Items as rows: the name column is the text column left of the numbers with the most labels.
  const periodCols = candidate.periods ? [...candidate.periods.keys()].sort((a, b) => a - b) : [];
  const firstNumberCol = periodCols[0] ?? w;
  const typeCol = col(isTypeHeader);
  const categoryCol = col(isCategoryHeader);
  const scenarioCol = col(isScenarioHeader);
  let nameCol = col(isNameHeader, [typeCol, categoryCol, scenarioCol]);
  if (nameCol < 0) {
    let best = -1;
    let bestCount = 0;
    for (let c = 0; c < Math.min(firstNumberCol, w); c++) {
      if ([typeCol, categoryCol, scenarioCol].includes(c)) continue;
      let n = 0;
      for (let r = h + 1; r <= last; r++) if (isTextCell(cellAt(sheet, r, c))) n++;
      if (n > bestCount) [best, bestCount] = [c, n];
    }
    nameCol = best;
  }
  if (nameCol >= 0) base.columns.name = columnLetter(nameCol);
  if (typeCol >= 0) base.columns.type = columnLetter(typeCol);
  if (categoryCol >= 0) base.columns.category = columnLetter(categoryCol);
  if (scenarioCol >= 0) {
    base.columns.scenario = columnLetter(scenarioCol);
    collectColumnScenarios(sheet, h, last, scenarioCol, scenarioNames);
  }
  let amountCols: number[] = [];
  if (candidate.layout === "flat-list") {
    const total = col((t) => isTotalWord(t) || isAmountHeader(t), [nameCol, typeCol, categoryCol, scenarioCol]);
    const price = col(isUnitPriceHeader, [nameCol, total]);
    const units = col(isUnitsHeader, [nameCol, total, price]);
    if (total >= 0) base.columns.amount = columnLetter(total);
    if (price >= 0 && units >= 0) {
      base.columns.unitPrice = columnLetter(price);
      base.columns.units = columnLetter(units);
    } else if (total < 0 && price >= 0) base.columns.amount = columnLetter(price);
    amountCols = [total, price].filter((c) => c >= 0);
  } else {
    const periods = candidate.periods!;
    // Column groups: the same period twice in the header means one group per scenario, named by
    // the (merged) label above each group.
    const seen = new Map<string, number>();
    const groupOf = new Map<number, string>();
    let grouped = false;
    for (const c of periodCols) {
      const key = JSON.stringify(periods.get(c));
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if (seen.get(key)! > 1) grouped = true;
    }
    if (grouped && h > 0) {
      for (const c of periodCols) {
        let label = "";
        for (let k = c; k >= 0 && !label; k--) label = textOf(cellAt(sheet, h - 1, k));
        groupOf.set(c, label || `Scenario ${scenarioNames.length + 1}`);
        if (label && !scenarioNames.includes(label)) scenarioNames.push(label);
      }
    }
    // Which columns do the periods run over (one group's, when grouped), and year 0?
    const firstGroupCols = grouped
      ? periodCols.filter((c) => groupOf.get(c) === groupOf.get(periodCols[0]!))
      : periodCols;
    const npvFirstIsInitial = npvSkipsFirst(sheet, firstGroupCols);
    const axis = periodAxis(
      firstGroupCols.map((c) => periods.get(c)!),
      npvFirstIsInitial,
    );
    startMonth = axis.startMonth;
    const spanOf = new Map<string, { from: number; to: number }>();
    firstGroupCols.forEach((c, i) => spanOf.set(JSON.stringify(periods.get(c)), axis.spans[i]!));
    base.periods = periodCols.map((c): PeriodColumn => {
      const span = spanOf.get(JSON.stringify(periods.get(c)))!;
      return {
        column: columnLetter(c),
        label: textOf(cellAt(sheet, h, c)),
        from: Math.max(0, span.from),
        to: Math.max(0, span.to),
        ...(grouped ? { scenario: groupOf.get(c)! } : {}),
      };
    });
    amountCols = periodCols;
  }

  // Rows: sections, lines, scenario rows under an item, subtotals and totals.
  const rows: RowMapping[] = [];
  let section: "cost" | "benefit" | null = sectionKind(sheet.name);
  let heading: string | null = null;
  // Running sums (a sheet may have 100,000 rows): the rows of the current block, the subtotals of
  // the section, and every line so far.
  // Exact integers (millionths, lib/import/sheet.ts microOf) when every amount of the table has one
  // and no sum can leave the safe range, so a 100,000-row sheet makes no decimal per cell; decimals
  // otherwise. Both give the same answers.
  const micros = microTable(sheet, h, last, amountCols);
  const arith: Arith<number> | Arith<Decimal> = micros ? MICRO_ARITH : DECIMAL_ARITH;
  const block = new RunningSum(arith as Arith<unknown>);
  const subtotals = new RunningSum(arith as Arith<unknown>);
  const linesSoFar = new RunningSum(arith as Arith<unknown>);
  const signs = { negative: 0, positive: 0 };
  let stacked: string | null = null;
  const sectionsSeen = { any: false };
  let inputsSection = false;
  const moneyFormatted = mostlyMoneyFormatted(sheet, h + 1, last, amountCols);
  const labelOf = (r: number) => {
    if (nameCol >= 0 && textOf(cellAt(sheet, r, nameCol))) return textOf(cellAt(sheet, r, nameCol));
    for (let c = 0; c < firstNumberCol; c++)
      if (c !== typeCol && c !== categoryCol && c !== scenarioCol && isTextCell(cellAt(sheet, r, c)))
        return textOf(cellAt(sheet, r, c));
    return "";
  };
  const ar = arith as Arith<unknown>;
  const equalsSum = (values: unknown[], parts: RunningSum) => {
    if (parts.count < 2) return false;
    let any = false;
    for (let i = 0; i < values.length; i++) {
      if (!ar.near(parts.sums[i] ?? ar.zero, values[i], parts.count)) return false;
      if (!ar.isZero(values[i])) any = true;
    }
    return any;
  };
  for (let r = h + 1; r <= last; r++) {
    const label = labelOf(r);
    // A formula saved without its value still marks an amount (build.ts reports the cell).
    const pending = (c: number) => cellAt(sheet, r, c)?.formula !== undefined && cellAt(sheet, r, c)?.value === null;
    const nums = amountCols.map((c, i) => {
      const m = micros ? micros[i]![r - h - 1]! : null;
      const n = micros ? (Number.isNaN(m) ? null : m) : ar.of(cellAt(sheet, r, c));
      return n ?? (pending(c) ? ar.zero : null);
    });
    const hasNums = nums.some((n) => n !== null);
    if (!label && !hasNums) continue;
    // A second header row under the first ("Year 0 | Year 1" above "2026 | 2027"): every amount
    // cell a period. Not a line; its calendar periods date the case.
    if (r === h + 1 && candidate.periods && amountCols.length >= 2) {
      const cells = amountCols.map((c) => {
        const v = cellAt(sheet, r, c)?.value;
        return v === undefined || typeof v === "boolean" ? null : v;
      });
      const below = periodColumns(cells);
      if (below.size === amountCols.length) {
        rows.push({ row: r + 1, name: label || `Row ${r + 1}`, skip: "section" });
        const dated = periodAxis([...below.values()]).startMonth;
        if (dated && !startMonth) startMonth = dated;
        continue;
      }
    }
    // The header again (a second table under the first, "Benefits | 2027 | 2028"): a section row.
    // Only a row without fractions can repeat the header's periods (a big sheet's amount rows
    // rarely do, so their cells are not read as periods one by one).
    if (
      candidate.periods &&
      nums.every((n) => n === null || ar.whole(n)) &&
      repeatsHeader(sheet, r, candidate.periods)
    ) {
      const sk = sectionKind(label);
      rows.push({ row: r + 1, name: label || `Row ${r + 1}`, skip: "section" });
      if (sk) {
        section = sk;
        sectionsSeen.any = true;
      }
      heading = label || null;
      block.reset();
      subtotals.reset();
      continue;
    }
    const values = nums.map((n) => n ?? ar.zero);
    const typeText = typeCol >= 0 ? textOf(cellAt(sheet, r, typeCol)) : "";
    // One option's table after another on the same sheet: the heading names the scenario.
    if (!hasNums && scenarioCol < 0 && isStackedScenarioHeading(label)) {
      rows.push({ row: r + 1, name: label, skip: "section" });
      stacked = label;
      if (!scenarioNames.includes(label)) scenarioNames.push(label);
      section = sectionKind(sheet.name);
      heading = null;
      block.reset();
      subtotals.reset();
      linesSoFar.reset();
      continue;
    }
    if (!hasNums) {
      const sk = sectionKind(label);
      rows.push({ row: r + 1, name: label, skip: "section" });
      // "Assumptions", "Drivers", "Antaganden": the rows below are inputs, not flows, until the
      // next section that names costs or benefits.
      if (isAssumptionsWord(label) && !sk) inputsSection = true;
      if (sk) {
        section = sk;
        sectionsSeen.any = true;
        inputsSection = false;
      }
      heading = label;
      block.reset();
      subtotals.reset();
      continue;
    }
    if (
      isTotalWord(label) ||
      (isDerivedWord(label) &&
        (sectionKind(label) === null || isNetLabel(label) || isAlwaysDerivedWord(label)) &&
        !typeText)
    ) {
      const reason = isTotalWord(label) && !isDerivedWord(label) ? "total" : isTotalWord(label) ? "total" : "derived";
      rows.push({ row: r + 1, name: label, skip: reason });
      readFigure(sheet, r, label, amountCols, found);
      if (reason === "total") {
        subtotals.add(values);
        block.reset();
      }
      continue;
    }
    // Not money: a row under an assumptions heading, a row of percentages (a growth rate, a
    // share), or a row without a currency format in a table whose amounts mostly carry one (a
    // head count, a number of users).
    if (inputsSection || notMoneyRow(sheet, r, amountCols, moneyFormatted)) {
      rows.push({ row: r + 1, name: label || `Row ${r + 1}`, skip: "notMoney" });
      continue;
    }
    if (
      equalsSum(values, block) ||
      equalsSum(values, subtotals) ||
      (block.count === 0 && equalsSum(values, linesSoFar))
    ) {
      rows.push({ row: r + 1, name: label || `Row ${r + 1}`, skip: "subtotal" });
      subtotals.add(values);
      block.reset();
      continue;
    }
    const row: RowMapping = { row: r + 1, name: label || `Row ${r + 1}` };
    const scenarioRow = heading !== null && isScenarioLabel(label);
    if (scenarioRow) {
      row.name = heading!;
      row.scenario = label;
      if (!scenarioNames.includes(label)) scenarioNames.push(label);
    } else if (stacked !== null) row.scenario = stacked;
    const kind = sectionKind(typeText) ?? section;
    if (kind) row.kind = kind;
    // A row votes for "negative amounts are costs" only when all its amounts are negative (a
    // benefit that dips below zero in one year does not turn the sheet's costs into benefits).
    if (values.some((v) => ar.negative(v))) {
      if (values.every((v) => ar.negative(v) || ar.isZero(v))) signs.negative++;
    } else signs.positive++;
    const categoryText = categoryCol >= 0 ? textOf(cellAt(sheet, r, categoryCol)) : "";
    row.category = categoryText || row.name!;
    rows.push(row);
    block.add(values);
    linesSoFar.add(values);
  }
  // Without a type column or sections, mixed signs tell costs (negative) from benefits.
  if (typeCol < 0 && !sectionsSeen.any && section === null && signs.negative > 0 && signs.positive > 0)
    base.negativeIs = "sign";
  for (const row of rows) {
    if (row.skip) continue;
    const kind =
      row.kind ??
      (base.negativeIs === "sign"
        ? rowSign(sheet, row.row - 1, amountCols)
        : (kindOfName(row.name!) ?? base.defaultKind));
    row.kind = kind;
    const text = row.category!;
    row.category = kind === "cost" ? guessCostCategory(text) : guessBenefitCategory(text);
    if (row.category === "other" && text !== row.name)
      row.category = kind === "cost" ? guessCostCategory(row.name!) : guessBenefitCategory(row.name!);
  }
  base.rows = rows;
  return { sheet: base, found, startMonth, scenarioNames, title, currencyVotes, scale };
}

// Do most rows with amounts carry a currency format? Then one without is a count, not money.
function mostlyMoneyFormatted(sheet: Sheet, from: number, last: number, columns: number[]): boolean {
  let rows = 0;
  let money = 0;
  for (let r = from; r <= last; r++) {
    let numeric = false;
    let currency = false;
    for (const c of columns) {
      const cell = cellAt(sheet, r, c);
      if (typeof cell?.value !== "number") continue;
      numeric = true;
      if (cell.currency) currency = true;
    }
    if (numeric) rows++;
    if (currency) money++;
  }
  return rows >= 3 && money * 2 >= rows;
}

function notMoneyRow(sheet: Sheet, r: number, columns: number[], moneyFormatted: boolean): boolean {
  const cells = columns
    .map((c) => cellAt(sheet, r, c))
    .filter((cell) => typeof cell?.value === "number" && cell.value !== 0);
  if (cells.length === 0) return false;
  if (cells.every((cell) => cell!.percent)) return true;
  return moneyFormatted && cells.every((cell) => !cell!.currency);
}

// A line without a type column or section: its own name may say ("Productivity benefit",
// "Churn reduction"); a name that reads only as a benefit's is one.
function kindOfName(name: string): "cost" | "benefit" | null {
  const said = sectionKind(name);
  if (said) return said;
  return guessBenefitCategory(name) !== "other" && guessCostCategory(name) === "other" ? "benefit" : null;
}

// "Net benefit", "Netto nytta", "Flux net", "净收益": worked out from costs and benefits.
function isNetLabel(label: string): boolean {
  return /^(net|netto|nett|flux net|solde|净)/i.test(normalise(label));
}

function repeatsHeader(sheet: Sheet, r: number, periods: Map<number, Period>): boolean {
  let same = 0;
  for (const [c, p] of periods) {
    const v = cellAt(sheet, r, c)?.value;
    const q = v === null || v === undefined || typeof v === "boolean" ? null : parsePeriod(v);
    if (q && JSON.stringify(q) === JSON.stringify(p)) same++;
  }
  return same >= 2 && same >= periods.size / 2;
}

// The row arithmetic of the guess, on decimals or on exact integers of millionths.
interface Arith<T> {
  zero: T;
  of(cell: SheetCell | undefined): T | null;
  plus(a: T, b: T): T;
  near(sum: T, value: T, parts: number): boolean; // within a cent a part (rounding in the sheet)
  isZero(v: T): boolean;
  negative(v: T): boolean;
  whole(v: T): boolean;
}

const DECIMAL_ARITH: Arith<Decimal> = {
  zero: new D(0),
  of: (cell) => numberOf(cell)?.value ?? null,
  plus: (a, b) => a.plus(b),
  near: (sum, value, parts) =>
    !sum
      .minus(value)
      .abs()
      .gt(0.01 * parts),
  isZero: (v) => v.isZero(),
  negative: (v) => v.lt(0),
  whole: (v) => v.isInteger(),
};

const MICRO_ARITH: Arith<number> = {
  zero: 0,
  of: (cell) => microOf(cell),
  plus: (a, b) => a + b,
  near: (sum, value, parts) => Math.abs(sum - value) <= (MICRO / 100) * parts,
  isZero: (v) => v === 0,
  negative: (v) => v < 0,
  whole: (v) => v % MICRO === 0,
};

// Every amount of the table as millionths (NaN where a cell has none), one array a column, read
// once; null when an amount has no exact millionths or the sum of their sizes could leave the safe
// range (then no running sum of them can), and the guess uses decimals.
function microTable(sheet: Sheet, h: number, last: number, columns: number[]): Float64Array[] | null {
  const rows = Math.max(0, last - h);
  const table = columns.map(() => new Float64Array(rows).fill(Number.NaN));
  let total = 0;
  for (let r = h + 1; r <= last; r++)
    for (let i = 0; i < columns.length; i++) {
      const cell = cellAt(sheet, r, columns[i]!);
      if (cell === undefined || cell.value === null) continue;
      const m = microOf(cell);
      if (m === null) {
        if (isNumeric(cell)) return null;
        continue;
      }
      table[i]![r - h - 1] = m;
      total += Math.abs(m);
      if (total > Number.MAX_SAFE_INTEGER / 2) return null;
    }
  return table;
}

class RunningSum<T = unknown> {
  count = 0;
  sums: T[] = [];
  constructor(private readonly arith: Arith<T>) {}
  add(values: T[]) {
    values.forEach((v, i) => (this.sums[i] = this.arith.plus(this.sums[i] ?? this.arith.zero, v)));
    this.count++;
  }
  reset() {
    this.count = 0;
    this.sums = [];
  }
}

function rowSign(sheet: Sheet, r: number, columns: number[]): "cost" | "benefit" {
  const values = columns.map((c) => numberOf(cellAt(sheet, r, c))?.value).filter((v): v is Decimal => v !== undefined);
  return values.some((v) => v.lt(0)) ? "cost" : "benefit";
}

function collectColumnScenarios(sheet: Sheet, h: number, last: number, c: number, names: string[]) {
  for (let r = h + 1; r <= last; r++) {
    const t = textOf(cellAt(sheet, r, c));
    if (t && !names.includes(t)) names.push(t);
  }
}

// "=B10+NPV(rate, C10:G10)": the sheet treats its first period column as year 0.
function npvSkipsFirst(sheet: Sheet, periodCols: number[]): boolean {
  if (periodCols.length < 2) return false;
  const first = columnLetter(periodCols[0]!);
  const second = columnLetter(periodCols[1]!);
  for (const row of sheet.rows)
    for (const cell of row ?? []) {
      const f = cell?.formula?.toUpperCase().replace(/\$/g, "");
      if (!f) continue;
      const m = /NPV\(\s*[^,]+,\s*([A-Z]+)\d+\s*:/.exec(f);
      if (m && m[1] === second && new RegExp(`(^|[^A-Z])${first}\\d+\\s*\\+|\\+\\s*${first}\\d+`).test(f)) return true;
    }
  return false;
}

// A derived row's own figure (an NPV or IRR row) where it gives one value.
function readFigure(sheet: Sheet, r: number, label: string, columns: number[], found: Found[]) {
  const what = isNpvWord(label) ? "npv" : isIrrWord(label) ? "irr" : null;
  if (!what) return;
  const w = width(sheet);
  for (let c = 0; c < w; c++) {
    const n = numberOf(cellAt(sheet, r, c));
    if (n && !columns.slice(1).includes(c)) {
      found.push({ what, where: cellRef(sheet.name, r, c), value: n.value.toString() });
      return;
    }
  }
}

// Labelled settings and figures anywhere in the book: "Discount rate | 3.5%", "NPV | 1 234",
// a formula =NPV(B3, ...) whose rate cell it names, "Start year | 2027".
function scanSettings(book: Book, found: Found[]) {
  for (const sheet of book.sheets) {
    const w = width(sheet);
    sheet.rows.forEach((row, r) =>
      (row ?? []).forEach((cell, c) => {
        if (!cell) return;
        if (cell.formula) {
          const f = cell.formula.replace(/\$/g, "");
          const npv = /(?:^|[^A-Z.])(X?NPV)\(\s*([^,]+?)\s*,/i.exec(f);
          if (npv) {
            const rate = resolveRate(book, sheet, npv[2]!);
            if (rate)
              found.push({
                what: "rate",
                where: rate.where,
                value: rate.value,
                note: `${npv[1]!.toUpperCase()}() in ${cellRef(sheet.name, r, c)}`,
              });
            const v = numberOf(cell);
            if (v)
              found.push({ what: "npv", where: cellRef(sheet.name, r, c), value: v.value.toString(), note: "formula" });
          }
          const irr = /(?:^|[^A-Z.])X?IRR\(/i.exec(f);
          if (irr) {
            const v = numberOf(cell);
            if (v)
              found.push({ what: "irr", where: cellRef(sheet.name, r, c), value: v.value.toString(), note: "formula" });
          }
        }
        if (!isTextCell(cell)) return;
        const label = textOf(cell);
        if (label.length > 60) return;
        const next = () => {
          for (let k = c + 1; k < Math.min(w, c + 4); k++) {
            const n = numberOf(cellAt(sheet, r, k));
            if (n) return { n, at: cellRef(sheet.name, r, k), cell: cellAt(sheet, r, k)! };
            if (isTextCell(cellAt(sheet, r, k))) break;
          }
          const below = numberOf(cellAt(sheet, r + 1, c));
          return below ? { n: below, at: cellRef(sheet.name, r + 1, c), cell: cellAt(sheet, r + 1, c)! } : null;
        };
        if (
          isRateWord(label) &&
          !isIrrWord(label) &&
          !/tax|skatt|inflation|escalat|growth|tillväxt|impôt|税|通胀/i.test(label)
        ) {
          const v = next();
          if (v) {
            const share = v.n.percent || v.n.value.abs().lt(1) ? v.n.value : v.n.value.div(100);
            if (share.gt(-1) && share.lt(1))
              found.push({ what: "rate", where: v.at, value: share.toString(), note: `labelled "${label}"` });
          }
        } else if (isNpvWord(label) && !found.some((f) => f.what === "npv" && f.where === next()?.at)) {
          const v = next();
          if (v && !v.cell.formula)
            found.push({ what: "npv", where: v.at, value: v.n.value.toString(), note: `labelled "${label}"` });
        } else if (isStartWord(label)) {
          const v = next();
          const y = v?.n.value.toNumber();
          if (y && Number.isInteger(y) && y >= 1990 && y <= 2100)
            found.push({ what: "start", where: v!.at, value: `${y}-01` });
          else {
            const d = cellAt(sheet, r, c + 1)?.value;
            if (d instanceof Date)
              found.push({ what: "start", where: cellRef(sheet.name, r, c + 1), value: d.toISOString().slice(0, 7) });
          }
        }
      }),
    );
  }
}

function resolveRate(book: Book, sheet: Sheet, arg: string): { where: string; value: string } | null {
  const literal = /^(-?\d*\.?\d+)\s*(%)?$/.exec(arg.trim());
  if (literal) {
    const v = new D(literal[1]!);
    return { where: "formula", value: (literal[2] ? v.div(100) : v).toString() };
  }
  const ref = /^(?:'?([^'!]+)'?!)?([A-Z]{1,3})(\d+)$/i.exec(arg.trim());
  if (!ref) return null;
  const target = ref[1] ? book.sheets.find((s) => s.name === ref[1]) : sheet;
  if (!target) return null;
  const r = Number(ref[3]) - 1;
  const c = columnIndex(ref[2]!);
  const n = numberOf(cellAt(target, r, c));
  if (!n) return null;
  const share = n.percent || n.value.abs().lt(1) ? n.value : n.value.div(100);
  return { where: cellRef(target.name, r, c), value: share.toString() };
}

export function guessMapping(book: Book, options: GuessOptions = {}): Guess {
  const scores: SheetScore[] = [];
  const best = new Map<string, Candidate>();
  for (const [i, sheet] of book.sheets.entries()) {
    options.onProgress?.({ phase: "guess", done: i, total: book.sheets.length });
    const c = bestCandidate(sheet);
    scores.push({
      sheet: sheet.name,
      layout: c?.layout ?? null,
      score: c ? c.score + sheetBonus(sheet) : 0,
      ...(c ? { headerRow: c.headerRow + 1 } : {}),
    });
    if (c) best.set(sheet.name, c);
  }
  options.onProgress?.({ phase: "guess", done: book.sheets.length, total: book.sheets.length });
  const wanted =
    options.sheet === undefined ? undefined : Array.isArray(options.sheet) ? options.sheet : [options.sheet];
  let chosen: string[];
  if (wanted) {
    for (const name of wanted) {
      if (!book.sheets.some((s) => s.name === name))
        throw new GuessProblem("noSuchSheet", { sheet: name, sheets: book.sheets.map((s) => s.name).join(", ") });
      if (!best.has(name)) throw new GuessProblem("sheetNoTable", undefined, name);
    }
    chosen = wanted;
  } else {
    const ranked = scores.filter((s) => s.layout !== null && s.score > 0).sort((a, b) => b.score - a.score);
    if (ranked.length === 0) throw new GuessProblem("noTable");
    chosen = [ranked[0]!.sheet];
    // One sheet per scenario: sheets named as scenarios with the same layout as the best one.
    const top = ranked[0]!;
    const siblings = ranked.filter(
      (s) => s.layout === top.layout && (isScenarioLabel(s.sheet) || isBaselineName(s.sheet)),
    );
    if (siblings.length >= 2 && siblings.some((s) => s.sheet === top.sheet)) chosen = siblings.map((s) => s.sheet);
    // Costs on one sheet, benefits on another ("Costs", "Benefits"; "Kostnader", "Nyttor"): both,
    // each sheet's name giving its lines' kind.
    else if (sectionKind(top.sheet) !== null) {
      const other = ranked.find(
        (s) =>
          s.sheet !== top.sheet && sectionKind(s.sheet) !== null && sectionKind(s.sheet) !== sectionKind(top.sheet),
      );
      if (other) chosen = [top.sheet, other.sheet];
    }
  }
  const splitByKind =
    chosen.length === 2 &&
    chosen.every((name) => sectionKind(name) !== null) &&
    sectionKind(chosen[0]!) !== sectionKind(chosen[1]!);

  const taken = new Set<string>();
  const analyses = chosen.map((name) =>
    analyse(
      book.sheets.find((s) => s.name === name)!,
      best.get(name)!,
    ),
  );
  const all: Found[] = analyses.flatMap((a) => a.found);
  scanSettings(book, all);
  const found = all.filter((f, i) => all.findIndex((g) => g.what === f.what && g.where === f.where) === i);

  // Scenarios: one per sheet when several, else those the sheet names, else one.
  const scenarios: Mapping["scenarios"] = [];
  const keyOf = new Map<string, string>();
  const addScenario = (name: string) => {
    if (keyOf.has(name)) return keyOf.get(name)!;
    const key = slug(name, taken);
    keyOf.set(name, key);
    scenarios.push({ key, name });
    return key;
  };
  if (analyses.length > 1 && !splitByKind) {
    for (const a of analyses) a.sheet.scenario = addScenario(a.sheet.sheet);
  } else {
    for (const a of analyses) for (const n of a.scenarioNames) addScenario(n);
    if (scenarios.length === 0) addScenario("Proposal");
  }
  for (const a of analyses) {
    for (const p of a.sheet.periods) if (p.scenario) p.scenario = keyOf.get(p.scenario) ?? addScenario(p.scenario);
    for (const row of a.sheet.rows ?? [])
      if (row.scenario) row.scenario = keyOf.get(row.scenario) ?? addScenario(row.scenario);
    for (const f of a.sheet.flows ?? []) if (f.scenario) f.scenario = keyOf.get(f.scenario) ?? addScenario(f.scenario);
  }
  // Several scenarios need one baseline: the one named as the status quo, else the first (said,
  // and the wizard and the mapping change it).
  if (scenarios.length > 1) {
    const named = scenarios.find((s) => isBaselineName(s.name));
    (named ?? scenarios[0]!).baseline = true;
    if (!named)
      found.push({
        what: "baseline",
        where: scenarios[0]!.name,
        value: scenarios[0]!.key,
        note: "no scenario is named as the status quo; the first is the baseline until another is chosen",
      });
  }

  const rate = found.find((f) => f.what === "rate");
  const startFound = found.find((f) => f.what === "start");
  const start =
    analyses.find((a) => a.startMonth)?.startMonth ??
    startFound?.value ??
    `${(options.today ?? new Date()).getUTCFullYear()}-01`;
  const votes = new Map<string, number>();
  for (const a of analyses) for (const [k, v] of a.currencyVotes) votes.set(k, (votes.get(k) ?? 0) + v);
  const currency =
    [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? options.currency ?? currencyOfLanguage(book, chosen);
  if (votes.size > 0) found.push({ what: "currency", where: chosen[0]!, value: currency });
  const scale = analyses.find((a) => a.scale)?.scale;
  if (scale) found.push({ what: "scale", where: scale.where, value: scale.factor, note: scale.text });
  // A cover sheet's title names the case better than a table's caption.
  const first = book.sheets[0]!;
  const title =
    (!chosen.includes(first.name) && sheetBonus(first) < 0 ? coverTitle(first) : undefined) ?? analyses[0]!.title;
  if (title) found.push({ what: "title", where: chosen[0]!, value: title });
  const name = (title ?? book.fileName.replace(/\.[^.]+$/, "")).slice(0, 200) || "Imported case";

  const mapping: Mapping = {
    format: "caseboard/import-mapping",
    name,
    currency,
    startMonth: start,
    discountRate: rate ? new D(rate.value).toDecimalPlaces(12).toString() : "0.08",
    convention: "end",
    scale: scale?.factor ?? "1",
    locale: languageOf(book, chosen),
    scenarios,
    ...(scenarios.length > 1 ? { chosenScenario: scenarios.find((s) => !s.baseline)!.key } : {}),
    sheets: analyses.map((a) => a.sheet),
  };
  return { mapping, found, sheets: scores };
}

// The language the workbook is written in, from the text of its chosen sheets' first rows: the
// case's language (its report, its workbook's labels), shown in the wizard and changeable.
export function languageOf(book: Book, chosen: string[]): "en" | "sv" | "nb" | "fr" | "zh" {
  let text = "";
  for (const sheet of book.sheets.filter((s) => chosen.includes(s.name)))
    for (const row of sheet.rows.slice(0, 40))
      for (const cell of row ?? []) if (typeof cell?.value === "string") text += ` ${cell.value.toLowerCase()}`;
  if (/\p{Script=Han}/u.test(text)) return "zh";
  if (/[æø]|\b(gevinst|gevinster|nytte)\b/.test(text) && !/[äö]/.test(text)) return "nb";
  if (/[äö]|\b(kostnad|kostnader|nytta|nyttor|summa|totalt|licenser|år)\b/.test(text)) return "sv";
  if (/[éèêàçœù]|\b(coûts?|année|charges?|gains?|recettes|montant|poste|total général)\b/.test(text)) return "fr";
  return "en";
}

// Without a currency in the file: the one its language suggests (Swedish kronor, Norwegian
// kroner, yuan), else the euro. The wizard shows it and the user changes it.
function currencyOfLanguage(book: Book, chosen: string[]): string {
  return { zh: "CNY", nb: "NOK", sv: "SEK", fr: "EUR", en: "EUR" }[languageOf(book, chosen)];
}

function coverTitle(sheet: Sheet): string | undefined {
  for (let r = 0; r < Math.min(sheet.rows.length, 10); r++)
    for (const cell of sheet.rows[r] ?? [])
      if (isTextCell(cell) && textOf(cell).length > 3 && textOf(cell).length <= 120) return textOf(cell);
  return undefined;
}

export class GuessProblem extends Error {
  constructor(
    readonly code: ImportCode,
    readonly params?: MessageParams,
    readonly sheet?: string,
  ) {
    super(renderText({ code, params }));
  }
}

export { normalise };
