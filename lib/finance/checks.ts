// Health checks: the seeds' rules of thumb (docs/finance.md#health-checks), each pass or warn with its numbers.
// They judge the headline (lib/finance/headline.ts): its scenario, and where a check weighs NPV
// figures, the pair the headline shows (the incremental comparison when there is a baseline).
import {
  DEPLOYMENT_COST_CATEGORIES,
  IMPLEMENTATION_COST_CATEGORIES,
  SUPPORT_COST_CATEGORIES,
} from "@/lib/case-file/categories";
import { idOf } from "@/lib/case-file/ids";
import type Decimal from "decimal.js";
import type { BenefitLine, CaseFile } from "@/lib/case-file/schema";
import { D, ZERO } from "./decimal";
import { headlineResults } from "./headline";
import type { Check, ComparisonResult, ScenarioResult } from "./types";

const DEPLOYMENT_CATEGORIES = new Set<string>(DEPLOYMENT_COST_CATEGORIES);
const IMPLEMENTATION_CATEGORIES = new Set<string>(IMPLEMENTATION_COST_CATEGORIES);
const SUPPORT_CATEGORIES = new Set<string>(SUPPORT_COST_CATEGORIES);
const HIGH_RISK_SCORE = 15;

const round = (d: Decimal, places = 2) => d.toDecimalPlaces(places).toString();

