// Input schemas for every case operation, shared by forms, server actions, the REST API and its
// OpenAPI document. Every field comes from the case-file schema (lib/case-file/schema.ts): a field
// is defined once, here it is only picked and composed into operation inputs.
//
// Concurrency: writes carry the case version they are based on. Server actions pass it as the
// `expectedVersion` argument of the data function; the REST API takes it in the `If-Match` header.
// `workspaceId`, `version`, `status` and parent ids are never part of a body (mass assignment).
import { z } from "zod";
import { ALL_CATEGORIES } from "@/lib/case-file/categories";
import {
  assumptionSchema as fileAssumptionSchema,
  benefitLineSchema,
  caseFileObjectSchema,
  costLineSchema,
  kpiSchema as fileKpiSchema,
  riskSchema as fileRiskSchema,
  scenarioSchema,
} from "@/lib/case-file/schema";
import { MAX_PASTE_ROWS } from "@/lib/lines/paste";

export const MAX_LINES_PER_CASE = 5_000;
const uuid = z.uuid();

// Makes every field optional and, except the required ones named, clearable with null
// (JSON merge-patch semantics: absent = unchanged, null = remove).
function mergePatch<S extends z.ZodRawShape, K extends keyof S & string>(shape: S, required: readonly K[]) {
  const out: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(shape)) {
    const inner = (schema as z.ZodType & { unwrap?: () => z.ZodType }).unwrap?.() ?? (schema as z.ZodType);
    const base = schema instanceof z.ZodOptional ? inner : (schema as z.ZodType);
    out[key] = (required as readonly string[]).includes(key) ? base.optional() : base.nullable().optional();
  }
  return out as {
    [P in keyof S]: P extends K
      ? z.ZodOptional<S[P] extends z.ZodOptional<infer I> ? I : S[P]>
      : z.ZodOptional<z.ZodNullable<S[P] extends z.ZodOptional<infer I> ? I : S[P]>>;
  };
}

// ---------------------------------------------------------------------------------------------
// Case settings
const settingsShape = caseFileObjectSchema.pick({
  name: true,
  description: true,
  organisation: true,
  preparedBy: true,
  locale: true,
  currency: true,
  startMonth: true,
  horizonMonths: true,
  discountRate: true,
  financeRate: true,
  reinvestRate: true,
  tax: true,
  inflation: true,
  priceBasis: true,
  discountRateBasis: true,
  optimismBias: true,
  fx: true,
}).shape;

export const TEMPLATE_KEYS = ["crm-implementation", "crm-upgrade", "green-book"] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

// Settings other than the name default (SEK, next January, 36 months, 10 %) or come from the template.
// Exchange rates are set once the case exists (its settings page, PATCH), where they are checked
// against its lines.
const { fx: _fx, ...createShape } = settingsShape;
export const createCaseSchema = z.strictObject({
  ...createShape,
  currency: settingsShape.currency.optional(),
  startMonth: settingsShape.startMonth.optional(),
  horizonMonths: settingsShape.horizonMonths.optional(),
  discountRate: settingsShape.discountRate.optional(),
  template: z.enum(TEMPLATE_KEYS).optional(),
});
export type CreateCaseInput = z.infer<typeof createCaseSchema>;

// chosenScenario here is the case's stated proposal (docs/proposal.md): a plan change, with the
// version check; null clears it (the headline falls back to the first alternative).
export const updateCaseSchema = z.strictObject(
  mergePatch({ ...settingsShape, chosenScenario: caseFileObjectSchema.shape.chosenScenario }, [
    "name",
    "currency",
    "startMonth",
    "horizonMonths",
    "discountRate",
    "description",
    "organisation",
    "preparedBy",
    "locale",
  ]),
);
export type UpdateCaseInput = z.infer<typeof updateCaseSchema>;

export const renameSchema = z.strictObject({ name: settingsShape.name });

// The case's stated proposal (docs/proposal.md): a scenario key, or null for the default rule.
export const proposalSchema = z.strictObject({
  chosenScenario: caseFileObjectSchema.shape.chosenScenario.unwrap().nullable(),
});
export type ProposalInput = z.infer<typeof proposalSchema>;
export type RenameInput = z.infer<typeof renameSchema>;

