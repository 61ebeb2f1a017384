// One OpenID Connect provider as next-auth sees it (docs/enterprise-sign-in.md). The code flow
// with PKCE, state and nonce; openid-client (inside next-auth) validates the ID token: signature
// against the issuer's keys, issuer, audience, expiry and nonce. Claims missing from the ID
// token (e-mail, email_verified, groups) are read from the UserInfo endpoint with the access
// token, as OpenID Connect Core (5.4) has providers return scope claims there; openid-client
// checks that UserInfo's subject is the ID token's. ID token claims win where both have one.
import "server-only";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { TokenSet } from "openid-client";
import type { SsoProvider } from "./sso-providers";

type Claims = Record<string, unknown> & { sub: string };

export function ssoProviderConfig(provider: SsoProvider): OAuthConfig<Claims> {
  return {
    id: provider.id,
    name: provider.name,
    type: "oauth",
    wellKnown: `${provider.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    // Company identity providers can be slow to answer the token request; next-auth's default is 3.5 s.
    httpOptions: { timeout: 20_000 },
    userinfo: {
      async request(context) {
        // next-auth passes openid-client's TokenSet (its types say only the parameters).
        const tokens = context.tokens as unknown as TokenSet;
        const claims = tokens.claims() as Claims;
        const missing =
          typeof claims.email !== "string" ||
          claims.email_verified === undefined ||
          claims[provider.groupsClaim] === undefined;
        if (!missing || !tokens.access_token) return claims;
        const info = (await context.client.userinfo(tokens)) as Record<string, unknown>;
        return { ...info, ...claims };
      },
    },
    profile(claims) {
      return {
        id: claims.sub,
        email: typeof claims.email === "string" ? claims.email : null,
        name: typeof claims.name === "string" ? claims.name : null,
      };
    },
  };
}
