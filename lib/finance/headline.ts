// The one rule for which scenarios a case headlines (docs/proposal.md): the case's stated proposal
// (its chosenScenario, when set and not the baseline) against the baseline; without one, the first
// scenario that is not the baseline (or the only scenario). The baseline takes part only when the
// case has more than one scenario. The pages, the report, the uncertainty analysis, the checks
// and the realisation's default scenario all use it.
export interface ScenarioFlag {
  key: string;
  baseline?: boolean;
}

export interface HeadlineKeys {
  alternative: string;
  baseline: string | null; // null: a single scenario, or no baseline marked
}

export function headlineKeys(scenarios: readonly ScenarioFlag[], chosen?: string | null): HeadlineKeys {
  const baseline = scenarios.length > 1 ? (scenarios.find((s) => s.baseline === true) ?? null) : null;
  // A stated proposal that names the baseline (or a key the case no longer has) states nothing
  // to compare: the default rule applies.
  const stated = chosen ? scenarios.find((s) => s.key === chosen && s.baseline !== true) : undefined;
  const alternative = stated ?? scenarios.find((s) => s.baseline !== true) ?? scenarios[0];
  if (!alternative) throw new Error("a case has at least one scenario");
  return { alternative: alternative.key, baseline: baseline && baseline.key !== alternative.key ? baseline.key : null };
}

// The headline's figures in a compute output: the headline scenario's result, its comparison with
// the baseline (when there is one) and the baseline's result; `source` holds the figures the
// headline shows (the incremental comparison when there is a baseline, else the scenario's own).
// The case pages, the case list, the health checks and the report all read the headline here.
export interface HeadlineResults<S extends ScenarioFlagResult, C extends { alternative: string; baseline: string }> {
  primary: S;
  comparison: C | null;
  baseline: S | null;
  source: S | C;
}

interface ScenarioFlagResult {
  key: string;
  baseline: boolean;
}

export function headlineResults<S extends ScenarioFlagResult, C extends { alternative: string; baseline: string }>(
  scenarios: readonly S[],
  comparisons: readonly C[],
  chosen?: string | null,
): HeadlineResults<S, C> {
  const keys = headlineKeys(scenarios, chosen);
  const primary = scenarios.find((s) => s.key === keys.alternative)!;
  const baseline = keys.baseline === null ? null : (scenarios.find((s) => s.key === keys.baseline) ?? null);
  const comparison = baseline
    ? (comparisons.find((c) => c.alternative === primary.key && c.baseline === baseline.key) ?? null)
    : null;
  return { primary, comparison, baseline: comparison ? baseline : null, source: comparison ?? primary };
}
