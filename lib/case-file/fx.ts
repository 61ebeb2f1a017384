// A case's exchange rates (docs/currencies.md): the plan's dated rates per currency (`fx`) and
// the rates of months that have happened (`fxActuals`). One unit of the currency is `rate` units
// of the case's reporting currency, from month `from` until the next entry.
import { z } from "zod";
import { decimalField } from "./decimal-field";

export const CURRENCY_PATTERN = /^[A-Z]{3}$/;
export const currencyCode = () => z.string().regex(CURRENCY_PATTERN, "an ISO 4217 code such as USD");

// Rates are positive; 1e6 covers every pair in use (1 BTC-like extremes are not currencies here).
export const fxRateField = () => decimalField({ min: "0", minExclusive: true, max: "1000000", maxDecimals: 12 });

const MONTH_KEY = /^(0|[1-9]\d{0,2})$/;

export const fxStepSchema = z.strictObject({
  from: z.int().min(0).max(120),
  rate: fxRateField(),
  // Optional range of this step's rate for the Monte Carlo simulation (triangular low, rate, high).
  low: fxRateField().optional(),
  high: fxRateField().optional(),
});

export const fxTableSchema = z
  .record(currencyCode(), z.array(fxStepSchema).min(1, "give at least one rate (from month 0)").max(121))
  .refine((t) => Object.keys(t).length <= 50, "at most 50 currencies");

export const fxActualsSchema = z
  .record(currencyCode(), z.record(z.string().regex(MONTH_KEY, "actual rate keys are month numbers"), fxRateField()))
  .refine((t) => Object.keys(t).length <= 50, "at most 50 currencies");

export type FxStep = z.infer<typeof fxStepSchema>;
export type FxTable = z.infer<typeof fxTableSchema>;
export type FxActuals = z.infer<typeof fxActualsSchema>;

interface LineLike {
  name: string;
  currency?: string;
  tangible?: boolean;
  month?: number;
  recurring?: "monthly" | "quarterly" | "annual";
  startMonth?: number;
  endMonth?: number;
  schedule?: Record<string, string>;
  actuals?: Record<string, string>;
}

interface FileLike {
  currency: string;
  horizonMonths: number;
  actualsThrough?: number;
  fx?: FxTable;
  fxActuals?: FxActuals;
  scenarios: { costs: LineLike[]; benefits: LineLike[] }[];
}

const STEP_MONTHS = { monthly: 1, quarterly: 3, annual: 12 } as const;

// The first month a line has a flow on the grid (null: none within the horizon), by the same
// timing rules as the engine's expansion (lib/finance/expand.ts).
export function firstFlowMonth(line: LineLike, horizon: number): number | null {
  if (line.tangible === false) return null;
  if (line.schedule) {
    const months = Object.keys(line.schedule)
      .map(Number)
      .filter((m) => m <= horizon);
    return months.length ? Math.min(...months) : null;
  }
  if (line.recurring) {
    const start = line.startMonth ?? STEP_MONTHS[line.recurring];
    return start <= Math.min(line.endMonth ?? horizon, horizon) ? start : null;
  }
  const m = line.month ?? 0;
  return m <= horizon ? m : null;
}

