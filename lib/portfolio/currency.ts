// The one door from a case's currency to the workspace's reporting currency for the portfolio
// (docs/portfolio.md "Currencies"). Every portfolio figure passes its monthly incremental flows
// through it; the figures are recomputed only when it returns new flows.
import type Decimal from "decimal.js";
import { convertSeries, type WorkspaceRates } from "@/lib/finance/fx";

export interface MonthlySeries {
  cost: Decimal[]; // month 0 .. horizon
  benefit: Decimal[];
}

export class CurrencyMismatch extends Error {
  constructor(
    readonly caseCurrency: string,
    readonly reportingCurrency: string,
  ) {
    super(
      `a case in ${caseCurrency} cannot be shown in the portfolio's ${reportingCurrency}: the workspace has no ${caseCurrency} rate (add it in the workspace's currency settings)`,
    );
  }
}

// Same currency: the series itself (the caller keeps the cached figures). Another currency: each
// month converted at the workspace's rate for that calendar month (lib/finance/fx.ts, exact);
// without a rate for the case's currency, refused with the pair named.
export function toReportingCurrency(
  series: MonthlySeries,
  caseCurrency: string,
  reportingCurrency: string,
  startMonth: string,
  rates: WorkspaceRates["rates"] = {},
): MonthlySeries {
  if (caseCurrency === reportingCurrency) return series;
  if (!rates[caseCurrency]?.length) throw new CurrencyMismatch(caseCurrency, reportingCurrency);
  const from = { currency: caseCurrency, startMonth };
  const to = { currency: reportingCurrency, rates };
  return { cost: convertSeries(series.cost, from, to), benefit: convertSeries(series.benefit, from, to) };
}
