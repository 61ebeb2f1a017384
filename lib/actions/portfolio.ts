"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { optimisePortfolio, savePortfolioPlan, type OptimiseBody, type SavePlanBody } from "@/lib/services/portfolio";
import { runAction } from "./result";

// The portfolio page's funding panel: try a selection (reads only) and save it as a plan. The
// service validates the bodies and the data layer checks the roles.
const slug = z.string().min(1).max(100);

export async function optimisePortfolioAction(input: { slug: string; body: OptimiseBody }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    return optimisePortfolio(actor, slug.parse(input.slug), input.body);
  });
}

export async function savePortfolioPlanAction(input: { slug: string; body: SavePlanBody }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const plan = await savePortfolioPlan(actor, slug.parse(input.slug), input.body);
    revalidatePath(`/w/${encodeURIComponent(input.slug)}/portfolio`);
    return { id: plan.id, name: plan.name };
  });
}
