// Funding the best set of cases within yearly budgets (docs/portfolio.md "Selection"): a 0-1
// integer programme solved exactly by HiGHS (branch and cut on LP bounds, compiled to
// WebAssembly). The model is built in floating point, scaled to numbers near 1; every figure of the
// answer (totals, spend, slack) is summed again in decimals from the chosen options, and a choice
// that a float rounding let past a budget is refused by tightening that budget and solving again.
import type Decimal from "decimal.js";
import { D, ZERO, add, str } from "@/lib/finance/decimal";
import { loadHighs, type HighsSolution } from "./highs";

export interface SelectionOption {
  scenario: string;
  npv: string;
  profitabilityIndex: string | null;
  spend: Record<string, string>; // calendar year -> amount (may be negative)
}

export interface SelectionCase {
  id: string;
  proposal: string; // scenario key of the option funded when alternatives are not allowed
  options: SelectionOption[];
}

export interface Dependency {
  case: string; // funded only with ...
  requires: string; // ... this case funded too
}

export interface SelectionInput {
  budgets: Record<string, string>; // calendar year -> budget
  mustFund?: string[];
  exclude?: string[];
  dependencies?: Dependency[];
  alternatives?: boolean; // any alternative of a case may be funded (default: its proposal only)
}

export interface SelectionResult {
  optimal: boolean; // optimality proved by the solver
  status: string; // the solver's model status
  solveMs: number;
  totalNpv: string;
  spend: Record<string, string>; // by budget year, of the chosen options
  chosen: { case: string; scenario: string }[];
  bindingYears: string[]; // years whose budget left stops a positive-NPV case (bindingYearsOf)
  rankingByProfitabilityIndexNpv: string | null; // null: the ranking cannot fund the must-funds
  npvLostByRanking: string | null;
}

// Bad input: names the field (unknown ids, malformed budgets). Infeasible: a valid input no choice
// satisfies; the message names the cause.
export class SelectionInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export class SelectionInfeasible extends Error {
  constructor(
    readonly reason: "must-fund-excluded" | "dependency-cycle" | "requires-excluded" | "must-funds-over-budget",
    message: string,
  ) {
    super(message);
  }
}

const dec = (s: string) => new D(s);
const NUMBER = /^-?\d+(\.\d+)?$/;

interface Variable {
  caseIndex: number;
  option: SelectionOption;
  npv: Decimal;
  spend: Map<string, Decimal>;
}

interface Prepared {
  cases: SelectionCase[];
  years: string[];
  budgets: Map<string, Decimal>;
  vars: Variable[];
  byCase: number[][]; // variable indices per case
  must: Set<number>;
  excluded: Set<number>;
  deps: [number, number][]; // [case, requires]
}

function indexCases(cases: readonly SelectionCase[]): Map<string, number> {
  const index = new Map<string, number>();
  cases.forEach((c, i) => {
    if (index.has(c.id)) throw new SelectionInputError("cases", `"${c.id}" appears twice`);
    index.set(c.id, i);
  });
  return index;
}

function caseIndex(index: Map<string, number>, field: string, id: string): number {
  const i = index.get(id);
  if (i === undefined) throw new SelectionInputError(field, `no case "${id}" in the portfolio`);
  return i;
}

