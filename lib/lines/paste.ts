// Rows pasted from a spreadsheet (Excel, Google Sheets, LibreOffice: tab-separated text, one row
// per line) read as case-file cost or benefit lines. Pure: no React, Next or Prisma.
//
//   parsePastedLines(text, { locale, kind, horizon, defaultCategory, categories, categoryLabels })
//     -> { lines, rows, problems }
//
// Columns by position: name, amount, [category], [timing], [start month], [end month].
//   amount    in the locale's writing ("1 250,50" sv, "1,250.50" en), currency signs and codes
//             ("kr", "SEK", "€", "100:-") ignored, "(1 250)" is negative. A grouping that does not
//             fit the locale ("1,250.50" pasted into Swedish) is refused, never guessed.
//   category  a key ("software") or its label from categoryLabels, any case; empty or unknown ->
//             defaultCategory.
//   timing    once / monthly / quarterly / annual, in en, sv, nb, fr or zh; default monthly.
//   months    whole numbers 0..horizon; a recurring line runs start..end (default 1..horizon), a
//             one-time line falls in the start month (default 0).
// A first row whose amount is not a number and that reads like a header ("Name", "Namn", "Belopp")
// is skipped; so are empty rows. At most MAX_PASTE_ROWS rows. `rows[i]` is the pasted row (1-based)
// that became `lines[i]`, so a problem the server finds in line i can name the user's row.
// Problems carry a code (the UI translates it) and an English message for logs and the API.
import Decimal from "decimal.js";
import { parseDecimalInput } from "@/lib/i18n/parse-decimal";

export const MAX_PASTE_ROWS = 500;
const MAX_NAME = 10_000;
const MAX_AMOUNT = new Decimal("1e15");
const MAX_DECIMALS = 10;

export type PasteColumn = "name" | "amount" | "category" | "timing" | "startMonth" | "endMonth";
export type PasteProblemCode =
  | "nameMissing" // the name cell is empty
  | "nameTooLong" // over 10 000 characters
  | "amountMissing" // the amount cell is empty
  | "amountInvalid" // not a number in the locale's writing ({value})
  | "amountOutOfRange" // beyond ±1e15 or more than 10 decimals ({value})
  | "timingUnknown" // not a timing word ({value})
  | "monthInvalid" // not a whole month 0..horizon ({value}, {max})
  | "monthOrder" // end month before start month
  | "tooManyRows" // more than {max} rows in one paste
  | "rejected"; // the server refused the row; `message` is its (localized) reason

export interface PasteProblem {
  row: number; // 1-based row of the pasted text
  column?: PasteColumn;
  code: PasteProblemCode;
  value?: string; // the cell as pasted (at most 40 characters)
  max?: number; // the limit a month or a row count was checked against
  message: string; // English, for logs and API clients; the UI translates `code`
}

export type Recurrence = "monthly" | "quarterly" | "annual";
export type PastedLine =
  | { name: string; category: string; amount: string; recurring: Recurrence; startMonth: number; endMonth: number }
  | { name: string; category: string; amount: string; month: number };

export interface PasteOptions {
  locale: string;
  kind: "cost" | "benefit";
  horizon: number;
  defaultCategory: string;
  categories: readonly string[];
  categoryLabels?: Record<string, string>;
}

export interface PasteResult {
  lines: PastedLine[];
  rows: number[];
  problems: PasteProblem[];
}

type Timing = "once" | Recurrence;

const TIMING_WORDS: Record<Timing, readonly string[]> = {
  once: [
    "once",
    "one-time",
    "one time",
    "onetime",
    "one-off",
    "one off",
    "single",
    "engång",
    "engångs",
    "en gång",
    "engang",
    "én gang",
    "en gang",
    "ponctuel",
    "ponctuelle",
    "unique",
    "一次性",
    "一次",
  ],
  monthly: [
    "monthly",
    "month",
    "per month",
    "månadsvis",
    "månatlig",
    "månatligen",
    "per månad",
    "månedlig",
    "månedsvis",
    "per måned",
    "mensuel",
    "mensuelle",
    "mensuellement",
    "par mois",
    "每月",
    "按月",
    "月度",
  ],
  quarterly: [
    "quarterly",
    "quarter",
    "per quarter",
    "kvartalsvis",
    "per kvartal",
    "trimestriel",
    "trimestrielle",
    "par trimestre",
    "每季度",
    "按季度",
    "每季",
    "季度",
  ],
  annual: [
    "annual",
    "annually",
    "yearly",
    "year",
    "per year",
    "årligen",
    "årlig",
    "årsvis",
    "per år",
    "annuel",
    "annuelle",
    "annuellement",
    "par an",
    "每年",
    "按年",
    "年度",
  ],
};
const TIMINGS = new Map<string, Timing>(
  Object.entries(TIMING_WORDS).flatMap(([timing, words]) => words.map((w) => [w, timing as Timing] as const)),
);

