// View models of the case's exchange rates (docs/currencies.md): the rate tables as the editors
// show them (the variance split's view is lib/report/currency-variance.ts, shared with the report).
import Decimal from "decimal.js";
import type { CaseSummaryDTO } from "@/lib/db/case-mappers";
import { formatActualRates, formatPlanRates } from "@/lib/currencies/rate-text";
import { formatCaseMonth, formatNumber } from "@/lib/i18n/format";
import { toInputText } from "@/lib/i18n/parse-decimal";

export interface RateRow {
  currency: string;
  month: number;
  monthLabel: string;
  rate: string;
}

const rateText = (rate: string, locale: string) =>
  formatNumber(rate, locale, Math.min(6, Math.max(2, new Decimal(rate).decimalPlaces())));

export function getRateTablesView(
  c: Pick<CaseSummaryDTO, "fx" | "fxActuals" | "startMonth" | "currency">,
  locale: string,
) {
  const decimal = toInputText("0.5", locale).includes(",") ? "," : ".";
  const label = (m: number) => `${m} (${formatCaseMonth(c.startMonth, m, locale)})`;
  const plan: RateRow[] = Object.entries(c.fx ?? {}).flatMap(([currency, steps]) =>
    steps.map((s) => ({ currency, month: s.from, monthLabel: label(s.from), rate: rateText(s.rate, locale) })),
  );
  const actual: RateRow[] = Object.entries(c.fxActuals ?? {}).flatMap(([currency, months]) =>
    Object.entries(months)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([m, rate]) => ({ currency, month: Number(m), monthLabel: label(Number(m)), rate: rateText(rate, locale) })),
  );
  return {
    plan,
    actual,
    planText: formatPlanRates(c.fx, decimal),
    actualText: formatActualRates(c.fxActuals, decimal),
  };
}
