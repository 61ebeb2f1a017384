"use client";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Button } from "./button";

export function SignOutButton() {
  const t = useTranslations("common");
  return (
    <Button variant="ghost" onClick={() => signOut({ callbackUrl: "/signin" })}>
      {t("signOut")}
    </Button>
  );
}
