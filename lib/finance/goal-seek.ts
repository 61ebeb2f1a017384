// Goal seek and switching values (docs/tax-and-inflation.md).
//
//   goalSeek(file, request)          the value of one numeric input that brings a metric to a target,
//                                    or "no value in [low, high] reaches it"
//   setInput(file, input, value)     the case with that input set (the other objects shared)
//   metricOf(output, metric, scope)  the metric a goal seek reads (null where none exists)
//   switchingValues(file, options)   for the largest lines: the change of the line at which the
//                                    headline NPV reaches zero
//
// Every evaluation is a full computeCase, so tax, real terms, optimism bias and risk adjustment
// all count. The search is deterministic: the range's ends, then (when they do not bracket the
// target) an even scan of the range, then false position (Illinois) with bisection steps on the
// bracket, in decimals. An input that takes whole numbers (months) is searched over whole numbers.
import type Decimal from "decimal.js";
import type { BenefitLine, CaseFile, CostLine, Risk } from "@/lib/case-file/schema";
import { computeCase } from "./compute";
import { D, ONE, ZERO, parse } from "./decimal";
import { headlineKeys } from "./headline";
import type { ComputeOutput, Metrics } from "./types";

export const GOAL_METRICS = ["npv", "irr", "payback", "roi", "afterTaxNpv"] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];

export class GoalSeekError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

// How close the metric must come to the target: money to a millionth of a unit, rates and months
// to 1e-12 (the search usually lands far closer; this is what is promised).
export const TOLERANCE: Record<GoalMetric, Decimal> = {
  npv: new D("1e-6"),
  afterTaxNpv: new D("1e-6"),
  irr: new D("1e-12"),
  roi: new D("1e-12"),
  payback: new D("1e-12"),
};

interface FieldKind {
  integer: boolean;
  range: (current: Decimal, file: CaseFile) => [Decimal, Decimal];
}

const money: FieldKind = {
  integer: false,
  range: (c) => [ZERO, c.isZero() ? new D(1_000_000) : c.abs().times(100)],
};
const share: FieldKind = { integer: false, range: () => [ZERO, ONE] };
const rate: FieldKind = { integer: false, range: () => [new D("-0.99"), new D(10)] };
const month: FieldKind = { integer: true, range: (_c, f) => [ZERO, new D(f.horizonMonths)] };

const LINE_FIELDS: Record<string, FieldKind> = {
  amount: money,
  "labour.hours": money,
  "labour.rate": money,
  "labour.people": money,
  escalation: rate,
  riskAdjustment: share,
  realisation: share,
  margin: share,
  rampMonths: month,
  month,
  startMonth: month,
  endMonth: month,
};
const RISK_FIELDS: Record<string, FieldKind> = { probability: share, costImpact: money, month };
const CASE_FIELDS: Record<string, FieldKind> = {
  discountRate: rate,
  inflation: rate,
  "tax.rate": share,
  "optimismBias.oneTimeCost": { integer: false, range: () => [ZERO, new D(10)] },
  "optimismBias.recurringCost": { integer: false, range: () => [ZERO, new D(10)] },
  "optimismBias.mitigation": share,
  "optimismBias.benefitDelayMonths": month,
};

type Target =
  | { kind: "case"; field: string; spec: FieldKind }
  | { kind: "line"; id: string; field: string; spec: FieldKind; line: CostLine | BenefitLine }
  | { kind: "risk"; id: string; field: string; spec: FieldKind; risk: Risk };

function findLine(file: CaseFile, id: string): CostLine | BenefitLine | null {
  for (const s of file.scenarios) for (const l of [...s.costs, ...s.benefits]) if (l.id === id) return l;
  return null;
}

