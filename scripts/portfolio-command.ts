// `caseboard portfolio`: the portfolio of case files with no server (docs/portfolio.md "Command
// line"). Each file is computed by the engine, its figures taken as the portfolio page takes them,
// and with --budget the best set is selected by the same solver. Bad input or an infeasible
// selection: the caller's BadInput (exit 2, the cause on stderr).
import { parseArgs } from "node:util";
import type { CaseFile } from "../lib/case-file/schema";
import { computeCase } from "../lib/finance/compute";
import { CurrencyMismatch } from "../lib/portfolio/currency";
import { caseFigures, proposalOptionOf, selectionCaseOf } from "../lib/portfolio/figures";
import {
  SelectionInfeasible,
  SelectionInputError,
  selectPortfolio,
  type SelectionInput,
} from "../lib/portfolio/selection";

type BadInputClass = new (problems: string[]) => Error;

export async function runPortfolioCommand(
  args: string[],
  loadCase: (file: string) => CaseFile,
  BadInput: BadInputClass,
): Promise<unknown> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      budget: { type: "string", multiple: true },
      must: { type: "string", multiple: true },
      exclude: { type: "string", multiple: true },
      requires: { type: "string", multiple: true },
      alternatives: { type: "boolean" },
      currency: { type: "string" },
      pretty: { type: "boolean" },
    },
  });
  if (positionals.length === 0) throw new BadInput(["portfolio: name at least one case file"]);
  const seen = new Set<string>();
  for (const f of positionals) {
    if (seen.has(f)) throw new BadInput([`${f}: named twice`]);
    seen.add(f);
  }
  const known = (option: string, f: string) => {
    if (!seen.has(f)) throw new BadInput([`${option} ${f}: not one of the case files named`]);
    return f;
  };
  const budgets: Record<string, string> = {};
  for (const b of values.budget ?? []) {
    const m = /^(\d{4})=(\d+(\.\d+)?)$/.exec(b);
    if (!m) throw new BadInput([`--budget ${b}: write YEAR=AMOUNT, e.g. 2027=5000000`]);
    if (budgets[m[1]!] !== undefined) throw new BadInput([`--budget ${b}: the year ${m[1]} is given twice`]);
    budgets[m[1]!] = m[2]!;
  }
  const dependencies = (values.requires ?? []).map((r) => {
    const [a, b, ...rest] = r.split("=");
    if (!a || !b || rest.length) throw new BadInput([`--requires ${r}: write A.json=B.json (A only with B)`]);
    return { case: known("--requires", a), requires: known("--requires", b) };
  });
  const mustFund = (values.must ?? []).map((f) => known("--must", f));
  const exclude = (values.exclude ?? []).map((f) => known("--exclude", f));
  if (values.currency !== undefined && !/^[A-Z]{3}$/.test(values.currency))
    throw new BadInput([`--currency ${values.currency}: an ISO 4217 code such as SEK`]);

  const files = positionals.map((f) => {
    try {
      return { path: f, file: loadCase(f) };
    } catch (error) {
      if (error instanceof BadInput) throw new BadInput(error.message.split("\n").map((p) => `${f}: ${p}`));
      throw error;
    }
  });
  const currency = values.currency ?? files[0]!.file.currency;
  const figures = files.map(({ path, file }) => {
    try {
      return {
        path,
        file,
        figures: caseFigures(
          computeCase(file),
          { currency: file.currency, startMonth: file.startMonth, chosenScenario: file.chosenScenario },
          currency,
        ),
      };
    } catch (error) {
      if (error instanceof CurrencyMismatch) throw new BadInput([`${path}: ${error.message}`]);
      throw error;
    }
  });
  const cases = figures.map(({ path, file, figures: f }) => {
    const o = proposalOptionOf(f);
    return {
      file: path,
      name: file.name,
      scenario: o.scenario,
      npv: o.npv,
      irr: o.irr,
      roi: o.roi,
      paybackMonths: o.paybackMonths,
      pvCost: o.pvCost,
      profitabilityIndex: o.profitabilityIndex,
      spend: o.spend,
    };
  });
  if (Object.keys(budgets).length === 0) {
    if (mustFund.length || exclude.length || dependencies.length || values.alternatives)
      throw new BadInput(["--budget: --must, --exclude, --requires and --alternatives need at least one budget"]);
    return { currency, cases, selection: null };
  }
  const input: SelectionInput = {
    budgets,
    mustFund,
    exclude,
    dependencies,
    alternatives: values.alternatives ?? false,
  };
  try {
    const r = await selectPortfolio(
      figures.map(({ path, figures: f }) => selectionCaseOf(path, f)),
      input,
    );
    return {
      currency,
      cases,
      selection: {
        optimal: r.optimal,
        totalNpv: r.totalNpv,
        spend: r.spend,
        chosen: r.chosen.map((c) => ({ file: c.case, scenario: c.scenario })),
        rankingByProfitabilityIndexNpv: r.rankingByProfitabilityIndexNpv,
        npvLostByRanking: r.npvLostByRanking,
        bindingYears: r.bindingYears,
        solveMs: r.solveMs,
      },
    };
  } catch (error) {
    if (error instanceof SelectionInfeasible) throw new BadInput([`infeasible: ${error.message}`]);
    if (error instanceof SelectionInputError) throw new BadInput([error.message]);
    throw error;
  }
}
