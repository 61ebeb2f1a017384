// A mapping applied to a workbook: the case file it gives (not yet checked by the case-file
// rules; the caller parses it), what was left out or rounded (notes), what cannot be read
// (problems, each naming its sheet and cell once), and a preview of every line's yearly amounts.
// Pure.
import { D } from "@/lib/finance/decimal";
import { BENEFIT_CATEGORIES, COST_CATEGORIES } from "@/lib/case-file/categories";
import { toLines, type Cell, type ImportProblem, type Target } from "@/lib/xlsx/import-map";
import type { Mapping, SheetMapping } from "./mapping";
import type { OnProgress } from "./progress";
import {
  cellAt,
  cellRef,
  columnIndex,
  columnLetter,
  microOf,
  microText,
  numberOf,
  sheetRef,
  textOf,
  type Book,
  type Sheet,
} from "./sheet";
import { importMessage, problem, ruleMessage, type ImportCode, type ImportMessage, type Problem } from "./messages";
import { guessBenefitCategory, guessCostCategory, sectionKind } from "./words";

export type { Problem } from "./messages";

type Decimal = InstanceType<typeof D>;

// An amount on its way: a decimal, or (the fast path of a big sheet) an exact whole number of
// millionths (lib/import/sheet.ts microOf). Sums of millionths stay numbers while they are safe
// integers, and become decimals otherwise; nothing is ever rounded by a double.
type Amount = Decimal | number;
const decimalOf = (a: Amount): Decimal => (typeof a === "number" ? new D(microText(a)) : a);
function plus(a: Amount, b: Amount): Amount {
  if (typeof a === "number" && typeof b === "number") {
    const sum = a + b;
    if (Number.isSafeInteger(sum)) return sum;
  }
  return decimalOf(a).plus(decimalOf(b));
}
const isZero = (a: Amount) => (typeof a === "number" ? a === 0 : a.isZero());
const isNegative = (a: Amount) => (typeof a === "number" ? a < 0 : a.lt(0));
const absOf = (a: Amount): Amount => (typeof a === "number" ? Math.abs(a) : a.abs());
const textOfAmount = (a: Amount) => (typeof a === "number" ? microText(a) : a.toString());

export interface PreviewLine {
  scenario: string;
  kind: "cost" | "benefit";
  name: string;
  category: string;
  where: string;
  years: string[]; // year 0 .. horizon/12, as the engine sums them
}

export interface BuildResult {
  file: Record<string, unknown>;
  notes: ImportMessage[];
  problems: Problem[];
  lines: PreviewLine[];
  left: { where: string; name: string; reason: string }[];
}

export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

interface Draft {
  scenario: string | undefined; // undefined: every scenario
  kind: "cost" | "benefit";
  name: string;
  category: string;
  where: string;
  schedule: Map<number, Amount>;
}

const BLANK_WORDS = /^(n\/?a|na|tbc|tbd|none|nil|—|–|-|ingen|saknas|ikke|néant|aucun|无|暂无)$/i;

// Progress is told every PROGRESS_ROWS rows (rows of the mapped tables, all sheets together).
const PROGRESS_ROWS = 2000;

const FREED: Draft = {
  scenario: undefined,
  kind: "cost",
  name: "",
  category: "",
  where: "",
  schedule: new Map(),
};