function resolve(file: CaseFile, input: string): Target {
  if (CASE_FIELDS[input]) return { kind: "case", field: input, spec: CASE_FIELDS[input]! };
  const dot = input.indexOf(".");
  if (dot <= 0)
    throw new GoalSeekError(
      "input",
      `"${input}" is neither a case setting (${Object.keys(CASE_FIELDS).join(", ")}) nor "<object id>.<field>"`,
    );
  const id = input.slice(0, dot);
  const field = input.slice(dot + 1);
  const line = findLine(file, id);
  if (line) {
    const spec = LINE_FIELDS[field];
    if (!spec)
      throw new GoalSeekError(
        "input",
        `a line has no numeric field "${field}" (${Object.keys(LINE_FIELDS).join(", ")})`,
      );
    if (field === "amount" && (line.labour || line.schedule))
      throw new GoalSeekError(
        "input",
        `line "${id}" takes its amount from ${line.labour ? "labour (labour.hours, labour.rate, labour.people)" : "its schedule"}`,
      );
    if (field.startsWith("labour.") && !line.labour)
      throw new GoalSeekError("input", `line "${id}" is not a labour line`);
    return { kind: "line", id, field, spec, line };
  }
  const risk = file.risks.find((r) => r.id === id);
  if (risk) {
    const spec = RISK_FIELDS[field];
    if (!spec)
      throw new GoalSeekError(
        "input",
        `a risk has no numeric field "${field}" (${Object.keys(RISK_FIELDS).join(", ")})`,
      );
    return { kind: "risk", id, field, spec, risk };
  }
  throw new GoalSeekError("input", `no line or risk has the id "${id}"`);
}

function currentValue(file: CaseFile, t: Target): Decimal {
  const read = (o: Record<string, unknown>, path: string): unknown =>
    path
      .split(".")
      .reduce<unknown>((x, k) => (x && typeof x === "object" ? (x as Record<string, unknown>)[k] : undefined), o);
  const source: Record<string, unknown> =
    t.kind === "case"
      ? file
      : t.kind === "line"
        ? (t.line as Record<string, unknown>)
        : (t.risk as Record<string, unknown>);
  const v = read(source, t.field);
  if (v === undefined || v === null) return ZERO;
  return new D(v as string | number);
}

function assign(o: Record<string, unknown>, path: string, value: string | number): Record<string, unknown> {
  const [head, ...rest] = path.split(".");
  if (rest.length === 0) return { ...o, [head!]: value };
  const inner = (o[head!] as Record<string, unknown> | undefined) ?? {};
  return { ...o, [head!]: assign(inner, rest.join("."), value) };
}

function valueOf(spec: FieldKind, v: Decimal): string | number {
  return spec.integer ? v.toNumber() : v.toString();
}

// The case with the input set; every object not on the way to it stays the same object (so the
// engine's per-line results still apply).
export function setInput(file: CaseFile, input: string, value: Decimal.Value): CaseFile {
  return setTarget(file, resolve(file, input), new D(value));
}

function setTarget(file: CaseFile, t: Target, value: Decimal): CaseFile {
  const v = valueOf(t.spec, value);
  if (t.kind === "case") {
    if (t.field === "tax.rate" && !file.tax) throw new GoalSeekError("input", "the case sets no tax");
    return assign(file as unknown as Record<string, unknown>, t.field, v) as unknown as CaseFile;
  }
  if (t.kind === "risk")
    return { ...file, risks: file.risks.map((r) => (r.id === t.id ? (assign(r, t.field, v) as Risk) : r)) };
  const scenarios = file.scenarios.map((s) => {
    const ci = s.costs.findIndex((l) => l.id === t.id);
    const bi = ci >= 0 ? -1 : s.benefits.findIndex((l) => l.id === t.id);
    if (ci < 0 && bi < 0) return s;
    return ci >= 0
      ? { ...s, costs: s.costs.map((l, i) => (i === ci ? (assign(l, t.field, v) as CostLine) : l)) }
      : { ...s, benefits: s.benefits.map((l, i) => (i === bi ? (assign(l, t.field, v) as BenefitLine) : l)) };
  });
  return { ...file, scenarios };
}

// Which figures a goal seek reads: the comparison of the scenario (default: the headline's) with
// the baseline when the case has one, else the scenario's own; the baseline itself reads its own.
export interface Scope {
  scenario: string;
  baseline: string | null;
}

export function scopeOf(file: CaseFile, scenario?: string): Scope {
  const keys = headlineKeys(file.scenarios, file.chosenScenario);
  const key = scenario ?? keys.alternative;
  const s = file.scenarios.find((x) => x.key === key);
  if (!s) throw new GoalSeekError("scenario", `no scenario has the key "${key}"`);
  return { scenario: key, baseline: keys.baseline !== null && keys.baseline !== key ? keys.baseline : null };
}

