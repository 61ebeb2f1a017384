import { useTranslations } from "next-intl";
import type { CurrencyVarianceView } from "@/lib/report/currency-variance";

// The foreign lines' variance to date split into exchange rate and volume/price
// (docs/currencies.md), with the sentence the report also prints.
export function CurrencyVariance({ view }: { view: CurrencyVarianceView }) {
  const t = useTranslations("currencies.variance");
  return (
    <div className="space-y-3" data-testid="currency-variance">
      <p className="text-sm text-gray-800" data-testid="currency-variance-sentence">
        {t(view.overrun ? "overrun" : "ahead", {
          total: view.totalText,
          currencyPart: view.currencyText,
          currencies: view.currencies,
          volume: view.volumeText,
        })}
      </p>
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b border-gray-200 text-xs text-gray-600">
            <th scope="col" className="py-1 pr-3 text-left font-medium">
              {t("line")}
            </th>
            <th scope="col" className="py-1 pr-3 text-left font-medium">
              {t("currency")}
            </th>
            <th scope="col" className="py-1 pr-3 text-right font-medium">
              {t("variance")}
            </th>
            <th scope="col" className="py-1 pr-3 text-right font-medium">
              {t("currencyPart")}
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              {t("volume")}
            </th>
          </tr>
        </thead>
        <tbody>
          {view.lines.map((l) => (
            <tr key={`${l.kind}-${l.name}`} className="border-b border-gray-100" data-testid="currency-variance-line">
              <th scope="row" className="py-1 pr-3 text-left font-normal">
                {l.name}
              </th>
              <td className="py-1 pr-3 font-mono">{l.currency}</td>
              <td className="py-1 pr-3 text-right tabular-nums">{l.varianceText}</td>
              <td className="py-1 pr-3 text-right tabular-nums">{l.currencyText}</td>
              <td className="py-1 text-right tabular-nums">{l.volumeText}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
