import { useTranslations } from "next-intl";

export interface TornadoRow {
  key: string;
  name: string;
  scenarioName?: string; // shown under the line when the tornado varies the lines of two scenarios
  kind: "cost" | "benefit";
  kindLabel?: string; // instead of the kind's name (an exchange rate as a driver)
  npvLow: number; // NPV with the line lowered (display position only; labels are formatted decimals)
  npvHigh: number;
  lowLabel: string;
  highLabel: string;
  swingLabel: string;
}

// The tornado as a table: the line, its bar (decorative: the same figures are in the cells beside
// it), NPV at each end and the swing. Bars are drawn left/right of the base NPV on one shared scale;
// a dashed line marks NPV = 0 when it is within the range. No JavaScript needed.
export function TornadoChart({
  rows,
  base,
  baseLabel,
  zeroLabel,
  percentLabel,
}: {
  rows: TornadoRow[];
  base: number;
  baseLabel: string;
  zeroLabel: string;
  percentLabel: string;
}) {
  const t = useTranslations("uncertainty.tornado");
  const values = rows.flatMap((r) => [r.npvLow, r.npvHigh]).concat(base);
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (max - min < 1e-9) {
    min -= 1;
    max += 1;
  }
  const pad = (max - min) * 0.02;
  min -= pad;
  max += pad;
  const pos = (v: number) => ((v - min) / (max - min)) * 100;
  const basePos = pos(base);
  const zeroPos = min < 0 && max > 0 ? pos(0) : null;
  const segment = (v: number) => ({
    left: `${Math.min(pos(v), basePos)}%`,
    width: `${Math.max(Math.abs(pos(v) - basePos), 0.4)}%`,
  });

  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center gap-x-5 gap-y-1 text-xs text-gray-700" aria-hidden="true">
        <span className="inline-flex items-center gap-1.5">
          <span className="inline-block h-3 w-3 rounded-sm bg-amber-500" />
          {t("lower", { percent: percentLabel })}
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className="inline-block h-3 w-3 rounded-sm bg-blue-600" />
          {t("higher", { percent: percentLabel })}
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className="inline-block h-3 w-0.5 bg-gray-900" />
          {baseLabel}
        </span>
        {zeroPos !== null ? (
          <span className="inline-flex items-center gap-1.5">
            <span className="inline-block h-3 w-0 border-l border-dashed border-red-600" />
            {zeroLabel}
          </span>
        ) : null}
      </div>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[640px] table-fixed text-sm" data-testid="tornado">
          <caption className="sr-only">{t("caption", { percent: percentLabel })}</caption>
          <thead>
            <tr className="border-b border-gray-200 text-left text-xs font-medium text-gray-600">
              <th scope="col" className="w-[26%] py-2 pr-3 font-medium">
                {t("line")}
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                <span className="sr-only">{t("chart")}</span>
              </th>
              <th scope="col" className="w-[15%] py-2 pr-3 text-right font-medium">
                {t("npvLower", { percent: percentLabel })}
              </th>
              <th scope="col" className="w-[15%] py-2 pr-3 text-right font-medium">
                {t("npvHigher", { percent: percentLabel })}
              </th>
              <th scope="col" className="w-[12%] py-2 text-right font-medium">
                {t("swing")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className="border-b border-gray-100 last:border-0" data-testid="tornado-row">
                <th scope="row" className="py-1.5 pr-3 text-left font-normal">
                  <span className="block truncate text-gray-900" title={r.name}>
                    {r.name}
                  </span>
                  <span className="block truncate text-xs text-gray-600" title={r.scenarioName}>
                    {r.kindLabel ?? (r.scenarioName ? `${t(r.kind)} · ${r.scenarioName}` : t(r.kind))}
                  </span>
                </th>
                <td className="py-1.5 pr-3" aria-hidden="true">
                  <div
                    className="relative h-5"
                    title={t("barLabel", { line: r.name, low: r.lowLabel, high: r.highLabel, percent: percentLabel })}
                  >
                    <div className="absolute inset-y-0 rounded-sm bg-amber-500" style={segment(r.npvLow)} />
                    <div className="absolute inset-y-0 rounded-sm bg-blue-600" style={segment(r.npvHigh)} />
                    {zeroPos !== null ? (
                      <div
                        className="absolute -inset-y-1.5 border-l border-dashed border-red-600"
                        style={{ left: `${zeroPos}%` }}
                      />
                    ) : null}
                    <div
                      className="absolute -inset-y-1.5 w-0.5 -translate-x-1/2 bg-gray-900"
                      style={{ left: `${basePos}%` }}
                    />
                  </div>
                </td>
                <td className="figure py-1.5 pr-3 text-right tabular-nums">{r.lowLabel}</td>
                <td className="figure py-1.5 pr-3 text-right tabular-nums">{r.highLabel}</td>
                <td className="figure py-1.5 text-right tabular-nums text-gray-700">{r.swingLabel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
