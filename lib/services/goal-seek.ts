// Goal seek and switching values of a stored case (docs/tax-and-inflation.md), for
// POST /api/v1/cases/{caseId}/goal-seek (lib/api/operations.ts), the overview's goal-seek panel and
// the Uncertainty tab. The case is read through the access filter (viewers may ask: nothing is
// written); the maths is lib/finance/goal-seek.ts.
import "server-only";
import { z } from "zod";
import { decimalField } from "@/lib/case-file/decimal-field";
import { getCaseFileOrThrow } from "@/lib/db/cases";
import type { Actor } from "@/lib/db/access";
import { AppError } from "@/lib/errors";
import {
  GOAL_METRICS,
  GoalSeekError,
  goalSeek,
  switchingValues,
  type GoalSeekResult,
  type SwitchingValue,
} from "@/lib/finance/goal-seek";

const bound = () => decimalField({ min: "-1e15", max: "1e15", maxDecimals: 12 });

export const goalSeekBodySchema = z.strictObject({
  input: z
    .string()
    .min(1)
    .max(200)
    .describe('The input to vary: "<object id>.<field>" (a line or risk), or a case setting such as discountRate'),
  metric: z.enum(GOAL_METRICS).describe("The metric to bring to the target"),
  target: bound().describe("The metric's target (payback in months, rates as decimals: 0.25 = 25 %)"),
  scenario: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe("The scenario (compared with the baseline when the case has one); default the headline's"),
  low: bound().optional().describe("The lowest value to try (default: a range that suits the input)"),
  high: bound().optional().describe("The highest value to try"),
});
export type GoalSeekBody = z.infer<typeof goalSeekBodySchema>;

export async function goalSeekCase(actor: Actor, caseId: string, body: GoalSeekBody): Promise<GoalSeekResult> {
  const { caseFile } = await getCaseFileOrThrow(actor, caseId);
  try {
    return goalSeek(caseFile, body);
  } catch (error) {
    if (error instanceof GoalSeekError)
      throw new AppError("validation", error.message, {
        fieldErrors: [{ path: error.field, message: error.message.slice(error.field.length + 2) }],
      });
    throw error;
  }
}

export interface SwitchingValuesView {
  npv: string;
  scenario: string;
  baseline: string | null;
  lines: SwitchingValue[];
}

export async function getSwitchingValues(actor: Actor, caseId: string, count = 5): Promise<SwitchingValuesView> {
  const { caseFile } = await getCaseFileOrThrow(actor, caseId);
  return switchingValues(caseFile, { count });
}
