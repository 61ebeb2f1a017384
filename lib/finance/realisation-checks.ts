// Health checks of a case past go-live (docs/finance.md#realisation-health-checks), judged on the
// realisation to date; added to the case's checks only when the case records actuals.
import { chosenScenarioKey, type CaseFile } from "@/lib/case-file/schema";
import { idOf } from "@/lib/case-file/ids";
import type Decimal from "decimal.js";
import { D } from "./decimal";
import type { Check, RealisationResult } from "./types";

// Benefits more than 20 % behind plan, costs more than 10 % over plan (shares of the plan to date).
export const BENEFIT_SHORTFALL_LIMIT = "-0.2";
export const COST_OVERRUN_LIMIT = "0.1";

const pct = (share: string) => new D(share).times(100).toDecimalPlaces(1).toString();

export function realisationChecks(file: CaseFile, r: RealisationResult | null): Check[] {
  if (!r) return [];
  const checks: Check[] = [];
  // To date against plan, one check per side: benefits warn when more than 20 % behind, costs
  // when more than 10 % over.
  const onPlan = (kind: "benefit" | "cost", off: (share: Decimal) => boolean, rule: string): Check => {
    const share = r.varianceShare[kind];
    const what = kind === "benefit" ? "benefits" : "costs";
    return {
      id: `realisation-${what}-on-plan`,
      status: share !== null && off(new D(share)) ? "warn" : "pass",
      message:
        share === null
          ? `no ${what} were planned through month ${r.actualsThrough}`
          : `${what} to date are ${pct(share)} % against plan through month ${r.actualsThrough} (rule: ${rule})`,
      values: { share, plan: r.planToDate[kind], actual: r.actualToDate[kind], actualsThrough: r.actualsThrough },
    };
  };
  checks.push(onPlan("benefit", (share) => share.lt(BENEFIT_SHORTFALL_LIMIT), "not more than 20 % behind"));
  checks.push(onPlan("cost", (share) => share.gt(COST_OVERRUN_LIMIT), "not more than 10 % over"));

  const scenario = file.scenarios.find((s) => s.key === chosenScenarioKey(file))!;
  const unrecorded = new Set(r.lines.filter((l) => !l.recorded && !new D(l.planToDate).isZero()).map((l) => l.id));
  const lines: NonNullable<Check["lines"]> = [];
  scenario.costs.forEach(
    (l, index) => unrecorded.has(idOf(l)) && lines.push({ scenario: scenario.key, kind: "cost", index, id: idOf(l) }),
  );
  scenario.benefits.forEach(
    (l, index) =>
      unrecorded.has(idOf(l)) && lines.push({ scenario: scenario.key, kind: "benefit", index, id: idOf(l) }),
  );
  checks.push({
    id: "realisation-lines-recorded",
    status: lines.length ? "warn" : "pass",
    message: lines.length
      ? `${lines.length} line(s) with planned flows to date have no actuals recorded`
      : "every line with planned flows to date has actuals",
    values: { missing: lines.length },
    ...(lines.length ? { lines } : {}),
  });

  const wrongWay = r.kpis.filter((k) => k.improved === false);
  checks.push({
    id: "realisation-kpis-improving",
    status: wrongWay.length ? "warn" : "pass",
    message: wrongWay.length
      ? `KPIs moving the wrong way since go-live: ${wrongWay.map((k) => k.name).join(", ")}`
      : "no KPI is moving the wrong way since go-live",
    values: { wrongWay: wrongWay.length, names: wrongWay.map((k) => k.name).join(", ") },
  });
  return checks;
}
