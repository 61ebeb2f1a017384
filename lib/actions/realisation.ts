"use server";
// The Realisation tab's writes: tracking writes (lib/db/actuals.ts), so they carry no case
// version and never make another editor's plan edit stale.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { setKpiActuals, setLineActuals, updateCaseTracking } from "@/lib/db/actuals";
import { caseTrackingSchema, kpiActualsBodySchema, lineActualsBodySchema } from "@/lib/validation/realisation";
import { runAction } from "./result";

const id = z.uuid();
const refresh = () => revalidatePath("/w/[slug]/cases/[caseId]", "layout");

// Several lines at once (a pasted block): { [lineId]: { [month]: amount | null } }, all or nothing.
const changesSchema = z
  .record(id, lineActualsBodySchema.shape.actuals)
  .refine((c) => Object.keys(c).length > 0 && Object.keys(c).length <= 5000, "one to 5000 lines");

export async function saveLineActualsAction(input: { caseId: string; changes: unknown }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const result = await setLineActuals(actor, id.parse(input.caseId), changesSchema.parse(input.changes));
    refresh();
    return { lines: result.data };
  });
}

export async function saveKpiActualsAction(input: { kpiId: string; actuals: unknown }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const result = await setKpiActuals(
      actor,
      id.parse(input.kpiId),
      kpiActualsBodySchema.parse({ actuals: input.actuals }),
    );
    refresh();
    return result.data;
  });
}

export async function saveRealisationSettingsAction(input: { caseId: string; settings: unknown }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const result = await updateCaseTracking(actor, id.parse(input.caseId), caseTrackingSchema.parse(input.settings));
    refresh();
    return {
      actualsThrough: result.data.actualsThrough,
      goLiveMonth: result.data.goLiveMonth,
      chosenScenario: result.data.chosenScenario,
    };
  });
}