// Cross-field rules of the rates: steps ascending from month 0 within the horizon, a range around
// its rate, actual rates within 0..actualsThrough, and every foreign line's currency rated.
export function checkFx(file: FileLike, ctx: z.RefinementCtx): void {
  const horizon = file.horizonMonths;
  for (const [currency, steps] of Object.entries(file.fx ?? {})) {
    const at = (...rest: (string | number)[]) => ["fx", currency, ...rest];
    if (currency === file.currency)
      ctx.addIssue({
        code: "custom",
        path: at(),
        message: `${currency} is the case's currency (its rate is 1)`,
      });
    steps.forEach((step, i) => {
      if (i === 0 && step.from !== 0)
        ctx.addIssue({ code: "custom", path: at(0, "from"), message: "the first rate must be from month 0" });
      if (i > 0 && step.from <= steps[i - 1]!.from)
        ctx.addIssue({
          code: "custom",
          path: at(i, "from"),
          message: `months must ascend (month ${step.from} after month ${steps[i - 1]!.from})`,
        });
      if (step.from > horizon)
        ctx.addIssue({
          code: "custom",
          path: at(i, "from"),
          message: `month ${step.from} is beyond the horizon of ${horizon} months`,
        });
      if (step.low !== undefined && Number(step.low) > Number(step.rate))
        ctx.addIssue({ code: "custom", path: at(i, "low"), message: "must not exceed the rate" });
      if (step.high !== undefined && Number(step.high) < Number(step.rate))
        ctx.addIssue({ code: "custom", path: at(i, "high"), message: "must not be below the rate" });
    });
  }
  for (const [currency, months] of Object.entries(file.fxActuals ?? {})) {
    if (currency === file.currency)
      ctx.addIssue({
        code: "custom",
        path: ["fxActuals", currency],
        message: `${currency} is the case's currency (its rate is 1)`,
      });
    for (const month of Object.keys(months)) {
      if (file.actualsThrough === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["fxActuals", currency, month],
          message: "actual rates need actualsThrough (the last month recorded)",
        });
      else if (Number(month) > file.actualsThrough)
        ctx.addIssue({
          code: "custom",
          path: ["fxActuals", currency, month],
          message: `month ${month} is after actualsThrough (${file.actualsThrough})`,
        });
    }
  }
  file.scenarios.forEach((scenario, i) => {
    const check = (line: LineLike, path: (string | number)[]) => {
      const currency = line.currency;
      if (currency === undefined || currency === file.currency || file.fx?.[currency] !== undefined) return;
      const first = firstFlowMonth(line, horizon);
      const recorded = line.actuals ? Object.keys(line.actuals).map(Number) : [];
      const month = first ?? (recorded.length ? Math.min(...recorded) : null);
      if (month === null) return;
      ctx.addIssue({
        code: "custom",
        path: [...path, "currency"],
        message: `"${line.name}" has a flow in ${currency} in month ${month} but the case has no ${currency} rate (add it under fx)`,
      });
    };
    scenario.costs.forEach((l, j) => check(l, ["scenarios", i, "costs", j]));
    scenario.benefits.forEach((l, j) => check(l, ["scenarios", i, "benefits", j]));
  });
}

// A rate table as one entry per dated step ("fx.USD.13" -> "10.80"): how history and audit name a
// rate change.
export function fxStepFields(fx: FxTable | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [currency, steps] of Object.entries(fx ?? {}))
    for (const s of steps) out[`fx.${currency}.${s.from}`] = s.rate;
  return out;
}

// The steps that differ between two tables, each side's value or null where the step is absent.
export function fxStepChanges(
  before: FxTable | null | undefined,
  after: FxTable | null | undefined,
): { before: Record<string, string | null>; after: Record<string, string | null> } {
  const b = fxStepFields(before);
  const a = fxStepFields(after);
  const out = { before: {} as Record<string, string | null>, after: {} as Record<string, string | null> };
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (b[key] === a[key]) continue;
    out.before[key] = b[key] ?? null;
    out.after[key] = a[key] ?? null;
  }
  return out;
}

// ---- The workspace's reporting currency (the portfolio) ----
// Its own rates are dated by calendar month, since its cases start in different months: 1 unit of
// the currency = rate units of the reporting currency from that month on.
const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const reportingRatesSchema = z
  .strictObject({
    currency: currencyCode(),
    rates: z
      .record(
        currencyCode(),
        z
          .array(z.strictObject({ from: z.string().regex(YEAR_MONTH, 'a month as "YYYY-MM"'), rate: fxRateField() }))
          .min(1, "give at least one rate")
          .max(600),
      )
      .refine((t) => Object.keys(t).length <= 50, "at most 50 currencies")
      .default({}),
  })
  .superRefine((value, ctx) => {
    for (const [currency, steps] of Object.entries(value.rates)) {
      if (currency === value.currency)
        ctx.addIssue({
          code: "custom",
          path: ["rates", currency],
          message: `${currency} is the reporting currency (its rate is 1)`,
        });
      steps.forEach((s, i) => {
        if (i > 0 && s.from <= steps[i - 1]!.from)
          ctx.addIssue({
            code: "custom",
            path: ["rates", currency, i, "from"],
            message: `months must ascend (${s.from} after ${steps[i - 1]!.from})`,
          });
      });
    }
  });

export type ReportingRates = z.infer<typeof reportingRatesSchema>;
