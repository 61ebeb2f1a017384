"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { cloneScenario, createScenario, deleteScenario, renameScenario, setBaselineScenario } from "@/lib/db/scenarios";
import { cloneScenarioSchema, createScenarioSchema, renameScenarioSchema } from "@/lib/validation/case";
import { runAction } from "./result";

// Scenario writes from the Scenarios tab. Each names the case version the page was rendered with;
// a stale one comes back as code "conflict" with the current version (runAction).
const version = z.int().min(1);
const id = z.uuid();
const slug = z.string().min(1).max(100);

function revalidateCase(s: string, caseId: string) {
  revalidatePath(`/w/${encodeURIComponent(s)}/cases/${caseId}`, "layout");
}

export async function createScenarioAction(input: { slug: string; caseId: string; version: number; name: string }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const result = await createScenario(
      actor,
      id.parse(input.caseId),
      version.parse(input.version),
      createScenarioSchema.parse({ name: input.name }),
    );
    revalidateCase(slug.parse(input.slug), input.caseId);
    return { version: result.version, scenario: result.data };
  });
}

export async function cloneScenarioAction(input: {
  slug: string;
  caseId: string;
  scenarioId: string;
  version: number;
  name?: string;
}) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const data = cloneScenarioSchema.parse(input.name === undefined ? {} : { name: input.name });
    const result = await cloneScenario(actor, id.parse(input.scenarioId), version.parse(input.version), data);
    revalidateCase(slug.parse(input.slug), input.caseId);
    return { version: result.version, scenario: result.data };
  });
}

export async function renameScenarioAction(input: {
  slug: string;
  caseId: string;
  scenarioId: string;
  version: number;
  name: string;
}) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const result = await renameScenario(
      actor,
      id.parse(input.scenarioId),
      version.parse(input.version),
      renameScenarioSchema.parse({ name: input.name }),
    );
    revalidateCase(slug.parse(input.slug), input.caseId);
    return { version: result.version };
  });
}

export async function deleteScenarioAction(input: {
  slug: string;
  caseId: string;
  scenarioId: string;
  version: number;
}) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const result = await deleteScenario(actor, id.parse(input.scenarioId), version.parse(input.version));
    revalidateCase(slug.parse(input.slug), input.caseId);
    return { version: result.version };
  });
}

export async function setBaselineScenarioAction(input: {
  slug: string;
  caseId: string;
  scenarioId: string;
  version: number;
}) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const result = await setBaselineScenario(actor, id.parse(input.scenarioId), version.parse(input.version));
    revalidateCase(slug.parse(input.slug), input.caseId);
    return { version: result.version };
  });
}
