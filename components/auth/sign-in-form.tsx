"use client";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

export function SignInForm({
  callbackUrl,
  initialError,
  initialEmail,
  ssoProviders,
}: {
  callbackUrl: string;
  initialError?: string;
  initialEmail?: string;
  ssoProviders: { id: string; name: string }[];
}) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [error, setError] = useState<string | undefined>(initialError);
  const [pending, setPending] = useState(false);
  return (
    <div className="space-y-5">
      <form
        className="space-y-4"
        onSubmit={async (e) => {
          e.preventDefault();
          setPending(true);
          setError(undefined);
          const data = new FormData(e.currentTarget);
          const res = await signIn("credentials", {
            redirect: false,
            email: String(data.get("email")),
            password: String(data.get("password")),
            callbackUrl,
          });
          setPending(false);
          if (!res || res.error) {
            setError(
              res?.error === "TooManyAttempts"
                ? t("tooMany")
                : res?.error === "SsoRequired"
                  ? t("ssoRequired")
                  : t("invalid"),
            );
            return;
          }
          router.push(
            res.url
              ? new URL(res.url, window.location.origin).pathname + new URL(res.url, window.location.origin).search
              : callbackUrl,
          );
          router.refresh();
        }}
      >
        <Field id="email" label={t("email")}>
          <Input id="email" name="email" type="email" autoComplete="email" required defaultValue={initialEmail} />
        </Field>
        <Field id="password" label={t("password")}>
          <Input id="password" name="password" type="password" autoComplete="current-password" required />
        </Field>
        {error ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        ) : null}
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? t("signingIn") : t("signIn")}
        </Button>
      </form>
      {ssoProviders.length > 0 ? (
        <div className="space-y-2" aria-label={t("ssoProviders")} role="group">
          <p className="text-center text-sm text-gray-600">{t("ssoProviders")}</p>
          {ssoProviders.map((p) => (
            <Button key={p.id} variant="secondary" className="w-full" onClick={() => signIn(p.id, { callbackUrl })}>
              {t("sso", { provider: p.name })}
            </Button>
          ))}
        </div>
      ) : null}
      <p className="text-center text-sm text-gray-600">
        {t("noAccount")}{" "}
        <Link
          className="font-medium text-blue-700 hover:underline"
          href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}
        >
          {t("signUp")}
        </Link>
      </p>
    </div>
  );
}