const NAME_HEADERS = new Set([
  "name",
  "names",
  "line",
  "item",
  "description",
  "namn",
  "benämning",
  "beskrivning",
  "post",
  "rad",
  "navn",
  "beskrivelse",
  "nom",
  "libellé",
  "désignation",
  "intitulé",
  "description",
  "名称",
  "名字",
  "项目",
  "描述",
  "名稱",
]);
const AMOUNT_HEADERS = [
  "amount",
  "cost",
  "value",
  "sum",
  "belopp",
  "kostnad",
  "värde",
  "summa",
  "beløp",
  "verdi",
  "sum",
  "montant",
  "coût",
  "valeur",
  "金额",
  "成本",
  "数额",
  "金額",
];

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);
const headerWord = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/\s*[(（[].*$/u, "")
    .replace(/[:：.*]+$/u, "")
    .trim();

// Tab-separated records. A cell that starts with a double quote runs to the closing quote and may
// hold tabs, newlines and doubled quotes (how Excel and Google Sheets copy such cells).
export function splitTsv(text: string): string[][] {
  const records: string[][] = [];
  const n = text.length;
  const endsCell = (j: number) => j >= n || text[j] === "\t" || text[j] === "\n" || text[j] === "\r";
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let cell: string | null = null;
    if (text[i] === '"') {
      // Quoted only if a closing quote ends the cell; otherwise the quote is an ordinary character.
      let value = "";
      let j = i + 1;
      while (j < n) {
        if (text[j] === '"' && text[j + 1] === '"') {
          value += '"';
          j += 2;
        } else if (text[j] === '"') break;
        else value += text[j++];
      }
      if (j < n && endsCell(j + 1)) {
        cell = value;
        i = j + 1;
      }
    }
    if (cell === null) {
      let j = i;
      while (!endsCell(j)) j++;
      cell = text.slice(i, j);
      i = j;
    }
    row.push(cell);
    if (i >= n) break;
    if (text[i] === "\t") {
      i++;
      continue;
    }
    i += text[i] === "\r" && text[i + 1] === "\n" ? 2 : 1;
    records.push(row);
    row = [];
    if (i >= n) return records;
  }
  records.push(row);
  return records;
}

function decimalIsComma(locale: string): boolean {
  return parseDecimalInput("1,5", locale) === "1.5";
}

// Currency words in any case, or any ISO 4217 code in capitals ("SEK", "NOK").
const CURRENCY_WORDS = ["(?:kr\\.?|sek|nok|dkk|eur|euros?|usd|gbp|chf|cny|rmb|jpy|元|人民币)", "iu"] as const;
const ISO_CODE = ["[A-Z]{3}", "u"] as const;
const CURRENCY_PATTERNS = [CURRENCY_WORDS, ISO_CODE].flatMap(([word, flags]) => [
  new RegExp(`^${word}(?=[\\s\\d+\\-\\u2212(.,]|$)`, flags),
  new RegExp(`(?<=[\\s\\d.,)])${word}$`, flags),
]);