export const archiveCaseSchema = z.strictObject({ archived: z.boolean() });
export const caseStatusSchema = z.strictObject({ status: z.enum(["draft", "approved"]) });
export type ArchiveCaseInput = z.infer<typeof archiveCaseSchema>;

// ---------------------------------------------------------------------------------------------
// Scenarios
export const createScenarioSchema = z.strictObject({
  name: scenarioSchema.shape.name,
  key: scenarioSchema.shape.key.optional(),
});
export type CreateScenarioInput = z.infer<typeof createScenarioSchema>;

export const cloneScenarioSchema = z.strictObject({
  name: scenarioSchema.shape.name.optional(),
  key: scenarioSchema.shape.key.optional(),
});
export type CloneScenarioInput = z.infer<typeof cloneScenarioSchema>;

export const renameScenarioSchema = z.strictObject({ name: scenarioSchema.shape.name });
export type RenameScenarioInput = z.infer<typeof renameScenarioSchema>;

// ---------------------------------------------------------------------------------------------
// Lines: a case-file cost or benefit line plus where it lives (scenario; cost or benefit).
export const LINE_KINDS = ["cost", "benefit"] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export const addLineSchema = z.discriminatedUnion("kind", [
  costLineSchema.extend({ kind: z.literal("cost"), scenarioId: uuid }),
  benefitLineSchema.extend({ kind: z.literal("benefit"), scenarioId: uuid }),
]);
export type AddLineInput = z.infer<typeof addLineSchema>;

// Several lines of one scenario and kind at once (paste from a spreadsheet): all or nothing.
export const addLinesSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("cost"),
    scenarioId: uuid,
    lines: z.array(costLineSchema).min(1).max(MAX_PASTE_ROWS),
  }),
  z.strictObject({
    kind: z.literal("benefit"),
    scenarioId: uuid,
    lines: z.array(benefitLineSchema).min(1).max(MAX_PASTE_ROWS),
  }),
]);
export type AddLinesInput = z.infer<typeof addLinesSchema>;

// A patch names only the fields it changes; null removes an optional field. The merged line is
// validated again as a whole against the case (timing rules span several fields and the horizon).
const allLineFields = { ...costLineSchema.shape, ...benefitLineSchema.shape, category: z.enum(ALL_CATEGORIES) };
export const updateLineSchema = z.strictObject({
  ...mergePatch(allLineFields, ["name", "category"]),
  scenarioId: uuid.optional(),
});
export type UpdateLineInput = z.infer<typeof updateLineSchema>;

export const reorderSchema = z.strictObject({ ids: z.array(uuid).min(1).max(MAX_LINES_PER_CASE) });
export type ReorderInput = z.infer<typeof reorderSchema>;

// ---------------------------------------------------------------------------------------------
// Risks, KPIs, assumptions: the case file's own objects.
export const riskSchema = fileRiskSchema;
export type RiskInput = z.infer<typeof riskSchema>;
export const updateRiskSchema = z.strictObject(mergePatch(fileRiskSchema.shape, ["title", "likelihood", "impact"]));
export type UpdateRiskInput = z.infer<typeof updateRiskSchema>;

export const kpiSchema = fileKpiSchema;
export type KpiInput = z.infer<typeof kpiSchema>;
export const updateKpiSchema = z.strictObject(mergePatch(fileKpiSchema.shape, ["name"]));
export type UpdateKpiInput = z.infer<typeof updateKpiSchema>;

// Through the API an assumption's links may name a line by its id too (stored as its stable id).
export const assumptionSchema = fileAssumptionSchema.extend({
  lines: fileAssumptionSchema.shape.lines.describe(
    "The lines this assumption drives, each by its stable id or its id (stored as the stable id)",
  ),
});
export type AssumptionInput = z.infer<typeof assumptionSchema>;
export const updateAssumptionSchema = z.strictObject(mergePatch(assumptionSchema.shape, ["title"]));
export type UpdateAssumptionInput = z.infer<typeof updateAssumptionSchema>;

// ---------------------------------------------------------------------------------------------
// API tokens
export const TOKEN_ROLES = ["owner", "editor", "viewer"] as const;
export const createApiTokenSchema = z.strictObject({
  name: z.string().trim().min(1, "must not be empty").max(100),
  role: z.enum(TOKEN_ROLES).default("editor"),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenSchema>;
