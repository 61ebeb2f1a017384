// Spreadsheet rows -> case-file lines (pure: no exceljs, no Node, no React; the import dialog runs
// it in the browser for the preview, the server runs it again before the write).
//
//   guessMapping(header)                         -> one Target (or null = ignore) per column
//   toLines(table, mapping, options)             -> { costs, benefits, rows, problems }
//
// Columns are guessed from the header: a case-file field name ("amount", "labour.hours",
// "schedule", "schedule.12") or a word for it in en, sv, nb, fr or zh ("Belopp", "Montant",
// "金额"). Values: numbers as the file wrote them (a spreadsheet's numeric cell) or as text in the
// chosen locale's writing ("1 250,50" in Swedish); rates as shares ("0.05") or percentages ("5 %");
// months as whole numbers 0..horizon; timing and kind words in the five languages. Every problem
// names its row (as in the file, header = row 1) and column (letter and header text).
import { renderText, ruleMessage } from "@/lib/import/messages";
import { BENEFIT_CATEGORIES, COST_CATEGORIES } from "@/lib/case-file/categories";
import { lineSchemaFor, type BenefitLine, type CostLine } from "@/lib/case-file/schema";
import { readAmount, readTiming } from "@/lib/lines/paste";
import { LINE_FIELD_NAMES, lineFieldSpec, type LineFieldSpec } from "@/lib/case-file/line-fields";
import { LINE_FIELDS, OPTIONAL_LINE_FIELDS } from "./fields";

export type Cell = string | number | boolean | { date: string } | { formula: string } | null;

export interface Table {
  sheet?: string;
  header: string[];
  rows: Cell[][]; // data rows, in file order
  rowNumbers: number[]; // 1-based row of each data row in the file
}

