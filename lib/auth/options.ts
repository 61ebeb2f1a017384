import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { signInSchema } from "@/lib/validation/auth";
import { clearFailures, isRateLimited, recordFailure, SIGN_IN_LIMITS } from "@/lib/db/rate-limit";
import { createAuthSession, deleteAuthSession, SESSION_DAYS } from "@/lib/db/sessions";
import { findOrCreateOidcUser, verifyCredentials } from "@/lib/db/users";
import { readEnv } from "@/lib/env";
import { clientAddress } from "./client-address";
import { DEFAULT_AFTER_SIGN_IN, safeCallbackPath } from "./redirect";

export const GENERIC_SIGN_IN_ERROR = "CredentialsSignin";
export const RATE_LIMITED_ERROR = "TooManyAttempts";

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
  console.info(JSON.stringify({ event: "sign-in", userId: user.id }));
  return { id: user.id, email: user.email, name: user.name };
}

function providers(): NextAuthOptions["providers"] {
  const env = readEnv();
  const list: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "E-mail",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, req) =>
        authorizeCredentials(credentials, req?.headers as Record<string, unknown> | undefined),
    }),
  ];
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    list.push({
      id: "oidc",
      name: env.OIDC_NAME ?? "Single sign-on",
      type: "oauth",
      wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? null };
      },
    });
  }
  return list;
}

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_DAYS * 86_400 },
  pages: { signIn: "/signin", error: "/signin" },
  providers: providers(),
  callbacks: {
    async signIn({ user, account }) {
      if (account?.provider !== "oidc") return true;
      if (!user.email) return "/signin?error=OidcNoEmail";
      const found = await findOrCreateOidcUser({
        provider: "oidc",
        subject: account.providerAccountId,
        email: user.email,
        name: user.name,
      });
      if (found === "email-taken") return "/signin?error=OidcEmailTaken";
      user.id = found.id; // from here on, our user id, not the provider's subject
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
