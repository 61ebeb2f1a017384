// The compute output (docs/case-file.md#the-compute-output), JSON-ready: every number a decimal string at full
// precision; irr, mirr and the paybacks null where none exists. The format only grows:
// keys are added, never renamed.

export type DecimalString = string;

export interface MonthRow {
  month: number;
  cost: DecimalString;
  benefit: DecimalString;
  net: DecimalString;
  cumulative: DecimalString;
  discountFactor: DecimalString;
  // additions
  discountedNet: DecimalString;
  discountedCumulative: DecimalString;
}

export interface YearRow {
  year: number; // 0 = month 0 alone; k = months 12k-11 .. 12k
  cost: DecimalString;
  benefit: DecimalString;
  net: DecimalString;
  pvCost: DecimalString;
  pvBenefit: DecimalString;
}

export interface Metrics {
  totalCost: DecimalString;
  totalBenefit: DecimalString;
  netBenefit: DecimalString;
  pvCost: DecimalString;
  pvBenefit: DecimalString;
  npv: DecimalString;
  roi: DecimalString | null; // null when total cost is zero
  discountedRoi: DecimalString | null;
  benefitCostRatio: DecimalString | null;
  irr: DecimalString | null;
  mirr: DecimalString | null;
  paybackMonths: DecimalString | null;
  discountedPaybackMonths: DecimalString | null;
  annualisedRoi: DecimalString | null;
  irrNote: IrrNote | null;
}

export type IrrNote = "no-sign-change" | "no-root" | "zero-flows" | "several-roots";

export interface LineResult {
  id: string; // the line's stable id (docs/case-file.md#stable-ids); pages find lines by it
  index: number; // position within its kind in the scenario
  kind: "cost" | "benefit";
  name: string;
  category: string;
  tangible: boolean;
  kpi: string | null;
  recurring: boolean; // false for one-time lines
  total: DecimalString; // risk-adjusted
  pv: DecimalString; // risk-adjusted
  totalUnadjusted: DecimalString;
  years: DecimalString[]; // risk-adjusted, index = year
  firstMonth: number | null;
  lastMonth: number | null;
  currency?: string; // only for a line in another currency than the case's (figures converted)
}

export interface CategoryResult {
  kind: "cost" | "benefit";
  category: string;
  group: "it" | "business" | "other" | "benefit";
  total: DecimalString;
  pv: DecimalString;
  years: DecimalString[];
}

// Tax and optimism bias (docs/tax-and-inflation.md): present only when the case sets them.
export interface TaxYearRow {
  year: number;
  depreciation: DecimalString;
  taxableEffect: DecimalString;
  tax: DecimalString; // paid in the year (negative: a saving)
}

export interface AfterTax extends Metrics {
  unadjusted: Metrics;
  optimismBiasAdjusted?: Metrics;
  years: TaxYearRow[];
}

export interface DepthResults {
  afterTax?: AfterTax;
  optimismBiasAdjusted?: Metrics; // optimism bias without the risk adjustment
}

export interface ScenarioResult extends Metrics, DepthResults {
  key: string;
  name: string;
  baseline: boolean;
  unadjusted: Metrics;
  months: MonthRow[];
  years: YearRow[];
  lines: LineResult[];
  categories: CategoryResult[];
  itCost: DecimalString;
  businessCost: DecimalString;
  oneTimeCost: DecimalString;
  recurringCost: DecimalString;
  expectedRiskCost: DecimalString; // expected value of risks included in the risk-adjusted costs
}

export interface ComparisonResult extends Metrics, DepthResults {
  baseline: string;
  alternative: string;
  unadjusted: Metrics;
  months: MonthRow[];
  years: YearRow[];
}

export interface Check {
  id: string;
  status: "pass" | "warn";
  message: string;
  values: Record<string, DecimalString | number | null>;
  lines?: { scenario: string; kind: "cost" | "benefit"; index: number; id: string }[];
}

export interface ComputeOutput {
  currency: string;
  horizonMonths: number;
  discountRate: DecimalString;
  scenarios: ScenarioResult[];
  comparisons: ComparisonResult[];
  checks: Check[];
  realisation: RealisationResult | null;
}

// Benefit realisation (docs/finance.md#benefit-realisation), null without actualsThrough.
export interface Triple {
  cost: DecimalString;
  benefit: DecimalString;
  net: DecimalString;
}

export interface RealisationLine {
  id: string;
  kind: "cost" | "benefit";
  name: string;
  planToDate: DecimalString; // risk-adjusted plan, months 0..actualsThrough
  actualToDate: DecimalString;
  variance: DecimalString; // actual - plan
  recorded: boolean; // false: no actual recorded for any month
  // A line in another currency than the case's (docs/currencies.md): its currency and the
  // variance split into volume/price and currency, in the reporting currency; they sum to variance.
  currency?: string;
  currencyVariance?: DecimalString;
  volumeVariance?: DecimalString;
}

export interface RealisationKpi {
  id: string;
  name: string;
  direction: "up" | "down"; // addition: the direction "improved" is judged by
  beforeAverage: DecimalString | null;
  afterAverage: DecimalString | null;
  change: DecimalString | null;
  latest: DecimalString | null;
  progress: DecimalString | null;
  improved: boolean | null; // null: no before or no after values
}

export interface RealisationResult {
  scenario: string;
  actualsThrough: number;
  goLiveMonth: number; // addition
  planToDate: Triple;
  actualToDate: Triple;
  variance: Triple;
  varianceShare: { cost: DecimalString | null; benefit: DecimalString | null; net: DecimalString | null };
  realisedRoi: DecimalString | null;
  forecast: Metrics & { months: MonthRow[] };
  forecastComparison: (Metrics & { baseline: string; alternative: string }) | null;
  lines: RealisationLine[];
  kpis: RealisationKpi[];
  currencyVariance?: Triple; // the currency part of the variance, when any line is in another currency
}
