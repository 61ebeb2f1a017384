// The OpenID Connect providers of this deployment (docs/enterprise-sign-in.md). Several may be
// configured with OIDC_PROVIDERS (a JSON array); the single-provider variables OIDC_ISSUER,
// OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_NAME still work and make a provider with id "oidc".
import { z } from "zod";
import { readEnv, type Env } from "@/lib/env";

export const ssoProviderSchema = z.object({
  // The provider's id in URLs (/api/auth/callback/<id>) and in workspace SSO policies.
  id: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,39}$/, "lower-case letters, digits and hyphens, starting with a letter")
    .refine((v) => v !== "credentials", "the id 'credentials' is taken by password sign-in"),
  name: z.string().min(1).max(80),
  issuer: z.string().url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  // The claim (ID token or UserInfo) that lists the person's groups, for roles from groups.
  groupsClaim: z.string().min(1).default("groups"),
  // Link a first sign-in to an existing account with the same e-mail, but only when the
  // provider says the e-mail is verified (email_verified: true). Off by default: with it off, an
  // existing account's e-mail is refused (OidcEmailTaken), as whoever controls the address at the
  // provider could otherwise take the account over.
  linkVerifiedEmail: z.boolean().default(false),
});
export type SsoProvider = z.infer<typeof ssoProviderSchema>;

const providersSchema = z
  .array(ssoProviderSchema)
  .max(20)
  .refine((list) => new Set(list.map((p) => p.id)).size === list.length, "provider ids must be unique");

export function readSsoProviders(env: Env = readEnv(), raw: string | undefined = process.env.OIDC_PROVIDERS) {
  const list: SsoProvider[] = [];
  if (raw && raw.trim()) {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new Error("Invalid environment: OIDC_PROVIDERS is not JSON (a list of providers)");
    }
    const parsed = providersSchema.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `OIDC_PROVIDERS.${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${problems}`);
    }
    list.push(...parsed.data);
  }
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET && !list.some((p) => p.id === "oidc")) {
    list.push(
      ssoProviderSchema.parse({
        id: "oidc",
        name: env.OIDC_NAME ?? "Single sign-on",
        issuer: env.OIDC_ISSUER,
        clientId: env.OIDC_CLIENT_ID,
        clientSecret: env.OIDC_CLIENT_SECRET,
      }),
    );
  }
  return list;
}

// What the sign-in page lists (no secrets).
export function listSsoButtons(): { id: string; name: string }[] {
  return readSsoProviders().map((p) => ({ id: p.id, name: p.name }));
}