export function metricOf(output: ComputeOutput, metric: GoalMetric, scope: Scope): Decimal | null {
  const figures: (Metrics & { afterTax?: Metrics }) | undefined = scope.baseline
    ? output.comparisons.find((c) => c.alternative === scope.scenario && c.baseline === scope.baseline)
    : output.scenarios.find((s) => s.key === scope.scenario);
  if (!figures) return null;
  const text =
    metric === "npv"
      ? figures.npv
      : metric === "irr"
        ? figures.irr
        : metric === "payback"
          ? figures.paybackMonths
          : metric === "roi"
            ? figures.roi
            : (figures.afterTax?.npv ?? null);
  return text === null ? null : parse(text);
}

export interface GoalSeekRequest {
  input: string;
  metric: GoalMetric;
  target: Decimal.Value;
  scenario?: string;
  low?: Decimal.Value;
  high?: Decimal.Value;
}

export type GoalSeekResult =
  | {
      reached: true;
      input: string;
      metric: GoalMetric;
      target: string;
      value: string;
      achieved: string;
      evaluations: number;
    }
  | {
      reached: false;
      input: string;
      metric: GoalMetric;
      target: string;
      low: string;
      high: string;
      message: string;
      evaluations: number;
    };

const SCAN = 16;
const MAX_STEPS = 200;
const EDGE_STEPS = 40;

