// The sheets of the workbook written for people (docs/workbook.md): the first sheet, Summary (the
// case, the decision sentence, the headline figures of every scenario and comparison with labels
// in the case's language, and a year-by-year table), and a yearly sheet per scenario. Every figure
// is a formula over the machine sheets (Figures, the flows sheets), so it recalculates with them;
// the cached value of each is the engine's.
import Decimal from "decimal.js";
import { createTranslator } from "use-intl/core";
import type { CaseFile, Scenario } from "@/lib/case-file/schema";
import type { ExpandedLine } from "@/lib/finance/compute";
import { headlineResults } from "@/lib/finance/headline";
import { expectedRiskCost } from "@/lib/finance/risk-adjustment";
import type { ComputeOutput, Metrics, MonthRow } from "@/lib/finance/types";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { formatMoney, formatNumber } from "@/lib/i18n/format";
import enReport from "@/messages/en/report.json";
import frReport from "@/messages/fr/report.json";
import nbReport from "@/messages/nb/report.json";
import svReport from "@/messages/sv/report.json";
import zhReport from "@/messages/zh/report.json";
import en from "@/messages/en/workbook.json";
import fr from "@/messages/fr/workbook.json";
import nb from "@/messages/nb/workbook.json";
import sv from "@/messages/sv/workbook.json";
import zh from "@/messages/zh/workbook.json";
import {
  columnName,
  formula,
  header,
  MONTHS_SHORT,
  num,
  PERCENT,
  ref,
  SUMMARY_COLUMNS,
  type Cached,
  type StreamRows,
} from "./cells";
import type { SheetBuffer } from "./sheet-buffer";

const CATALOGUES = {
  en: { workbook: en, report: enReport },
  sv: { workbook: sv, report: svReport },
  nb: { workbook: nb, report: nbReport },
  fr: { workbook: fr, report: frReport },
  zh: { workbook: zh, report: zhReport },
} as const;

type Translate = (key: string, values?: Record<string, string | number>) => string;

export function translator(locale: string): Translate {
  const l: Locale = isLocale(locale) ? locale : "en";
  const t = createTranslator({ locale: l, messages: CATALOGUES[l] as Record<string, unknown> as never });
  return (key, values) => (t as unknown as Translate)(key, values);
}

export function comparisonLabel(file: CaseFile, alternative: string, baseline: string, locale: string): string {
  const nameOf = (key: string) => file.scenarios.find((s) => s.key === key)?.name ?? key;
  return translator(locale)("workbook.versus", { alternative: nameOf(alternative), baseline: nameOf(baseline) });
}

// A text inside a formula: quotes doubled.
const text = (s: string) => `"${s.replace(/"/g, '""')}"`;

type MetricColumn = Exclude<(typeof SUMMARY_COLUMNS)[number], "key">;
const METRICS = SUMMARY_COLUMNS.slice(1) as MetricColumn[];
const MONEY_METRICS = new Set<MetricColumn>(["totalCost", "totalBenefit", "netBenefit", "pvCost", "pvBenefit", "npv"]);

// Year 0 is month 0; year k is months 12(k-1)+1 .. 12k (the last year ends at the horizon): an
// amount falls in the year at whose end it is counted, as the importer reads yearly tables.
export function yearRanges(H: number): [number, number][] {
  const out: [number, number][] = [[0, 0]];
  for (let k = 1; 12 * (k - 1) + 1 <= H; k++) out.push([12 * (k - 1) + 1, Math.min(12 * k, H)]);
  return out;
}

const yearOf = (m: number) => (m === 0 ? 0 : Math.ceil(m / 12));

interface Context {
  money: string;
  locale: string;
  H: number;
}

// Why a figure is empty, in words (never a dash): IRR without a sign change, payback not reached,
// ratios without costs.
function reason(c: MetricColumn, stream: { months: MonthRow[] }, tr: Translate): string {
  if (c === "irr") {
    const nets = stream.months.map((m) => new Decimal(m.net));
    return nets.some((n) => n.gt(0)) && nets.some((n) => n.lt(0)) ? tr("workbook.noIrr") : tr("workbook.noSignChange");
  }
  if (c === "paybackMonths") return tr("workbook.noPayback");
  return tr("workbook.noCost");
}

