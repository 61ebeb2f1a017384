import { useTranslations } from "next-intl";
import { BAND_STYLES, SCALE, band } from "./bands";

export interface HeatMapRisk {
  id: string;
  number: number; // the row number in the register
  title: string;
  likelihood: number;
  impact: number;
}

const MAX_TITLES = 4;

// A 5×5 grid as a table: columns are likelihood 1..5, rows impact 5..1 (high at the top). Each
// cell names its score and band in words and lists the risks in it (linking to their rows), so
// nothing depends on colour alone.
export function RiskHeatMap({ risks }: { risks: HeatMapRisk[] }) {
  const t = useTranslations("risks");
  const cellRisks = (l: number, i: number) => risks.filter((r) => r.likelihood === l && r.impact === i);
  return (
    <section className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm" aria-labelledby="heatmap-heading">
      <h2 id="heatmap-heading" className="text-sm font-semibold">
        {t("heatMap.heading")}
      </h2>
      <div className="mt-3 flex flex-col gap-5 lg:flex-row lg:items-start">
        <div className="min-w-0 flex-1 overflow-x-auto">
          <table
            className="w-full min-w-[34rem] table-fixed border-separate border-spacing-1 text-xs"
            data-testid="risk-heatmap"
          >
            <caption className="sr-only">{t("heatMap.caption")}</caption>
            <colgroup>
              <col className="w-24" />
            </colgroup>
            <thead>
              <tr>
                <td className="text-left align-bottom text-[11px] font-medium text-gray-600">
                  {t("heatMap.impactAxis")}
                </td>
                {SCALE.map((l) => (
                  <th key={l} scope="col" className="px-1 pb-1 text-center align-bottom font-medium text-gray-700">
                    <span className="block text-sm font-semibold text-gray-900">{l}</span>
                    <span className="block break-words font-normal">{t(`likelihoodScale.${l}`)}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...SCALE].reverse().map((i) => (
                <tr key={i}>
                  <th scope="row" className="pr-1 text-right align-middle font-medium text-gray-700">
                    <span className="block text-sm font-semibold text-gray-900">{i}</span>
                    <span className="block break-words font-normal">{t(`impactScale.${i}`)}</span>
                  </th>
                  {SCALE.map((l) => {
                    const inCell = cellRisks(l, i);
                    const score = l * i;
                    const b = band(score);
                    const style = BAND_STYLES[b];
                    return (
                      <td
                        key={l}
                        className={`h-20 rounded-md p-1.5 align-top ${inCell.length ? `${style.cell} ring-2 ring-inset ring-current/40` : style.empty}`}
                        data-testid={`heat-${l}-${i}`}
                        data-count={inCell.length}
                      >
                        <span className="sr-only">
                          {t("heatMap.cellLabel", {
                            likelihood: l,
                            impact: i,
                            score,
                            band: t(`bands.${b}`),
                            count: inCell.length,
                          })}
                        </span>
                        <div
                          aria-hidden="true"
                          className="flex items-baseline justify-between gap-1 text-[11px] opacity-90"
                        >
                          <span className="tabular-nums">{score}</span>
                          <span className="truncate">{t(`bands.${b}`)}</span>
                        </div>
                        {inCell.length ? (
                          <>
                            <div aria-hidden="true" className="mt-0.5 text-sm font-semibold">
                              {t("heatMap.cellCount", { count: inCell.length })}
                            </div>
                            <ul className="mt-0.5 space-y-0.5">
                              {inCell.slice(0, MAX_TITLES).map((r) => (
                                <li key={r.id} className="break-words leading-tight">
                                  <a
                                    href={`#risk-${r.id}`}
                                    className="underline decoration-current/40 underline-offset-2 hover:decoration-current focus-visible:outline-2 focus-visible:outline-blue-700"
                                  >
                                    {r.number}. {r.title}
                                  </a>
                                </li>
                              ))}
                              {inCell.length > MAX_TITLES ? (
                                <li>{t("heatMap.more", { count: inCell.length - MAX_TITLES })}</li>
                              ) : null}
                            </ul>
                          </>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td />
                <td colSpan={5} className="pt-1 text-center text-[11px] font-medium text-gray-600">
                  {t("heatMap.likelihoodAxis")}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
        <div className="text-xs text-gray-700 lg:w-56">
          <h3 className="font-semibold text-gray-900">{t("heatMap.legend")}</h3>
          <ul className="mt-2 space-y-2">
            {(["high", "medium", "low"] as const).map((b) => (
              <li key={b} className="flex items-start gap-2">
                <span
                  aria-hidden="true"
                  className={`mt-0.5 inline-block h-4 w-4 shrink-0 rounded ring-1 ${BAND_STYLES[b].swatch}`}
                />
                <span>{t(`heatMap.legend${b === "low" ? "Low" : b === "medium" ? "Medium" : "High"}`)}</span>
              </li>
            ))}
          </ul>
          <p className="mt-3 text-gray-600">{t("register.intro")}</p>
        </div>
      </div>
    </section>
  );
}
