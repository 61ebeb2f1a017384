import type { ComparisonResult, ComputeOutput, ScenarioResult } from "./types";

// The one rule for which scenarios a case headlines: the first scenario that is not the baseline
// (or the only scenario) against the baseline, when the case has more than one scenario. The
// pages, the report, the uncertainty analysis and the realisation's default scenario all use it.
export interface ScenarioFlag {
  key: string;
  baseline?: boolean;
}

export interface HeadlineKeys {
  alternative: string;
  baseline: string | null; // null: a single scenario, or no baseline marked
}

export function headlineKeys(scenarios: readonly ScenarioFlag[]): HeadlineKeys {
  const baseline = scenarios.length > 1 ? (scenarios.find((s) => s.baseline === true) ?? null) : null;
  const alternative = scenarios.find((s) => s.baseline !== true) ?? scenarios[0];
  if (!alternative) throw new Error("a case has at least one scenario");
  return { alternative: alternative.key, baseline: baseline && baseline.key !== alternative.key ? baseline.key : null };
}

// The headline's results in a compute output: the first non-baseline scenario (the primary), its
// comparison with the baseline when there is one, and the figures the headline shows (the
// comparison's, else the primary's). Server pages and the browser's live headline both use it.

export function headlineResults(output: ComputeOutput): { primary: ScenarioResult; comparison: ComparisonResult | null; baseline: ScenarioResult | null; source: ScenarioResult | ComparisonResult } {
  const primary = output.scenarios.find((s) => !s.baseline) ?? output.scenarios[0]!;
  const comparison = output.comparisons.find((c) => c.alternative === primary.key) ?? null;
  const baseline = comparison ? (output.scenarios.find((s) => s.key === comparison.baseline) ?? null) : null;
  return { primary, comparison, baseline, source: comparison ?? primary };
}