export function peopleSummary(
  ws: SheetBuffer,
  file: CaseFile,
  output: ComputeOutput,
  rows: { key: string; label: string; metrics: Metrics }[],
  streams: Map<string, StreamRows>,
  { money, locale, H }: Context,
): void {
  const tr = translator(locale);
  const monthsOf = new Map<string, MonthRow[]>([
    ...output.scenarios.map((s) => [s.key, s.months] as const),
    ...output.comparisons.map((c) => [`${c.alternative}-vs-${c.baseline}`, c.months] as const),
  ]);

  // Title, decision sentence (the report's, on the headline figures), what the figures are.
  ws.getCell(1, 1).value = file.name;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(2, 1).value = decisionSentence(file, output, locale);
  ws.getCell(3, 1).value = tr("workbook.note", { currency: file.currency });
  ws.getCell(3, 1).font = { italic: true };
  for (const r of [1, 2, 3]) ws.spanning.add(r);
  ws.views = [{ state: "frozen", xSplit: 1, ySplit: 1 }];
  ws.pageSetup.printTitlesRow = "1:1";

  // The figures: one column a scenario or comparison, one row a metric.
  let r = 5;
  const head = ws.getRow(r);
  head.getCell(1).value = tr("workbook.figure");
  rows.forEach(({ label }, j) => (head.getCell(j + 2).value = label));
  head.font = { bold: true };
  head.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } };
  for (const c of METRICS) {
    r++;
    ws.getCell(r, 1).value = tr(`workbook.${c}`);
    rows.forEach(({ key, metrics }, j) => {
      const at = ref("Figures", `$${columnName(SUMMARY_COLUMNS.indexOf(c) + 1)}$${j + 2}`);
      const cell = ws.getCell(r, j + 2);
      const value = metrics[c as keyof Metrics] as string | null;
      if (MONEY_METRICS.has(c)) formula(cell, at, num(value!));
      else {
        const why = reason(c, { months: monthsOf.get(key)! }, tr);
        formula(cell, `IF(${at}="",${text(why)},${at})`, value === null ? why : num(value));
        cell.alignment = { horizontal: "right" };
      }
      cell.numFmt = MONEY_METRICS.has(c)
        ? money
        : c === "benefitCostRatio"
          ? "0.00"
          : c === "paybackMonths"
            ? MONTHS_SHORT
            : PERCENT;
    });
  }

  // Year by year: cost, benefit, net and cumulative net of every stream, each year a SUM of the
  // stream's monthly cells.
  const years = yearRanges(H);
  r += 2;
  for (const { key, label } of rows) {
    const s = streams.get(key)!;
    const months = monthsOf.get(key)!;
    ws.getCell(r, 1).value = tr("workbook.yearly", { name: label });
    ws.getCell(r, 1).font = { bold: true };
    ws.spanning.add(r);
    r++;
    const yh = ws.getRow(r);
    yh.font = { bold: true };
    years.forEach((_, k) => {
      yh.getCell(k + 2).value = tr("workbook.year", { year: k });
      yh.getCell(k + 2).alignment = { horizontal: "right" };
    });
    r++;
    const [costR, benefitR, netR, cumR] = [r, r + 1, r + 2, r + 3];
    ws.getCell(costR, 1).value = tr("workbook.cost");
    ws.getCell(benefitR, 1).value = tr("workbook.benefit");
    ws.getCell(netR, 1).value = tr("workbook.net");
    ws.getCell(cumR, 1).value = tr("workbook.cumulative");
    years.forEach(([a, b], k) => {
      const range = (row: number) =>
        ref(s.sheet, `$${columnName(s.firstColumn + a)}$${row}:$${columnName(s.firstColumn + b)}$${row}`);
      const sum = (f: "cost" | "benefit" | "net") =>
        months.slice(a, b + 1).reduce((t, m) => t.plus(m[f]), new Decimal(0));
      const set = (row: number, f: string, v: Cached) => {
        const cell = ws.getCell(row, k + 2);
        formula(cell, f, v);
        cell.numFmt = money;
      };
      set(costR, `SUM(${range(s.cost)})`, num(sum("cost")));
      set(benefitR, `SUM(${range(s.benefit)})`, num(sum("benefit")));
      set(netR, `SUM(${range(s.net)})`, num(sum("net")));
      // Cumulative net: the net row from month 0 to the year's last month.
      set(
        cumR,
        `SUM(${ref(s.sheet, `$${columnName(s.firstColumn)}$${s.net}:$${columnName(s.firstColumn + b)}$${s.net}`)})`,
        num(months[b]!.cumulative),
      );
    });
    r += 5;
  }
}

// The report's headline sentence: the headline scenario (against the baseline when there is one)
// pays back in month m and returns the NPV over the horizon, or does not pay back.
export function decisionSentence(file: CaseFile, output: ComputeOutput, locale: string): string {
  const tr = translator(locale);
  const { primary, comparison } = headlineResults(output.scenarios, output.comparisons);
  const source: Metrics = comparison ?? primary;
  const years = formatNumber(String(file.horizonMonths / 12), locale, file.horizonMonths % 12 === 0 ? 0 : 1);
  const npv = formatMoney(source.npv, file.currency, locale);
  return source.paybackMonths === null
    ? tr("report.summary.titleNoPayback", { alternative: primary.name, years, npv })
    : tr("report.summary.titlePays", {
        alternative: primary.name,
        month: formatNumber(source.paybackMonths, locale, 1),
        npv,
        years,
      });
}