export function applyMapping(book: Book, mapping: Mapping, onProgress?: OnProgress): BuildResult {
  const problems: Problem[] = [];
  const notes: ImportMessage[] = [];
  const left: BuildResult["left"] = [];
  const digits = minorDigits(mapping.currency);
  const scale = new D(mapping.scale);
  // Millionths are exact for this sheet's amounts when the units are a whole factor (1, 1,000) and
  // an amount times it needs no rounding to the currency's minor unit.
  const scaleWhole = scale.isInteger() && scale.gt(0) && scale.lte(1_000_000_000) ? scale.toNumber() : null;
  const minorStep = 10 ** Math.max(0, 6 - digits);
  const rounded = { count: 0, example: "" };
  const blanks = { count: 0, example: "" };
  const beyond = new Set<string>();
  const drafts: Draft[] = [];
  const parameterLines: { scenario: string | undefined; costs: unknown[]; benefits: unknown[] }[] = [];
  const scenarioKeys = new Set(mapping.scenarios.map((s) => s.key));
  let maxMonth = 0;
  const totalRows = mapping.sheets.reduce(
    (n, sm) =>
      n +
      (sm.layout === "line-per-row"
        ? Math.max(0, (sm.lastRow ?? book.sheets.find((s) => s.name === sm.sheet)?.rows.length ?? 0) - sm.headerRow)
        : (sm.rows?.length ?? 0)),
    0,
  );
  let doneRows = 0;
  const rowDone = (n = 1) => {
    doneRows += n;
    if (onProgress && doneRows % PROGRESS_ROWS < n) onProgress({ phase: "build", done: doneRows, total: totalRows });
  };
  onProgress?.({ phase: "build", done: 0, total: totalRows });

  const amountAt = (sheet: Sheet, r: number, c: number): Amount | null => {
    const cell = cellAt(sheet, r, c);
    if (!cell || (cell.value === null && cell.formula === undefined)) return null;
    if (scaleWhole !== null && cell.value !== null && digits <= 6) {
      const m = microOf(cell);
      if (m !== null) {
        const scaled = m * scaleWhole;
        if (Number.isSafeInteger(scaled) && scaled % minorStep === 0) return scaled;
      }
    }
    if (cell.formula !== undefined && (cell.value === null || cell.value === undefined)) {
      problems.push(problem(cellRef(sheet.name, r, c), "formulaNoValue"));
      return null;
    }
    const n = numberOf(cell);
    if (!n) {
      const t = textOf(cell);
      if (t === "") return null;
      if (BLANK_WORDS.test(t)) {
        // "TBC", "n/a", "-": nothing in that period, and the notes say so.
        blanks.count++;
        if (!blanks.example) blanks.example = `${cellRef(sheet.name, r, c)} "${t}"`;
        return null;
      }
      if (/^#/.test(t)) problems.push(problem(cellRef(sheet.name, r, c), "sheetError", { error: t }));
      else problems.push(problem(cellRef(sheet.name, r, c), "notAmount", { value: t.slice(0, 40) }));
      return null;
    }
    const exact = n.value.times(scale);
    const value = exact.toDecimalPlaces(digits, D.ROUND_HALF_UP);
    if (!value.eq(exact)) {
      rounded.count++;
      if (!rounded.example)
        rounded.example = `${cellRef(sheet.name, r, c)} ${exact.toString()} -> ${value.toFixed(digits)}`;
    }
    return value;
  };

  const place = (schedule: Map<number, Amount>, amount: Amount, from: number, to: number) => {
    maxMonth = Math.max(maxMonth, to);
    if (mapping.convention === "end" || from >= to) {
      const before = schedule.get(to);
      schedule.set(to, before === undefined ? amount : plus(before, amount));
      return;
    }
    const whole = decimalOf(amount);
    const n = to - from + 1;
    const each = whole.div(n).toDecimalPlaces(digits, D.ROUND_DOWN);
    for (let m = from; m <= to; m++) {
      const part = m === to ? whole.minus(each.times(n - 1)) : each;
      schedule.set(m, plus(schedule.get(m) ?? 0, part));
    }
  };

  const categoryFor = (kind: "cost" | "benefit", text: string | undefined, name: string) => {
    const list: readonly string[] = kind === "cost" ? COST_CATEGORIES : BENEFIT_CATEGORIES;
    if (text && list.includes(text)) return text;
    const guess = kind === "cost" ? guessCostCategory(text || name) : guessBenefitCategory(text || name);
    return guess === "other" && text ? (kind === "cost" ? guessCostCategory(name) : guessBenefitCategory(name)) : guess;
  };

  for (const sm of mapping.sheets) {
    const sheet = book.sheets.find((s) => s.name === sm.sheet);
    if (!sheet) {
      problems.push(problem("mapping", "mappingNoSheet", { sheet: sm.sheet }));
      continue;
    }
    const scenarioOf = (key: string | undefined, where: string) => {
      const k = key ?? sm.scenario;
      if (k !== undefined && !scenarioKeys.has(k)) {
        problems.push(problem(where, "unknownScenario", { scenario: k }));
        return undefined;
      }
      return k;
    };
    if (sm.layout === "line-per-row") {
      parameterLines.push(...lineRows(sheet, sm, mapping, digits, scale, rounded, problems, scenarioOf));
      rowDone(Math.max(0, (sm.lastRow ?? sheet.rows.length) - sm.headerRow));
      continue;
    }
    if (sm.layout === "periods-in-rows") {
      const pc = sm.columns.period ? columnIndex(sm.columns.period) : 0;
      for (const flow of sm.flows ?? []) {
        const c = columnIndex(flow.column);
        const where = cellRef(sheet.name, sm.headerRow - 1, c);
        if (flow.skip) {
          left.push({ where, name: flow.name, reason: flow.skip });
          continue;
        }
        const schedule = new Map<number, Amount>();
        for (const pr of sm.periodRows ?? []) {
          const v = amountAt(sheet, pr.row - 1, c);
          if (v === null || isZero(v)) continue;
          place(schedule, flow.kind === "cost" ? absOf(v) : v, pr.from, pr.to);
        }
        void pc;
        drafts.push({
          scenario: scenarioOf(flow.scenario, where),
          kind: flow.kind,
          name: flow.name,
          category: categoryFor(flow.kind, flow.category, flow.name),
          where,
          schedule,
        });
      }
      continue;
    }
    // Items as rows (periods in columns, or a flat list of one-time amounts).
    const nameCol = sm.columns.name ? columnIndex(sm.columns.name) : -1;
    const typeCol = sm.columns.type ? columnIndex(sm.columns.type) : -1;
    const categoryCol = sm.columns.category ? columnIndex(sm.columns.category) : -1;
    const scenarioCol = sm.columns.scenario ? columnIndex(sm.columns.scenario) : -1;
    const keyOfName = new Map(mapping.scenarios.map((s) => [s.name, s.key]));
    const rows = sm.rows ?? [];
    for (const row of rows) {
      rowDone();
      const r = row.row - 1;
      const name = (row.name ?? (nameCol >= 0 ? textOf(cellAt(sheet, r, nameCol)) : "")) || `Row ${row.row}`;
      const where = cellRef(sheet.name, r, nameCol >= 0 ? nameCol : 0);
      if (row.skip) {
        if (row.skip !== "section" && row.skip !== "empty") left.push({ where, name, reason: row.skip });
        continue;
      }
      const typeText = typeCol >= 0 ? textOf(cellAt(sheet, r, typeCol)) : "";
      const schedules = new Map<string | undefined, Map<number, Amount>>();
      let negative = false;
      const add = (group: string | undefined, amount: Amount, from: number, to: number) => {
        if (isNegative(amount)) negative = true;
        let s = schedules.get(group);
        if (!s) schedules.set(group, (s = new Map()));
        place(s, amount, from, to);
      };
      if (sm.layout === "flat-list") {
        let amount: Amount | null = null;
        if (sm.columns.unitPrice && sm.columns.units) {
          const p = amountAt(sheet, r, columnIndex(sm.columns.unitPrice));
          const u = numberOf(cellAt(sheet, r, columnIndex(sm.columns.units)))?.value ?? null;
          if (p !== null && u !== null) amount = decimalOf(p).times(u).toDecimalPlaces(digits, D.ROUND_HALF_UP);
        }
        if (amount === null && sm.columns.amount) amount = amountAt(sheet, r, columnIndex(sm.columns.amount));
        if (amount !== null && !isZero(amount)) add(undefined, amount, 0, 0);
      } else {
        for (const p of sm.periods) {
          const v = amountAt(sheet, r, columnIndex(p.column));
          if (v === null || isZero(v)) continue;
          // A case holds ten years: later periods are left out and said so, not refused.
          if (p.to > 120) {
            beyond.add(`"${p.label}" (${cellRef(sheet.name, sm.headerRow - 1, columnIndex(p.column))})`);
            continue;
          }
          add(p.scenario, v, p.from, p.to);
        }
      }
      if (schedules.size === 0) {
        left.push({ where, name, reason: "empty" });
        continue;
      }
      let kind = row.kind ?? sectionKind(typeText) ?? sm.defaultKind;
      if (!row.kind && sm.negativeIs === "sign") kind = negative ? "cost" : "benefit";
      const scenarioText = scenarioCol >= 0 ? textOf(cellAt(sheet, r, scenarioCol)) : "";
      const rowScenario = row.scenario ?? (scenarioText ? (keyOfName.get(scenarioText) ?? scenarioText) : undefined);
      const category = categoryFor(
        kind,
        row.category ?? (categoryCol >= 0 ? textOf(cellAt(sheet, r, categoryCol)) : undefined),
        name,
      );
      for (const [group, schedule] of schedules) {
        // Costs shown as negative amounts (outflows) are costs all the same.
        if (kind === "cost" && [...schedule.values()].every((v) => isNegative(v) || isZero(v)))
          for (const [m, v] of schedule) schedule.set(m, absOf(v));
        drafts.push({ scenario: scenarioOf(group ?? rowScenario, where), kind, name, category, where, schedule });
      }
    }
  }

  if (rounded.count > 0)
    notes.push(
      importMessage("rounded", {
        count: rounded.count,
        digits,
        currency: mapping.currency,
        example: rounded.example,
      }),
    );
  if (blanks.count > 0) notes.push(importMessage("blankAsNothing", { count: blanks.count, example: blanks.example }));
  if (beyond.size > 0) notes.push(importMessage("beyondTenYears", { periods: [...beyond].join(", ") }));
  if (mapping.scale !== "1") notes.push(importMessage("scaled", { factor: Number(mapping.scale) }));
  const byReason = new Map<string, string[]>();
  for (const l of left) {
    const items = byReason.get(l.reason) ?? [];
    if (items.length === 0) byReason.set(l.reason, items);
    items.push(`${l.name} (${l.where})`);
  }
  for (const [reason, items] of byReason)
    notes.push(
      importMessage(LEFT_CODES[reason] ?? "leftOutExcluded", {
        items: items.slice(0, 12).join(", "),
        more: Math.max(0, items.length - 12),
      }),
    );

  for (const p of parameterLines)
    for (const l of [...p.costs, ...p.benefits] as Record<string, unknown>[]) {
      for (const k of ["month", "endMonth", "startMonth"])
        if (typeof l[k] === "number") maxMonth = Math.max(maxMonth, l[k] as number);
      if (l.recurring && l.endMonth === undefined) maxMonth = Math.max(maxMonth, 36);
      for (const m of Object.keys((l.schedule as object | undefined) ?? {})) maxMonth = Math.max(maxMonth, Number(m));
    }
  const horizon = mapping.horizonMonths ?? Math.min(120, Math.max(12, Math.ceil(maxMonth / 12) * 12));
  const scenarios = mapping.scenarios.map((s) => ({
    key: s.key,
    name: s.name,
    ...(s.baseline ? { baseline: true } : {}),
    costs: [] as unknown[],
    benefits: [] as unknown[],
  }));
  const lines: PreviewLine[] = [];
  // Each draft is let go once its lines are made, so a big sheet's months do not stay in memory
  // beside the case file being built.
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i]!;
    drafts[i] = FREED;
    const entries = [...d.schedule.entries()].filter(([, v]) => !isZero(v)).sort((a, b) => a[0] - b[0]);
    if (entries.length === 0) continue;
    const beyond = entries.find(([m]) => m > horizon);
    if (beyond) {
      problems.push(problem(d.where, "beyondHorizon", { name: d.name, month: beyond[0], horizon }));
      continue;
    }
    const line = {
      name: d.name.slice(0, 500),
      category: d.category,
      schedule: Object.fromEntries(entries.map(([m, v]) => [String(m), textOfAmount(v)])),
      notes: `From ${d.where}`,
    };
    const years: Amount[] = Array.from({ length: Math.floor(horizon / 12) + 1 }, () => 0);
    for (const [m, v] of entries) years[Math.ceil(m / 12)] = plus(years[Math.ceil(m / 12)]!, v);
    for (const s of scenarios) {
      if (d.scenario !== undefined && d.scenario !== s.key) continue;
      (d.kind === "cost" ? s.costs : s.benefits).push({ ...line });
      lines.push({
        scenario: s.key,
        kind: d.kind,
        name: d.name,
        category: d.category,
        where: d.where,
        years: years.map(textOfAmount),
      });
    }
  }
  for (const p of parameterLines)
    for (const s of scenarios) {
      if (p.scenario !== undefined && p.scenario !== s.key) continue;
      s.costs.push(...p.costs);
      s.benefits.push(...p.benefits);
    }
  const file: Record<string, unknown> = {
    format: "caseboard/v1",
    name: mapping.name,
    currency: mapping.currency,
    ...(mapping.locale ? { locale: mapping.locale } : {}),
    startMonth: mapping.startMonth,
    horizonMonths: horizon,
    discountRate: mapping.discountRate,
    ...(mapping.chosenScenario ? { chosenScenario: mapping.chosenScenario } : {}),
    scenarios,
  };
  return { file, notes, problems, lines, left };
}

