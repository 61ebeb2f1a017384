// Real and nominal terms (docs/tax-and-inflation.md). The engine computes in nominal terms: a case
// whose amounts are in start-month prices ("real") is turned into the same case in nominal
// amounts, and a discount rate stated in real terms into the nominal rate by Fisher:
// (1 + nominal) = (1 + real)(1 + inflation).
//
//   nominalRate(rate, inflation)   Fisher, exact
//   realRate(rate, inflation)      its inverse
//   toNominal(file)                the case in nominal terms (the same object when nothing changes)
//
// A real line becomes a schedule of its nominal flows: each flow of month m (after escalation,
// ramp and realisation, which are stated in real terms) times (1 + inflation)^(m/12). The line's
// realisation and margin stay on it (the actuals' margin needs them), so the schedule holds the
// flows divided by them; expand multiplies them back. Converted lines are kept per line object,
// so the engine's per-line results (compute.ts) still apply after a one-line edit.
import type Decimal from "decimal.js";
import type { BenefitLine, CaseFile, CostLine, Risk, Scenario } from "@/lib/case-file/schema";
import { D, ONE, mul, parse, pow } from "./decimal";
import { expandLine } from "./expand";

export function nominalRate(rate: Decimal.Value, inflation: Decimal.Value): Decimal {
  return ONE.plus(rate).times(ONE.plus(inflation)).minus(1);
}

export function realRate(rate: Decimal.Value, inflation: Decimal.Value): Decimal {
  return ONE.plus(rate).div(ONE.plus(inflation)).minus(1);
}

function inflationOf(file: CaseFile): Decimal | null {
  if (file.inflation === undefined) return null;
  const i = parse(file.inflation);
  return i.isZero() ? null : i;
}

// (1 + i)^(m/12) for m = 0..horizon, once per (inflation, horizon).
const factorCache = new Map<string, Decimal[]>();
export function inflationFactors(inflation: Decimal, horizon: number): Decimal[] {
  const key = `${inflation.toString()}|${horizon}`;
  let out = factorCache.get(key);
  if (!out) {
    const monthly = pow(ONE.plus(inflation), new D(1).div(12));
    out = [ONE];
    for (let m = 1; m <= horizon; m++) out.push(mul(out[m - 1]!, monthly));
    if (factorCache.size > 64) factorCache.clear();
    factorCache.set(key, out);
  }
  return out;
}

const TIMING_KEYS = [
  "amount",
  "labour",
  "month",
  "recurring",
  "startMonth",
  "endMonth",
  "schedule",
  "escalation",
  "rampMonths",
  "rampCurve",
  "low",
  "high",
] as const;

function nominalLine<L extends CostLine | BenefitLine>(
  line: L,
  kind: "cost" | "benefit",
  horizon: number,
  factors: Decimal[],
): L {
  if (kind === "benefit" && (line as BenefitLine).tangible === false) return line;
  const { terms } = expandLine(line, horizon, kind);
  const benefit = kind === "benefit" ? (line as BenefitLine) : null;
  let divisor = ONE;
  if (benefit?.realisation !== undefined) divisor = divisor.times(benefit.realisation);
  if (benefit?.margin !== undefined) divisor = divisor.times(benefit.margin);
  const schedule: Record<string, string> = {};
  if (!divisor.isZero()) {
    for (const t of terms)
      for (let m = t.start; m <= Math.min(t.end, horizon); m += t.step)
        schedule[String(m)] = mul(t.value, factors[m]!).div(divisor).toString();
  }
  if (Object.keys(schedule).length === 0) schedule["0"] = "0";
  const out: Record<string, unknown> = { ...line };
  for (const key of TIMING_KEYS) delete out[key];
  out.schedule = schedule;
  return out as L;
}

const lineCache = new WeakMap<object, { key: string; out: CostLine | BenefitLine }>();
const scenarioCache = new WeakMap<object, { key: string; out: Scenario }>();
const riskCache = new WeakMap<object, { key: string; out: Risk[] }>();

function cached<T extends object>(
  cache: WeakMap<object, { key: string; out: T }>,
  input: T,
  key: string,
  make: () => T,
): T {
  const held = cache.get(input);
  if (held && held.key === key) return held.out;
  const out = make();
  cache.set(input, { key, out });
  return out;
}

function nominalRisk(risk: Risk, factors: Decimal[]): Risk {
  if (risk.costImpact === undefined) return risk;
  const m = Math.min(risk.month ?? 0, factors.length - 1);
  return { ...risk, costImpact: mul(parse(risk.costImpact), factors[m]!).toString() };
}

// The case in nominal terms: amounts inflated when they are real, rates made nominal when they are
// stated in real terms. Without inflation (or with nothing real) it is the file itself.
export function toNominal(file: CaseFile): CaseFile {
  const i = inflationOf(file);
  if (i === null) return file;
  const realPrices = file.priceBasis === "real";
  const realRates = file.discountRateBasis === "real";
  if (!realPrices && !realRates) return file;
  let out: CaseFile = { ...file };
  if (realRates) {
    out.discountRate = nominalRate(file.discountRate, i).toString();
    if (file.financeRate !== undefined) out.financeRate = nominalRate(file.financeRate, i).toString();
    if (file.reinvestRate !== undefined) out.reinvestRate = nominalRate(file.reinvestRate, i).toString();
  }
  if (realPrices) {
    const horizon = file.horizonMonths;
    const factors = inflationFactors(i, horizon);
    const key = `${i.toString()}|${horizon}`;
    const convert = <L extends CostLine | BenefitLine>(line: L, kind: "cost" | "benefit"): L =>
      cached(lineCache, line as CostLine | BenefitLine, `${kind}|${key}`, () =>
        nominalLine(line, kind, horizon, factors),
      ) as L;
    out = {
      ...out,
      scenarios: file.scenarios.map((s) =>
        cached(scenarioCache, s, key, () => ({
          ...s,
          costs: s.costs.map((l) => convert(l, "cost")),
          benefits: s.benefits.map((l) => convert(l, "benefit")),
        })),
      ),
      risks: cached(riskCache, file.risks, key, () => file.risks.map((r) => nominalRisk(r, factors))),
    };
  }
  return out;
}
