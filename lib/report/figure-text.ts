// A figure as words when it does not exist (docs/proposal.md#missing-figures): the reason from
// lib/finance/figure-reasons.ts in the reader's language, never a bare dash or "none". Shared by
// the case pages (client components import it too: it is pure), the case list, the compare page,
// the health checks and the report; the sentences live in the "proposal" catalogue.
import { createTranslator } from "use-intl/core";
import { figureReason, type FigureReason, type ReasonedFigure } from "@/lib/finance/figure-reasons";
import { isLocale, type Locale } from "@/lib/i18n/config";
import en from "@/messages/en/proposal.json";
import fr from "@/messages/fr/proposal.json";
import nb from "@/messages/nb/proposal.json";
import sv from "@/messages/sv/proposal.json";
import zh from "@/messages/zh/proposal.json";

const CATALOGUES = { en, sv, nb, fr, zh } as const;

export type ProposalTr = (key: string, values?: Record<string, string | number>) => string;

export function proposalTranslator(locale: string): ProposalTr {
  const l: Locale = isLocale(locale) ? locale : "en";
  const t = createTranslator({ locale: l, messages: CATALOGUES[l] as Record<string, unknown> as never });
  return (key, values) => (t as unknown as ProposalTr)(key, values);
}

export function reasonText(reason: FigureReason, locale: string): string {
  return proposalTranslator(locale)(`reasons.${reason}`);
}

export type FigureMetrics = Parameters<typeof figureReason>[0];

// The figure formatted, or why there is none. `m` holds the figure and what its reason follows from.
export function figureText(
  m: FigureMetrics,
  figure: ReasonedFigure,
  format: (value: string) => string,
  locale: string,
): string {
  const value = m[figure];
  if (value !== null) return format(value);
  return reasonText(figureReason(m, figure)!, locale);
}