export function goalSeek(file: CaseFile, request: GoalSeekRequest): GoalSeekResult {
  if (!GOAL_METRICS.includes(request.metric)) throw new GoalSeekError("metric", `one of ${GOAL_METRICS.join(", ")}`);
  const t = resolve(file, request.input);
  const scope = scopeOf(file, request.scenario);
  if (request.metric === "afterTaxNpv" && !file.tax)
    throw new GoalSeekError("metric", "after-tax NPV needs the case's tax settings");
  const target = new D(request.target);
  if (!target.isFinite()) throw new GoalSeekError("target", "must be a finite number");
  const [defLow, defHigh] = t.spec.range(currentValue(file, t), file);
  let low = request.low !== undefined ? new D(request.low) : defLow;
  let high = request.high !== undefined ? new D(request.high) : defHigh;
  if (!low.isFinite()) throw new GoalSeekError("low", "must be a finite number");
  if (!high.isFinite()) throw new GoalSeekError("high", "must be a finite number");
  if (low.gt(high)) throw new GoalSeekError("low", "must not be above high");
  if (t.spec.integer) {
    low = low.ceil();
    high = high.floor();
  }
  const tol = TOLERANCE[request.metric];
  let evaluations = 0;
  const f = (x: Decimal): Decimal | null => {
    evaluations++;
    const m = metricOf(computeCase(setTarget(file, t, x)), request.metric, scope);
    return m === null ? null : m.minus(target);
  };
  const head = { input: request.input, metric: request.metric, target: target.toString() };
  const done = (x: Decimal, fx: Decimal): GoalSeekResult => ({
    reached: true,
    ...head,
    value: x.toString(),
    achieved: fx.plus(target).toString(),
    evaluations,
  });
  const miss = (): GoalSeekResult => ({
    reached: false,
    ...head,
    low: low.toString(),
    high: high.toString(),
    message: `no value in [${low.toString()}, ${high.toString()}] brings ${request.metric} to ${target.toString()}`,
    evaluations,
  });

  // The points of the scan: the ends, then (when they do not bracket) an even grid; for whole
  // numbers every integer when there are few.
  const points: Decimal[] = [];
  if (t.spec.integer) {
    const n = high.minus(low).toNumber();
    const step = n <= 4 * SCAN * 4 ? 1 : Math.ceil(n / (SCAN * 4));
    for (let k = 0; k <= n; k += step) points.push(low.plus(k));
    if (!points[points.length - 1]!.eq(high)) points.push(high);
  } else {
    for (let k = 0; k <= SCAN; k++) points.push(low.plus(high.minus(low).times(k).div(SCAN)));
  }
  const values = new Map<number, Decimal | null>();
  const at = (i: number) => {
    if (!values.has(i)) values.set(i, f(points[i]!));
    return values.get(i)!;
  };
  const bracketed = (a: Decimal | null, b: Decimal | null) => a !== null && b !== null && a.isNeg() !== b.isNeg();
  let bracket: [number, number] | null = null;
  const first = at(0);
  if (first !== null && first.abs().lte(tol)) return done(points[0]!, first);
  const last = at(points.length - 1);
  if (bracketed(first, last) && !t.spec.integer) bracket = [0, points.length - 1];
  for (let i = 0; bracket === null && i < points.length - 1; i++) {
    const a = at(i);
    const b = at(i + 1);
    if (b !== null && b.abs().lte(tol)) return done(points[i + 1]!, b);
    if (bracketed(a, b)) bracket = [i, i + 1];
  }
  if (bracket === null && !t.spec.integer) {
    // A metric may exist on part of the range only (payback, IRR): next to where it starts to
    // exist it can be on the other side of the target (a payback just inside the horizon). Find
    // each edge by bisection and look again with the edges among the points.
    const refined: { x: Decimal; v: Decimal | null }[] = [];
    for (let i = 0; i < points.length; i++) {
      refined.push({ x: points[i]!, v: at(i) });
      if (i + 1 < points.length && (at(i) === null) !== (at(i + 1) === null)) {
        let [p, q] = at(i) === null ? [points[i]!, points[i + 1]!] : [points[i + 1]!, points[i]!];
        let vq = at(i) === null ? at(i + 1) : at(i);
        for (let k = 0; k < EDGE_STEPS; k++) {
          const mid = p.plus(q).div(2);
          const vm = f(mid);
          if (vm === null) p = mid;
          else [q, vq] = [mid, vm];
        }
        refined.push({ x: q, v: vq });
      }
    }
    refined.sort((u, w) => u.x.comparedTo(w.x));
    points.splice(0, points.length, ...refined.map((r) => r.x));
    values.clear();
    refined.forEach((r, i) => values.set(i, r.v));
    for (let i = 0; bracket === null && i < points.length - 1; i++) {
      const b = at(i + 1);
      if (b !== null && b.abs().lte(tol)) return done(points[i + 1]!, b);
      if (bracketed(at(i), b)) bracket = [i, i + 1];
    }
  }
  if (bracket === null) return miss();
  let a = points[bracket[0]]!;
  let b = points[bracket[1]]!;
  let fa = at(bracket[0])!;
  let fb = at(bracket[1])!;
  if (t.spec.integer) {
    // Whole numbers: the first one at or past the target, by bisection inside the step.
    while (b.minus(a).gt(1)) {
      const mid = a.plus(b).div(2).floor();
      const fm = f(mid);
      if (fm !== null && fm.isNeg() === fa.isNeg()) {
        a = mid;
        fa = fm;
      } else if (fm !== null) {
        b = mid;
        fb = fm;
      } else break;
    }
    return done(b, fb);
  }
  // Illinois false position; a bisection step whenever the bracket did not halve.
  let side = 0;
  let width = b.minus(a).abs();
  for (let step = 0; step < MAX_STEPS; step++) {
    let x = fb.minus(fa).isZero() ? a.plus(b).div(2) : b.minus(fb.times(b.minus(a)).div(fb.minus(fa)));
    if (step % 3 === 2 && b.minus(a).abs().gt(width.div(2))) x = a.plus(b).div(2);
    if (x.lte(D.min(a, b)) || x.gte(D.max(a, b))) x = a.plus(b).div(2);
    const fx = f(x);
    if (fx === null) {
      // No figure at this point (e.g. no IRR): shrink towards the end that has one by bisection.
      const mid = a.plus(b).div(2);
      const fm = f(mid);
      if (fm === null) break;
      if (fm.isNeg() === fa.isNeg()) [a, fa] = [mid, fm];
      else [b, fb] = [mid, fm];
      continue;
    }
    if (fx.abs().lte(tol)) return done(x, fx);
    if (fx.isNeg() === fb.isNeg()) {
      b = x;
      fb = fx;
      if (side === -1) fa = fa.div(2);
      side = -1;
    } else {
      a = x;
      fa = fx;
      if (side === 1) fb = fb.div(2);
      side = 1;
    }
    if (step % 3 === 2) width = b.minus(a).abs();
    if (
      b
        .minus(a)
        .abs()
        .lte(D.max(a.abs(), b.abs(), ONE).times("1e-30"))
    )
      break;
  }
  // The bracket closed on a jump, not a root (the metric steps over the target): the nearer end.
  const [x, fx] = fa.abs().lt(fb.abs()) ? [a, fa] : [b, fb];
  return fx.abs().lte(tol) ? done(x, fx) : miss();
}

