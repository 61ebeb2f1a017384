// Inputs of the benefit-realisation writes (docs/finance.md#benefit-realisation), shared by the
// REST API, its OpenAPI document and the server actions. Fields come from the case-file schema.
import { z } from "zod";
import { amountField } from "@/lib/case-file/decimal-field";
import { MAX_HORIZON, MIN_KPI_MONTH, caseFileObjectSchema, kpiActualSchema } from "@/lib/case-file/schema";

const MONTH_KEY = /^(0|[1-9]\d{0,2})$/;

// PUT /lines/{lineId}/actuals: a merge; null deletes that month.
export const lineActualsBodySchema = z.strictObject({
  actuals: z
    .record(z.string().regex(MONTH_KEY, "actuals keys are month numbers"), amountField().nullable())
    .refine((a) => Object.keys(a).length <= MAX_HORIZON + 1, `at most ${MAX_HORIZON + 1} months`),
});
export type LineActualsBody = z.infer<typeof lineActualsBodySchema>;

// PUT /kpis/{kpiId}/actuals: replaces every value of the KPI; one value a month.
export const kpiActualsBodySchema = z.strictObject({
  actuals: z
    .array(kpiActualSchema)
    .max(MAX_HORIZON - MIN_KPI_MONTH + 1)
    .superRefine((list, ctx) => {
      const seen = new Set<number>();
      list.forEach((a, i) => {
        if (seen.has(a.month))
          ctx.addIssue({ code: "custom", path: [i, "month"], message: `month ${a.month} is given twice` });
        seen.add(a.month);
      });
    }),
});
export type KpiActualsBody = z.infer<typeof kpiActualsBodySchema>;

// The case's tracking fields (PATCH /cases/{caseId} beside its settings); null clears.
const shape = caseFileObjectSchema.shape;
export const trackingFieldsShape = {
  chosenScenario: shape.chosenScenario.unwrap().nullable().optional(),
  actualsThrough: shape.actualsThrough.unwrap().nullable().optional(),
  goLiveMonth: shape.goLiveMonth.unwrap().optional(),
  fxActuals: shape.fxActuals.unwrap().nullable().optional(),
};
export const TRACKING_FIELDS = ["chosenScenario", "actualsThrough", "goLiveMonth", "fxActuals"] as const;
export const caseTrackingSchema = z.strictObject(trackingFieldsShape);
export type CaseTrackingInput = z.infer<typeof caseTrackingSchema>;
