// The portable case file, format "caseboard/v1" (docs/case-file.md): the single definition used
// by the API, import/export, forms and the `caseboard` command. Types come from z.infer.
import { z } from "zod";
import { headlineKeys, type ScenarioFlag } from "@/lib/finance/headline";
import { amountField, decimalField, rateField, shareField } from "./decimal-field";
import { currencyCode, MAX_HORIZON, monthIndex, name, stableIdSchema, text } from "./field-types";
import { checkFx, fxActualsSchema, fxTableSchema } from "./fx";
import { withStableIds } from "./ids";
import { capitalisedSchema, lineShape } from "./line-fields";

export const MAX_LINES_PER_SCENARIO = 5000;
export const MAX_SCENARIOS = 20;

export const LOCALES = ["en", "sv", "nb", "fr", "zh"] as const;
export { MAX_HORIZON, STABLE_ID_PATTERN, stableIdSchema } from "./field-types";
export { RAMP_CURVES, RECURRENCES } from "./line-fields";

// KPI values may be measured before the start (the baseline period).
export const MIN_KPI_MONTH = -120;

// A line's fields are declared once, in the line field table (line-fields.ts); a line here is its
// stable id plus the table's fields of its kind.
export const costLineSchema = z.strictObject({ id: stableIdSchema().optional(), ...lineShape("cost") });
export const benefitLineSchema = z.strictObject({ id: stableIdSchema().optional(), ...lineShape("benefit") });
export { DEPRECIATION_METHODS, capitalisedSchema } from "./line-fields";

export const scenarioSchema = z.strictObject({
  key: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "letters, digits, - and _ (at most 64)"),
  name: name(),
  baseline: z.boolean().optional(),
  costs: z.array(costLineSchema).max(MAX_LINES_PER_SCENARIO).default([]),
  benefits: z.array(benefitLineSchema).max(MAX_LINES_PER_SCENARIO).default([]),
});

export const riskSchema = z.strictObject({
  id: stableIdSchema().optional(),
  title: name(),
  category: text(100).optional(),
  likelihood: z.int().min(1).max(5),
  impact: z.int().min(1).max(5),
  owner: text(300).optional(),
  mitigation: text().optional(),
  probability: shareField().optional(),
  costImpact: amountField().optional(),
  includeInCosts: z.boolean().optional(),
  scenario: z.string().max(64).optional(),
  month: monthIndex().optional(),
});

export const kpiActualSchema = z.strictObject({
  month: z.int().min(MIN_KPI_MONTH).max(MAX_HORIZON),
  value: amountField(),
});

export const kpiSchema = z.strictObject({
  id: stableIdSchema().optional(),
  name: name(),
  unit: text(50).optional(),
  direction: z.enum(["up", "down"]).optional(),
  baseline: amountField().optional(),
  target: amountField().optional(),
  actuals: z
    .array(kpiActualSchema)
    .max(MAX_HORIZON - MIN_KPI_MONTH + 1)
    .optional(),
});

export const ASSUMPTION_CONFIDENCE = ["low", "medium", "high"] as const;
// The assumption register (docs/case-file.md#risks-kpis-and-assumptions): source, owner, confidence and the lines it drives (their ids).
export const assumptionSchema = z.strictObject({
  id: stableIdSchema().optional(),
  title: name(),
  text: text().optional(),
  source: text(500).optional(),
  owner: text(200).optional(),
  confidence: z.enum(ASSUMPTION_CONFIDENCE).optional(),
  lines: z.array(stableIdSchema()).max(500).optional(),
});

// Tax, inflation and optimism bias: each optional, off by default (docs/tax-and-inflation.md).
export const TAX_TIMINGS = ["monthly", "annual"] as const;
export const PRICE_BASES = ["nominal", "real"] as const;
export const taxSchema = z.strictObject({ rate: shareField(), paid: z.enum(TAX_TIMINGS) });
const upliftField = () => decimalField({ min: "0", max: "10", maxDecimals: 12 });
export const optimismBiasSchema = z.strictObject({
  oneTimeCost: upliftField().optional(),
  recurringCost: upliftField().optional(),
  benefitDelayMonths: monthIndex().optional(),
  mitigation: shareField().optional(),
});

