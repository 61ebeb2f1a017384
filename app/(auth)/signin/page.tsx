import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { listSsoButtons } from "@/lib/auth/sso-providers";

export const dynamic = "force-dynamic";

// next-auth's error codes (and ours from the sign-in callback) -> what the person reads. A
// refused provider answer (expired or tampered token, wrong issuer, replayed code, failed state
// or nonce check) arrives as OAuthCallback.
const SIGN_IN_ERRORS: Record<
  string,
  "oidcEmailTaken" | "oidcEmailUnverified" | "oidcNoEmail" | "ssoRequired" | "oauthFailed"
> = {
  OidcEmailTaken: "oidcEmailTaken",
  OidcEmailUnverified: "oidcEmailUnverified",
  OidcNoEmail: "oidcNoEmail",
  SsoRequired: "ssoRequired",
  OAuthCallback: "oauthFailed",
  OAuthSignin: "oauthFailed",
  Callback: "oauthFailed",
  OAuthAccountNotLinked: "oidcEmailTaken",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const t = await getTranslations("auth");
  const callbackUrl = safeCallbackPath(
    typeof params.callbackUrl === "string" ? params.callbackUrl : undefined,
    "http://x.invalid",
  );
  if (await getCurrentUser()) redirect(callbackUrl);
  const code = typeof params.error === "string" ? params.error : undefined;
  const error = code ? t(SIGN_IN_ERRORS[code] ?? "invalid") : undefined;
  return (
    <Card>
      <h1 className="mb-6 text-xl font-semibold">{t("signInTitle")}</h1>
      <SignInForm
        callbackUrl={callbackUrl}
        initialError={error}
        initialEmail={typeof params.email === "string" ? params.email : undefined}
        ssoProviders={listSsoButtons()}
      />
    </Card>
  );
}
