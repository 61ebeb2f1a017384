"use server";
// Exchange-rate writes (docs/currencies.md): the plan's rates are a plan change (they carry the
// version the form was rendered with: a new version, the diff and history show each step); the
// actual rates are a tracking write (no version, an approval holds).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { updateCaseTracking } from "@/lib/db/actuals";
import { updateCase } from "@/lib/db/cases";
import { setWorkspaceReportingRates } from "@/lib/db/workspace-currency";
import { reportingRatesSchema } from "@/lib/case-file/fx";
import { caseTrackingSchema } from "@/lib/validation/realisation";
import { updateCaseSchema } from "@/lib/validation/case";
import { runAction } from "./result";

const id = z.uuid();
const version = z.int().min(1);
const refresh = () => revalidatePath("/w/[slug]/cases/[caseId]", "layout");

export async function saveCaseRatesAction(input: { caseId: string; version: number; fx: unknown }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const patch = updateCaseSchema.pick({ fx: true }).parse({ fx: input.fx });
    const result = await updateCase(actor, id.parse(input.caseId), version.parse(input.version), patch);
    refresh();
    return { version: result.version };
  });
}

export async function saveActualRatesAction(input: { caseId: string; fxActuals: unknown }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const body = caseTrackingSchema.pick({ fxActuals: true }).parse({ fxActuals: input.fxActuals });
    await updateCaseTracking(actor, id.parse(input.caseId), body);
    refresh();
    return { saved: true };
  });
}

// The workspace's reporting currency and rates (owners only; the data layer refuses others).
export async function saveReportingRatesAction(input: { slug: string; value: unknown }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const slug = z.string().min(1).max(100).parse(input.slug);
    const result = await setWorkspaceReportingRates(actor, slug, reportingRatesSchema.parse(input.value));
    revalidatePath(`/w/${encodeURIComponent(slug)}/settings/currency`);
    return { currency: result.currency };
  });
}
