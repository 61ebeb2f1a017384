// The Realisation tab's view model (built by lib/services/realisation-view.ts), shared with the
// client components that show it: decimal strings and formatted text only.
import type { Check } from "@/lib/finance/types";
import type { CurrencyVarianceView } from "@/lib/report/currency-variance";

export type Tone = "good" | "bad" | "even" | "none";

export interface ActualsCell {
  month: number;
  actual: string | null; // as recorded (decimal string)
  plan: string; // the plan in the same terms (decimal string)
  planText: string;
  tone: Tone;
}

export interface ActualsRow {
  lineId: string; // row id (API and actions)
  stableId: string;
  name: string;
  kind: "cost" | "benefit";
  cells: ActualsCell[];
  recorded: boolean;
  planToDate: string;
  actualToDate: string;
  varianceText: string;
  tone: Tone;
}

export interface KpiView {
  kpiId: string;
  name: string;
  unit: string;
  direction: "up" | "down";
  values: { month: number; value: string }[];
  baselineText: string;
  targetText: string;
  beforeText: string;
  afterText: string;
  changeText: string;
  latestText: string;
  progressText: string;
  progress: string | null; // 0..1 for the bar (may fall outside)
  improved: boolean | null;
  series: { month: string; value: string }[]; // for the small chart
}

export interface RealisationView {
  caseId: string;
  currency: string;
  locale: string;
  horizon: number;
  startMonth: string;
  settings: {
    actualsThrough: number | null;
    goLiveMonth: number;
    chosenScenario: string;
    scenarios: { key: string; name: string }[];
  };
  active: boolean;
  months: { month: number; label: string }[];
  rows: ActualsRow[];
  cards: {
    id: string;
    label: "plan" | "actual" | "variance" | "realisedRoi";
    value: string;
    detail: string;
    tone: Tone;
  }[];
  quarters: { label: string; planBenefit: string; actualBenefit: string; planCost: string; actualCost: string }[];
  cumulative: { label: string; plan: string; forecast: string }[];
  forecast: { metric: "npv" | "roi" | "payback"; plan: string; forecast: string; tone: Tone }[];
  forecastAgainst: string | null; // the baseline's name when the figures are incremental
  unrecorded: string[];
  kpis: KpiView[];
  checks: Check[];
  // Currencies (docs/currencies.md): the split of the foreign lines' variance (null: none), and
  // the actual rates as the editor shows them (null: the case has no foreign currency).
  currencyVariance: CurrencyVarianceView | null;
  actualRates: { text: string; rows: { currency: string; month: number; monthLabel: string; rate: string }[] } | null;
}
