// Locale formatting of the engine's decimal strings. Rounding happens in decimal (half-even, to
// the currency's minor unit or the asked digits) and Intl formats the rounded decimal string, so
// no float ever touches a displayed amount.
import Decimal from "decimal.js";
import { INTL_TAGS, isLocale, type Locale } from "./config";

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -60, toExpPos: 60 });

export function intlTag(locale: string): string {
  return isLocale(locale) ? INTL_TAGS[locale as Locale] : INTL_TAGS.en;
}

type IntlString = Parameters<Intl.NumberFormat["format"]>[0];

export function formatMoney(
  value: string,
  currency: string,
  locale: string,
  options: { digits?: number } = {},
): string {
  const fmt = new Intl.NumberFormat(intlTag(locale), {
    style: "currency",
    currency,
    maximumFractionDigits: options.digits ?? 0,
    minimumFractionDigits: options.digits ?? 0,
  });
  const digits = options.digits ?? 0;
  return fmt.format(new D(value).toDecimalPlaces(digits).toFixed(digits) as IntlString);
}

export function formatNumber(value: string, locale: string, digits = 0): string {
  const fmt = new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return fmt.format(new D(value).toDecimalPlaces(digits).toFixed(digits) as IntlString);
}

// A ratio ("0.364") as a percentage with one decimal ("36.4 %" in the locale's style).
export function formatPercent(ratio: string, locale: string, digits = 1): string {
  const fmt = new Intl.NumberFormat(intlTag(locale), {
    style: "percent",
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
  return fmt.format(new D(ratio).toDecimalPlaces(digits + 2).toFixed(digits + 2) as IntlString);
}

// "2027-01" + month 14 -> a date in the locale (the end of that month: docs/finance.md#the-monthly-grid).
export function formatCaseMonth(startMonth: string, month: number, locale: string): string {
  const [y, m] = startMonth.split("-").map(Number);
  const date = new Date(Date.UTC(y!, m! - 1 + month, 1));
  return new Intl.DateTimeFormat(intlTag(locale), { year: "numeric", month: "short", timeZone: "UTC" }).format(date);
}

// An IRR for display: beyond 1,000 % a year the figure says nothing a reader can use (it comes
// from flows that are positive almost from the start), so it reads "> 1,000 %" in the locale.
export const IRR_DISPLAY_CAP = "10";
export function formatIrr(ratio: string, locale: string, digits = 1): string {
  return new D(ratio).gt(IRR_DISPLAY_CAP)
    ? `> ${formatPercent(IRR_DISPLAY_CAP, locale, 0)}`
    : formatPercent(ratio, locale, digits);
}
