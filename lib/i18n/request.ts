import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale } from "./config";
import { loadMessages } from "./messages";

// No locale in the URL: the user's choice lives in a cookie (and in their profile), so switching
// language keeps them on the page they are on.
export default getRequestConfig(async () => {
  const store = await cookies();
  const cookie = store.get(LOCALE_COOKIE)?.value;
  const locale = isLocale(cookie) ? cookie : DEFAULT_LOCALE;
  return { locale, messages: await loadMessages(locale) };
});