// The amount cell as a plain decimal string, or why it is not one.
export function readAmount(
  raw: string,
  locale: string,
): { ok: true; value: string } | { ok: false; code: "amountInvalid" | "amountOutOfRange" } {
  let t = raw
    .trim()
    .replace(/\p{Sc}/gu, "")
    .trim();
  let negative = false;
  for (let k = 0; k < 2; k++) {
    for (const pattern of CURRENCY_PATTERNS) t = t.replace(pattern, "").trim();
    t = t.replace(/[:.,]-$/u, "").trim();
    const paren = /^\((.*)\)$/u.exec(t);
    if (paren) {
      negative = !negative;
      t = paren[1]!.trim();
    }
  }
  // The grouping must fit the locale: refuse "1,250.50" in Swedish or "1.250,50" in English.
  const core = t.replace(/[\s\u00a0\u202f']/gu, "").replace(/^[+\-\u2212]/u, "");
  if (decimalIsComma(locale)) {
    if (core.includes(",") && core.includes(".") && !/^\d{1,3}(\.\d{3})+,\d*$/u.test(core))
      return { ok: false, code: "amountInvalid" };
  } else if (core.includes(",") && !/^\d{1,3}(,\d{3})+(\.\d*)?$/u.test(core)) {
    return { ok: false, code: "amountInvalid" };
  }
  const parsed = parseDecimalInput(t, locale);
  if (parsed === null) return { ok: false, code: "amountInvalid" };
  let value = new Decimal(parsed);
  if (negative) value = value.negated();
  if (value.abs().gt(MAX_AMOUNT) || value.decimalPlaces() > MAX_DECIMALS)
    return { ok: false, code: "amountOutOfRange" };
  return { ok: true, value: value.isZero() ? "0" : value.toFixed() };
}

export function readTiming(raw: string): Timing | null {
  const t = raw
    .trim()
    .toLowerCase()
    .replace(/[.:]+$/u, "")
    .replace(/\s+/gu, " ");
  return TIMINGS.get(t) ?? null;
}

function looksLikeHeader(name: string, amount: string): boolean {
  const a = headerWord(amount);
  return NAME_HEADERS.has(headerWord(name)) || AMOUNT_HEADERS.some((h) => a === h || a.startsWith(`${h} `));
}

export function parsePastedLines(text: string, options: PasteOptions): PasteResult {
  const { locale, horizon, defaultCategory, categories } = options;
  const byCategory = new Map<string, string>();
  for (const key of categories) byCategory.set(key.toLowerCase(), key);
  for (const [key, label] of Object.entries(options.categoryLabels ?? {})) {
    if (categories.includes(key) && label.trim() && !byCategory.has(label.trim().toLowerCase()))
      byCategory.set(label.trim().toLowerCase(), key);
  }

  const lines: PastedLine[] = [];
  const rows: number[] = [];
  const problems: PasteProblem[] = [];
  let seenFirst = false;
  let taken = 0;

  for (const [index, record] of splitTsv(text).entries()) {
    const row = index + 1;
    const cells = record.map((c) => c.trim());
    if (cells.every((c) => c === "")) continue;
    const [name = "", amountText = "", categoryText = "", timingText = "", startText = "", endText = ""] = cells;
    const first = !seenFirst;
    seenFirst = true;
    if (first && parseDecimalInput(amountText, locale) === null && looksLikeHeader(name, amountText)) continue;
    if (taken === MAX_PASTE_ROWS) {
      problems.push({
        row,
        code: "tooManyRows",
        max: MAX_PASTE_ROWS,
        message: `at most ${MAX_PASTE_ROWS} rows can be pasted at once`,
      });
      break;
    }
    taken++;

    const rowProblems: PasteProblem[] = [];
    const problem = (
      column: PasteColumn,
      code: PasteProblemCode,
      message: string,
      extra: { value?: string; max?: number } = {},
    ) => rowProblems.push({ row, column, code, ...extra, message });

    if (name === "") problem("name", "nameMissing", "the name is empty");
    else if (name.length > MAX_NAME) problem("name", "nameTooLong", `the name is longer than ${MAX_NAME} characters`);

    let amount = "";
    if (amountText === "") problem("amount", "amountMissing", "the amount is empty");
    else {
      const a = readAmount(amountText, locale);
      if (a.ok) amount = a.value;
      else if (a.code === "amountOutOfRange")
        problem("amount", a.code, `"${clip(amountText)}" is beyond ±1e15 or has more than ${MAX_DECIMALS} decimals`, {
          value: clip(amountText),
        });
      else problem("amount", a.code, `"${clip(amountText)}" is not an amount`, { value: clip(amountText) });
    }

    const category = (categoryText && byCategory.get(categoryText.toLowerCase())) || defaultCategory;

    let timing: Timing = "monthly";
    if (timingText !== "") {
      const found = readTiming(timingText);
      if (found) timing = found;
      else
        problem("timing", "timingUnknown", `"${clip(timingText)}" is not a timing (once, monthly, quarterly, annual)`, {
          value: clip(timingText),
        });
    }

    const month = (column: "startMonth" | "endMonth", cell: string): number | undefined => {
      if (cell === "") return undefined;
      const n = /^\d{1,4}$/u.test(cell) ? Number(cell) : NaN;
      if (Number.isInteger(n) && n <= horizon) return n;
      problem(column, "monthInvalid", `"${clip(cell)}" is not a month from 0 to ${horizon}`, {
        value: clip(cell),
        max: horizon,
      });
      return undefined;
    };
    const start = month("startMonth", startText);
    const end = month("endMonth", endText);

    let line: PastedLine | null = null;
    if (timing === "once") {
      line = { name, category, amount, month: start ?? 0 };
    } else {
      const startMonth = start ?? Math.min(1, horizon);
      const endMonth = end ?? horizon;
      if (endMonth < startMonth && !rowProblems.some((p) => p.code === "monthInvalid")) {
        problem("endMonth", "monthOrder", "the end month is before the start month");
      }
      line = { name, category, amount, recurring: timing, startMonth, endMonth };
    }

    if (rowProblems.length > 0) problems.push(...rowProblems);
    else {
      lines.push(line);
      rows.push(row);
    }
  }
  return { lines, rows, problems };
}
