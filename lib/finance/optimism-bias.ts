// Optimism bias (docs/tax-and-inflation.md): proposals tend to cost more and deliver later than
// their authors expect. The correction raises one-time and recurring costs by their uplifts
// (each uplift x (1 - mitigation)) and moves every benefit flow a number of whole months later
// (what moves past the horizon drops out; mitigation does not shorten the delay). It applies to
// the alternatives only: the baseline, the status quo, has no optimism to correct.
//
//   applyOptimismBias(file)   the case with the correction applied (the file itself without one)
//
// Lines are corrected in their own terms (amounts, months), before inflation and risk adjustment,
// and kept per line object so the engine's per-line results still apply across recomputations.
import type Decimal from "decimal.js";
import type { BenefitLine, CaseFile, CostLine, Scenario } from "@/lib/case-file/schema";
import { ONE, mul, parse } from "./decimal";
import { STEPS, perOccurrence } from "./expand";

export function isRecurringLine(line: CostLine | BenefitLine): boolean {
  return line.recurring !== undefined || (line.schedule !== undefined && Object.keys(line.schedule).length > 1);
}

export interface Uplifts {
  oneTime: Decimal; // the multiplier of one-time costs: 1 + uplift x (1 - mitigation)
  recurring: Decimal;
  delay: number;
}

export function upliftsOf(file: CaseFile): Uplifts | null {
  const ob = file.optimismBias;
  if (!ob) return null;
  const keep = ONE.minus(ob.mitigation ?? "0");
  const factor = (u: string | undefined) => ONE.plus(mul(parse(u ?? "0"), keep));
  return { oneTime: factor(ob.oneTimeCost), recurring: factor(ob.recurringCost), delay: ob.benefitDelayMonths ?? 0 };
}

const times = (text: string, f: Decimal) => mul(parse(text), f).toString();

function upliftCost(line: CostLine, u: Uplifts): CostLine {
  const f = isRecurringLine(line) ? u.recurring : u.oneTime;
  if (f.eq(ONE)) return line;
  const out: CostLine = { ...line };
  if (line.schedule) {
    out.schedule = Object.fromEntries(Object.entries(line.schedule).map(([m, v]) => [m, times(v, f)]));
  } else if (line.labour) {
    delete out.labour;
    out.amount = mul(perOccurrence(line), f).toString();
  } else if (line.amount !== undefined) {
    out.amount = times(line.amount, f);
  }
  if (line.low !== undefined) out.low = times(line.low, f);
  if (line.high !== undefined) out.high = times(line.high, f);
  return out;
}

function delayBenefit(line: BenefitLine, delay: number, horizon: number): BenefitLine {
  if (delay === 0 || line.tangible === false) return line;
  const out: BenefitLine = { ...line };
  if (line.schedule) {
    const moved = Object.entries(line.schedule)
      .map(([m, v]) => [Number(m) + delay, v] as const)
      .filter(([m]) => m <= horizon);
    // Everything moved past the horizon: the line keeps no flow.
    out.schedule = moved.length > 0 ? Object.fromEntries(moved.map(([m, v]) => [String(m), v])) : { "0": "0" };
  } else if (line.recurring) {
    out.startMonth = (line.startMonth ?? STEPS[line.recurring]) + delay;
    if (line.endMonth !== undefined) out.endMonth = line.endMonth + delay;
  } else {
    out.month = (line.month ?? 0) + delay;
  }
  return out;
}

const lineCache = new WeakMap<object, { key: string; out: CostLine | BenefitLine }>();
const scenarioCache = new WeakMap<object, { key: string; out: Scenario }>();

function keep<T extends object>(cache: WeakMap<object, { key: string; out: T }>, input: T, key: string, make: () => T) {
  const held = cache.get(input);
  if (held && held.key === key) return held.out;
  const out = make();
  cache.set(input, { key, out });
  return out;
}

// Which scenarios the correction applies to: every scenario but the baseline (a case with one
// scenario has no baseline, so it applies to that one).
export function biasApplies(file: CaseFile, scenario: Scenario): boolean {
  return file.scenarios.length === 1 || scenario.baseline !== true;
}

export function applyOptimismBias(file: CaseFile): CaseFile {
  const u = upliftsOf(file);
  if (!u) return file;
  if (u.oneTime.eq(ONE) && u.recurring.eq(ONE) && u.delay === 0) return file;
  const horizon = file.horizonMonths;
  const key = `${u.oneTime.toString()}|${u.recurring.toString()}|${u.delay}|${horizon}`;
  return {
    ...file,
    scenarios: file.scenarios.map((s) =>
      !biasApplies(file, s)
        ? s
        : keep(scenarioCache, s, key, () => ({
            ...s,
            costs: s.costs.map((l) => keep(lineCache, l, key, () => upliftCost(l, u)) as CostLine),
            benefits: s.benefits.map(
              (l) => keep(lineCache, l, key, () => delayBenefit(l, u.delay, horizon)) as BenefitLine,
            ),
          })),
    ),
  };
}