const LEFT_CODES: Record<string, ImportCode> = {
  total: "leftOutTotal",
  subtotal: "leftOutSubtotal",
  derived: "leftOutDerived",
  empty: "leftOutEmpty",
  excluded: "leftOutExcluded",
  notMoney: "leftOutNotMoney",
};

// One line per row with parameters (Caseboard's own lines sheet and alike): the existing line
// reader with each column's field, formulas read as their values and amounts rounded.
function lineRows(
  sheet: Sheet,
  sm: SheetMapping,
  mapping: Mapping,
  digits: number,
  scale: Decimal,
  rounded: { count: number; example: string },
  problems: Problem[],
  scenarioOf: (key: string | undefined, where: string) => string | undefined,
) {
  const fields = sm.fields ?? {};
  const w = Math.max(
    0,
    ...Object.keys(fields).map((l) => columnIndex(l) + 1),
    sm.columns.scenario ? columnIndex(sm.columns.scenario) + 1 : 0,
  );
  const header = Array.from({ length: w }, (_, c) => textOf(cellAt(sheet, sm.headerRow - 1, c)));
  const targets: Target[] = header.map((_, c) => (fields[columnLetter(c)] as Target) ?? null);
  // A virtual "month" column, for one-time lines given by their start month only.
  if (!targets.includes("month")) {
    targets.push("month");
    header.push("");
  }
  // "Annual cost" or "Cost per month" without a timing column: a line with a range recurs so.
  const per = perPeriodOf(header[targets.indexOf("amount")] ?? "");
  if (per && !targets.includes("recurring")) {
    targets.push("recurring");
    header.push("");
  }
  const money = new Set(["amount", "labour.rate", "low", "high"]);
  const scenarioCol = sm.columns.scenario ? columnIndex(sm.columns.scenario) : -1;
  const groups = new Map<string | undefined, { rows: Cell[][]; rowNumbers: number[] }>();
  const keyOfName = new Map(mapping.scenarios.map((s) => [s.name, s.key]));
  const last = (sm.lastRow ?? sheet.rows.length) - 1;
  for (let r = sm.headerRow; r <= last; r++) {
    const cells: Cell[] = [];
    for (let c = 0; c < w; c++) {
      const cell = cellAt(sheet, r, c);
      const v = cell?.value;
      if (v === null || v === undefined) cells.push(cell?.formula !== undefined ? { formula: cell.formula } : null);
      else if (v instanceof Date) cells.push({ date: v.toISOString().slice(0, 10) });
      else if (typeof v === "number") {
        let d = new D(v.toPrecision(15));
        if (money.has(targets[c] ?? "")) {
          const exact = d.times(scale);
          d = exact.toDecimalPlaces(digits, D.ROUND_HALF_UP);
          if (!d.eq(exact)) {
            rounded.count++;
            if (!rounded.example)
              rounded.example = `${cellRef(sheet.name, r, c)} ${exact.toString()} -> ${d.toFixed(digits)}`;
          }
        } else d = d.toDecimalPlaces(10);
        cells.push(d.toString());
      } else cells.push(v);
    }
    if (cells.every((c) => c === null || c === "")) continue;
    // A start month without an end or a recurrence is a one-time amount in that month.
    const colOf = (field: string) => targets.indexOf(field as Target);
    const [rec, start, end, month] = ["recurring", "startMonth", "endMonth", "month"].map(colOf) as [
      number,
      number,
      number,
      number,
    ];
    while (cells.length < targets.length) cells.push(null);
    inYearsAndPerPeriod(cells, header, { rec, start, end, month }, per);
    // A start without an end, given as a one-time amount (or without a timing): that month.
    const once = rec < 0 || cells[rec] === null || ONCE.test(String(cells[rec]).trim());
    if (start >= 0 && cells[start] !== null && (end < 0 || cells[end] === null) && cells[month] === null && once) {
      cells[month] = cells[start]!;
      cells[start] = null;
    }
    // Timing given as calendar years (2028) or dates: case months counted from the case start,
    // by the year rule of lib/import/periods.ts (year Y is months 12(Y-Y0)+1 .. 12(Y-Y0+1)).
    for (const [c, field] of [
      [start, "startMonth"],
      [end, "endMonth"],
      [month, "month"],
    ] as const)
      if (c >= 0 && cells[c] !== null) cells[c] = calendarMonth(cells[c]!, field, mapping.startMonth);
    const scenarioText = scenarioCol >= 0 ? textOf(cellAt(sheet, r, scenarioCol)) : "";
    const key = scenarioText ? (keyOfName.get(scenarioText) ?? scenarioText) : sm.scenario;
    const g = groups.get(key) ?? { rows: [], rowNumbers: [] };
    g.rows.push(cells);
    g.rowNumbers.push(r + 1);
    groups.set(key, g);
  }
  const out: { scenario: string | undefined; costs: unknown[]; benefits: unknown[] }[] = [];
  for (const [key, g] of groups) {
    const result = toLines({ sheet: sheet.name, header, rows: g.rows, rowNumbers: g.rowNumbers }, targets, {
      locale: "en",
      horizon: mapping.horizonMonths ?? 120,
      defaultKind: sm.defaultKind,
    });
    for (const p of result.problems)
      problems.push(personProblem(sheet.name, p, sm.defaultKind, mapping.horizonMonths ?? 120));
    const nameCol = targets.indexOf("name");
    const guessCategory = !targets.includes("category");
    for (const at of result.rows) {
      const line = (at.kind === "cost" ? result.costs : result.benefits)[at.index] as
        { notes?: string; name?: string; category?: string } | undefined;
      if (line && line.notes === undefined)
        line.notes = `From ${cellRef(sheet.name, at.row - 1, Math.max(0, nameCol))}`;
      // Without a category column, the category is guessed from the name as on other layouts.
      if (line && guessCategory && typeof line.name === "string")
        line.category = at.kind === "cost" ? guessCostCategory(line.name) : guessBenefitCategory(line.name);
    }
    out.push({ scenario: scenarioOf(key, sheet.name), costs: result.costs, benefits: result.benefits });
  }
  return out;
}