export function runChecks(file: CaseFile, scenarios: ScenarioResult[], comparisons: ComparisonResult[]): Check[] {
  // The figures the headline shows (headline.ts): with a baseline, the incremental comparison.
  const { primary, comparison, source } = headlineResults(scenarios, comparisons, file.chosenScenario);
  const primaryFile = file.scenarios.find((s) => s.key === primary.key)!;
  const checks: Check[] = [];

  // 1. Benefits at least twice the costs (equivalently, costs under 50 % of benefits), on the
  // headline's present values: alternative minus baseline when there is a baseline, so the check
  // judges the pair the overview explains ("PV benefits X - PV costs Y").
  const pvC = new D(source.pvCost);
  const pvB = new D(source.pvBenefit);
  const ratio = pvC.gt(0) ? pvB.div(pvC) : null;
  checks.push({
    id: "benefit-cost-ratio",
    status: ratio !== null && ratio.gte(2) ? "pass" : "warn",
    message:
      ratio === null
        ? `${primary.name}: no costs, so the benefit-cost ratio is undefined`
        : `${primary.name}: PV of benefits is ${round(ratio)} times PV of costs${comparison ? " against the baseline" : ""} (rule of thumb: at least 2, i.e. costs under 50 % of benefits)`,
    values: { pvBenefit: source.pvBenefit, pvCost: source.pvCost, ratio: ratio?.toString() ?? null },
  });

  // 2. Payback within 12 months (on the incremental flows when there is a baseline).
  const payback = comparison ? comparison.paybackMonths : primary.paybackMonths;
  checks.push({
    id: "payback-12-months",
    status: payback !== null && new D(payback).lte(12) ? "pass" : "warn",
    message:
      payback === null
        ? `${primary.name} does not pay back within the ${file.horizonMonths}-month horizon (rule of thumb: 12 months)`
        : `${primary.name} pays back in month ${round(new D(payback), 1)}${comparison ? " against the baseline" : ""} (rule of thumb: within 12 months)`,
    values: { paybackMonths: payback },
  });

  // 3. Deployment within six months: the last one-time implementation cost marks go-live.
  let deployment = 0;
  const deploymentLines: Check["lines"] = [];
  primaryFile.costs.forEach((line, index) => {
    if (!DEPLOYMENT_CATEGORIES.has(line.category) || line.recurring) return;
    const months = line.schedule ? Object.keys(line.schedule).map(Number) : [line.month ?? 0];
    const last = Math.max(...months);
    if (last > 6) deploymentLines.push({ scenario: primary.key, kind: "cost", index, id: idOf(line) });
    deployment = Math.max(deployment, last);
  });
  checks.push({
    id: "deployment-6-months",
    status: deployment <= 6 ? "pass" : "warn",
    message:
      deployment <= 6
        ? `Implementation costs end by month ${deployment} (rule of thumb: deploy within 6 months)`
        : `Implementation runs until month ${deployment}; consider phasing the deployment (rule of thumb: within 6 months)`,
    values: { deploymentMonth: deployment },
    lines: deploymentLines,
  });

  // 4. Business costs (planning, training, change management) not far below IT costs.
  const it = new D(primary.itCost);
  const business = new D(primary.businessCost);
  const share = it.gt(0) ? business.div(it) : null;
  checks.push({
    id: "business-vs-it-costs",
    status: share === null || share.gte("0.5") ? "pass" : "warn",
    message:
      share === null
        ? `${primary.name} has no IT costs`
        : `Business costs are ${round(share.times(100), 1)} % of IT costs (the seeds find them usually about equal; warn below 50 %)`,
    values: { itCost: primary.itCost, businessCost: primary.businessCost, share: share?.toString() ?? null },
  });

  // 5. Ongoing support planned at a realistic share of implementation: it often reaches 40 % a year.
  const implementation = primary.categories
    .filter((c) => c.kind === "cost" && IMPLEMENTATION_CATEGORIES.has(c.category))
    .reduce((a, c) => a.plus(c.total), ZERO);
  const support = primary.categories
    .filter((c) => c.kind === "cost" && SUPPORT_CATEGORIES.has(c.category))
    .reduce((a, c) => a.plus(c.total), ZERO);
  const perYear = support.div(Math.max(file.horizonMonths / 12, 1 / 12));
  const supportShare = implementation.gt(0) ? perYear.div(implementation) : null;
  checks.push({
    id: "maintenance-share",
    status: implementation.isZero() || (supportShare !== null && supportShare.gte("0.2")) ? "pass" : "warn",
    message: implementation.isZero()
      ? "No implementation labour or integration costs to compare support against"
      : `Ongoing support is ${round((supportShare ?? ZERO).times(100), 1)} % of implementation a year; it often reaches 40 %, so warn below 20 %`,
    values: {
      supportPerYear: perYear.toString(),
      implementation: implementation.toString(),
      share: supportShare?.toString() ?? null,
    },
  });

  // 6. Every intangible benefit has a KPI; every high risk has a mitigation and an owner.
  const kpiNames = new Set(file.kpis.map((k) => k.name));
  const missingKpi: Check["lines"] = [];
  for (const s of file.scenarios) {
    s.benefits.forEach((b: BenefitLine, index) => {
      if (b.tangible === false && (!b.kpi || !kpiNames.has(b.kpi)))
        missingKpi.push({ scenario: s.key, kind: "benefit", index, id: idOf(b) });
    });
  }
  checks.push({
    id: "intangibles-have-kpis",
    status: missingKpi.length === 0 ? "pass" : "warn",
    message:
      missingKpi.length === 0
        ? "Every intangible benefit is tracked by a KPI"
        : `${missingKpi.length} intangible benefit(s) have no KPI in the KPI list`,
    values: { missing: missingKpi.length },
    lines: missingKpi,
  });
  const unmitigated = file.risks.filter(
    (r) => r.likelihood * r.impact >= HIGH_RISK_SCORE && (!r.mitigation?.trim() || !r.owner?.trim()),
  );
  const high = file.risks.filter((r) => r.likelihood * r.impact >= HIGH_RISK_SCORE).length;
  checks.push({
    id: "high-risks-mitigated",
    status: unmitigated.length === 0 ? "pass" : "warn",
    message:
      unmitigated.length === 0
        ? `All ${high} high risk(s) (score of ${HIGH_RISK_SCORE} or more) have a mitigation and an owner`
        : `${unmitigated.length} of ${high} high risk(s) lack a mitigation or an owner: ${unmitigated.map((r) => r.title).join(", ")}`,
    values: { high, unmitigated: unmitigated.length },
  });

  // 7. An upgrade is judged against the current system: a baseline with its costs.
  const baseline = file.scenarios.find((s) => s.baseline === true);
  const hasBaseline =
    file.scenarios.length === 1 || (baseline !== undefined && baseline.costs.length + baseline.benefits.length > 0);
  checks.push({
    id: "baseline-exists",
    status: hasBaseline ? "pass" : "warn",
    message:
      file.scenarios.length === 1
        ? "A single-scenario case (an implementation): no baseline is needed"
        : hasBaseline
          ? `Baseline "${baseline!.name}" holds the current system's costs`
          : "The baseline has no lines: measure the current system's costs before comparing (seed 004)",
    values: { scenarios: file.scenarios.length },
  });
  return checks;
}
