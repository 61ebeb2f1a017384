// A health check as a sentence in the reader's language, from its id and numbers (the engine's
// own messages are English). Shared by the board report and the case page; the catalogue keys live
// in the "report" namespace under "checks".
import Decimal from "decimal.js";
import type { Check } from "@/lib/finance/types";
import { formatNumber, formatPercent } from "@/lib/i18n/format";
import { proposalTranslator, reasonText } from "./figure-text";

type Translate = (key: string, values?: Record<string, string | number>) => string;

// A figure a check weighs that does not exist is said in words, with why (docs/proposal.md#missing-figures).
export function checkSentence(c: Check, tr: Translate, locale: string): string {
  const v = c.values;
  const why = proposalTranslator(locale);
  // Called only where the value exists (each null case has its own sentence above it).
  const num = (x: unknown, digits = 1) => formatNumber(String(x), locale, digits);
  const pct = (x: unknown) => formatPercent(String(x), locale);
  const isZero = (x: unknown) => x === null || x === undefined || new Decimal(String(x)).isZero();
  switch (c.id) {
    case "benefit-cost-ratio":
      // No ratio: the PV of costs is zero (nothing spent) or negative (cheaper than the baseline).
      return v.ratio === null || v.ratio === undefined
        ? why("checks.benefitCostRatio", {
            reason: reasonText(isZero(v.pvCost) ? "noCost" : "costSaving", locale),
          })
        : tr("checks.benefit-cost-ratio", { ratio: num(v.ratio, 2) });
    case "payback-12-months":
      return v.paybackMonths === null
        ? tr("checks.payback-none")
        : tr("checks.payback-12-months", { months: num(v.paybackMonths) });
    case "deployment-6-months":
      return tr("checks.deployment-6-months", { month: String(v.deploymentMonth) });
    case "business-vs-it-costs":
      return v.share === null || v.share === undefined
        ? why("checks.businessVsIt")
        : tr("checks.business-vs-it-costs", { share: pct(v.share) });
    case "maintenance-share":
      return v.share === null || v.share === undefined
        ? why("checks.maintenance")
        : tr("checks.maintenance-share", { share: pct(v.share) });
    case "intangibles-have-kpis":
      return tr("checks.intangibles-have-kpis", { missing: String(v.missing) });
    case "high-risks-mitigated":
      return tr("checks.high-risks-mitigated", { unmitigated: String(v.unmitigated), high: String(v.high) });
    case "baseline-exists":
      return tr("checks.baseline-exists", {
        state: v.scenarios === 1 ? tr("checks.notNeeded") : tr(c.status === "pass" ? "checks.yes" : "checks.no"),
      });
    case "realisation-benefits-on-plan":
    case "realisation-costs-on-plan":
      return v.share === null
        ? why("checks.nothingPlanned", { month: String(v.actualsThrough) })
        : tr(`checks.${c.id}`, { share: pct(v.share), month: String(v.actualsThrough) });
    case "realisation-lines-recorded":
      return tr("checks.realisation-lines-recorded", { missing: String(v.missing) });
    case "realisation-kpis-improving":
      return v.wrongWay === 0
        ? why("checks.kpisImproving")
        : tr("checks.realisation-kpis-improving", { wrongWay: String(v.wrongWay), names: String(v.names) });
    default:
      return c.message;
  }
}