// The line reader's problems in a person's words: the cell named once ("ROI!D7"), the field by
// its word, never its id.
const LINE_CODES: Partial<Record<ImportProblem["code"], ImportCode>> = {
  formula: "formulaNoValue",
  date: "dateNotExpected",
  required: "lineNoName",
  number: "notNumber",
  kind: "notKind",
  month: "notMonth",
  share: "notShare",
  timing: "notTiming",
  boolean: "notYesNo",
  curve: "notCurve",
  schedule: "notSchedule",
};

function personProblem(sheet: string, p: ImportProblem, kind: "cost" | "benefit", horizon: number): Problem {
  const letter = /^[A-Z]+/.exec(p.column)?.[0];
  const where = letter ? `${sheetRef(sheet)}!${letter}${p.row}` : `${sheetRef(sheet)}!${p.row}:${p.row}`;
  const field = String(p.field ?? "");
  const code = LINE_CODES[p.code];
  if (code) return problem(where, code, { field, value: p.value ?? "", horizon });
  if (p.code === "category")
    return problem(where, "notCategory", {
      value: p.value ?? "",
      kind: /not a (cost|benefit) category/.exec(p.message)?.[1] ?? kind,
    });
  if (p.code === "tooMany") return problem(where, "tooManyLines", { count: Number(p.value ?? 0), max: 5000 });
  const rule = ruleMessage(field, p.rule ?? p.message);
  return problem(where, rule.code, rule.params);
}