// Validates and shapes the input; refuses what no solve could satisfy before any solve.
export function prepareSelection(cases: readonly SelectionCase[], input: SelectionInput): Prepared {
  const index = indexCases(cases);
  const budgets = new Map<string, Decimal>();
  for (const [year, amount] of Object.entries(input.budgets)) {
    if (!/^\d{4}$/.test(year)) throw new SelectionInputError("budgets", `"${year}" is not a calendar year`);
    if (typeof amount !== "string" || !NUMBER.test(amount))
      throw new SelectionInputError(`budgets.${year}`, 'a decimal amount such as "5000000"');
    const b = dec(amount);
    if (b.isNegative()) throw new SelectionInputError(`budgets.${year}`, "must not be negative");
    budgets.set(year, b);
  }
  const years = [...budgets.keys()].sort();
  const must = new Set((input.mustFund ?? []).map((id) => caseIndex(index, "mustFund", id)));
  const excluded = new Set((input.exclude ?? []).map((id) => caseIndex(index, "exclude", id)));
  const deps: [number, number][] = (input.dependencies ?? []).map((d) => [
    caseIndex(index, "dependencies.case", d.case),
    caseIndex(index, "dependencies.requires", d.requires),
  ]);
  for (const i of must)
    if (excluded.has(i))
      throw new SelectionInfeasible(
        "must-fund-excluded",
        `"${cases[i]!.id}" is both a must-fund and excluded: no selection can satisfy both`,
      );
  const cycle = findCycle(cases.length, deps);
  if (cycle)
    throw new SelectionInfeasible(
      "dependency-cycle",
      `the dependencies form a cycle: ${cycle.map((i) => `"${cases[i]!.id}"`).join(" requires ")}`,
    );
  // A must-fund that needs (through any chain) an excluded case.
  const required = requiredClosure(cases.length, deps);
  for (const i of must)
    for (const j of required[i]!)
      if (excluded.has(j))
        throw new SelectionInfeasible(
          "requires-excluded",
          `must-fund "${cases[i]!.id}" requires "${cases[j]!.id}", which is excluded`,
        );

  const vars: Variable[] = [];
  const byCase: number[][] = cases.map(() => []);
  cases.forEach((c, i) => {
    if (excluded.has(i)) return;
    const allowed = input.alternatives ? c.options : c.options.filter((o) => o.scenario === c.proposal);
    if (allowed.length === 0) throw new SelectionInputError("cases", `"${c.id}" has no option "${c.proposal}"`);
    for (const option of allowed) {
      byCase[i]!.push(vars.length);
      const spend = new Map<string, Decimal>();
      for (const y of years) spend.set(y, option.spend[y] === undefined ? ZERO : dec(option.spend[y]));
      vars.push({ caseIndex: i, option, npv: dec(option.npv), spend });
    }
  });
  return { cases: [...cases], years, budgets, vars, byCase, must, excluded, deps };
}

function findCycle(n: number, deps: readonly [number, number][]): number[] | null {
  const next: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of deps) next[a]!.push(b);
  const state = new Array<0 | 1 | 2>(n).fill(0);
  const stack: number[] = [];
  const visit = (v: number): number[] | null => {
    state[v] = 1;
    stack.push(v);
    for (const w of next[v]!) {
      if (state[w] === 1) return [...stack.slice(stack.indexOf(w)), w];
      if (state[w] === 0) {
        const found = visit(w);
        if (found) return found;
      }
    }
    stack.pop();
    state[v] = 2;
    return null;
  };
  for (let v = 0; v < n; v++)
    if (state[v] === 0) {
      const found = visit(v);
      if (found) return found;
    }
  return null;
}

// For each case, every case it requires directly or through a chain.
function requiredClosure(n: number, deps: readonly [number, number][]): Set<number>[] {
  const next: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of deps) next[a]!.push(b);
  return Array.from({ length: n }, (_, start) => {
    const seen = new Set<number>();
    const todo = [...next[start]!];
    while (todo.length) {
      const v = todo.pop()!;
      if (seen.has(v)) continue;
      seen.add(v);
      todo.push(...next[v]!);
    }
    return seen;
  });
}

// --- The model --------------------------------------------------------------------------------

const num = (x: number) => {
  if (!Number.isFinite(x)) throw new Error("a coefficient is not finite");
  const t = x.toPrecision(17);
  return Number(t) === 0 ? "0" : t.replace(/\.?0+(e|$)/, "$1");
};

function maxAbs(values: Iterable<Decimal>): number {
  let m = 0;
  for (const v of values) m = Math.max(m, Math.abs(v.toNumber()));
  return m === 0 ? 1 : m;
}

