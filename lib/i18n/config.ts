// The interface languages. "nb" is Norwegian bokmål.
export const LOCALES = ["en", "sv", "nb", "fr", "zh"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "caseboard-locale";

export const LOCALE_NAMES: Record<Locale, string> = {
  en: "English",
  sv: "Svenska",
  nb: "Norsk bokmål",
  fr: "Français",
  zh: "中文（简体）",
};

// Intl needs a full tag for Chinese number and date formats.
export const INTL_TAGS: Record<Locale, string> = { en: "en-GB", sv: "sv-SE", nb: "nb-NO", fr: "fr-FR", zh: "zh-CN" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
