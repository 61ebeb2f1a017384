// The currency part of the realisation's variance (docs/currencies.md), as the Realisation tab and
// the report's realisation page read it: "of the 42,000 SEK overrun, 31,000 is the dollar".
// Pure: formatted strings from the engine's output.
import Decimal from "decimal.js";
import type { ComputeOutput } from "@/lib/finance/types";
import { createTranslator } from "use-intl/core";
import type { Locale } from "@/lib/i18n/config";
import { formatMoney } from "@/lib/i18n/format";
import en from "@/messages/en/currencies.json";
import fr from "@/messages/fr/currencies.json";
import nb from "@/messages/nb/currencies.json";
import sv from "@/messages/sv/currencies.json";
import zh from "@/messages/zh/currencies.json";

const CATALOGUES = { en, sv, nb, fr, zh } as const;

export interface CurrencyVarianceView {
  // The sentence's parts: the whole variance of the foreign lines, the currency part, the currencies.
  totalText: string;
  currencyText: string;
  volumeText: string;
  currencies: string;
  overrun: boolean; // costs above plan (or benefits below): the variance is against the case
  lines: {
    name: string;
    kind: "cost" | "benefit";
    currency: string;
    varianceText: string;
    currencyText: string;
    volumeText: string;
  }[];
}

// The foreign lines' variance split, or null when no line of the realisation is in another currency.
export function buildCurrencyVariance(
  output: ComputeOutput,
  reportingCurrency: string,
  locale: string,
): CurrencyVarianceView | null {
  const lines = (output.realisation?.lines ?? []).filter((l) => l.currency !== undefined);
  if (!lines.length) return null;
  const money = (v: Decimal | string) => formatMoney(new Decimal(v).toString(), reportingCurrency, locale);
  const signed = (v: string) => (new Decimal(v).gt(0) ? "+" : "") + money(v);
  // In the net's terms: a cost above plan, or a benefit below it, is against the case.
  const net = (l: (typeof lines)[number], v: string) => (l.kind === "cost" ? new Decimal(v).neg() : new Decimal(v));
  let total = new Decimal(0);
  let currency = new Decimal(0);
  for (const l of lines) {
    total = total.plus(net(l, l.variance));
    currency = currency.plus(net(l, l.currencyVariance!));
  }
  const volume = total.minus(currency);
  return {
    totalText: money(total.abs()),
    currencyText: money(currency.abs()),
    volumeText: money(volume.abs()),
    currencies: [...new Set(lines.map((l) => l.currency!))].join(", "),
    overrun: total.lt(0),
    lines: lines.map((l) => ({
      name: l.name,
      kind: l.kind,
      currency: l.currency!,
      varianceText: signed(l.variance),
      currencyText: signed(l.currencyVariance!),
      volumeText: signed(l.volumeVariance!),
    })),
  };
}

// The report's sentence ("Of the 42,000 SEK shortfall ..., 31,000 SEK is the exchange rate"), or
// null when no line of the realisation is in another currency.
export function currencySentence(output: ComputeOutput, reportingCurrency: string, locale: Locale): string | null {
  const view = buildCurrencyVariance(output, reportingCurrency, locale);
  if (!view) return null;
  const t = createTranslator({
    locale,
    messages: CATALOGUES[locale] as Record<string, unknown> as never,
    namespace: "variance" as never,
  }) as unknown as (k: string, v?: Record<string, string>) => string;
  return t(view.overrun ? "overrun" : "ahead", {
    total: view.totalText,
    currencyPart: view.currencyText,
    currencies: view.currencies,
    volume: view.volumeText,
  });
}
