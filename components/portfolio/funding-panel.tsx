"use client";
import { useState, useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import { optimisePortfolioAction, savePortfolioPlanAction } from "@/lib/actions/portfolio";
import type { OptimiseAnswer, PortfolioCaseDTO } from "@/lib/dto/portfolio";
import { formatMoney } from "@/lib/i18n/format";
import { FrontierChart } from "./portfolio-charts";

type Rule = "free" | "must" | "exclude";

// Budgets, rules per case and dependencies in; the server's best set, its frontier and the plan
// form out. The figures are the server's: this panel sends the choices and shows the answer.
export function FundingPanel({
  slug,
  cases,
  years,
  currency,
  canSave,
}: {
  slug: string;
  cases: PortfolioCaseDTO[];
  years: string[];
  currency: string;
  canSave: boolean;
}) {
  const t = useTranslations("portfolio");
  const locale = useLocale();
  const usable = cases.filter((c) => c.option && c.status !== "archived");
  const [budgets, setBudgets] = useState<Record<string, string>>(() =>
    Object.fromEntries(years.slice(0, 3).map((y) => [y, ""])),
  );
  const [rules, setRules] = useState<Record<string, Rule>>({});
  const [deps, setDeps] = useState<{ case: string; requires: string }[]>([]);
  const [alternatives, setAlternatives] = useState(false);
  const [frontier, setFrontier] = useState(true);
  const [answer, setAnswer] = useState<OptimiseAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [planName, setPlanName] = useState("");
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const name = (id: string) => cases.find((c) => c.id === id)?.name ?? id;
  const money = (v: string) => formatMoney(v, currency, locale);

  const body = () => ({
    budgets: Object.fromEntries(Object.entries(budgets).filter(([, v]) => v.trim() !== "")),
    mustFund: Object.entries(rules)
      .filter(([, r]) => r === "must")
      .map(([id]) => id),
    exclude: Object.entries(rules)
      .filter(([, r]) => r === "exclude")
      .map(([id]) => id),
    dependencies: deps.filter((d) => d.case && d.requires),
    alternatives,
  });

  const solve = () =>
    start(async () => {
      setSaved(null);
      const r = await optimisePortfolioAction({ slug, body: { ...body(), frontier } });
      if (r.ok) {
        setAnswer(r.data);
        setError(null);
      } else {
        setAnswer(null);
        setError(r.fieldErrors?.length ? r.fieldErrors.map((f) => `${f.path}: ${f.message}`).join("; ") : r.message);
      }
    });

  const save = () =>
    start(async () => {
      const r = await savePortfolioPlanAction({ slug, body: { ...body(), name: planName } });
      if (r.ok) {
        setSaved(t("planSaved"));
        setError(null);
      } else
        setError(r.fieldErrors?.length ? r.fieldErrors.map((f) => `${f.path}: ${f.message}`).join("; ") : r.message);
    });

  const input = "rounded-md border border-gray-300 px-2 py-1 text-sm";
  return (
    <div className="space-y-4" data-testid="funding-panel">
      <p className="text-sm text-gray-600">{t("fundingIntro")}</p>
      <div className="flex flex-wrap gap-3">
        {[...new Set([...years, ...Object.keys(budgets)])].sort().map((y) => (
          <label key={y} className="text-sm text-gray-700">
            {t("budget", { year: y })}
            <input
              data-testid={`budget-${y}`}
              inputMode="decimal"
              value={budgets[y] ?? ""}
              onChange={(e) => setBudgets((b) => ({ ...b, [y]: e.target.value.replace(/[\s,]/g, "") }))}
              className={`mt-1 block w-36 ${input}`}
            />
          </label>
        ))}
      </div>
      <div className="flex flex-wrap gap-4 text-sm text-gray-700">
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={alternatives} onChange={(e) => setAlternatives(e.target.checked)} />
          {t("alternatives")}
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={frontier} onChange={(e) => setFrontier(e.target.checked)} />
          {t("frontierToo")}
        </label>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer font-medium">
          {t("rule")} · {t("dependencies")}
        </summary>
        <div className="mt-2 max-h-64 overflow-y-auto">
          <table className="text-sm">
            <tbody>
              {usable.map((c) => (
                <tr key={c.id}>
                  <td className="pr-3">{c.name}</td>
                  <td>
                    <select
                      aria-label={`${t("rule")}: ${c.name}`}
                      value={rules[c.id] ?? "free"}
                      onChange={(e) => setRules((r) => ({ ...r, [c.id]: e.target.value as Rule }))}
                      className={input}
                    >
                      <option value="free">{t("ruleFree")}</option>
                      <option value="must">{t("ruleMust")}</option>
                      <option value="exclude">{t("ruleExclude")}</option>
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="mt-3 space-y-2">
          {deps.map((d, i) => (
            <div key={i} className="flex flex-wrap items-center gap-2">
              {(["case", "requires"] as const).map((k, j) => (
                <span key={k} className="flex items-center gap-2">
                  {j === 1 ? <span>{t("requires")}</span> : null}
                  <select
                    aria-label={`${t("dependencies")} ${i + 1} ${k}`}
                    value={d[k]}
                    onChange={(e) => setDeps((all) => all.map((x, n) => (n === i ? { ...x, [k]: e.target.value } : x)))}
                    className={input}
                  >
                    <option value="">{t("none")}</option>
                    {usable.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                </span>
              ))}
              <button
                type="button"
                className="text-sm underline"
                onClick={() => setDeps((all) => all.filter((_, n) => n !== i))}
              >
                {t("remove")}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="rounded-md border border-gray-300 px-2 py-1 text-sm"
            onClick={() => setDeps((all) => [...all, { case: "", requires: "" }])}
          >
            {t("addDependency")}
          </button>
        </div>
      </details>
      <button
        type="button"
        data-testid="solve"
        disabled={pending}
        onClick={solve}
        className="rounded-md bg-teal-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-teal-800 disabled:opacity-60"
      >
        {pending ? t("solving") : t("solve")}
      </button>
      {error ? (
        <p role="alert" className="text-sm text-rose-700" data-testid="funding-error">
          {error}
        </p>
      ) : null}
      {answer ? (
        <div className="space-y-3 rounded-md border border-gray-100 bg-gray-50 p-4" data-testid="funding-result">
          <p className="text-sm">
            <span className="font-semibold">{t("totalNpv")}: </span>
            <span data-testid="total-npv">{money(answer.selection.totalNpv)}</span> ·{" "}
            {answer.selection.optimal ? t("optimal") : t("notOptimal")} ·{" "}
            {t("solveTime", { ms: Math.round(answer.selection.solveMs) })}
          </p>
          <p className="text-sm">
            {answer.selection.bindingYears.length
              ? `${t("bindingYears")}: ${answer.selection.bindingYears.join(", ")}`
              : t("noBinding")}
          </p>
          {answer.selection.rankingByProfitabilityIndexNpv !== null ? (
            <p className="text-sm">
              {t("rankingLoss", {
                npv: money(answer.selection.rankingByProfitabilityIndexNpv),
                lost: money(answer.selection.npvLostByRanking ?? "0"),
              })}
            </p>
          ) : null}
          <div className="text-sm">
            <span className="font-semibold">{t("chosen")}: </span>
            <ul className="mt-1 list-inside list-disc" data-testid="chosen">
              {answer.selection.chosen.map((c) => (
                <li key={c.case}>
                  {name(c.case)} ({c.scenario})
                </li>
              ))}
            </ul>
          </div>
          <p className="text-sm">
            <span className="font-semibold">{t("spendOfChosen")}: </span>
            {Object.entries(answer.selection.spend)
              .map(([y, v]) => `${y} ${money(v)}`)
              .join(" · ")}
          </p>
          {answer.doubleCounting.map((f) => (
            <p key={`${f.category}:${f.kpi}`} className="text-sm text-amber-800" data-testid="double-counting">
              {t("doubleCounting", { cases: f.cases.map(name).join(", "), category: f.category, kpi: f.kpi })}
            </p>
          ))}
          {answer.frontier ? (
            <div>
              <h3 className="text-sm font-semibold">{t("frontier")}</h3>
              <FrontierChart points={answer.frontier} currency={currency} />
            </div>
          ) : null}
          {canSave ? (
            <div className="flex flex-wrap items-end gap-2">
              <label className="text-sm text-gray-700">
                {t("planName")}
                <input
                  data-testid="plan-name"
                  value={planName}
                  maxLength={200}
                  onChange={(e) => setPlanName(e.target.value)}
                  className={`mt-1 block w-64 ${input}`}
                />
              </label>
              <button
                type="button"
                data-testid="save-plan"
                disabled={pending || !planName.trim()}
                onClick={save}
                className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-gray-50 disabled:opacity-60"
              >
                {t("savePlan")}
              </button>
              {saved ? (
                <span role="status" className="text-sm text-teal-800">
                  {saved}
                </span>
              ) : null}
            </div>
          ) : (
            <p className="text-xs text-gray-600">{t("viewerNote")}</p>
          )}
        </div>
      ) : null}
    </div>
  );
}
