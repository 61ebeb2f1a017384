// Synthetic cases for the benchmarks.
import { parseCaseFile } from "../lib/case-file/parse";
import type { CaseFile, Scenario } from "../lib/case-file/schema";
import { freezeCaseFile } from "../lib/case-file/freeze";

export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticCase(lines: number, horizon: number, scenarios: number, seed = 1): CaseFile {
  const rand = prng(seed);
  const costCats = [
    "software",
    "hardware",
    "integration",
    "implementation-labour",
    "support-labour",
    "training",
    "planning",
  ];
  const benefitCats = ["revenue", "productivity", "cost-saving", "retention"];
  const line = (i: number, kind: "cost" | "benefit") => {
    const amount = String(Math.round(rand() * 100000) + 100);
    const shape = i % 5;
    const common = {
      name: `${kind} ${i}`,
      amount,
      low: String(Math.round(Number(amount) * 0.8)),
      high: String(Math.round(Number(amount) * 1.3)),
    };
    const timing =
      shape === 0
        ? { month: Math.floor(rand() * horizon) }
        : {
            recurring: (["monthly", "quarterly", "annual"] as const)[shape % 3],
            startMonth: 1 + Math.floor(rand() * 6),
            endMonth: horizon,
            escalation: "0.03",
          };
    return kind === "cost"
      ? { ...common, ...timing, category: costCats[i % costCats.length], riskAdjustment: "0.1" }
      : {
          ...common,
          ...timing,
          category: benefitCats[i % benefitCats.length],
          rampMonths: 6,
          rampCurve: "s-curve",
          realisation: "0.9",
          riskAdjustment: "0.15",
        };
  };
  const parsed = parseCaseFile({
    format: "caseboard/v1",
    name: "bench",
    currency: "SEK",
    startMonth: "2027-01",
    horizonMonths: horizon,
    discountRate: "0.1",
    scenarios: Array.from({ length: scenarios }, (_, s) => ({
      key: `s${s}`,
      name: `Scenario ${s}`,
      baseline: s === 0,
      costs: Array.from({ length: Math.ceil(lines / 2) }, (_, i) => line(i, "cost")),
      benefits: Array.from({ length: Math.floor(lines / 2) }, (_, i) => line(i, "benefit")),
    })),
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.slice(0, 3)));
  return parsed.value;
}

// The floor of the engine benchmark: the same computation with plain JS numbers (lines on the
// monthly grid with escalation, ramp, realisation, margin and risk adjustment; per-line totals,
// PVs and years; categories; per stream totals, PVs, NPV, ROI, IRR by bisection, MIRR, payback,
// the month and year tables as strings; comparisons). A yardstick for the machine's speed only:
// floats are never used for results.
type FloatStream = ReturnType<typeof floatStream>;
function floatStream(
  cost: Float64Array,
  benefit: Float64Array,
  df: Float64Array,
  fin: Float64Array,
  grow: Float64Array,
  tables: boolean,
) {
  const H = cost.length - 1;
  let tc = 0;
  let tb = 0;
  let pc = 0;
  let pb = 0;
  const net = new Float64Array(H + 1);
  for (let m = 0; m <= H; m++) {
    tc += cost[m]!;
    tb += benefit[m]!;
    pc += cost[m]! * df[m]!;
    pb += benefit[m]! * df[m]!;
    net[m] = benefit[m]! - cost[m]!;
  }
  const npvAt = (r: number) => {
    const v = 1 / (1 + r);
    let s = 0;
    for (let m = H; m >= 0; m--) s = s * v + net[m]!;
    return s;
  };
  let lo = -0.99;
  let hi = 10;
  let irr: number | null = null;
  if (Math.sign(npvAt(lo)) !== Math.sign(npvAt(hi))) {
    for (let i = 0; i < 100; i++) {
      const mid = (lo + hi) / 2;
      if (Math.sign(npvAt(mid)) === Math.sign(npvAt(lo))) lo = mid;
      else hi = mid;
    }
    irr = Math.pow(1 + lo, 12) - 1;
  }
  let pvNeg = 0;
  let fvPos = 0;
  for (let m = 0; m <= H; m++) {
    if (net[m]! < 0) pvNeg += net[m]! * fin[m]!;
    else fvPos += net[m]! * grow[H - m]!;
  }
  const mirr = pvNeg < 0 && fvPos > 0 ? Math.pow(fvPos / -pvNeg, 12 / H) - 1 : null;
  let cum = 0;
  let payback: number | null = null;
  let dcum = 0;
  const months: Record<string, string | number>[] = [];
  for (let m = 0; m <= H; m++) {
    const next = cum + net[m]!;
    if (payback === null && cum < 0 && next >= 0) payback = m - 1 + -cum / net[m]!;
    cum = next;
    dcum += net[m]! * df[m]!;
    if (tables)
      months.push({
        month: m,
        cost: String(cost[m]),
        benefit: String(benefit[m]),
        net: String(net[m]),
        cumulative: String(cum),
        discountFactor: String(df[m]),
        discountedCumulative: String(dcum),
      });
  }
  const years: string[][] = [];
  if (tables) for (let y = 0; y * 12 <= H; y++) years.push([String(y), String(cost[y * 12]), String(benefit[y * 12])]);
  return {
    totalCost: String(tc),
    totalBenefit: String(tb),
    npv: String(pb - pc),
    roi: tc > 0 ? String((tb - tc) / tc) : null,
    irr: irr === null ? null : String(irr),
    mirr: mirr === null ? null : String(mirr),
    payback,
    months,
    years,
  };
}

