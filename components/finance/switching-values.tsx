// Switching values as a table (docs/tax-and-inflation.md): for the largest lines, the change at
// which the headline NPV reaches zero. Rendered on the server from the view model's strings.
import { getTranslations } from "next-intl/server";
import type { SwitchingValue } from "@/lib/finance/goal-seek";
import { formatMoney, formatPercent } from "@/lib/i18n/format";

export async function SwitchingValues({
  lines,
  scenarioNames,
  currency,
  locale,
}: {
  lines: SwitchingValue[];
  scenarioNames: Record<string, string>;
  currency: string;
  locale: string;
}) {
  const t = await getTranslations("finance.switching");
  const money = (v: string) => formatMoney(v, currency, locale);
  return (
    <section
      className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm"
      aria-labelledby="switching-heading"
      data-testid="switching-values"
    >
      <h2 id="switching-heading" className="text-sm font-semibold">
        {t("heading")}
      </h2>
      <p className="mt-0.5 text-xs text-gray-600">{t("intro")}</p>
      {lines.length === 0 ? (
        <p className="mt-3 text-sm text-gray-700">{t("empty")}</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b border-gray-200 text-left text-xs text-gray-600">
                <th scope="col" className="py-1.5 pr-4 font-medium">
                  {t("line")}
                </th>
                <th scope="col" className="py-1.5 pr-4 font-medium">
                  {t("scenario")}
                </th>
                <th scope="col" className="py-1.5 pr-4 text-right font-medium">
                  {t("pv")}
                </th>
                <th scope="col" className="py-1.5 pr-4 text-right font-medium">
                  {t("change")}
                </th>
                <th scope="col" className="py-1.5 pr-4 text-right font-medium">
                  {t("amount")}
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.id} className="border-b border-gray-100 last:border-0">
                  <th scope="row" className="py-1.5 pr-4 text-left font-normal">
                    {l.name}
                  </th>
                  <td className="py-1.5 pr-4 text-gray-700">{scenarioNames[l.scenario] ?? l.scenario}</td>
                  <td className="py-1.5 pr-4 text-right tabular-nums">{money(l.pv)}</td>
                  <td className="py-1.5 pr-4 text-right tabular-nums">
                    {l.change === null
                      ? t("none")
                      : `${l.change.startsWith("-") ? "" : "+"}${formatPercent(l.change, locale)}`}
                  </td>
                  <td className="py-1.5 pr-4 text-right tabular-nums">
                    {l.amount === null ? t("none") : money(l.amount)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
