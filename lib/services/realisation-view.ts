// The Realisation tab's view model (docs/finance.md#benefit-realisation): everything the page
// shows, composed from the stored case and the engine's (cached) output, with the decimal work
// done here so app/ only lays it out. Figures for charts stay decimal strings (components turn
// them into numbers at the display edge); text is formatted in the reader's locale.
import { figureText } from "@/lib/report/figure-text";
import "server-only";
import Decimal from "decimal.js";
import type { CaseDetailDTO } from "@/lib/db/case-mappers";
import { toCaseFile } from "@/lib/db/case-mappers";
import { headlineKeys } from "@/lib/finance/headline";
import { linePlansForActuals } from "@/lib/finance/realisation";
import type { ComputeOutput, Metrics } from "@/lib/finance/types";
import { formatCaseMonth, formatMoney, formatNumber, formatPercent } from "@/lib/i18n/format";
import type { ActualsRow, KpiView, RealisationView, Tone } from "@/lib/dto/realisation";
import { buildCurrencyVariance } from "@/lib/report/currency-variance";
import { getRateTablesView } from "./currencies-view";

export type { ActualsRow, KpiView, RealisationView, Tone };

const tone = (kind: "cost" | "benefit", actual: Decimal, plan: Decimal): Tone => {
  const c = actual.cmp(plan);
  if (c === 0) return "even";
  return (kind === "benefit") === c > 0 ? "good" : "bad";
};

