// Puts a line on the monthly grid (docs/finance.md#lines). A line becomes a short list of terms,
// each a run of equal amounts every `step` months from `start` to `end` inclusive. Runs make
// 1,000-line cases cheap: totals, present values and grid sums cost O(1) per run, not per month.
import type Decimal from "decimal.js";
import type { BenefitLine, CostLine } from "@/lib/case-file/schema";
import { D, ONE, ZERO, add, eq, mul, parse, rounded } from "./decimal";

export interface Term {
  start: number;
  end: number; // last occurrence (inclusive), aligned on step
  step: 1 | 3 | 12;
  value: Decimal; // amount per occurrence, before risk adjustment
}

export const STEPS = { monthly: 1, quarterly: 3, annual: 12 } as const;

// Defaults where a recurring line omits its range: from the first period end to the horizon.
export function recurringRange(
  line: CostLine | BenefitLine,
  horizon: number,
): { start: number; end: number; step: 1 | 3 | 12 } {
  const step = STEPS[line.recurring ?? "monthly"];
  const start = line.startMonth ?? step;
  const end = line.endMonth ?? horizon;
  return { start, end, step };
}

// S-curve: smoothstep 3x^2 - 2x^3 of x = e / R, which is 0 at the start, 1 at e = R, with zero slope
// at both ends (adoption starts slowly, accelerates, then levels off).
const rampCache = new Map<number, Decimal>();
const CURVES = { linear: 0, "s-curve": 1, step: 2 } as const;

export function rampFactor(elapsed: number, rampMonths: number, curve: "linear" | "s-curve" | "step"): Decimal {
  if (rampMonths <= 0 || elapsed >= rampMonths) return ONE;
  // A numeric key (curve, rampMonths, elapsed): no string per call. Odd inputs skip the cache.
  if (!Number.isInteger(elapsed) || !Number.isInteger(rampMonths) || elapsed < -(2 ** 20) || rampMonths >= 2 ** 20)
    return computeRamp(elapsed, rampMonths, curve);
  const key = (rampMonths * 3 + (CURVES[curve] ?? 1)) * 2 ** 21 + elapsed + 2 ** 20;
  let cached = rampCache.get(key);
  if (!cached) {
    cached = computeRamp(elapsed, rampMonths, curve);
    if (rampCache.size < 50_000) rampCache.set(key, cached);
  }
  return cached;
}

function computeRamp(elapsed: number, rampMonths: number, curve: "linear" | "s-curve" | "step"): Decimal {
  if (elapsed <= 0) return ZERO;
  const x = new D(elapsed).div(rampMonths);
  if (curve === "step") return ZERO;
  if (curve === "linear") return x;
  return x.times(x).times(new D(3).minus(x.times(2)));
}

export function perOccurrence(line: CostLine | BenefitLine): Decimal {
  if (line.labour) return new D(line.labour.hours).times(line.labour.rate).times(line.labour.people);
  return line.amount === undefined ? ZERO : rounded(parse(line.amount));
}

export interface LineShape {
  terms: Term[];
  firstMonth: number | null;
  lastMonth: number | null;
}

// Occurrence months of a line (used for ramps, escalation years and display).
function occurrences(
  line: CostLine | BenefitLine,
  horizon: number,
): { months: number[]; values: Decimal[] | null; start: number; step: 1 | 3 | 12 } {
  if (line.schedule) {
    const months = Object.keys(line.schedule)
      .map(Number)
      .sort((a, b) => a - b);
    return {
      months,
      values: months.map((m) => rounded(parse(line.schedule![String(m)]!))),
      start: months[0] ?? 0,
      step: 1,
    };
  }
  if (line.recurring) {
    const { start, end, step } = recurringRange(line, horizon);
    const months: number[] = [];
    for (let m = start; m <= Math.min(end, horizon); m += step) months.push(m);
    return { months, values: null, start, step };
  }
  const m = line.month ?? 0;
  return { months: m <= horizon ? [m] : [], values: null, start: m, step: 1 };
}

export function expandLine(line: CostLine | BenefitLine, horizon: number, kind: "cost" | "benefit"): LineShape {
  const benefit = kind === "benefit" ? (line as BenefitLine) : null;
  if (benefit && benefit.tangible === false) return { terms: [], firstMonth: null, lastMonth: null };
  const { months, values, start, step } = occurrences(line, horizon);
  if (months.length === 0) return { terms: [], firstMonth: null, lastMonth: null };

  let base = values ? ONE : perOccurrence(line);
  if (benefit) {
    if (benefit.realisation !== undefined) base = mul(base, parse(benefit.realisation));
    if (benefit.margin !== undefined) base = mul(base, parse(benefit.margin));
  }
  const escalation = line.escalation !== undefined ? parse(line.escalation) : ZERO;
  const rampMonths = benefit?.rampMonths ?? 0;
  const curve = benefit?.rampCurve ?? "linear";
  const factor = add(ONE, escalation);
  // base x (1 + escalation)^k, once per escalation year k (not once per occurrence); for
  // schedules, (1 + escalation)^k. (Inline, not closures: one fewer allocation per line.)
  const escalated: Decimal[] = [base];
  const growth: Decimal[] = [ONE];

  const terms: Term[] = [];
  for (let i = 0; i < months.length; i++) {
    const m = months[i]!;
    const elapsed = m - start + 1;
    const k = escalation.isZero() ? 0 : Math.floor((m - start) / 12);
    let v: Decimal;
    if (values) {
      v = benefit ? mul(values[i]!, base) : values[i]!;
      if (k > 0) {
        while (growth.length <= k) growth.push(mul(growth[growth.length - 1]!, factor));
        v = mul(v, growth[k]!);
      }
    } else {
      while (escalated.length <= k) escalated.push(mul(escalated[escalated.length - 1]!, factor));
      v = escalated[k]!;
    }
    if (rampMonths > 0 && elapsed < rampMonths) v = mul(v, rampFactor(elapsed, rampMonths, curve));
    const prev = terms[terms.length - 1];
    // Extend the previous run while the amount and the cadence stay the same.
    if (!values && prev && prev.step === step && prev.end + step === m && eq(prev.value, v)) {
      prev.end = m;
    } else {
      terms.push({ start: m, end: m, step: values ? 1 : step, value: v });
    }
  }
  return {
    terms: terms.filter((t) => !t.value.isZero()),
    firstMonth: months[0]!,
    lastMonth: months[months.length - 1]!,
  };
}
