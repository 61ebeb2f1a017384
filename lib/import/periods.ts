// Period headers people write ("Year 1", "År 1", "第1年", "Année 1", "2027", "FY27", "Q1 2027",
// "Jan 2027", "2027-01", a date cell) and the case months they cover. Pure.
//
// The rule (docs/import.md "Periods"): the case starts at the first period's first month; a
// period of L months with index k (0 for the first) covers case months k*L+1 .. (k+1)*L, and
// "Year 0", "Initial" or "Now" is month 0 alone. As the engine's years do, year k is months
// 12k-11 .. 12k, so a sheet's yearly amounts reappear as the case's yearly amounts. Under the
// "end" convention a period's amount falls in its last month (Excel's NPV() discounts its k-th
// value k whole periods, so do we); under "spread" it is split evenly over its months.
import { normalise, ONE_TIME_WORDS } from "./words";

const ONE_TIME = new Set(ONE_TIME_WORDS);

export type PeriodUnit = "year" | "quarter" | "month";

export type Period =
  | { kind: "initial" }
  | { kind: "index"; unit: PeriodUnit; n: number }
  | { kind: "calendar"; unit: PeriodUnit; year: number; part: number }; // part: quarter 1-4 or month 1-12, 1 for years

export interface PeriodSpan {
  from: number; // first case month it covers
  to: number; // last case month (where "end" puts the amount)
}

export type Convention = "end" | "spread";

const YEAR_WORDS = "year|yr|y|år|ar|année|annee|an|ans|exercice|jahr";
const MONTH_WORDS = "month|mth|m|månad|manad|måned|maned|mnd|mois";
const QUARTER_WORDS = "quarter|qtr|kvartal|trimestre";

const MONTH_NAMES: Record<string, number> = {};
(
  [
    ["january jan januari janvier janv", 1],
    ["february feb februari februar février fevrier févr fevr", 2],
    ["march mar mars", 3],
    ["april apr avril avr", 4],
    ["may mai maj", 5],
    ["june jun juni juin", 6],
    ["july jul juli juillet juil", 7],
    ["august aug augusti august août aout", 8],
    ["september sep sept septembre", 9],
    ["october oct oktober okt octobre", 10],
    ["november nov novembre", 11],
    ["december dec desember decembre décembre déc des", 12],
  ] as const
).forEach(([words, m]) => words.split(" ").forEach((w) => (MONTH_NAMES[w] = m)));

function fullYear(text: string): number {
  const n = Number(text);
  return text.length === 2 ? 2000 + n : n;
}

const plausibleYear = (y: number) => y >= 1990 && y <= 2100;

