// Exchange rates as text a person types or pastes from a spreadsheet (docs/currencies.md): one
// line per rate, three columns "currency  month  rate", separated by tabs, semicolons or spaces
// (three columns copied from a sheet arrive tab-separated). Rates in the reader's locale ("10,45"
// in Swedish). The server validates the table (months ascending from 0, positive rates) by path.
import { parseDecimalInput } from "@/lib/i18n/parse-decimal";

// A plan step may carry the simulation's range as two more columns: low and high.
export type PlanRates = Record<string, { from: number; rate: string; low?: string; high?: string }[]>;
export type ActualRates = Record<string, Record<string, string>>;

export interface RateTextProblem {
  line: number; // 1-based
  text: string;
}

type Parsed<T> = { ok: true; table: T } | { ok: false; problems: RateTextProblem[] };

interface Row {
  currency: string;
  month: number;
  rate: string;
  low?: string;
  high?: string;
}

function rows(text: string, locale: string, range = false): Parsed<Row[]> {
  const out: Row[] = [];
  const problems: RateTextProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const cells = line.split(/\t|;|\s+/).filter((c) => c !== "");
    const [currency, month] = [cells[0]?.toUpperCase() ?? "", cells[1] ?? ""];
    const value = parseDecimalInput(cells[2] ?? "", locale);
    const low = range && cells[3] !== undefined ? parseDecimalInput(cells[3], locale) : undefined;
    const high = range && cells[4] !== undefined ? parseDecimalInput(cells[4], locale) : undefined;
    if (
      !/^[A-Z]{3}$/.test(currency) ||
      !/^\d{1,3}$/.test(month) ||
      value === null ||
      low === null ||
      high === null ||
      cells.length > (range ? 5 : 3)
    ) {
      // A header row ("Currency  From  Rate") is skipped, not refused.
      if (i === 0 && !/\d/.test(line)) return;
      problems.push({ line: i + 1, text: line });
      return;
    }
    out.push({
      currency,
      month: Number(month),
      rate: value,
      ...(low !== undefined ? { low } : {}),
      ...(high !== undefined ? { high } : {}),
    });
  });
  return problems.length ? { ok: false, problems } : { ok: true, table: out };
}

// Plan rates: each currency's steps in month order (the server refuses a table that does not
// start at month 0, with the step's path).
export function parsePlanRates(text: string, locale: string): Parsed<PlanRates> {
  const r = rows(text, locale, true);
  if (!r.ok) return r;
  const table: PlanRates = {};
  for (const { currency, month, rate, low, high } of r.table)
    (table[currency] ??= []).push({
      from: month,
      rate,
      ...(low !== undefined ? { low } : {}),
      ...(high !== undefined ? { high } : {}),
    });
  for (const steps of Object.values(table)) steps.sort((a, b) => a.from - b.from);
  return { ok: true, table };
}

export function parseActualRates(text: string, locale: string): Parsed<ActualRates> {
  const r = rows(text, locale);
  if (!r.ok) return r;
  const table: ActualRates = {};
  for (const { currency, month, rate } of r.table) (table[currency] ??= {})[String(month)] = rate;
  return { ok: true, table };
}

const local = (rate: string, decimal: string) => (decimal === "," ? rate.replace(".", ",") : rate);

export function formatPlanRates(table: PlanRates | null | undefined, decimal = "."): string {
  return Object.entries(table ?? {})
    .flatMap(([currency, steps]) =>
      steps.map((s) =>
        [
          currency,
          s.from,
          local(s.rate, decimal),
          ...(s.low !== undefined || s.high !== undefined
            ? [local(s.low ?? s.rate, decimal), local(s.high ?? s.rate, decimal)]
            : []),
        ].join("\t"),
      ),
    )
    .join("\n");
}

export function formatActualRates(table: ActualRates | null | undefined, decimal = "."): string {
  return Object.entries(table ?? {})
    .flatMap(([currency, months]) =>
      Object.entries(months)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([m, rate]) => `${currency}\t${m}\t${local(rate, decimal)}`),
    )
    .join("\n");
}

// The workspace's rates: "currency  YYYY-MM  rate" per line (calendar months, not case months).
export type WorkspaceRates = Record<string, { from: string; rate: string }[]>;

export function parseWorkspaceRates(text: string, locale: string): Parsed<WorkspaceRates> {
  const table: WorkspaceRates = {};
  const problems: RateTextProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const cells = line.split(/\t|;|\s+/).filter((c) => c !== "");
    const currency = cells[0]?.toUpperCase() ?? "";
    const month = cells[1] ?? "";
    const rate = parseDecimalInput(cells.slice(2).join(""), locale);
    if (!/^[A-Z]{3}$/.test(currency) || !/^\d{4}-\d{2}$/.test(month) || rate === null) {
      if (i === 0 && !/\d/.test(line)) return;
      problems.push({ line: i + 1, text: line });
      return;
    }
    (table[currency] ??= []).push({ from: month, rate });
  });
  if (problems.length) return { ok: false, problems };
  for (const steps of Object.values(table)) steps.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return { ok: true, table };
}

export function formatWorkspaceRates(table: WorkspaceRates | null | undefined, decimal = "."): string {
  return Object.entries(table ?? {})
    .flatMap(([currency, steps]) => steps.map((s) => `${currency}\t${s.from}\t${local(s.rate, decimal)}`))
    .join("\n");
}