// ---------------------------------------------------------------------------------------------
// Switching values (the Green Book's): how far a line may move before the headline NPV reaches
// zero. NPV is affine in a line's size (risk adjustment, uplifts, inflation and tax are all
// linear), so two evaluations give it exactly: change = -NPV / (NPV(line doubled) - NPV).

export interface SwitchingValue {
  id: string;
  scenario: string;
  kind: "cost" | "benefit";
  name: string;
  pv: string; // the line's present value (risk-adjusted)
  change: string | null; // relative change of the line at which NPV is zero (-0.25 = 25 % lower)
  amount: string | null; // the line's amount per occurrence at that point (amount lines only)
}

export function scaleLine<L extends CostLine | BenefitLine>(line: L, factor: Decimal): L {
  const out = { ...line } as L;
  const times = (s: string) => parse(s).times(factor).toString();
  if (line.schedule) out.schedule = Object.fromEntries(Object.entries(line.schedule).map(([m, v]) => [m, times(v)]));
  else if (line.labour) out.labour = { ...line.labour, rate: times(line.labour.rate) };
  else if (line.amount !== undefined) out.amount = times(line.amount);
  return out;
}

export function switchingValues(
  file: CaseFile,
  options: { count?: number; output?: ComputeOutput } = {},
): { npv: string; scenario: string; baseline: string | null; lines: SwitchingValue[] } {
  const output = options.output ?? computeCase(file);
  const scope = scopeOf(file);
  const npv = metricOf(output, "npv", scope) ?? ZERO;
  const keys = [scope.scenario, ...(scope.baseline ? [scope.baseline] : [])];
  const candidates = output.scenarios
    .filter((s) => keys.includes(s.key))
    .flatMap((s) => s.lines.filter((l) => l.tangible && !parse(l.pv).isZero()).map((l) => ({ s: s.key, l })))
    .sort((x, y) => parse(y.l.pv).abs().comparedTo(parse(x.l.pv).abs()))
    .slice(0, options.count ?? 5);
  const lines = candidates.map(({ s, l }): SwitchingValue => {
    const line = findLine(file, l.id)!;
    const doubled = computeCase(mapLine(file, l.id, (x) => scaleLine(x, new D(2))));
    const slope = (metricOf(doubled, "npv", scope) ?? ZERO).minus(npv);
    const change = slope.isZero() ? null : npv.neg().div(slope);
    const amount =
      change !== null && line.amount !== undefined && !line.labour ? parse(line.amount).times(ONE.plus(change)) : null;
    return {
      id: l.id,
      scenario: s,
      kind: l.kind,
      name: l.name,
      pv: l.pv,
      change: change === null ? null : change.toString(),
      amount: amount === null ? null : amount.toString(),
    };
  });
  return { npv: npv.toString(), scenario: scope.scenario, baseline: scope.baseline, lines };
}

function mapLine(file: CaseFile, id: string, fn: (l: CostLine | BenefitLine) => CostLine | BenefitLine): CaseFile {
  return {
    ...file,
    scenarios: file.scenarios.map((s) =>
      s.costs.some((l) => l.id === id) || s.benefits.some((l) => l.id === id)
        ? {
            ...s,
            costs: s.costs.map((l) => (l.id === id ? (fn(l) as CostLine) : l)),
            benefits: s.benefits.map((l) => (l.id === id ? (fn(l) as BenefitLine) : l)),
          }
        : s,
    ),
  };
}
