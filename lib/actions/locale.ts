"use server";
import { cookies } from "next/headers";
import { getCurrentUser } from "@/lib/auth/session";
import { setUserLocale } from "@/lib/db/users";
import { LOCALE_COOKIE, isLocale } from "@/lib/i18n/config";

// Remembers the language in a cookie (and on the user when signed in); the page re-renders in place.
export async function setLocaleAction(locale: string) {
  if (!isLocale(locale)) return { ok: false as const };
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: "/",
    sameSite: "lax",
    maxAge: 60 * 60 * 24 * 365,
    httpOnly: false,
  });
  const user = await getCurrentUser();
  if (user) await setUserLocale(user.id, locale);
  return { ok: true as const };
}
