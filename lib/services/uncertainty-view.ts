import "server-only";
import Decimal from "decimal.js";
import { toCaseFile } from "@/lib/db/case-mappers";
import { breakEven, tornado } from "@/lib/finance/uncertainty";
import { switchingValues } from "@/lib/finance/goal-seek";
import { headlinePair, loadCasePage } from "./case-page";

// The tornado's percentages (?pct=), as typed in the URL and as the shares the engine takes.
export const TORNADO_PERCENTS = [
  { pct: "10", share: "0.1" },
  { pct: "20", share: "0.2" },
  { pct: "30", share: "0.3" },
] as const;

const keyOf = (b: { scenario: string; kind: string; index: number }) => `${b.scenario}.${b.kind}-${b.index}`;

// The Uncertainty tab's view model, on the figure the case headlines (headlinePair): tornado bars
// at ±pct, the break-even of the chosen line (<scenario>.<kind>-<index>; the older <kind>-<index>
// means the headline scenario's), the count of lines with a range, all exact decimal results from
// the case as the page read it (no second read of the case).
export async function getUncertaintyView(slug: string, caseId: string, query: { pct?: string; line?: string }) {
  const page = await loadCasePage(slug, caseId);
  const caseFile = toCaseFile(page.detail);
  const { primary, comparison, baseline } = headlinePair(page);
  const pair = comparison && baseline ? { alternative: primary.key, baseline: baseline.key } : null;
  const percent = TORNADO_PERCENTS.find((p) => p.pct === query.pct) ?? TORNADO_PERCENTS[1];
  const lineParam = query.line ?? "";
  const lineKey = lineParam.includes(".") ? lineParam : lineParam ? `${primary.key}.${lineParam}` : "";

  const tor = tornado(caseFile, {
    percent: percent.share,
    scenarioKey: primary.key,
    comparison: pair,
    output: page.output,
  });
  const bars = tor.bars.map((b) => ({ ...b, key: keyOf(b) }));
  const scenarioOrder = pair ? [pair.alternative, pair.baseline] : [primary.key];
  const scenarioNames = Object.fromEntries(caseFile.scenarios.map((s) => [s.key, s.name]));
  const chosen = bars.find((b) => b.key === lineKey) ?? null;
  let breakEvenResult: { change: string | null; up: boolean; impossible: boolean; amount: string | null } | null = null;
  if (chosen) {
    const be = breakEven(caseFile, {
      scenarioKey: chosen.scenario,
      comparison: pair,
      kind: chosen.kind,
      index: chosen.index,
    });
    const change = be.change === null ? null : new Decimal(be.change);
    breakEvenResult = {
      change: be.change,
      up: change !== null && change.gt(0),
      impossible: change !== null && change.lt(-1),
      amount: be.amountAtBreakEven && !new Decimal(be.amountAtBreakEven).isZero() ? be.amountAtBreakEven : null,
    };
  }
  const uncertainLines = caseFile.scenarios
    .filter((s) => scenarioOrder.includes(s.key))
    .flatMap((s) => [...s.costs, ...s.benefits])
    .filter((l) => l.low !== undefined || l.high !== undefined).length;
  // Each foreign currency's rates as one driver beside the lines (docs/currencies.md), with the
  // factor on its rates at which the figure is zero.
  const currencyBars = tor.currencies.map((c) => ({ ...c, key: `fx.${c.currency}` }));
  return {
    ...page,
    currencyBars,
    primary,
    baseline,
    pair,
    percent,
    lineParam,
    npv: tor.npv,
    bars,
    scenarioOrder,
    scenarioNames,
    chosen,
    breakEven: breakEvenResult,
    uncertainLines,
    // Switching values of the largest lines (docs/tax-and-inflation.md), with tax, real terms and
    // optimism bias counted; the names of their scenarios for the table.
    switching: switchingValues(caseFile, { count: SWITCHING_LINES, output: page.output }),
  };
}

const SWITCHING_LINES = 8;