const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const caseFileObjectSchema = z.strictObject({
  format: z.literal("caseboard/v1"),
  name: name(),
  description: text().optional(),
  organisation: text(300).optional(),
  preparedBy: text(300).optional(),
  status: z.enum(["draft", "approved"]).optional(),
  locale: z.enum(LOCALES).optional(),
  currency: currencyCode(),
  startMonth: z.string().regex(YEAR_MONTH, 'a month as "YYYY-MM"'),
  horizonMonths: z.int().min(1).max(MAX_HORIZON),
  discountRate: rateField(),
  financeRate: rateField().optional(),
  reinvestRate: rateField().optional(),
  chosenScenario: z.string().max(64).optional(),
  actualsThrough: monthIndex().optional(),
  goLiveMonth: monthIndex().optional(),
  tax: taxSchema.optional(),
  inflation: rateField().optional(),
  priceBasis: z.enum(PRICE_BASES).optional(),
  discountRateBasis: z.enum(PRICE_BASES).optional(),
  optimismBias: optimismBiasSchema.optional(),
  fx: fxTableSchema.optional(),
  fxActuals: fxActualsSchema.optional(),
  scenarios: z.array(scenarioSchema).min(1).max(MAX_SCENARIOS),
  risks: z.array(riskSchema).max(1000).default([]),
  kpis: z.array(kpiSchema).max(1000).default([]),
  assumptions: z.array(assumptionSchema).max(1000).default([]),
});

type Line = z.infer<typeof costLineSchema> | z.infer<typeof benefitLineSchema>;

// Rules that cross fields: timing, months within the horizon, one baseline, unique keys.
function checkLine(line: Line, horizon: number, path: (string | number)[], ctx: z.RefinementCtx, tangible: boolean) {
  const at = (...rest: (string | number)[]) => [...path, ...rest];
  const timings = [line.month !== undefined, line.recurring !== undefined, line.schedule !== undefined].filter(
    Boolean,
  ).length;
  if (!tangible) {
    for (const key of ["amount", "labour", "month", "recurring", "schedule", "low", "high"] as const) {
      if (line[key] !== undefined)
        ctx.addIssue({ code: "custom", path: at(key), message: "an intangible benefit carries no money or timing" });
    }
    return;
  }
  if (timings === 0)
    ctx.addIssue({ code: "custom", path: at("month"), message: 'give the timing: "month", "recurring" or "schedule"' });
  if (timings > 1)
    ctx.addIssue({
      code: "custom",
      path: at("schedule"),
      message: 'give only one of "month", "recurring" and "schedule"',
    });
  if (line.schedule === undefined) {
    if (line.amount === undefined && line.labour === undefined)
      ctx.addIssue({ code: "custom", path: at("amount"), message: 'give "amount" or "labour"' });
    if (line.amount !== undefined && line.labour !== undefined)
      ctx.addIssue({ code: "custom", path: at("labour"), message: 'give "amount" or "labour", not both' });
  } else {
    for (const key of ["amount", "labour", "low", "high"] as const) {
      if (line[key] !== undefined)
        ctx.addIssue({
          code: "custom",
          path: at(key),
          message: "a scheduled line takes its amounts from the schedule",
        });
    }
    for (const key of Object.keys(line.schedule)) {
      if (Number(key) > horizon)
        ctx.addIssue({
          code: "custom",
          path: at("schedule", key),
          message: `month ${key} is beyond the horizon of ${horizon} months`,
        });
    }
  }
  if (line.recurring === undefined && (line.startMonth !== undefined || line.endMonth !== undefined)) {
    ctx.addIssue({
      code: "custom",
      path: at("startMonth"),
      message: 'startMonth and endMonth belong to a "recurring" line',
    });
  }
  for (const key of ["month", "startMonth", "endMonth"] as const) {
    const v = line[key];
    if (v !== undefined && v > horizon)
      ctx.addIssue({ code: "custom", path: at(key), message: `month ${v} is beyond the horizon of ${horizon} months` });
  }
  if (line.startMonth !== undefined && line.endMonth !== undefined && line.endMonth < line.startMonth) {
    ctx.addIssue({ code: "custom", path: at("endMonth"), message: "must not be before startMonth" });
  }
  if (line.low !== undefined || line.high !== undefined) {
    if (line.amount === undefined && line.labour === undefined) return;
    const likely = line.amount !== undefined ? Number(line.amount) : NaN;
    if (line.low !== undefined && line.high !== undefined && Number(line.low) > Number(line.high)) {
      ctx.addIssue({ code: "custom", path: at("high"), message: "must not be below low" });
    } else if (Number.isFinite(likely)) {
      if (line.low !== undefined && Number(line.low) > likely)
        ctx.addIssue({ code: "custom", path: at("low"), message: "must not exceed the amount (the likely value)" });
      if (line.high !== undefined && Number(line.high) < likely)
        ctx.addIssue({ code: "custom", path: at("high"), message: "must not be below the amount (the likely value)" });
    }
  }
}