export function buildRealisationView(detail: CaseDetailDTO, output: ComputeOutput, locale: string): RealisationView {
  const cur = detail.currency;
  const money = (v: string) => formatMoney(v, cur, locale);
  const pct = (v: string | null) => (v === null ? "\u2013" : formatPercent(v, locale));
  const percent = (v: string) => formatPercent(v, locale);
  const num = (v: string | null, digits = 1) => (v === null ? "\u2013" : formatNumber(v, locale, digits));
  const fallback = headlineKeys(detail.scenarios.map((s) => ({ key: s.key, baseline: s.isBaseline }))).alternative;
  const chosenKey =
    detail.chosenScenario !== null && detail.scenarios.some((s) => s.key === detail.chosenScenario)
      ? detail.chosenScenario
      : fallback;
  const settings = {
    actualsThrough: detail.actualsThrough,
    goLiveMonth: detail.goLiveMonth,
    chosenScenario: chosenKey,
    scenarios: detail.scenarios.map((s) => ({ key: s.key, name: s.name })),
  };
  const r = output.realisation;
  const kpis = buildKpis(detail, output, locale);
  const base = {
    caseId: detail.id,
    currency: cur,
    locale,
    horizon: detail.horizonMonths,
    startMonth: detail.startMonth,
    settings,
    kpis,
    checks: output.checks.filter((c) => c.id.startsWith("realisation-")),
    currencyVariance: buildCurrencyVariance(output, cur, locale),
    actualRates: actualRatesOf(detail, locale),
  };
  if (!r) {
    return {
      ...base,
      active: false,
      months: [],
      rows: [],
      cards: [],
      quarters: [],
      cumulative: [],
      forecast: [],
      forecastAgainst: null,
      unrecorded: [],
    };
  }
  const A = r.actualsThrough;
  const months = Array.from({ length: A + 1 }, (_, m) => ({
    month: m,
    label: formatCaseMonth(detail.startMonth, m, locale),
  }));

  // The grid: tangible lines of the chosen scenario, the plan in the terms an actual is typed in.
  const file = toCaseFile(detail);
  const plans = new Map(linePlansForActuals(file, A).map((p) => [p.id, p]));
  const results = new Map(r.lines.map((l) => [l.id, l]));
  const actualsByLine = new Map<string, Map<number, string>>();
  for (const a of detail.lineActuals) {
    let m = actualsByLine.get(a.lineId);
    if (!m) actualsByLine.set(a.lineId, (m = new Map()));
    m.set(a.month, a.amount);
  }
  const scenarioId = detail.scenarios.find((s) => s.key === chosenKey)?.id;
  const rows: ActualsRow[] = [];
  for (const kind of ["cost", "benefit"] as const) {
    for (const line of detail.lines) {
      if (line.scenarioId !== scenarioId || line.kind !== kind || !line.tangible) continue;
      const plan = plans.get(line.stableId);
      const res = results.get(line.stableId);
      if (!plan || !res) continue;
      const recorded = actualsByLine.get(line.id) ?? new Map<number, string>();
      const cells = months.map(({ month }) => {
        const p = plan.months[month] ?? "0";
        const a = month <= A ? (recorded.get(month) ?? null) : null;
        return {
          month,
          actual: a,
          plan: p,
          planText: num(p, 0),
          tone: a === null ? ("none" as const) : tone(kind, new Decimal(a), new Decimal(p)),
        };
      });
      const variance = new Decimal(res.variance);
      rows.push({
        lineId: line.id,
        stableId: line.stableId,
        name: line.name,
        kind,
        cells,
        recorded: res.recorded,
        planToDate: money(res.planToDate),
        actualToDate: money(res.actualToDate),
        varianceText: (variance.gt(0) ? "+" : "") + money(res.variance),
        tone: tone(kind, new Decimal(res.actualToDate), new Decimal(res.planToDate)),
      });
    }
  }

  const netVariance = new Decimal(r.variance.net);
  const cards: RealisationView["cards"] = [
    {
      id: "plan",
      label: "plan",
      value: money(r.planToDate.net),
      detail: `${money(r.planToDate.benefit)} \u2212 ${money(r.planToDate.cost)}`,
      tone: "none",
    },
    {
      id: "actual",
      label: "actual",
      value: money(r.actualToDate.net),
      detail: `${money(r.actualToDate.benefit)} \u2212 ${money(r.actualToDate.cost)}`,
      tone: "none",
    },
    {
      id: "variance",
      label: "variance",
      value: (netVariance.gt(0) ? "+" : "") + money(r.variance.net),
      detail: r.varianceShare.benefit === null ? "" : pct(r.varianceShare.benefit),
      tone: netVariance.isZero() ? "even" : netVariance.gt(0) ? "good" : "bad",
    },
    {
      id: "realised-roi",
      label: "realisedRoi",
      // No actual cost recorded yet: the page says so in words (never a dash).
      value: r.realisedRoi === null ? "" : pct(r.realisedRoi),
      detail: "",
      tone: r.realisedRoi === null ? "none" : new Decimal(r.realisedRoi).gte(0) ? "good" : "bad",
    },
  ];

  // Plan vs actual by quarter (month 0 counts with the first quarter) and the cumulative net.
  const planMonths = output.scenarios.find((s) => s.key === r.scenario)!.months;
  const quarters: RealisationView["quarters"] = [];
  for (let m = 0; m <= A; m++) {
    const q = Math.max(0, Math.ceil(m / 3) - 1);
    let row = quarters[q];
    if (!row)
      quarters[q] = row = {
        label: quarterLabel(detail.startMonth, q, locale),
        planBenefit: "0",
        actualBenefit: "0",
        planCost: "0",
        actualCost: "0",
      };
    const f = r.forecast.months[m]!;
    const p = planMonths[m]!;
    row.planBenefit = new Decimal(row.planBenefit).plus(p.benefit).toString();
    row.planCost = new Decimal(row.planCost).plus(p.cost).toString();
    row.actualBenefit = new Decimal(row.actualBenefit).plus(f.benefit).toString();
    row.actualCost = new Decimal(row.actualCost).plus(f.cost).toString();
  }
  const cumulative = planMonths.map((p, m) => ({
    label: String(m),
    plan: p.cumulative,
    forecast: r.forecast.months[m]!.cumulative,
  }));

  const compared = r.forecastComparison;
  const planMetrics: Metrics = compared
    ? output.comparisons.find((c) => c.alternative === r.scenario && c.baseline === compared.baseline)!
    : output.scenarios.find((s) => s.key === r.scenario)!;
  const forecastMetrics: Metrics = compared ?? r.forecast;
  const payback = (v: string | null) => (v === null ? "\u2013" : formatNumber(v, locale, 1));
  const better = (a: string | null, b: string | null, higher: boolean): Tone => {
    if (a === null || b === null) return "none";
    const c = new Decimal(a).cmp(b);
    return c === 0 ? "even" : c > 0 === higher ? "good" : "bad";
  };
  const forecast: RealisationView["forecast"] = [
    {
      metric: "npv",
      plan: money(planMetrics.npv),
      forecast: money(forecastMetrics.npv),
      tone: better(forecastMetrics.npv, planMetrics.npv, true),
    },
    {
      metric: "roi",
      plan: figureText(planMetrics, "roi", percent, locale),
      forecast: figureText(forecastMetrics, "roi", percent, locale),
      tone: better(forecastMetrics.roi, planMetrics.roi, true),
    },
    {
      metric: "payback",
      plan: payback(planMetrics.paybackMonths),
      forecast: payback(forecastMetrics.paybackMonths),
      tone: better(forecastMetrics.paybackMonths, planMetrics.paybackMonths, false),
    },
  ];
  const baselineName = compared
    ? (detail.scenarios.find((s) => s.key === compared.baseline)?.name ?? compared.baseline)
    : null;
  return {
    ...base,
    active: true,
    months,
    rows,
    cards,
    quarters,
    cumulative,
    forecast,
    forecastAgainst: baselineName,
    unrecorded: r.lines.filter((l) => !l.recorded && !new Decimal(l.planToDate).isZero()).map((l) => l.name),
  };
}

