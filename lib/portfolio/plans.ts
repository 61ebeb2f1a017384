// Plans against where the cases stand now, and benefits claimed twice (docs/portfolio.md "Plans").
// Pure: figures in, comparison out.
import { D, ZERO, add, str } from "@/lib/finance/decimal";

export interface BenefitClaim {
  category: string;
  kpi: string; // as the line names it
}

// Two funded cases that both claim a tangible benefit of one category tied to one KPI (compared
// without case or surrounding spaces): the benefit may be counted twice.
export interface DoubleCountingFlag {
  category: string;
  kpi: string;
  cases: string[]; // case ids, two or more
}

export function doubleCountingFlags(
  cases: readonly { id: string; claims: readonly BenefitClaim[] }[],
): DoubleCountingFlag[] {
  const byKey = new Map<string, { category: string; kpi: string; cases: Set<string> }>();
  for (const c of cases)
    for (const claim of c.claims) {
      const key = `${claim.category}\u0000${claim.kpi.trim().toLocaleLowerCase()}`;
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { category: claim.category, kpi: claim.kpi.trim(), cases: new Set() }));
      entry.cases.add(c.id);
    }
  return [...byKey.values()]
    .filter((e) => e.cases.size > 1)
    .map((e) => ({ category: e.category, kpi: e.kpi, cases: [...e.cases] }))
    .sort((a, b) => a.category.localeCompare(b.category) || a.kpi.localeCompare(b.kpi));
}

export interface PlannedCase {
  id: string;
  name: string;
  scenario: string;
  npv: string;
}

export interface CaseNow {
  id: string;
  name: string;
  status: string;
  scenarioNpv: Record<string, string>; // the plan's incremental NPV of each option now
  realisation: { scenario: string; forecastNpv: string; benefitsToDate: string; planBenefitsToDate: string } | null;
}

export interface PlanComparisonRow {
  id: string;
  name: string;
  scenario: string;
  status: string | null; // null: the case is gone (deleted or out of reach)
  planNpv: string;
  // Forecast NPV: actuals to date and plan after, for a live case carrying out the planned
  // scenario; else the plan's NPV of that scenario as it stands now.
  forecastNpv: string | null;
  change: string | null;
  benefitsToDate: string | null;
  planBenefitsToDate: string | null;
}

export interface PlanComparison {
  rows: PlanComparisonRow[];
  total: { planNpv: string; forecastNpv: string; change: string; benefitsToDate: string; planBenefitsToDate: string };
}

export function comparePlan(planned: readonly PlannedCase[], now: readonly CaseNow[]): PlanComparison {
  const byId = new Map(now.map((c) => [c.id, c]));
  let planTotal = ZERO;
  let forecastTotal = ZERO;
  let benefits = ZERO;
  let planBenefits = ZERO;
  const rows = planned.map((p): PlanComparisonRow => {
    const c = byId.get(p.id);
    planTotal = add(planTotal, new D(p.npv));
    if (!c) forecastTotal = add(forecastTotal, new D(p.npv));
    if (!c)
      return {
        id: p.id,
        name: p.name,
        scenario: p.scenario,
        planNpv: p.npv,
        status: null,
        forecastNpv: null,
        change: null,
        benefitsToDate: null,
        planBenefitsToDate: null,
      };
    const live = c.realisation && c.realisation.scenario === p.scenario ? c.realisation : null;
    const forecast = live ? live.forecastNpv : (c.scenarioNpv[p.scenario] ?? null);
    if (forecast !== null) forecastTotal = add(forecastTotal, new D(forecast));
    else forecastTotal = add(forecastTotal, new D(p.npv));
    if (live) {
      benefits = add(benefits, new D(live.benefitsToDate));
      planBenefits = add(planBenefits, new D(live.planBenefitsToDate));
    }
    return {
      id: p.id,
      name: c.name,
      scenario: p.scenario,
      status: c.status,
      planNpv: p.npv,
      forecastNpv: forecast,
      change: forecast === null ? null : str(new D(forecast).minus(p.npv)),
      benefitsToDate: live?.benefitsToDate ?? null,
      planBenefitsToDate: live?.planBenefitsToDate ?? null,
    };
  });
  return {
    rows,
    total: {
      planNpv: str(planTotal),
      forecastNpv: str(forecastTotal),
      change: str(forecastTotal.minus(planTotal)),
      benefitsToDate: str(benefits),
      planBenefitsToDate: str(planBenefits),
    },
  };
}
