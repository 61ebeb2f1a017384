"use server";
// Server actions of the sign-in settings page: wrapper -> parse -> data layer -> revalidate ->
// result. The data layer enforces "signed-in owners only"; these only check that someone is
// signed in.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/result";
import { readSsoProviders } from "@/lib/auth/sso-providers";
import { requireActor } from "@/lib/auth/session";
import { createScimToken, revokeScimTokens } from "@/lib/db/scim";
import { updateSsoSettings } from "@/lib/db/sso";
import { signInSettingsBodySchema, type SignInSettingsBody } from "@/lib/validation/sso";

const slugSchema = z.string().min(1).max(200);
const path = (slug: string) => `/w/${encodeURIComponent(slug)}/settings/sign-in`;

export async function saveSignInSettingsAction(input: { slug: string; settings: SignInSettingsBody }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const slug = slugSchema.parse(input.slug);
    const body = signInSettingsBodySchema.parse(input.settings) as SignInSettingsBody;
    await updateSsoSettings(
      actor,
      slug,
      body,
      readSsoProviders().map((p) => p.id),
    );
    revalidatePath(path(slug));
    return null;
  });
}

export async function createScimTokenAction(input: { slug: string }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const slug = slugSchema.parse(input.slug);
    const made = await createScimToken(actor, slug);
    revalidatePath(path(slug));
    return made;
  });
}

export async function revokeScimTokenAction(input: { slug: string }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const slug = slugSchema.parse(input.slug);
    await revokeScimTokens(actor, slug);
    revalidatePath(path(slug));
    return null;
  });
}