// What an imported sheet may map a column to: the lines sheet's columns, and "schedule".
export const IMPORT_FIELDS = [
  ...LINE_FIELDS.filter((f) => f !== "actuals"),
  "schedule",
  "actuals",
  ...OPTIONAL_LINE_FIELDS,
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export type Target = ImportField | `schedule.${number}` | null;

// Header words per column in en, sv, nb, fr and zh (compared lower-case, trimmed, without a
// trailing colon or a unit in brackets): the line field table's, and the kind and id columns'.
const WORDS: Record<ImportField, readonly string[]> = {
  kind: [
    "kind",
    "type",
    "cost or benefit",
    "typ",
    "slag",
    "art",
    "kostnad eller nytta",
    "kostnad eller nytte",
    "genre",
    "nature",
    "coût ou bénéfice",
    "类型",
    "种类",
  ],
  id: ["id", "identifier", "identifierare", "identifikator", "identifiant", "编号"],
  ...(Object.fromEntries(
    LINE_FIELD_NAMES.flatMap((f) => lineFieldSpec(f).columns.map((c) => [c.header, c.words])),
  ) as Record<Exclude<ImportField, "kind" | "id">, readonly string[]>),
};

const LANGUAGES: Record<string, string[]> = {
  sv: [
    "namn",
    "benämning",
    "belopp",
    "kostnad",
    "månad",
    "kategori",
    "timmar",
    "timpris",
    "startmånad",
    "slutmånad",
    "uppräkning",
    "riskjustering",
    "typ",
    "återkommande",
    "frekvens",
    "summa",
    "värde",
  ],
  nb: [
    "navn",
    "beløp",
    "måned",
    "timer",
    "timepris",
    "startmåned",
    "sluttmåned",
    "prisjustering",
    "risikojustering",
    "gjentakende",
    "hyppighet",
    "verdi",
  ],
  fr: [
    "nom",
    "libellé",
    "montant",
    "mois",
    "catégorie",
    "heures",
    "taux horaire",
    "mois de début",
    "mois de fin",
    "indexation annuelle",
    "récurrence",
    "fréquence",
    "valeur",
    "coût",
  ],
  zh: ["名称", "项目", "金额", "月份", "类别", "频率", "费用", "类型"],
};

const norm = (h: string) =>
  h
    .normalize("NFKC")
    .trim()
    .toLowerCase()
    .replace(/\s*[([（].*[)\]）]\s*$/u, "")
    .replace(/[:：]+$/u, "")
    .replace(/\s+/gu, " ");

const BY_NAME = new Map<string, ImportField>(IMPORT_FIELDS.map((f) => [f.toLowerCase(), f]));
const BY_WORD = new Map<string, ImportField>();
for (const f of IMPORT_FIELDS) for (const w of WORDS[f]) if (!BY_WORD.has(w)) BY_WORD.set(w, f);

export function guessMapping(header: readonly string[]): Target[] {
  const used = new Set<string>();
  return header.map((h) => {
    const raw = h.trim();
    const exact = BY_NAME.get(raw.toLowerCase());
    const schedule = /^schedule\.(\d{1,3})$/i.exec(raw);
    const guess: Target = schedule
      ? (`schedule.${Number(schedule[1])}` as Target)
      : (exact ?? BY_WORD.get(norm(raw)) ?? null);
    if (guess === null || used.has(guess)) return null;
    used.add(guess);
    return guess;
  });
}

// The language a header is written in, when it is one of ours (the number format then follows).
export function guessLocale(header: readonly string[], fallback: string): string {
  const words = header.map(norm);
  for (const [locale, list] of Object.entries(LANGUAGES)) if (words.some((w) => list.includes(w))) return locale;
  return fallback;
}

export type ProblemCode =
  | "formula" // a formula where a value is expected
  | "date" // a date in a column that takes text or numbers
  | "required" // the cell is empty but the line needs it
  | "number" // not a number in the chosen writing
  | "month" // not a whole month 0..horizon
  | "share" // not a share 0..1 (or 0..100 %)
  | "kind" // not cost or benefit
  | "category" // not a category of the line's kind
  | "timing" // not monthly, quarterly, annual or once
  | "curve" // not linear, s-curve or step
  | "boolean" // not yes or no
  | "schedule" // not "month:amount; ..."
  | "tooMany" // more rows than a case holds
  | "invalid"; // the case-file rules refused the line (message says why)

export interface ImportProblem {
  row: number; // 1-based row in the file
  column: string; // letter ("C") and header ("Belopp"), or "" when the row as a whole
  field?: ImportField | string;
  code: ProblemCode;
  value?: string;
  // English, for logs and tests, without the row or column (the dialog and the workbook importer
  // name those once, from `row` and `column`); the dialog translates `code`.
  message: string;
  rule?: string; // "invalid": the case-file rule's own words (lib/import/messages.ts reads them)
}

export interface ImportOptions {
  locale: string; // how numbers written as text are read
  horizon: number;
  actualsThrough?: number; // a whole workbook's case: lines may hold actuals of months 0..this
  defaultKind: "cost" | "benefit";
  categoryLabels?: Record<string, string>; // label -> key lookups too
  maxLines?: number;
}

export interface ImportResult {
  costs: CostLine[];
  benefits: BenefitLine[];
  rows: { kind: "cost" | "benefit"; index: number; row: number }[];
  problems: ImportProblem[];
}

export function columnLetter(n: number): string {
  let s = "";
  for (let x = n + 1; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const KIND_WORDS: Record<"cost" | "benefit", string[]> = {
  cost: [
    "cost",
    "costs",
    "kostnad",
    "kostnader",
    "kostnad",
    "utgift",
    "kostnader",
    "coût",
    "coûts",
    "cout",
    "dépense",
    "成本",
    "费用",
  ],
  benefit: [
    "benefit",
    "benefits",
    "nytta",
    "nyttor",
    "intäkt",
    "vinst",
    "nytte",
    "gevinst",
    "fordel",
    "bénéfice",
    "bénéfices",
    "gain",
    "收益",
    "效益",
  ],
};
const YES = ["true", "yes", "y", "1", "ja", "j", "oui", "o", "是", "有"];
const NO = ["false", "no", "n", "0", "nej", "nei", "non", "否", "无"];
const CURVES: Record<string, "linear" | "s-curve" | "step"> = {
  linear: "linear",
  linjär: "linear",
  lineær: "linear",
  linéaire: "linear",
  线性: "linear",
  "s-curve": "s-curve",
  "s-kurva": "s-curve",
  "s-kurve": "s-curve",
  "courbe en s": "s-curve",
  s曲线: "s-curve",
  step: "step",
  steg: "step",
  trinn: "step",
  palier: "step",
  阶跃: "step",
};

// How a column's cells are read, from its field's kind of value in the line field table.
const headersWhere = (test: (spec: LineFieldSpec) => boolean) =>
  new Set<string>(
    LINE_FIELD_NAMES.filter((f) => test(lineFieldSpec(f))).flatMap((f) =>
      lineFieldSpec(f).columns.map((c) => c.header),
    ),
  );
const NUMERIC = headersWhere((s) => (s.value === "decimal" || s.value === "labour") && !s.rate);
const MONTHS = headersWhere((s) => s.value === "month");
const SHARES = headersWhere((s) => s.rate);
const TEXTS = headersWhere((s) => s.value === "text" || s.value === "code");

function text(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "string") return cell.trim();
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "boolean") return cell ? "true" : "false";
  return "";
}

// A number cell as a decimal string: spreadsheet numbers as written (shortest round trip), text
// in the chosen locale (a leading quote, as our CSV export neutralises negatives, is dropped).
function numberOf(cell: Cell, locale: string): string | null {
  if (typeof cell === "number") return Number.isFinite(cell) ? numberText(cell) : null;
  const t = text(cell).replace(/^'/, "");
  if (t === "") return null;
  // A plain canonical number ("1234.5", "-0.25") reads the same in every locale.
  if (/^-?\d+(\.\d+)?$/.test(t)) return t;
  const r = readAmount(t, locale);
  return r.ok ? r.value : null;
}

function numberText(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/\.?0+$/, "");
}

function shareOf(cell: Cell, locale: string): string | null {
  const t = text(cell).replace(/^'/, "");
  if (typeof cell !== "number" && /%\s*$/.test(t)) {
    const n = numberOf(t.replace(/\s*%\s*$/, ""), locale);
    if (n === null) return null;
    return shiftDecimal(n, -2);
  }
  return numberOf(cell, locale);
}

// n / 100 on the decimal string, without floats.
function shiftDecimal(n: string, places: number): string {
  const negative = n.startsWith("-");
  const [int, frac = ""] = n.replace(/^-/, "").split(".");
  const digits = int! + frac;
  let point = int!.length + places;
  let d = digits;
  while (point <= 0) {
    d = "0" + d;
    point++;
  }
  const out = `${d.slice(0, point)}.${d.slice(point)}`.replace(/^0+(?=\d)/, "").replace(/\.?0+$/, "");
  return (negative && out !== "0" ? "-" : "") + (out === "" ? "0" : out);
}

export function toLines(table: Table, mapping: readonly Target[], options: ImportOptions): ImportResult {
  const { locale, horizon, defaultKind } = options;
  const problems: ImportProblem[] = [];
  const costs: CostLine[] = [];
  const benefits: BenefitLine[] = [];
  const rows: ImportResult["rows"] = [];
  const labelToCategory = new Map<string, string>();
  for (const [key, label] of Object.entries(options.categoryLabels ?? {}))
    labelToCategory.set(label.trim().toLowerCase(), key);
  const columnName = (c: number) =>
    table.header[c]?.trim() ? `${columnLetter(c)} (${table.header[c]!.trim()})` : columnLetter(c);
  const columnOf = new Map<string, number>();
  mapping.forEach((t, c) => t && columnOf.set(t, c));
  const maxLines = options.maxLines ?? 5000;

  const nonEmpty = table.rows.map((r) => r.some((c) => text(c) !== "" || (c !== null && typeof c === "object")));
  const count = nonEmpty.filter(Boolean).length;
  if (count > maxLines) {
    problems.push({
      row: table.rowNumbers[0] ?? 2,
      column: "",
      code: "tooMany",
      value: String(count),
      message: `${count} rows; a case holds at most ${maxLines} lines`,
    });
    return { costs, benefits, rows, problems };
  }

  table.rows.forEach((cells, i) => {
    if (!nonEmpty[i]) return;
    const row = table.rowNumbers[i]!;
    const problem = (c: number, field: string, code: ProblemCode, message: string, value?: string) =>
      problems.push({
        row,
        column: c >= 0 ? columnName(c) : "",
        field,
        code,
        value: value?.slice(0, 40),
        // A rule of the case file in people's words: "give an amount or labour", not "amount".
        ...(code === "invalid" ? { rule: message, message: renderText(ruleMessage(field, message)) } : { message }),
      });
    const line: Record<string, unknown> = {};
    let kind: "cost" | "benefit" = defaultKind;
    const before = problems.length;
    const schedule: Record<string, string> = {};
    let hasSchedule = false;
    mapping.forEach((target, c) => {
      if (!target) return;
      const cell = cells[c] ?? null;
      if (cell !== null && typeof cell === "object" && "formula" in cell)
        return problem(
          c,
          target,
          "formula",
          `a formula (=${cell.formula.slice(0, 30)}) where a value is expected`,
          cell.formula,
        );
      if (cell !== null && typeof cell === "object" && "date" in cell)
        return problem(
          c,
          target,
          "date",
          `a date (${cell.date}) where ${NUMERIC.has(target) || MONTHS.has(target) ? "a number" : "text"} is expected`,
          cell.date,
        );
      const raw = text(cell);
      if (raw === "") return;
      if (target.startsWith("schedule.")) {
        const n = numberOf(cell, locale);
        if (n === null) return problem(c, target, "number", `"${raw}" is not a number`, raw);
        schedule[target.slice(9)] = n;
        hasSchedule = true;
        return;
      }
      const field = target as ImportField;
      if (field === "kind") {
        const k = raw.toLowerCase();
        const found = (Object.keys(KIND_WORDS) as ("cost" | "benefit")[]).find((key) => KIND_WORDS[key].includes(k));
        if (!found) return problem(c, field, "kind", `"${raw}" is neither cost nor benefit`, raw);
        kind = found;
      } else if (field === "id" || TEXTS.has(field)) {
        line[field] = raw;
      } else if (field === "category") {
        line.category = labelToCategory.get(raw.toLowerCase()) ?? raw.toLowerCase();
      } else if (NUMERIC.has(field)) {
        const n = numberOf(cell, locale);
        if (n === null) return problem(c, field, "number", `"${raw}" is not a number`, raw);
        if (field.startsWith("labour.")) ((line.labour ??= {}) as Record<string, string>)[field.slice(7)] = n;
        else line[field] = n;
      } else if (MONTHS.has(field)) {
        const n = numberOf(cell, locale);
        if (n === null || !/^\d+$/.test(n) || Number(n) > horizon)
          return problem(c, field, "month", `"${raw}" is not a whole month from 0 to ${horizon}`, raw);
        line[field] = Number(n);
      } else if (SHARES.has(field)) {
        const n = shareOf(cell, locale);
        if (n === null) return problem(c, field, "share", `"${raw}" is not a share (0.05 or 5 %)`, raw);
        line[field] = n;
      } else if (field === "recurring") {
        const timing = CANONICAL_TIMING[raw.toLowerCase()] ?? readTiming(raw);
        if (!timing) return problem(c, field, "timing", `"${raw}" is not monthly, quarterly, annual or once`, raw);
        if (timing !== "once") line.recurring = timing;
      } else if (field === "tangible") {
        const v = raw.toLowerCase();
        if (YES.includes(v)) line.tangible = true;
        else if (NO.includes(v)) line.tangible = false;
        else return problem(c, field, "boolean", `"${raw}" is neither yes nor no`, raw);
      } else if (field === "rampCurve") {
        const curve = CURVES[raw.toLowerCase()];
        if (!curve) return problem(c, field, "curve", `"${raw}" is not linear, s-curve or step`, raw);
        line.rampCurve = curve;
      } else if (field === "actuals") {
        const parsed = parseSchedule(raw, locale);
        if (!parsed)
          return problem(c, field, "schedule", `"${raw}" is not a list of month:amount such as "0:1000; 12:1500"`, raw);
        line.actuals = parsed;
      } else if (field === "schedule") {
        const parsed = parseSchedule(raw, locale);
        if (!parsed) return problem(c, field, "schedule", `"${raw}" is not a schedule such as "0:1000; 12:1500"`, raw);
        Object.assign(schedule, parsed);
        hasSchedule = true;
      }
    });
    if (hasSchedule) line.schedule = schedule;
    // A recurring line without months, or a line without timing: as the grid adds them.
    if (
      line.recurring === undefined &&
      line.month === undefined &&
      line.schedule === undefined &&
      (line.startMonth !== undefined || line.endMonth !== undefined)
    )
      line.recurring = "monthly";
    if (kind === "cost" && line.category === undefined) line.category = "other";
    if (
      line.tangible !== false &&
      line.recurring === undefined &&
      line.month === undefined &&
      line.schedule === undefined
    )
      line.month = 0;
    if (problems.length > before) return;
    if (line.name === undefined) {
      const c = columnOf.get("name") ?? -1;
      problem(c, "name", "required", "the line has no name");
      return;
    }
    const categories: readonly string[] = kind === "cost" ? COST_CATEGORIES : BENEFIT_CATEGORIES;
    if (line.category !== undefined && !categories.includes(line.category as string)) {
      problem(
        columnOf.get("category") ?? -1,
        "category",
        "category",
        `"${String(line.category)}" is not a ${kind} category`,
        String(line.category),
      );
      return;
    }
    // The case-file rules (timing, amount vs labour vs schedule, horizon, ranges) on the line by
    // itself: no made-up case around it, so a line without an id gets none here (the database
    // gives it one when it is written).
    const parsed = lineSchemaFor(kind, horizon).safeParse(line);
    // A whole workbook's lines carry their actuals, within the case's actualsThrough; lines imported
    // into a scenario do not (actuals are recorded in the Realisation tab, not dropped silently).
    const actualMonths = Object.keys((line as { actuals?: Record<string, unknown> }).actuals ?? {});
    if (actualMonths.length) {
      const limit = options.actualsThrough;
      const late = limit === undefined ? actualMonths[0] : actualMonths.find((m) => Number(m) > limit);
      if (late !== undefined) {
        problem(
          columnOf.get("actuals") ?? -1,
          "actuals",
          "invalid",
          limit === undefined
            ? "actuals need actualsThrough (record them in the Realisation tab)"
            : `month ${late} is after actualsThrough (${limit})`,
        );
        return;
      }
    }
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.map(String);
        const field =
          path[0] === "labour" && path[1]
            ? `labour.${path[1]}`
            : path[0] === "schedule" && path[1]
              ? `schedule.${path[1]}`
              : (path[0] ?? "");
        const c = columnOf.get(field) ?? (field.startsWith("schedule") ? (columnOf.get("schedule") ?? -1) : -1);
        problem(c, field, "invalid", issue.message);
      }
      return;
    }
    if (kind === "cost") {
      rows.push({ kind, index: costs.length, row });
      costs.push(parsed.data as CostLine);
    } else {
      rows.push({ kind, index: benefits.length, row });
      benefits.push(parsed.data as BenefitLine);
    }
  });
  return { costs, benefits, rows, problems };
}

const CANONICAL_TIMING: Record<string, "monthly" | "quarterly" | "annual" | "once"> = {
  monthly: "monthly",
  quarterly: "quarterly",
  annual: "annual",
  once: "once",
};

// "0:1000; 12:1500" (our CSV export) or a JSON object {"0":"1000"}.
function parseSchedule(raw: string, locale: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  const t = raw.trim();
  if (t.startsWith("{")) {
    try {
      const obj = JSON.parse(t) as Record<string, unknown>;
      for (const [m, v] of Object.entries(obj)) {
        const n = numberOf(String(v), "en");
        if (!/^\d+$/.test(m) || n === null) return null;
        out[m] = n;
      }
      return out;
    } catch {
      return null;
    }
  }
  for (const part of t.split(";")) {
    if (part.trim() === "") continue;
    const m = /^\s*(\d{1,3})\s*:\s*(.+?)\s*$/.exec(part);
    if (!m) return null;
    const n = numberOf(m[2]!, locale);
    if (n === null) return null;
    out[String(Number(m[1]))] = n;
  }
  return Object.keys(out).length > 0 ? out : null;
}