type FileObject = z.infer<typeof caseFileObjectSchema>;

// One line on its own (the line writes): the line schema of its kind plus the same cross-field
// rules the whole file applies, within the case's horizon. Paths are relative to the line.
export function lineSchemaFor(kind: "cost" | "benefit", horizonMonths: number) {
  const base = kind === "cost" ? costLineSchema : benefitLineSchema;
  return (base as z.ZodType<Line>).superRefine((line, ctx) =>
    checkLine(line, horizonMonths, [], ctx, (line as { tangible?: boolean }).tangible !== false),
  );
}

// Ids are unique across the whole file (a comment or a diff names an object by its id alone).
function checkStableIds(file: FileObject, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  const visit = (id: string | undefined, path: (string | number)[]) => {
    if (id === undefined) return;
    if (seen.has(id)) ctx.addIssue({ code: "custom", path: [...path, "id"], message: `duplicate id "${id}"` });
    seen.add(id);
  };
  file.scenarios.forEach((s, i) => {
    s.costs.forEach((l, j) => visit(l.id, ["scenarios", i, "costs", j]));
    s.benefits.forEach((l, j) => visit(l.id, ["scenarios", i, "benefits", j]));
  });
  file.risks.forEach((r, i) => visit(r.id, ["risks", i]));
  file.kpis.forEach((k, i) => visit(k.id, ["kpis", i]));
  file.assumptions.forEach((a, i) => visit(a.id, ["assumptions", i]));
}

// docs/finance.md#actuals: actuals belong to tangible lines of the chosen scenario, in
// months 0..actualsThrough; a KPI has one value a month, in months -120..horizon.
function checkActuals(file: FileObject, ctx: z.RefinementCtx) {
  const horizon = file.horizonMonths;
  for (const key of ["actualsThrough", "goLiveMonth"] as const) {
    const v = file[key];
    if (v !== undefined && v > horizon)
      ctx.addIssue({ code: "custom", path: [key], message: `month ${v} is beyond the horizon of ${horizon} months` });
  }
  if (file.chosenScenario !== undefined && !file.scenarios.some((s) => s.key === file.chosenScenario)) {
    ctx.addIssue({
      code: "custom",
      path: ["chosenScenario"],
      message: `no scenario has the key "${file.chosenScenario}"`,
    });
  }
  // Without scenarios (already an issue of its own) there is nothing to check actuals against.
  if (file.scenarios.length === 0) return;
  const chosen = chosenScenarioKey(file);
  file.scenarios.forEach((scenario, i) => {
    const check = (line: { actuals?: Record<string, string>; tangible?: boolean }, path: (string | number)[]) => {
      if (line.actuals === undefined) return;
      const at = [...path, "actuals"];
      if (scenario.key !== chosen) {
        ctx.addIssue({ code: "custom", path: at, message: `actuals belong to the chosen scenario ("${chosen}")` });
        return;
      }
      if (line.tangible === false) {
        ctx.addIssue({ code: "custom", path: at, message: "an intangible benefit records no actual amounts" });
        return;
      }
      for (const month of Object.keys(line.actuals)) {
        if (file.actualsThrough === undefined) {
          ctx.addIssue({
            code: "custom",
            path: [...at, month],
            message: "actuals need actualsThrough (the last month recorded)",
          });
        } else if (Number(month) > file.actualsThrough) {
          ctx.addIssue({
            code: "custom",
            path: [...at, month],
            message: `month ${month} is after actualsThrough (${file.actualsThrough})`,
          });
        }
      }
    };
    scenario.costs.forEach((l, j) => check(l, ["scenarios", i, "costs", j]));
    scenario.benefits.forEach((l, j) => check(l, ["scenarios", i, "benefits", j]));
  });
  file.kpis.forEach((kpi, i) => {
    const months = new Set<number>();
    kpi.actuals?.forEach((a, j) => {
      if (months.has(a.month))
        ctx.addIssue({
          code: "custom",
          path: ["kpis", i, "actuals", j, "month"],
          message: `month ${a.month} is given twice`,
        });
      months.add(a.month);
      if (a.month > horizon)
        ctx.addIssue({
          code: "custom",
          path: ["kpis", i, "actuals", j, "month"],
          message: `month ${a.month} is beyond the horizon of ${horizon} months`,
        });
    });
  });
}

