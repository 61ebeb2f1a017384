"use server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { goalSeekBodySchema, goalSeekCase } from "@/lib/services/goal-seek";
import { runAction } from "./result";

// The overview's goal-seek panel: reads the case (viewers too), writes nothing.
const id = z.uuid();

export async function goalSeekAction(input: { caseId: string; request: unknown }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    return goalSeekCase(actor, id.parse(input.caseId), goalSeekBodySchema.parse(input.request));
  });
}