// A scenario's lines year by year: one row a line (then one a risk whose expected cost counts in
// this scenario, as on the flows sheet), one column a year, each cell the SUM of the line's monthly
// cells on the flows sheet; totals by kind and the net below, then the year convention.
export function yearsSheet(
  ws: SheetBuffer,
  file: CaseFile,
  scenario: Scenario,
  lines: ExpandedLine[],
  flowsSheet: string,
  months: MonthRow[],
  firstMonthColumn: number,
  { money, locale, H }: Context,
): void {
  const tr = translator(locale);
  const years = yearRanges(H);
  const categories = (CATALOGUES[isLocale(locale) ? locale : "en"].report as { categories: Record<string, string> })
    .categories;
  const Y0 = 4; // column of year 0: A line, B kind, C category
  header(
    ws,
    [
      tr("workbook.line"),
      tr("workbook.kind"),
      tr("workbook.category"),
      ...years.map((_, k) => tr("workbook.year", { year: k })),
    ],
    1,
  );
  for (let k = 0; k < years.length; k++) {
    ws.getColumn(Y0 + k).numFmt = money;
    ws.getCell(1, Y0 + k).alignment = { horizontal: "right" }; // over the amounts
  }
  const kindLabel = { cost: tr("workbook.cost"), benefit: tr("workbook.benefit") };
  const sumCell = (row: number, flowRow: number, yearly: Decimal[]) =>
    years.forEach(([a, b], k) =>
      formula(
        ws.getCell(row, Y0 + k),
        `SUM(${ref(flowsSheet, `$${columnName(firstMonthColumn + a)}$${flowRow}:$${columnName(firstMonthColumn + b)}$${flowRow}`)})`,
        num(yearly[k]!),
      ),
    );

  lines.forEach((x, i) => {
    const row = i + 2;
    ws.getCell(row, 1).value = x.line.name;
    ws.getCell(row, 2).value = kindLabel[x.kind];
    const category = (x.line as { category?: string }).category;
    if (category) ws.getCell(row, 3).value = categories[category] ?? category;
    const yearly = years.map(() => new Decimal(0));
    x.terms.forEach((term, j) => {
      for (let m = term.start; m <= Math.min(term.end, H); m += term.step)
        yearly[yearOf(m)] = yearly[yearOf(m)]!.plus(x.adjusted[j]!);
    });
    sumCell(row, row, yearly);
  });
  file.risks.forEach((risk, i) => {
    const row = lines.length + 2 + i;
    ws.getCell(row, 1).value = tr("workbook.risk", { title: risk.title });
    ws.getCell(row, 2).value = kindLabel.cost;
    const yearly = years.map(() => new Decimal(0));
    const ev = expectedRiskCost(risk, scenario, file.scenarios.length, H)?.cost;
    if (ev) yearly[yearOf(risk.month ?? 0)] = ev;
    sumCell(row, row, yearly);
  });
  const last = Math.max(2, lines.length + file.risks.length + 1);
  const totals = last + 2;
  const kinds = `$B$2:$B$${last}`;
  ws.getCell(totals, 1).value = tr("workbook.totalCosts");
  ws.getCell(totals + 1, 1).value = tr("workbook.totalBenefits");
  ws.getCell(totals + 2, 1).value = tr("workbook.net");
  for (const r of [totals, totals + 1, totals + 2]) ws.getRow(r).font = { bold: true };
  years.forEach(([a, b], k) => {
    const c = columnName(Y0 + k);
    const sum = (f: "cost" | "benefit") => months.slice(a, b + 1).reduce((t, m) => t.plus(m[f]), new Decimal(0));
    formula(
      ws.getCell(totals, Y0 + k),
      `SUMIF(${kinds},${text(kindLabel.cost)},${c}$2:${c}$${last})`,
      num(sum("cost")),
    );
    formula(
      ws.getCell(totals + 1, Y0 + k),
      `SUMIF(${kinds},${text(kindLabel.benefit)},${c}$2:${c}$${last})`,
      num(sum("benefit")),
    );
    formula(ws.getCell(totals + 2, Y0 + k), `${c}${totals + 1}-${c}${totals}`, num(sum("benefit").minus(sum("cost"))));
  });
  ws.getCell(totals + 4, 1).value = tr("workbook.yearsNote", { sheet: flowsSheet });
  ws.getCell(totals + 4, 1).font = { italic: true };
  ws.spanning.add(totals + 4);
}
