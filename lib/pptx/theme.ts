// The deck's look: fonts, colours and an optional logo. The default matches the PDF report and the
// app (costs amber, benefits teal, blue accent). A workspace template (lib/pptx/template.ts)
// replaces the fonts, the accent and text colours and the logo, and its theme part's colour and
// font schemes go into the deck as they are (docs/board-pack.md "Templates").
import type { Locale } from "@/lib/i18n/config";

export interface DeckLogo {
  data: string; // data:image/png;base64,... (never a URL: building a deck fetches nothing)
  widthPx: number;
  heightPx: number;
}

// What a template contributes, as stored beside the uploaded file.
export interface TemplateTheme {
  headingFont: string | null;
  bodyFont: string | null;
  colours: Partial<Record<"dk1" | "lt1" | "dk2" | "lt2" | "accent1" | "accent2", string>>; // RRGGBB
  // The template's <a:clrScheme> and <a:fontScheme> elements, spliced into the deck's theme part.
  clrSchemeXml: string | null;
  fontSchemeXml: string | null;
  logo: DeckLogo | null;
}

export interface DeckTheme {
  headingFont: string;
  bodyFont: string;
  eastAsianFont: string | null; // Chinese: the font named for CJK text (PowerPoint's "ea" font)
  lang: string; // the language tag written on every text run
  ink: string;
  muted: string;
  faint: string;
  rule: string;
  accent: string;
  benefit: string;
  cost: string;
  baseline: string;
  negative: string;
  pass: string;
  background: string;
  costShades: string[];
  benefitShades: string[];
  tornado: { lower: string; higher: string };
  logo: DeckLogo | null;
  clrSchemeXml: string | null;
  fontSchemeXml: string | null;
}

// PowerPoint on Windows and macOS ships Microsoft YaHei; LibreOffice on Linux falls back through
// fontconfig (WenQuanYi Micro Hei or Noto Sans SC when installed), which the theme names as the
// Simplified Chinese script font too.
export const CHINESE_FONT = "Microsoft YaHei";
export const CHINESE_FALLBACKS = ["WenQuanYi Micro Hei", "Noto Sans SC"];

const LANG: Record<Locale, string> = { en: "en-GB", sv: "sv-SE", nb: "nb-NO", fr: "fr-FR", zh: "zh-CN" };

const hex = (c: string) => c.replace(/^#/, "").toUpperCase();

export function deckTheme(locale: Locale, template: TemplateTheme | null = null): DeckTheme {
  const zh = locale === "zh";
  const accent = template?.colours.accent1 ?? "1D4ED8";
  const ink = template?.colours.dk1 && template.colours.dk1 !== "000000" ? template.colours.dk1 : "111827";
  return {
    headingFont: zh ? CHINESE_FONT : (template?.headingFont ?? "Calibri"),
    bodyFont: zh ? CHINESE_FONT : (template?.bodyFont ?? "Calibri"),
    eastAsianFont: zh ? CHINESE_FONT : null,
    lang: LANG[locale],
    ink: hex(ink),
    muted: "4B5563",
    faint: "9CA3AF",
    rule: "E5E7EB",
    accent: hex(accent),
    benefit: "0F766E",
    cost: "B45309",
    baseline: "6B7280",
    negative: "B91C1C",
    pass: "0F766E",
    background: hex(template?.colours.lt1 ?? "FFFFFF"),
    costShades: ["92400E", "B45309", "D97706", "F59E0B", "FBBF24", "FCD34D", "FDE68A", "78350F", "A16207"],
    benefitShades: ["134E4A", "0F766E", "14B8A6", "2DD4BF", "5EEAD4", "99F6E4", "115E59"],
    tornado: { lower: "F59E0B", higher: "2563EB" },
    logo: template?.logo ?? null,
    clrSchemeXml: template?.clrSchemeXml ?? null,
    fontSchemeXml: template?.fontSchemeXml ?? null,
  };
}