// One header cell -> a period, or null. Numbers and dates come as the cell gave them.
export function parsePeriod(cell: string | number | Date | null | undefined): Period | null {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    return { kind: "calendar", unit: "month", year: cell.getUTCFullYear(), part: cell.getUTCMonth() + 1 };
  }
  if (typeof cell === "number") {
    if (Number.isInteger(cell) && plausibleYear(cell)) return { kind: "calendar", unit: "year", year: cell, part: 1 };
    if (Number.isInteger(cell) && cell >= 0 && cell <= 120) return { kind: "index", unit: "year", n: cell };
    return null;
  }
  const t = normalise(cell).replace(/[.]/g, "");
  if (t === "") return null;
  let m: RegExpExecArray | null;
  if (
    /^(initial|now|today|upfront|year 0|nu|idag|i dag|initialt|nå|aujourd'hui|initiale|初始|当前|第0年|第〇年)$/.test(
      t,
    ) ||
    ONE_TIME.has(t)
  )
    return { kind: "initial" };
  if ((m = new RegExp(`^(?:${YEAR_WORDS})\\s*-?\\s*(\\d{1,3})(?:\\s+.*)?$`).exec(t)))
    return Number(m[1]) === 0 ? { kind: "initial" } : { kind: "index", unit: "year", n: Number(m[1]) };
  if ((m = /^第\s*(\d{1,3})\s*年/.exec(t)) || (m = /^(\d{1,3})\s*年$/.exec(t)))
    return Number(m[1]) === 0 ? { kind: "initial" } : { kind: "index", unit: "year", n: Number(m[1]) };
  if (
    (m = new RegExp(`^(?:${MONTH_WORDS})\\s*-?\\s*(\\d{1,3})$`).exec(t)) ||
    (m = /^第\s*(\d{1,3})\s*(?:个)?月$/.exec(t))
  )
    return { kind: "index", unit: "month", n: Number(m[1]) };
  if ((m = new RegExp(`^(?:${QUARTER_WORDS})\\s*-?\\s*(\\d{1,3})$`).exec(t)))
    return { kind: "index", unit: "quarter", n: Number(m[1]) };
  // Calendar and fiscal years: 2027, FY27, FY2027, FY 2026/27, 2026/27, 2027年, Budget 2027.
  if ((m = /^(?:fy|ey|år|year|budget|exercice)?\s*(\d{4})(?:\s*[/-]\s*(\d{2}|\d{4}))?\s*(?:年(?:度)?)?$/.exec(t))) {
    const y = Number(m[1]);
    const next = m[2] === undefined || Number(m[2]) === y + 1 || Number(m[2]) === (y + 1) % 100;
    if (plausibleYear(y) && next) return { kind: "calendar", unit: "year", year: y, part: 1 };
  }
  if ((m = /^fy\s*(\d{2})(?:\s*[/-]\s*(\d{2}))?$/.exec(t)))
    return { kind: "calendar", unit: "year", year: m[2] ? fullYear(m[1]!) : fullYear(m[1]!) - 1, part: 1 };
  // Quarters: Q1 2027, 2027 Q1, 2027-Q1, Q1-27, K1 2027, T1 2027, 2027年第1季度, 2027年Q1.
  if ((m = /^(?:q|k|t)\s*([1-4])\s*[-/ ]?\s*(?:fy\s*)?(\d{4}|\d{2})$/.exec(t)))
    return { kind: "calendar", unit: "quarter", year: fullYear(m[2]!), part: Number(m[1]) };
  if (
    (m = /^(\d{4})\s*[-/ ]?\s*(?:q|k|t)\s*([1-4])$/.exec(t)) ||
    (m = /^(\d{4})\s*年\s*(?:第\s*([1-4])\s*季度|q([1-4]))$/.exec(t))
  )
    return { kind: "calendar", unit: "quarter", year: Number(m[1]), part: Number(m[2] ?? m[3]) };
  // Months: 2027-01, 2027/01, 01/2027, Jan 2027, jan-27, januari 2027, 2027年1月.
  if ((m = /^(\d{4})\s*[-/]\s*(\d{1,2})$/.exec(t)) && Number(m[2]) >= 1 && Number(m[2]) <= 12)
    return { kind: "calendar", unit: "month", year: Number(m[1]), part: Number(m[2]) };
  if ((m = /^(\d{1,2})\s*[-/]\s*(\d{4})$/.exec(t)) && Number(m[1]) >= 1 && Number(m[1]) <= 12)
    return { kind: "calendar", unit: "month", year: Number(m[2]), part: Number(m[1]) };
  if ((m = /^(\d{4})\s*年\s*(\d{1,2})\s*月$/.exec(t)) && Number(m[2]) >= 1 && Number(m[2]) <= 12)
    return { kind: "calendar", unit: "month", year: Number(m[1]), part: Number(m[2]) };
  if ((m = /^(\p{L}+)\s*[-/ ]?\s*(\d{4}|\d{2})$/u.exec(t)) && MONTH_NAMES[m[1]!] !== undefined)
    return { kind: "calendar", unit: "month", year: fullYear(m[2]!), part: MONTH_NAMES[m[1]!]! };
  return null;
}

const LENGTH: Record<PeriodUnit, number> = { year: 12, quarter: 3, month: 1 };

