import type { Locale } from "./config";

// One catalogue file per feature and language (messages/<locale>/<namespace>.json), so features
// are translated side by side without editing one giant file. Add a namespace here when adding a
// file; tests/unit/i18n checks every language has every key English has.
export const NAMESPACES = [
  "app",
  "common",
  "auth",
  "workspace",
  "report",
  "tokens",
  "case",
  "risks",
  "scenarios",
  "uncertainty",
  "hints",
  "versions",
  "realisation",
  "collab",
  "sso",
  "pptx",
  "import",
  "finance",
  "portfolio",
  "currencies",
  "proposal",
  "workbook",
] as const;
export type Namespace = (typeof NAMESPACES)[number];

export type Messages = Record<string, unknown>;

export async function loadMessages(locale: Locale): Promise<Messages> {
  const entries = await Promise.all(
    NAMESPACES.map(async (ns) => [ns, (await import(`../../messages/${locale}/${ns}.json`)).default] as const),
  );
  return Object.fromEntries(entries);
}
