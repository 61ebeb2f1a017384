import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SwitchingValues } from "@/components/finance/switching-values";
import { MonteCarlo } from "@/components/uncertainty/monte-carlo";
import { TornadoChart, type TornadoRow } from "@/components/uncertainty/tornado-chart";
import { formatMoney, formatPercent } from "@/lib/i18n/format";
import { TORNADO_PERCENTS, getUncertaintyView } from "@/lib/services/uncertainty-view";

const TOP = 15;

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// The Uncertainty tab: sensitivity (tornado), break-even and the Monte Carlo simulation, all on the
// figure the case headlines (headlinePair): the incremental NPV of the headline scenario against
// the baseline when the case has one, with the lines of both scenarios varied (each labelled with
// its scenario); otherwise the scenario's own NPV. The report's sensitivity section shows the same
// tornado. Tornado and break-even are exact decimal results computed here on each request from the
// query string (?pct=10|20|30, ?all=1, ?line=<scenario>.cost-0), so they work without JavaScript;
// the simulation runs on the server through POST /api/v1/cases/{caseId}/simulate (see that route).
export default async function CaseUncertaintyPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; caseId: string }>;
  searchParams: Promise<Search>;
}) {
  const { slug, caseId } = await params;
  const search = await searchParams;
  const {
    detail,
    locale,
    primary,
    baseline,
    pair,
    percent,
    lineParam,
    npv,
    bars,
    scenarioOrder,
    scenarioNames,
    chosen,
    breakEven,
    uncertainLines,
    switching,
    currencyBars,
  } = await getUncertaintyView(slug, caseId, { pct: one(search.pct), line: one(search.line) });
  const t = await getTranslations("uncertainty");
  const ct = await getTranslations("currencies");
  const cur = detail.currency;
  const money = (v: string) => formatMoney(v, cur, locale);
  const pct = percent.pct;
  const percentLabel = formatPercent(percent.share, locale, 0);
  const showAll = one(search.all) === "1";
  const tor = { npv, bars };

  const shown = showAll ? tor.bars : tor.bars.slice(0, TOP);
  const fxRows: TornadoRow[] = currencyBars.map((c) => ({
    key: c.key,
    name: ct("tornado.driver", { currency: c.currency }),
    kind: "cost",
    kindLabel: ct("tornado.kind"),
    npvLow: Number(c.npvLow),
    npvHigh: Number(c.npvHigh),
    lowLabel: money(c.npvLow),
    highLabel: money(c.npvHigh),
    swingLabel: money(c.swing),
  }));
  const fxBreakEven = currencyBars
    .filter((c) => c.breakEvenFactor !== null)
    .map((c) =>
      ct("tornado.breakEven", { currency: c.currency, factor: formatPercent(c.breakEvenFactor!, locale, 1) }),
    );
  const lineRows: TornadoRow[] = shown.map((b) => ({
    key: b.key,
    name: b.name,
    scenarioName: pair ? b.scenarioName : undefined,
    kind: b.kind,
    npvLow: Number(b.npvLow),
    npvHigh: Number(b.npvHigh),
    lowLabel: money(b.npvLow),
    highLabel: money(b.npvHigh),
    swingLabel: money(b.swing),
  }));
  // Exchange rates first when they swing more than the line below them (the tornado's order).
  const rows: TornadoRow[] = [...fxRows, ...lineRows].sort(
    (a, b) => Math.abs(b.npvHigh - b.npvLow) - Math.abs(a.npvHigh - a.npvLow),
  );

  const href = (changes: Record<string, string | null>) => {
    const q = new URLSearchParams();
    const merged: Record<string, string | null> = {
      pct: pct === "20" ? null : pct,
      all: showAll ? "1" : null,
      line: lineParam || null,
      ...changes,
    };
    for (const [k, v] of Object.entries(merged)) if (v) q.set(k, v);
    const s = q.toString();
    return `/w/${slug}/cases/${detail.id}/uncertainty${s ? `?${s}` : ""}`;
  };

  // Break-even of the chosen line (its key is the tornado row key: scenario.kind-index), grouped
  // by scenario (the headline scenario first) and kind.
  const groups = scenarioOrder.flatMap((key) =>
    (["cost", "benefit"] as const).map((kind) => ({
      key: `${key}.${kind}`,
      label: pair
        ? t(kind === "cost" ? "breakEven.costsOf" : "breakEven.benefitsOf", { scenario: scenarioNames[key] ?? key })
        : t(kind === "cost" ? "breakEven.costs" : "breakEven.benefits"),
      options: tor.bars.filter((b) => b.scenario === key && b.kind === kind).sort((a, b) => a.index - b.index),
    })),
  );
  let breakEvenText: string[] = [];
  if (chosen && breakEven) {
    if (breakEven.change === null) breakEvenText = [t("breakEven.none")];
    else {
      const label = `${breakEven.up ? "+" : ""}${formatPercent(breakEven.change, locale)}`;
      breakEvenText = [
        pair
          ? t("breakEven.resultIncremental", { line: chosen.name, scenario: chosen.scenarioName, change: label })
          : t("breakEven.result", { line: chosen.name, change: label }),
      ];
      if (breakEven.impossible) breakEvenText.push(t("breakEven.impossible"));
      else if (breakEven.amount) breakEvenText.push(t("breakEven.amount", { amount: money(breakEven.amount) }));
    }
  }

  const card = "rounded-lg border border-gray-200 bg-white p-5 shadow-sm";

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <p className="text-sm text-gray-700">{t("intro")}</p>
        <p
          className="rounded-md border border-blue-100 bg-blue-50 px-4 py-3 text-sm text-blue-950"
          data-testid="uncertainty-scenario"
        >
          {pair && baseline
            ? t("incrementalNote", { scenario: primary.name, baseline: baseline.name, npv: money(tor.npv) })
            : t("scenarioNote", { scenario: primary.name, npv: money(tor.npv) })}
        </p>
      </div>

      <section className={card} aria-labelledby="tornado-heading">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h2 id="tornado-heading" className="text-sm font-semibold">
              {t("tornado.heading")}
            </h2>
            <p className="mt-0.5 text-xs text-gray-600">
              {t(pair ? "tornado.descriptionIncremental" : "tornado.description", {
                percent: percentLabel,
                npv: money(tor.npv),
              })}
            </p>
          </div>
          <nav aria-label={t("tornado.percentLabel")} className="flex items-center gap-2 text-sm">
            <span className="text-xs font-medium text-gray-600" aria-hidden="true">
              {t("tornado.percentLabel")}
            </span>
            <div className="inline-flex overflow-hidden rounded-md border border-gray-300">
              {TORNADO_PERCENTS.map(({ pct: p, share }) => (
                <Link
                  key={p}
                  href={href({ pct: p === "20" ? null : p })}
                  scroll={false}
                  aria-current={p === pct ? "true" : undefined}
                  className={`border-l border-gray-300 px-3 py-1.5 tabular-nums first:border-l-0 ${p === pct ? "bg-blue-700 font-medium text-white" : "bg-white text-gray-800 hover:bg-gray-50"}`}
                >
                  ±{formatPercent(share, locale, 0)}
                </Link>
              ))}
            </div>
          </nav>
        </div>
        <div className="mt-4">
          {rows.length === 0 ? (
            <p className="text-sm text-gray-700">{t("tornado.empty")}</p>
          ) : (
            <TornadoChart
              rows={rows}
              base={Number(tor.npv)}
              baseLabel={t("tornado.base", { npv: money(tor.npv) })}
              zeroLabel={t("tornado.zero")}
              percentLabel={percentLabel}
            />
          )}
        </div>
        {fxBreakEven.length ? (
          <ul className="mt-3 space-y-0.5 text-sm text-gray-700" data-testid="fx-break-even">
            {fxBreakEven.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        ) : null}
        {tor.bars.length > TOP ? (
          <p className="mt-3 flex flex-wrap items-center gap-3 text-sm text-gray-700">
            <span>{t("tornado.showing", { shown: rows.length, count: tor.bars.length })}</span>
            <Link
              href={href({ all: showAll ? null : "1" })}
              scroll={false}
              className="font-medium text-blue-700 hover:underline"
            >
              {showAll ? t("tornado.showTop", { count: TOP }) : t("tornado.showAll", { count: tor.bars.length })}
            </Link>
          </p>
        ) : null}
      </section>

      <SwitchingValues lines={switching.lines} scenarioNames={scenarioNames} currency={cur} locale={locale} />

      <div className="grid items-start gap-6 lg:grid-cols-3">
        <section id="break-even" className={card} aria-labelledby="break-even-heading">
          <h2 id="break-even-heading" className="text-sm font-semibold">
            {t("breakEven.heading")}
          </h2>
          <p className="mt-0.5 text-xs text-gray-600">
            {t(pair ? "breakEven.descriptionIncremental" : "breakEven.description")}
          </p>
          <form method="get" action="#break-even" className="mt-4 space-y-3">
            {pct !== "20" ? <input type="hidden" name="pct" value={pct} /> : null}
            {showAll ? <input type="hidden" name="all" value="1" /> : null}
            <div className="space-y-1.5">
              <label htmlFor="break-even-line" className="block text-sm font-medium text-gray-800">
                {t("breakEven.lineLabel")}
              </label>
              <select
                id="break-even-line"
                name="line"
                defaultValue={chosen ? chosen.key : ""}
                className="block w-full rounded-md border border-gray-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30"
              >
                <option value="" disabled>
                  {t("breakEven.choose")}
                </option>
                {groups
                  .filter((g) => g.options.length > 0)
                  .map((g) => (
                    <optgroup key={g.key} label={g.label}>
                      {g.options.map((b) => (
                        <option key={b.key} value={b.key}>
                          {b.name}
                        </option>
                      ))}
                    </optgroup>
                  ))}
              </select>
            </div>
            <button
              type="submit"
              className="inline-flex items-center justify-center rounded-md border border-gray-300 bg-white px-3.5 py-2 text-sm font-medium text-gray-800 hover:bg-gray-50"
            >
              {t("breakEven.submit")}
            </button>
          </form>
          {breakEvenText.length > 0 ? (
            <div
              className="mt-4 rounded-md border border-blue-100 bg-blue-50 px-3 py-2 text-sm text-blue-950"
              data-testid="break-even-result"
              role="status"
            >
              {breakEvenText.map((s) => (
                <p key={s}>{s}</p>
              ))}
            </div>
          ) : null}
        </section>

        <section className={`${card} lg:col-span-2`} aria-labelledby="monte-carlo-heading">
          <h2 id="monte-carlo-heading" className="text-sm font-semibold">
            {t("monteCarlo.heading")}
          </h2>
          <p className="mb-4 mt-0.5 text-xs text-gray-600">
            {t(pair ? "monteCarlo.descriptionIncremental" : "monteCarlo.description", { count: uncertainLines })}
          </p>
          <MonteCarlo
            caseId={detail.id}
            scenarioKey={primary.key}
            scenarioName={primary.name}
            baselineName={pair && baseline ? baseline.name : null}
            currency={cur}
            locale={locale}
          />
        </section>
      </div>
    </div>
  );
}
