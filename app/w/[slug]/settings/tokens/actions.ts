"use server";
// Server actions of the API tokens page: wrapper -> parse -> data layer -> revalidate -> result.
// The data layer enforces "signed-in owners only"; these only check that someone is signed in.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/result";
import { requireActor } from "@/lib/auth/session";
import { createApiToken, revokeApiToken } from "@/lib/db/api-tokens";
import { createApiTokenSchema } from "@/lib/validation/case";

const slugSchema = z.string().min(1).max(200);

export async function createApiTokenAction(input: { slug: string; name: string; role: string }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const slug = slugSchema.parse(input.slug);
    const data = createApiTokenSchema.parse({ name: input.name, role: input.role });
    const { secret, token } = await createApiToken(actor, slug, data);
    revalidatePath(`/w/${encodeURIComponent(slug)}/settings/tokens`);
    return { secret, prefix: token.prefix };
  });
}

export async function revokeApiTokenAction(input: { slug: string; tokenId: string }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    await revokeApiToken(actor, z.uuid().parse(input.tokenId));
    revalidatePath(`/w/${encodeURIComponent(slugSchema.parse(input.slug))}/settings/tokens`);
    return null;
  });
}
