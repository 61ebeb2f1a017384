"use client";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { signUpAction } from "@/lib/actions/auth";

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("auth");
  const common = useTranslations("common");
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [pending, setPending] = useState(false);
  return (
    <form
      className="space-y-4"
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        setErrors({});
        setMessage(undefined);
        const data = new FormData(e.currentTarget);
        const input = {
          email: String(data.get("email")),
          password: String(data.get("password")),
          name: String(data.get("name") ?? ""),
        };
        const result = await signUpAction(input);
        if (!result.ok) {
          setPending(false);
          setErrors(Object.fromEntries((result.fieldErrors ?? []).map((f) => [f.path, f.message])));
          setMessage(
            result.fieldErrors?.length ? undefined : result.code === "internal" ? common("error") : result.message,
          );
          return;
        }
        const res = await signIn("credentials", {
          redirect: false,
          email: input.email,
          password: input.password,
          callbackUrl,
        });
        setPending(false);
        if (!res || res.error) {
          router.push("/signin");
          return;
        }
        router.push(callbackUrl);
        router.refresh();
      }}
    >
      <Field id="name" label={t("name")} error={errors.name}>
        <Input id="name" name="name" autoComplete="name" maxLength={200} />
      </Field>
      <Field id="email" label={t("email")} error={errors.email}>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          invalid={!!errors.email}
          aria-describedby={errors.email ? "email-error" : undefined}
        />
      </Field>
      <Field id="password" label={t("password")} hint={t("passwordHint")} error={errors.password}>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          invalid={!!errors.password}
          aria-describedby={errors.password ? "password-error" : "password-hint"}
        />
      </Field>
      {message ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {message}
        </p>
      ) : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {t("signUp")}
      </Button>
      <p className="text-center text-sm text-gray-600">
        {t("haveAccount")}{" "}
        <Link className="font-medium text-blue-700 hover:underline" href="/signin">
          {t("signIn")}
        </Link>
      </p>
    </form>
  );
}