export interface PeriodAxis {
  unit: PeriodUnit;
  spans: PeriodSpan[]; // one per period, in the order given
  startMonth?: string; // "YYYY-MM" where the periods are calendar ones
  problems: { index: number; message: string }[];
}

// The case months of a run of periods (a header row or a column). Calendar periods count from
// the first one; index periods from their number ("Year 3" is year 3 wherever it stands).
export function periodAxis(periods: readonly Period[], firstIsInitial = false): PeriodAxis {
  const units = periods.filter((p) => p.kind !== "initial").map((p) => (p as { unit: PeriodUnit }).unit);
  const unit: PeriodUnit = units.includes("month") ? "month" : units.includes("quarter") ? "quarter" : "year";
  const calendar = periods.find((p) => p.kind === "calendar") as Extract<Period, { kind: "calendar" }> | undefined;
  const firstMonth = calendar
    ? calendar.year * 12 +
      (calendar.unit === "year" ? 0 : calendar.unit === "quarter" ? (calendar.part - 1) * 3 : calendar.part - 1)
    : 0;
  const problems: PeriodAxis["problems"] = [];
  const spans = periods.map((p, i): PeriodSpan => {
    if (p.kind === "initial") return { from: 0, to: 0 };
    if (p.kind === "index") {
      const len = LENGTH[p.unit];
      if (p.n === 0) return { from: 0, to: 0 };
      return { from: (p.n - 1) * len + 1, to: p.n * len };
    }
    const len = LENGTH[p.unit];
    const at = p.year * 12 + (p.unit === "year" ? 0 : p.unit === "quarter" ? (p.part - 1) * 3 : p.part - 1);
    let k = Math.floor((at - firstMonth) / len);
    if (firstIsInitial) {
      if (at === firstMonth) return { from: 0, to: 0 };
      k -= 1;
    }
    if (k < 0) problems.push({ index: i, message: "comes before the first period" });
    return { from: k * len + 1, to: (k + 1) * len };
  });
  const startMonth = calendar
    ? `${Math.floor(firstMonth / 12)}-${String((firstMonth % 12) + 1).padStart(2, "0")}`
    : undefined;
  return { unit, spans, ...(startMonth ? { startMonth } : {}), problems };
}

// A row of header cells: which of them are periods. A run of small integers counts as periods
// only when consecutive (0 1 2 3 or 1 2 3), not as stray numbers in a header.
export function periodColumns(cells: readonly (string | number | Date | null)[]): Map<number, Period> {
  const found = new Map<number, Period>();
  cells.forEach((c, i) => {
    const p = parsePeriod(c);
    if (p) found.set(i, p);
  });
  // Dates a year apart (31 Dec 2026, 31 Dec 2027, ...) head yearly columns, not months.
  const dates = [...found.entries()].filter(([i]) => cells[i] instanceof Date);
  if (dates.length >= 2) {
    const at = dates.map(([, p]) => (p as { year: number; part: number }).year * 12 + (p as { part: number }).part);
    if (at.every((m, k) => k === 0 || m - at[k - 1]! === 12))
      dates.forEach(([i, p]) =>
        found.set(i, { kind: "calendar", unit: "year", year: (p as { year: number }).year, part: 1 }),
      );
  }
  const bare = [...found.entries()].filter(([i]) => typeof cells[i] === "number");
  const indexes = bare.filter(([, p]) => p.kind === "index");
  if (indexes.length > 0) {
    const ns = indexes.map(([, p]) => (p as { n: number }).n);
    const consecutive = ns.length >= 2 && ns.every((n, k) => k === 0 || n === ns[k - 1]! + 1) && ns[0]! <= 1;
    if (!consecutive) indexes.forEach(([i]) => found.delete(i));
    else if (ns.length > 15)
      indexes.forEach(([i, p]) => found.set(i, { kind: "index", unit: "month", n: (p as { n: number }).n }));
    else indexes.forEach(([i, p]) => (p as { n: number }).n === 0 && found.set(i, { kind: "initial" }));
  }
  return found;
}