function quarterLabel(startMonth: string, index: number, locale: string): string {
  // The quarter's first and last month as dates: "Feb 2027 – Apr 2027" reads in every locale.
  const first = index * 3 + 1;
  return `${formatCaseMonth(startMonth, index === 0 ? 0 : first, locale)} \u2013 ${formatCaseMonth(startMonth, first + 2, locale)}`;
}

function buildKpis(detail: CaseDetailDTO, output: ComputeOutput, locale: string): KpiView[] {
  const rows = new Map((output.realisation?.kpis ?? []).map((k) => [k.id, k]));
  const values = new Map<string, { month: number; value: string }[]>();
  for (const v of detail.kpiValues) {
    let list = values.get(v.kpiId);
    if (!list) values.set(v.kpiId, (list = []));
    list.push({ month: v.month, value: v.value });
  }
  const num = (v: string | null) =>
    v === null ? "\u2013" : formatNumber(v, locale, Math.min(2, Math.max(0, new Decimal(v).decimalPlaces())));
  return detail.kpis.map((k) => {
    const r = rows.get(k.stableId);
    const list = (values.get(k.id) ?? []).sort((a, b) => a.month - b.month);
    return {
      kpiId: k.id,
      name: k.name,
      unit: k.unit,
      direction: k.direction,
      values: list,
      baselineText: num(k.baseline),
      targetText: num(k.target),
      beforeText: num(r?.beforeAverage ?? null),
      afterText: num(r?.afterAverage ?? null),
      changeText: r?.change ? (new Decimal(r.change).gt(0) ? "+" : "") + num(r.change) : "\u2013",
      latestText: num(r?.latest ?? null),
      progressText: r?.progress ? formatPercent(r.progress, locale, 0) : "\u2013",
      progress: r?.progress ?? null,
      improved: r?.improved ?? null,
      series: list.map((v) => ({ month: String(v.month), value: v.value })),
    };
  });
}

// The actual-rates editor, when the case converts some currency (it has plan rates).
function actualRatesOf(detail: CaseDetailDTO, locale: string): RealisationView["actualRates"] {
  if (!detail.fx || Object.keys(detail.fx).length === 0) return null;
  const view = getRateTablesView(detail, locale);
  return { text: view.actualText, rows: view.actual };
}
