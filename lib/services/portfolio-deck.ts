// The portfolio as a board pack in PowerPoint (docs/board-pack.md, docs/portfolio.md): every case's
// proposal in the reporting currency, the funded set marked, totals and spend by year of that set,
// in the workspace's slide template. The funded set is the newest saved plan's; without a plan,
// the cases whose proposal has a positive NPV (said on the slides' budget row being empty).
import "server-only";
import Decimal from "decimal.js";
import type { Actor } from "@/lib/db/access";
import { getDeckThemeOfWorkspace } from "@/lib/db/deck-templates";
import { getPortfolioPlanOrThrow, listPortfolioPlans } from "@/lib/db/portfolio";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "@/lib/i18n/config";
import { buildPortfolioDeck, type PortfolioSummary } from "@/lib/pptx/portfolio";
import { deckTheme } from "@/lib/pptx/theme";
import { getPortfolio } from "./portfolio";

// A saved plan's chosen case ids (its result lists the chosen cases with their id and figures).
function chosenOfPlan(result: unknown): Set<string> | null {
  const list = (result as { chosen?: { id?: unknown }[] } | null)?.chosen;
  if (!Array.isArray(list)) return null;
  return new Set(list.map((c) => c.id).filter((c): c is string => typeof c === "string"));
}

export async function buildPortfolioPack(
  actor: Actor,
  workspaceRef: string,
  localeIn: string | undefined,
): Promise<{ pptx: Uint8Array; fileName: string }> {
  const locale: Locale = (LOCALES as readonly string[]).includes(localeIn ?? "")
    ? (localeIn as Locale)
    : DEFAULT_LOCALE;
  const view = await getPortfolio(actor, workspaceRef);
  const [newest] = await listPortfolioPlans(actor, workspaceRef);
  const plan = newest ? await getPortfolioPlanOrThrow(actor, workspaceRef, newest.id) : null;
  const planned = plan ? chosenOfPlan(plan.result) : null;
  const budgets = (plan?.input as { budgets?: Record<string, string> } | undefined)?.budgets;
  const years = view.years;
  const cases = view.cases.flatMap((c) =>
    c.option
      ? [
          {
            name: c.name,
            npv: c.option.npv,
            pvCost: c.option.pvCost,
            spendByYear: years.map((y) => c.option!.spend[y] ?? "0"),
            chosen: planned ? planned.has(c.id) : new Decimal(c.option.npv).gt(0),
          },
        ]
      : [],
  );
  const chosen = cases.filter((c) => c.chosen);
  const sum = (values: string[]) => values.reduce((a, v) => a.plus(v), new Decimal(0)).toString();
  const summary: PortfolioSummary = {
    name: plan ? `${view.workspace.name}: ${plan.name}` : view.workspace.name,
    currency: view.currency,
    years,
    cases,
    totals: {
      npv: sum(chosen.map((c) => c.npv)),
      pvCost: sum(chosen.map((c) => c.pvCost)),
      spendByYear: years.map((_, i) => sum(chosen.map((c) => c.spendByYear[i]!))),
    },
    ...(budgets ? { budget: years.map((y) => budgets[y] ?? null) } : {}),
  };
  const theme = deckTheme(locale, await getDeckThemeOfWorkspace(actor, view.workspace.id));
  const pptx = await buildPortfolioDeck(summary, locale, theme);
  return { pptx, fileName: `${view.workspace.name} portfolio.pptx` };
}
