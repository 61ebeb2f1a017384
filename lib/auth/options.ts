import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { signInSchema } from "@/lib/validation/auth";
import { clearFailures, isRateLimited, recordFailure, SIGN_IN_LIMITS } from "@/lib/db/rate-limit";
import { createAuthSession, deleteAuthSession, sessionMaxAgeSeconds } from "@/lib/db/sessions";
import { completeSsoSignIn, passwordSignInAllowed, recordSignIn } from "@/lib/db/sso";
import { verifyCredentials } from "@/lib/db/users";
import { clientAddress } from "./client-address";
import { ssoProviderConfig } from "./oidc";
import { readSsoProviders } from "./sso-providers";
import { DEFAULT_AFTER_SIGN_IN, safeCallbackPath } from "./redirect";

export const GENERIC_SIGN_IN_ERROR = "CredentialsSignin";
export const RATE_LIMITED_ERROR = "TooManyAttempts";
export const SSO_REQUIRED_ERROR = "SsoRequired";

// Checks a sign-in attempt against both limits, then the password. Exported for tests.
export async function authorizeCredentials(raw: unknown, headers: Record<string, unknown> | undefined) {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const accountKey = `signin:account:${email}`;
  const address = clientAddress(headers);
  const addressKey = `signin:address:${address}`;
  const [account, byAddress] = await Promise.all([
    isRateLimited(accountKey, SIGN_IN_LIMITS.account.max),
    isRateLimited(addressKey, SIGN_IN_LIMITS.address.max),
  ]);
  if (account.limited || byAddress.limited) {
    console.warn(JSON.stringify({ event: "sign-in-rate-limited", address }));
    throw new Error(RATE_LIMITED_ERROR);
  }
  const user = await verifyCredentials(email, password);
  if (!user) {
    await Promise.all([
      recordFailure(accountKey, SIGN_IN_LIMITS.account.windowMs),
      recordFailure(addressKey, SIGN_IN_LIMITS.address.windowMs),
    ]);
    console.warn(JSON.stringify({ event: "sign-in-failed", address }));
    return null;
  }
  await clearFailures(accountKey);
  // A workspace that requires single sign-on switches password sign-in off for its members.
  if (!(await passwordSignInAllowed(user.id))) throw new Error(SSO_REQUIRED_ERROR);
  await recordSignIn(user.id, "password");
  console.info(JSON.stringify({ event: "sign-in", userId: user.id }));
  return { id: user.id, email: user.email, name: user.name };
}

function providers(): NextAuthOptions["providers"] {
  const list: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "E-mail",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, req) =>
        authorizeCredentials(credentials, req?.headers as Record<string, unknown> | undefined),
    }),
  ];
  for (const provider of readSsoProviders()) list.push(ssoProviderConfig(provider));
  return list;
}

// email_verified arrives as a boolean, or as the string "true"/"false" from some providers.
function readVerified(v: unknown): boolean | null {
  if (v === true || v === "true") return true;
  if (v === false || v === "false") return false;
  return null;
}

function readGroups(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((g): g is string => typeof g === "string").slice(0, 500);
  if (typeof v === "string" && v) return [v];
  return [];
}

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds() },
  pages: { signIn: "/signin", error: "/signin" },
  providers: providers(),
  callbacks: {
    async signIn({ user, account, profile }) {
      if (!account || account.provider === "credentials") return true;
      const provider = readSsoProviders().find((p) => p.id === account.provider);
      if (!provider) return "/signin?error=OidcUnknownProvider";
      const claims = (profile ?? {}) as Record<string, unknown>;
      const result = await completeSsoSignIn({
        providerId: provider.id,
        subject: account.providerAccountId,
        email: typeof claims.email === "string" ? claims.email : null,
        emailVerified: readVerified(claims.email_verified),
        name: typeof claims.name === "string" ? claims.name : null,
        groups: readGroups(claims[provider.groupsClaim]),
        linkVerifiedEmail: provider.linkVerifiedEmail,
      });
      if ("refused" in result) {
        console.warn(JSON.stringify({ event: "sso-refused", provider: provider.id, reason: result.refused }));
        return `/signin?error=${result.refused}`;
      }
      user.id = result.userId; // from here on, our user id, not the provider's subject
      await recordSignIn(result.userId, `sso:${provider.id}`);
      return true;
    },
    async jwt({ token, user }) {
      // A fresh server-side session on every sign-in; sign-out deletes it.
      if (user) {
        token.uid = user.id;
        token.sid = await createAuthSession(user.id);
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid, sid: token.sid } as typeof session;
    },
    async redirect({ url, baseUrl }) {
      const path = safeCallbackPath(url, baseUrl);
      return `${baseUrl}${path || DEFAULT_AFTER_SIGN_IN}`;
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === "string") await deleteAuthSession(token.sid);
    },
  },
};