// The LP text of the programme; `budgets` may differ from the prepared ones (the frontier, the
// binding test, a tightened retry). A year absent from `budgets` has no constraint.
function modelText(p: Prepared, budgets: Map<string, Decimal>, tighten: Map<string, number>): string {
  const objScale = maxAbs(p.vars.map((v) => v.npv));
  const terms = (coef: (v: Variable, j: number) => number) =>
    p.vars
      .map((v, j) => [coef(v, j), j] as const)
      .filter(([c]) => c !== 0)
      .map(([c, j]) => `${c < 0 ? "-" : "+"} ${num(Math.abs(c))} x${j}`)
      .join(" ");
  const rows: string[] = [];
  p.byCase.forEach((vs, i) => {
    if (vs.length === 0) return;
    const lhs = vs.map((j) => `+ x${j}`).join(" ");
    rows.push(` one${i}: ${lhs} ${p.must.has(i) ? "=" : "<="} 1`);
  });
  for (const y of p.years) {
    const b = budgets.get(y);
    if (b === undefined) continue;
    const scale = Math.max(maxAbs(p.vars.map((v) => v.spend.get(y)!)), Math.abs(b.toNumber()), 1);
    const lhs = terms((v) => v.spend.get(y)!.toNumber() / scale);
    if (!lhs) continue;
    rows.push(` budget${y}: ${lhs} <= ${num(b.toNumber() / scale - (tighten.get(y) ?? 0))}`);
  }
  p.deps.forEach(([a, b], k) => {
    const lhs = [...p.byCase[a]!.map((j) => `+ x${j}`), ...p.byCase[b]!.map((j) => `- x${j}`)].join(" ");
    if (p.byCase[a]!.length) rows.push(` dep${k}: ${lhs} <= 0`);
  });
  const objective = terms((v) => v.npv.toNumber() / objScale) || "0 x0";
  const binaries = p.vars.map((_, j) => `x${j}`).join(" ");
  return [
    "Maximize",
    ` obj: ${p.vars.length ? objective : "0"}`,
    "Subject To",
    ...(rows.length ? rows : [" none: 0 x0 <= 1"]),
    "Binaries",
    ` ${binaries || "x0"}`,
    "End",
  ].join("\n");
}

export interface Solved {
  status: string;
  optimal: boolean;
  picks: number[]; // variable indices
  totalNpv: Decimal;
  spend: Map<string, Decimal>;
}

const SOLVER_OPTIONS = {
  output_flag: false,
  mip_rel_gap: 0,
  mip_abs_gap: 1e-12,
  mip_feasibility_tolerance: 1e-9,
  primal_feasibility_tolerance: 1e-9,
  time_limit: 60,
};

function spendOf(p: Prepared, picks: readonly number[]): Map<string, Decimal> {
  const spend = new Map(p.years.map((y) => [y, ZERO] as const));
  for (const j of picks) for (const y of p.years) spend.set(y, add(spend.get(y)!, p.vars[j]!.spend.get(y)!));
  return spend;
}

// Solves with the given budgets. null: no choice satisfies them.
export async function solveWith(p: Prepared, budgets: Map<string, Decimal>): Promise<Solved | null> {
  const highs = await loadHighs();
  const tighten = new Map<string, number>();
  for (let attempt = 0; attempt < 6; attempt++) {
    if (p.vars.length === 0) {
      if (p.must.size) return null;
      return { status: "Optimal", optimal: true, picks: [], totalNpv: ZERO, spend: spendOf(p, []) };
    }
    const result: HighsSolution = highs.solve(modelText(p, budgets, tighten), SOLVER_OPTIONS);
    const status = result.Status;
    if (status === "Infeasible") return null;
    const columns = result.Columns as Record<string, { Primal?: number }>;
    // A limit (time, nodes) may stop the solve with its best choice so far, or with none.
    if (status !== "Optimal" && columns.x0?.Primal === undefined) throw new Error(`the solver stopped: ${status}`);
    const picks = p.vars.map((_, j) => j).filter((j) => (columns[`x${j}`]?.Primal ?? 0) > 0.5);
    const spend = spendOf(p, picks);
    // The decimal check: a float tolerance must not fund more than a budget.
    let over = false;
    for (const [y, b] of budgets) {
      const s = spend.get(y);
      if (s && s.gt(b)) {
        over = true;
        const scale = Math.max(maxAbs(p.vars.map((v) => v.spend.get(y)!)), Math.abs(b.toNumber()), 1);
        tighten.set(y, (tighten.get(y) ?? 0) + Math.max(s.minus(b).toNumber() / scale, 1e-12) * 2);
      }
    }
    if (over) continue;
    const totalNpv = picks.reduce((t, j) => add(t, p.vars[j]!.npv), ZERO);
    return { status, optimal: status === "Optimal", picks, totalNpv, spend };
  }
  throw new Error("the solver's answer kept breaking a budget by rounding");
}