export function floatCompute(file: CaseFile) {
  const H = file.horizonMonths;
  const factor = (rate: string, sign: number) => Math.pow(1 + Number(rate), (sign * 1) / 12);
  const grid = (f: number) => {
    const out = new Float64Array(H + 1);
    out[0] = 1;
    for (let m = 1; m <= H; m++) out[m] = out[m - 1]! * f;
    return out;
  };
  const df = grid(factor(file.discountRate, -1));
  const fin = grid(factor(file.financeRate ?? file.discountRate, -1));
  const grow = grid(factor(file.reinvestRate ?? file.discountRate, 1));
  const yearOf = (m: number) => (m === 0 ? 0 : Math.ceil(m / 12));
  const flows: {
    key: string;
    cost: Float64Array;
    benefit: Float64Array;
    costRaw: Float64Array;
    benefitRaw: Float64Array;
  }[] = [];
  const scenarios = file.scenarios.map((s) => {
    const cost = new Float64Array(H + 1);
    const benefit = new Float64Array(H + 1);
    const costRaw = new Float64Array(H + 1);
    const benefitRaw = new Float64Array(H + 1);
    const categories = new Map<string, { total: number; pv: number }>();
    const lines = [...s.costs.map((l) => ["cost", l] as const), ...s.benefits.map((l) => ["benefit", l] as const)].map(
      ([kind, l]) => {
        const b = kind === "benefit" ? (l as Scenario["benefits"][number]) : null;
        const years = new Float64Array(yearOf(H) + 1);
        let total = 0;
        let pv = 0;
        if (b?.tangible !== false) {
          let months: number[] = [];
          let values: number[] | null = null;
          let start = l.month ?? 0;
          if (l.schedule) {
            months = Object.keys(l.schedule)
              .map(Number)
              .sort((x, y) => x - y);
            values = months.map((m) => Number(l.schedule![String(m)]));
            start = months[0] ?? 0;
          } else if (l.recurring) {
            const step = { monthly: 1, quarterly: 3, annual: 12 }[l.recurring];
            start = l.startMonth ?? step;
            for (let m = start; m <= Math.min(l.endMonth ?? H, H); m += step) months.push(m);
          } else if (start <= H) months = [start];
          let base = l.labour
            ? Number(l.labour.hours) * Number(l.labour.rate) * Number(l.labour.people)
            : Number(l.amount ?? 0);
          if (b?.realisation !== undefined) base *= Number(b.realisation);
          if (b?.margin !== undefined) base *= Number(b.margin);
          const esc = 1 + Number(l.escalation ?? 0);
          const ra = Number(l.riskAdjustment ?? 0);
          const adjust = kind === "cost" ? 1 + ra : 1 - ra;
          const R = b?.rampMonths ?? 0;
          months.forEach((m, i) => {
            let v = (values ? values[i]! : base) * Math.pow(esc, Math.floor((m - start) / 12));
            const e = m - start + 1;
            if (R > 0 && e < R) {
              const x = e <= 0 ? 0 : e / R;
              v *= b?.rampCurve === "step" ? 0 : b?.rampCurve === "linear" ? x : x * x * (3 - 2 * x);
            }
            const a = v * adjust;
            (kind === "cost" ? costRaw : benefitRaw)[m]! += v;
            (kind === "cost" ? cost : benefit)[m]! += a;
            total += a;
            pv += a * df[m]!;
            years[yearOf(m)]! += a;
          });
          const key = `${kind}:${l.category ?? "other"}`;
          const c = categories.get(key) ?? { total: 0, pv: 0 };
          c.total += total;
          c.pv += pv;
          categories.set(key, c);
        }
        return { name: l.name, total: String(total), pv: String(pv), years: Array.from(years, String) };
      },
    );
    flows.push({ key: s.key, cost, benefit, costRaw, benefitRaw });
    const adjusted: FloatStream = floatStream(cost, benefit, df, fin, grow, true);
    const unadjusted = floatStream(costRaw, benefitRaw, df, fin, grow, false);
    return {
      key: s.key,
      ...adjusted,
      unadjusted,
      lines,
      categories: [...categories].map(([k, c]) => ({ k, total: String(c.total), pv: String(c.pv) })),
    };
  });
  const base =
    file.scenarios.length > 1
      ? flows.find((f) => file.scenarios.find((s) => s.key === f.key)?.baseline === true)
      : undefined;
  const minus = (a: Float64Array, b: Float64Array) => a.map((x, i) => x - b[i]!);
  const comparisons = base
    ? flows
        .filter((f) => f !== base)
        .map((f) => ({
          ...floatStream(minus(f.cost, base.cost), minus(f.benefit, base.benefit), df, fin, grow, true),
          unadjusted: floatStream(
            minus(f.costRaw, base.costRaw),
            minus(f.benefitRaw, base.benefitRaw),
            df,
            fin,
            grow,
            false,
          ),
        }))
    : [];
  return { scenarios, comparisons };
}

// The engine keeps each line's and scenario's results by object (lib/finance/compute.ts), so a
// benchmark that computes the same file object again measures a lookup, not a compute. unseen()
// hands out copies the engine has never seen: prepare(n) makes n of them outside any timing (a few
// at a time, so a large pool does not weigh on the heap being measured), take() gives one.
// Outside production the engine deep-freezes every case file it is handed (lib/case-file/freeze.ts);
// the copies are frozen here, when they are made, so a timed compute costs what it costs in
// production (a file frozen already is skipped at once).
export function unseen<T>(file: T): { prepare: (n: number) => void; take: () => T } {
  const pool: T[] = [];
  const copy = () => freezeCaseFile(structuredClone(file));
  return {
    prepare: (n) => {
      while (pool.length < n) pool.push(copy());
    },
    take: () => pool.pop() ?? copy(),
  };
}