// The scenario being carried out: the case's choice, else the one the headline shows.
export function chosenScenarioKey(file: { chosenScenario?: string; scenarios: readonly ScenarioFlag[] }): string {
  return file.chosenScenario ?? headlineKeys(file.scenarios).alternative;
}

const caseFileCheckedSchema = caseFileObjectSchema.superRefine((file, ctx) => {
  const [year] = file.startMonth.split("-");
  if (Number(year) < 1900 || Number(year) > 2200)
    ctx.addIssue({ code: "custom", path: ["startMonth"], message: "year must be between 1900 and 2200" });
  const baselines = file.scenarios.filter((s) => s.baseline === true).length;
  if (file.scenarios.length > 1 && baselines !== 1) {
    ctx.addIssue({
      code: "custom",
      path: ["scenarios"],
      message: `exactly one scenario must be the baseline (found ${baselines})`,
    });
  } else if (baselines > 1) {
    ctx.addIssue({ code: "custom", path: ["scenarios"], message: "only one scenario can be the baseline" });
  }
  const keys = new Set<string>();
  file.scenarios.forEach((scenario, i) => {
    if (keys.has(scenario.key))
      ctx.addIssue({
        code: "custom",
        path: ["scenarios", i, "key"],
        message: `duplicate scenario key "${scenario.key}"`,
      });
    keys.add(scenario.key);
    scenario.costs.forEach((line, j) => checkLine(line, file.horizonMonths, ["scenarios", i, "costs", j], ctx, true));
    scenario.benefits.forEach((line, j) =>
      checkLine(line, file.horizonMonths, ["scenarios", i, "benefits", j], ctx, line.tangible !== false),
    );
  });
  checkStableIds(file, ctx);
  checkActuals(file, ctx);
  checkFx(file, ctx);
  file.risks.forEach((risk, i) => {
    if (risk.scenario !== undefined && !keys.has(risk.scenario))
      ctx.addIssue({
        code: "custom",
        path: ["risks", i, "scenario"],
        message: `no scenario has the key "${risk.scenario}"`,
      });
    if (risk.month !== undefined && risk.month > file.horizonMonths)
      ctx.addIssue({ code: "custom", path: ["risks", i, "month"], message: "beyond the horizon" });
    if (risk.includeInCosts && (risk.probability === undefined || risk.costImpact === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["risks", i, "includeInCosts"],
        message: "needs probability and costImpact",
      });
    }
  });
});

// A parsed case file has an id on every object: kept where the file gives one, else made
// (deterministically, so computing the same file twice names its lines the same).
export const caseFileSchema = caseFileCheckedSchema.transform((file) => withStableIds(file));

export type CaseFile = z.infer<typeof caseFileSchema>;
export type CaseFileInput = z.input<typeof caseFileSchema>;
export type Scenario = CaseFile["scenarios"][number];
export type CostLine = z.infer<typeof costLineSchema>;
export type BenefitLine = z.infer<typeof benefitLineSchema>;
export type Risk = z.infer<typeof riskSchema>;
export type Kpi = z.infer<typeof kpiSchema>;
export type Assumption = z.infer<typeof assumptionSchema>;
export type Capitalised = z.infer<typeof capitalisedSchema>;
export type TaxSettings = z.infer<typeof taxSchema>;
export type OptimismBias = z.infer<typeof optimismBiasSchema>;