// Why no choice fits: the must-fund cases with every case they require, at their cheapest option
// in each year, already exceed a budget.
function overBudgetCause(p: Prepared): SelectionInfeasible {
  const required = requiredClosure(p.cases.length, p.deps);
  const forced = new Set<number>();
  for (const i of p.must) {
    forced.add(i);
    for (const j of required[i]!) forced.add(j);
  }
  const names = [...forced].map((i) => `"${p.cases[i]!.id}"`).join(", ");
  const years: string[] = [];
  for (const y of p.years) {
    let least = ZERO;
    for (const i of forced) {
      const spends = p.byCase[i]!.map((j) => p.vars[j]!.spend.get(y)!);
      least = add(
        least,
        spends.reduce((m, s) => (s.lt(m) ? s : m), spends[0] ?? ZERO),
      );
    }
    if (least.gt(p.budgets.get(y)!)) years.push(`${y} (at least ${str(least)} against ${str(p.budgets.get(y)!)})`);
  }
  return new SelectionInfeasible(
    "must-funds-over-budget",
    years.length
      ? `the must-fund cases and the cases they require (${names}) exceed the budget of ${years.join(", ")}`
      : `no choice of alternatives of the must-fund cases and the cases they require (${names}) fits every year's budget at once`,
  );
}

// The greedy ranking a spreadsheet would do: must-funds (and what they require) first, then every
// other case's proposal by profitability index, highest first (a positive NPV at no PV of costs
// first of all), each funded when every budget still holds and what it requires is funded.
// null: the must-funds alone break a budget.
export function rankByProfitabilityIndex(p: Prepared): Decimal | null {
  const required = requiredClosure(p.cases.length, p.deps);
  const proposalVar = (i: number) =>
    p.byCase[i]!.find((j) => p.vars[j]!.option.scenario === p.cases[i]!.proposal) ?? p.byCase[i]![0];
  const funded = new Set<number>();
  const picks: number[] = [];
  const spend = new Map(p.years.map((y) => [y, ZERO] as const));
  const take = (i: number) => {
    const j = proposalVar(i);
    if (j === undefined || funded.has(i)) return;
    funded.add(i);
    picks.push(j);
    for (const y of p.years) spend.set(y, add(spend.get(y)!, p.vars[j]!.spend.get(y)!));
  };
  for (const i of p.must) {
    take(i);
    for (const r of required[i]!) take(r);
  }
  for (const y of p.years) if (spend.get(y)!.gt(p.budgets.get(y)!)) return null;
  const ranked = p.cases
    .map((_, i) => i)
    .filter((i) => !funded.has(i) && !p.excluded.has(i) && proposalVar(i) !== undefined)
    .map((i) => ({ i, v: p.vars[proposalVar(i)!]! }))
    .filter(({ v }) => v.npv.gt(0))
    .sort((a, b) => {
      const pa = a.v.option.profitabilityIndex;
      const pb = b.v.option.profitabilityIndex;
      if (pa === null || pb === null) return pa === pb ? 0 : pa === null ? -1 : 1;
      return dec(pb).cmp(dec(pa));
    });
  for (const { i, v } of ranked) {
    if (![...required[i]!].every((r) => funded.has(r))) continue;
    if (p.years.some((y) => add(spend.get(y)!, v.spend.get(y)!).gt(p.budgets.get(y)!))) continue;
    take(i);
  }
  return picks.reduce((t, j) => add(t, p.vars[j]!.npv), ZERO);
}