// Start and end given in years ("From year 1 | To year 5"), by the period rule of
// lib/import/periods.ts (year n is months 12(n-1)+1 .. 12n, its yearly amount at month 12n; year 0
// is month 0): an annual line from year a to b falls at months 12a .. 12b, a monthly one runs
// 12(a-1)+1 .. 12b, and a line from year n to the same year n is one amount at month 12n. A line
// with a range and no timing of its own recurs as its amount's header says ("Annual cost").
const YEAR_HEADER = /(^|[^\p{L}])(year|years|yr|år|année|an)([^\p{L}]|$)|年/iu;
const MONTH_HEADER = /month|månad|måned|mois|月/i;
const ANNUAL = /^(annual|annually|yearly|year|årlig|årligen|årleg|annuel|annuelle|年|每年|按年)$/i;
function perPeriodOf(amountHeader: string): "annual" | "monthly" | null {
  const h = amountHeader.toLowerCase();
  if (/annual|yearly|per year|årlig|per år|annuel|par an|年/.test(h)) return "annual";
  if (/monthly|per month|månad|måned|mensuel|par mois|每月|月/.test(h)) return "monthly";
  return null;
}
function inYearsAndPerPeriod(
  cells: Cell[],
  header: string[],
  at: { rec: number; start: number; end: number; month: number },
  per: "annual" | "monthly" | null,
) {
  const years = (c: number) => c >= 0 && YEAR_HEADER.test(header[c] ?? "") && !MONTH_HEADER.test(header[c] ?? "");
  const index = (c: number) => {
    const text = c >= 0 && cells[c] !== null ? String(cells[c]).trim() : "";
    return /^\d{1,2}$/.test(text) ? Number(text) : null;
  };
  const a = years(at.start) ? index(at.start) : null;
  const b = years(at.end) ? index(at.end) : null;
  const timing = at.rec >= 0 && cells[at.rec] !== null ? String(cells[at.rec]).trim() : "";
  const ranged = at.start >= 0 && at.end >= 0 && cells[at.start] !== null && cells[at.end] !== null;
  if (a !== null && b !== null && a === b && (timing === "" || ONCE.test(timing))) {
    cells[at.month] = String(12 * a);
    cells[at.start] = null;
    cells[at.end] = null;
    if (at.rec >= 0) cells[at.rec] = null;
    return;
  }
  if (ranged && timing === "" && per && at.rec >= 0) cells[at.rec] = per;
  const annual = ANNUAL.test(at.rec >= 0 && cells[at.rec] !== null ? String(cells[at.rec]).trim() : "");
  if (a !== null) cells[at.start] = String(a === 0 ? 0 : annual ? 12 * a : 12 * (a - 1) + 1);
  if (b !== null) cells[at.end] = String(12 * b);
}

const ONCE = /^(once|one-off|one off|one-time|engång|engångs|engang|une fois|ponctuel|unique|一次性)$/i;

function calendarMonth(cell: Cell, field: "startMonth" | "endMonth" | "month", startMonth: string): Cell {
  const [y0, m0] = startMonth.split("-").map(Number) as [number, number];
  if (cell !== null && typeof cell === "object" && "date" in cell) {
    const [y, m] = cell.date.split("-").map(Number) as [number, number];
    return String(Math.max(0, (y - y0) * 12 + (m - m0)));
  }
  const text = typeof cell === "number" ? String(cell) : typeof cell === "string" ? cell.trim() : "";
  if (!/^\d{4}$/.test(text) || Number(text) < 1990 || Number(text) > 2100) return cell;
  const k = Number(text) - y0;
  if (field === "endMonth") return String(Math.max(0, (k + 1) * 12));
  if (field === "startMonth") return String(k <= 0 ? 0 : k * 12 + 1);
  return String(Math.max(0, k * 12));
}
