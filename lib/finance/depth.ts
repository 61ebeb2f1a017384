// Tax, real terms and optimism bias around the engine (docs/tax-and-inflation.md). compute.ts
// calls computeDepth only when a case sets one of them; a case without them never comes here.
//
// The engine runs on the case in nominal terms with the optimism bias applied (the headline:
// risk-adjusted, with the bias); its unadjusted figures are then the bias without the risk
// adjustment (`optimismBiasAdjusted`). A second run without the bias gives `unadjusted` (neither),
// so the three read side by side. With tax, each of the three also exists after tax.
import type Decimal from "decimal.js";
import type { CaseFile } from "@/lib/case-file/schema";
import type { ScenarioFlows } from "./flows";
import { toNominal } from "./inflation";
import type { Grid } from "./metrics";
import { applyOptimismBias } from "./optimism-bias";
import { afterTaxMetrics, capitalFlows, minusFlows, taxFlows, taxYears, type CapitalFlows } from "./tax";
import type { AfterTax, ComputeOutput, DepthResults, Metrics } from "./types";

export function hasDepth(file: CaseFile): boolean {
  return file.tax !== undefined || file.optimismBias !== undefined || toNominal(file) !== file;
}

type Run = (file: CaseFile) => { output: ComputeOutput; flows: ScenarioFlows[]; grid: Grid };

interface Variant {
  cost: readonly Decimal[];
  benefit: readonly Decimal[];
  capital: CapitalFlows;
}

// The three variants of one scenario's flows: headline, bias only, neither.
interface Variants {
  headline: Variant;
  biased: Variant;
  plain: Variant;
}

function variantsOf(main: ScenarioFlows, ref: ScenarioFlows, horizon: number): Variants {
  const biased = { cost: main.costRaw, benefit: main.benefitRaw, capital: capitalFlows(main.lines, horizon, false) };
  return {
    headline: { cost: main.cost, benefit: main.benefit, capital: capitalFlows(main.lines, horizon, true) },
    biased,
    plain:
      ref === main
        ? biased
        : { cost: ref.costRaw, benefit: ref.benefitRaw, capital: capitalFlows(ref.lines, horizon, false) },
  };
}

function minusVariant(a: Variant, b: Variant): Variant {
  return {
    cost: minusFlows(a.cost, b.cost),
    benefit: minusFlows(a.benefit, b.benefit),
    capital: {
      capital: minusFlows(a.capital.capital, b.capital.capital),
      depreciation: minusFlows(a.capital.depreciation, b.capital.depreciation),
    },
  };
}

function afterTaxOf(file: CaseFile, grid: Grid, v: Variants): AfterTax {
  const tax = file.tax!;
  const metrics = (x: Variant): Metrics =>
    afterTaxMetrics(grid, x.cost, x.benefit, taxFlows(tax, x.cost, x.benefit, x.capital).tax);
  const headTax = taxFlows(tax, v.headline.cost, v.headline.benefit, v.headline.capital);
  return {
    ...afterTaxMetrics(grid, v.headline.cost, v.headline.benefit, headTax.tax),
    unadjusted: metrics(v.plain),
    ...(file.optimismBias ? { optimismBiasAdjusted: metrics(v.biased) } : {}),
    years: taxYears(v.headline.capital, headTax),
  };
}

export function computeDepth(file: CaseFile, run: Run): ComputeOutput {
  const nominal = toNominal(file);
  const biased = file.optimismBias ? toNominal(applyOptimismBias(file)) : nominal;
  const main = run(biased);
  const ref = biased === nominal ? main : run(nominal);
  const horizon = file.horizonMonths;
  const variants = main.flows.map((f, i) => variantsOf(f, ref.flows[i]!, horizon));
  const extra = (v: () => Variants, unadjusted: Metrics, refUnadjusted: Metrics) => {
    const out: DepthResults & { unadjusted: Metrics } = { unadjusted };
    if (file.optimismBias) {
      out.optimismBiasAdjusted = unadjusted;
      out.unadjusted = refUnadjusted;
    }
    if (file.tax) out.afterTax = afterTaxOf(file, main.grid, v());
    return out;
  };
  const scenarios = main.output.scenarios.map((s, i) => ({
    ...s,
    ...extra(() => variants[i]!, s.unadjusted, ref.output.scenarios[i]!.unadjusted),
  }));
  const indexOf = (key: string) => main.flows.findIndex((f) => f.scenario.key === key);
  const comparisons = main.output.comparisons.map((c, j) => {
    const a = variants[indexOf(c.alternative)]!;
    const b = variants[indexOf(c.baseline)]!;
    const incremental = (): Variants => ({
      headline: minusVariant(a.headline, b.headline),
      biased: minusVariant(a.biased, b.biased),
      plain: minusVariant(a.plain, b.plain),
    });
    return { ...c, ...extra(incremental, c.unadjusted, ref.output.comparisons[j]!.unadjusted) };
  });
  return { ...main.output, scenarios, comparisons };
}