// A year's budget binds when what is left of it is too little for any option left out (of a case
// not funded, not excluded) that has a positive NPV and spends in that year: that budget, not the
// cases' worth, is what stops the set from growing there.
export function bindingYearsOf(p: Prepared, solved: Solved): string[] {
  const funded = new Set(solved.picks.map((j) => p.vars[j]!.caseIndex));
  return p.years.filter((y) => {
    const left = p.budgets.get(y)!.minus(solved.spend.get(y)!);
    return p.vars.some((v) => !funded.has(v.caseIndex) && v.npv.gt(0) && v.spend.get(y)!.gt(left));
  });
}

export async function selectPortfolio(
  cases: readonly SelectionCase[],
  input: SelectionInput,
): Promise<SelectionResult> {
  const started = performance.now();
  const p = prepareSelection(cases, input);
  const solved = await solveWith(p, p.budgets);
  if (!solved) throw overBudgetCause(p);
  const solveMs = performance.now() - started;
  const bindingYears = bindingYearsOf(p, solved);
  const ranking = rankByProfitabilityIndex(p);
  return {
    optimal: solved.optimal,
    status: solved.status,
    solveMs: Math.round(solveMs * 10) / 10,
    totalNpv: str(solved.totalNpv),
    spend: Object.fromEntries([...solved.spend].map(([y, v]) => [y, str(v)])),
    chosen: solved.picks.map((j) => ({
      case: p.cases[p.vars[j]!.caseIndex]!.id,
      scenario: p.vars[j]!.option.scenario,
    })),
    bindingYears,
    rankingByProfitabilityIndexNpv: ranking === null ? null : str(ranking),
    npvLostByRanking: ranking === null ? null : str(solved.totalNpv.minus(ranking)),
  };
}

// --- The efficient frontier ---------------------------------------------------------------------

export interface FrontierPoint {
  totalBudget: string; // the sum of the budget years' budgets at this point
  budgets: Record<string, string>;
  totalNpv: string | null; // null: the must-funds do not fit this budget
  optimal: boolean;
  chosen: boolean; // the point of the budgets asked for
}

// The best total NPV as the budgets grow in proportion to the ones given (equal shares when they
// sum to zero), from nothing to the budgets at which the best unconstrained set fits, `points`
// evenly spaced, plus the point of the budgets given. `onPoint` hears each as it is solved.
export async function portfolioFrontier(
  cases: readonly SelectionCase[],
  input: SelectionInput,
  options: { points?: number; onPoint?: (point: FrontierPoint) => void } = {},
): Promise<FrontierPoint[]> {
  const p = prepareSelection(cases, input);
  const count = Math.max(2, options.points ?? 20);
  const total = [...p.budgets.values()].reduce(add, ZERO);
  const share = new Map(
    p.years.map((y) => [y, total.isZero() ? new D(1).div(p.years.length) : p.budgets.get(y)!.div(total)] as const),
  );
  const free = await solveWith(p, new Map());
  // The total at which every year's share covers the unconstrained best set's spend.
  let top = total;
  if (free)
    for (const y of p.years) {
      const s = free.spend.get(y)!;
      if (share.get(y)!.gt(0) && s.gt(0)) {
        const need = s.div(share.get(y)!);
        if (need.gt(top)) top = need;
      }
    }
  if (top.isZero()) top = new D(1);
  const totals: { t: Decimal; chosen: boolean }[] = [];
  for (let k = 0; k < count; k++) totals.push({ t: top.times(k).div(count - 1), chosen: false });
  const at = totals.find((x) => x.t.eq(total));
  if (at) at.chosen = true;
  else totals.push({ t: total, chosen: true });
  totals.sort((a, b) => a.t.cmp(b.t));
  const out: FrontierPoint[] = [];
  for (const { t, chosen } of totals) {
    const budgets = new Map(p.years.map((y) => [y, chosen ? p.budgets.get(y)! : t.times(share.get(y)!)] as const));
    const solved = await solveWith(p, budgets);
    const point: FrontierPoint = {
      totalBudget: str(t),
      budgets: Object.fromEntries([...budgets].map(([y, v]) => [y, str(v)])),
      totalNpv: solved ? str(solved.totalNpv) : null,
      optimal: solved?.optimal ?? false,
      chosen,
    };
    out.push(point);
    options.onPoint?.(point);
  }
  return out;
}
