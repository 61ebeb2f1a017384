// The one door from a case's currency to the workspace's reporting currency for the portfolio
// (docs/portfolio.md "Currencies"). Every portfolio figure passes its monthly incremental flows
// through it; the figures are recomputed only when it returns new flows.
import type Decimal from "decimal.js";

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
      `a case in ${caseCurrency} cannot be shown in the portfolio's ${reportingCurrency}: no rates between them are known`,
    );
  }
}

// Same currency: the series itself (the caller keeps the cached figures). Another currency needs
// the workspace's dated rates, which this version does not hold yet: refused with the pair named.
export function toReportingCurrency(
  series: MonthlySeries,
  caseCurrency: string,
  reportingCurrency: string,
  startMonth: string,
): MonthlySeries {
  void startMonth; // the month grid's calendar start, which dated rates are read by
  if (caseCurrency === reportingCurrency) return series;
  throw new CurrencyMismatch(caseCurrency, reportingCurrency);
}
