// A line's labels as the grid shows them (amount, timing, category), made once for the server's
// view model (lib/services/lines-view.ts) and for the grid itself when it shows a newer version
// of the case from the live case model (someone else's edit, read in place without a page render).
//
//   lineLabels(line, ctx)               the three labels of a line
//   linesFromModel(lines, file, ctx)    the page's rows as the model's newer case file has them
import type { CaseFile } from "@/lib/case-file/schema";
import { LINE_DEFAULTS, toLineValues, type LineDTO } from "@/lib/case-file/line";
import { formatNumber } from "@/lib/i18n/format";

// A line as the grid shows it: the stored line plus the engine's figures for it (risk-adjusted
// total and present value over the horizon), formatted on the server.
export interface GridLine extends LineDTO {
  totalLabel: string;
  pvLabel: string;
  amountLabel: string;
  timingLabel: string;
  categoryLabel: string;
}

// A scenario's costs or benefits in total and by category (risk-adjusted, formatted on the server).
export interface GridTotals {
  total: string;
  pv: string;
  categories: { label: string; total: string }[];
}

// The "case" catalogue's translate function (next-intl's, on the server or in the browser).
export type CaseTranslate = (key: string, values?: Record<string, string | number>) => string;

export interface LabelContext {
  t: CaseTranslate;
  locale: string;
  horizon: number;
  categoryLabel: (category: string) => string;
}

export function lineLabels(
  l: LineDTO,
  ctx: LabelContext,
): Pick<GridLine, "amountLabel" | "timingLabel" | "categoryLabel"> {
  const { t } = ctx;
  const recurrence = { monthly: t("monthly"), quarterly: t("quarterly"), annual: t("annual") } as const;
  return {
    categoryLabel: l.tangible ? ctx.categoryLabel(l.category) : `${ctx.categoryLabel(l.category)} (${t("intangible")})`,
    amountLabel: !l.tangible
      ? "\u2013"
      : l.amount !== null
        ? formatNumber(l.amount, ctx.locale, 0)
        : l.labour
          ? t("labour", { hours: l.labour.hours, rate: l.labour.rate, people: l.labour.people })
          : l.schedule
            ? t("scheduleLabel")
            : "\u2013",
    timingLabel: !l.tangible
      ? t("intangible")
      : l.recurring !== null
        ? t("recurringLabel", {
            recurrence: recurrence[l.recurring],
            start: l.startMonth ?? 1,
            end: l.endMonth ?? ctx.horizon,
          })
        : l.month !== null
          ? t("oneTime", { month: l.month })
          : l.schedule
            ? t("scheduleLabel")
            : "\u2013",
  };
}

type FileLine = CaseFile["scenarios"][number]["costs"][number] | CaseFile["scenarios"][number]["benefits"][number];

// A case-file line's fields over the stored line's (ids, scenario and kind stay the row's).
function withFileLine(row: GridLine, line: FileLine): LineDTO {
  const values = toLineValues(line);
  return { ...row, ...values, tangible: row.kind === "benefit" ? values.tangible : LINE_DEFAULTS.tangible };
}

// The page's rows as a newer case file has them: values, names, categories and risk of each line
// (matched by stable id, never by position), in the file's order; a line the file no longer has
// is gone. A line the page has no row for (added by someone else: its row id, which every write
// names, comes with the page's next render) is not shown until then. Rows whose line did not
// change keep their object, so React skips them.
// `seen` (kept by the caller while rows and ctx stay the same) remembers each file line's row: an
// edit replaces one line object of the file and leaves the others, so only that one is compared.
export type SeenLines = WeakMap<object, { row: GridLine; out: GridLine }>;

export function linesFromModel(
  rows: GridLine[],
  file: CaseFile,
  scenarios: { id: string; key: string }[],
  ctx: LabelContext,
  seen: SeenLines = new WeakMap(),
): GridLine[] {
  const byStable = new Map(rows.map((r) => [r.stableId, r] as const));
  const out: GridLine[] = [];
  for (const sc of scenarios) {
    const fs = file.scenarios.find((s) => s.key === sc.key);
    if (!fs) continue;
    for (const [kind, lines] of [
      ["cost", fs.costs],
      ["benefit", fs.benefits],
    ] as const) {
      for (const line of lines) {
        const row = line.id ? byStable.get(line.id) : undefined;
        if (!row || row.scenarioId !== sc.id || row.kind !== kind) continue;
        const known = seen.get(line);
        if (known?.row === row) {
          out.push(known.out);
          continue;
        }
        const dto = withFileLine(row, line);
        const changed = (Object.keys(dto) as (keyof LineDTO)[]).some(
          (k) => JSON.stringify(dto[k]) !== JSON.stringify(row[k]),
        );
        const shown = changed ? { ...row, ...dto, ...lineLabels(dto, ctx) } : row;
        seen.set(line, { row, out: shown });
        out.push(shown);
      }
    }
  }
  return out;
}
