// A workspace's single sign-on policy and audit settings (docs/enterprise-sign-in.md).
import { z } from "zod";

const role = z.enum(["owner", "editor", "viewer"]);
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "a domain such as example.com");

export const ssoPolicySchema = z
  .object({
    // The deployment's providers (ids from OIDC_PROVIDERS) this workspace trusts.
    providers: z.array(z.string().min(1).max(40)).max(20).default([]),
    // E-mail domains whose people may join by signing in (just-in-time membership).
    domains: z.array(domain).max(50).default([]),
    jit: z.boolean().default(false),
    // The role a person joining just in time gets when no group of theirs maps to a role.
    defaultRole: z.enum(["editor", "viewer"]).default("viewer"),
    // Group name (from the provider's groups claim, or a SCIM group's displayName) -> role.
    groupRoles: z.record(z.string().trim().min(1).max(200), role).default({}),
    // Members may sign in only through one of `providers` (password sign-in refused).
    requireSso: z.boolean().default(false),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.jit && p.domains.length === 0)
      ctx.addIssue({ code: "custom", path: ["domains"], message: "just-in-time membership needs at least one domain" });
    if ((p.jit || p.requireSso) && p.providers.length === 0)
      ctx.addIssue({ code: "custom", path: ["providers"], message: "name at least one sign-in provider" });
  });
export type SsoPolicy = z.infer<typeof ssoPolicySchema>;
export type SsoPolicyInput = z.input<typeof ssoPolicySchema>;

export const auditSettingsSchema = z
  .object({
    // null: keep the audit trail for ever.
    retentionDays: z.number().int().min(30).max(3650).nullable(),
  })
  .strict();

export const signInSettingsBodySchema = z
  .object({
    // Checked by ssoPolicySchema in the data layer (errors name policy.<field>); null: no policy.
    policy: z.record(z.string(), z.unknown()).nullable().optional(),
    auditRetentionDays: z.number().int().min(30).max(3650).nullable().optional(),
  })
  .strict();
export type SignInSettingsBody = { policy?: SsoPolicyInput | null; auditRetentionDays?: number | null };

export const auditExportQuerySchema = z.strictObject({
  format: z.enum(["csv", "jsonl"]).default("jsonl"),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

// The highest role any of a person's groups maps to; null when none does.
export function roleFromGroups(policy: Pick<SsoPolicy, "groupRoles">, groups: readonly string[]) {
  const rank = { viewer: 1, editor: 2, owner: 3 } as const;
  let best: "owner" | "editor" | "viewer" | null = null;
  for (const g of groups) {
    const r = policy.groupRoles[g];
    if (r && (best === null || rank[r] > rank[best])) best = r;
  }
  return best;
}
