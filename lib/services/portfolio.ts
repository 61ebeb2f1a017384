// The portfolio of a workspace (docs/portfolio.md): every case's figures from the compute cache,
// the best set within budgets (solved in a worker), and plans compared with where cases stand.
//
//   getPortfolio(actor, workspaceRef, { includeArchived? })   viewer -> PortfolioView
//   optimisePortfolio(actor, workspaceRef, body, onPoint?)     viewer -> OptimiseAnswer (reads only)
//   savePortfolioPlan(actor, workspaceRef, body)               editor -> PortfolioPlanDTO
//   getPortfolioPlanView(actor, workspaceRef, planId)          viewer -> plan + comparison with now
//
// A case's figures are derived once per (case, version, tracking revision, reporting currency)
// and kept in memory; a cold read takes the cached compute outputs trimmed by the database, and
// only a case without a cached output for its current state runs the engine (which stores it).
import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/db/access";
import {
  assertCanSavePlans,
  createPortfolioPlan,
  getPortfolioPlanOrThrow,
  listPortfolioCases,
  readPortfolioOutputs,
  type PortfolioCaseRow,
  type PortfolioPlanDTO,
} from "@/lib/db/portfolio";
import { AppError } from "@/lib/errors";
import { CurrencyMismatch } from "@/lib/portfolio/currency";
import {
  caseFigures,
  proposalOptionOf,
  selectionCaseOf,
  type CaseFigures,
  type PortfolioComputeOutput,
} from "@/lib/portfolio/figures";
import { comparePlan, doubleCountingFlags, type PlanComparison } from "@/lib/portfolio/plans";
import type { FrontierPoint } from "@/lib/portfolio/selection";
import { solvePortfolioInWorker } from "@/lib/workers/pool";
import type { OptimiseAnswer, PortfolioCaseDTO, PortfolioView } from "@/lib/dto/portfolio";
import { getCaseCompute } from "./compute-case";
import { ndjsonResponse } from "./ndjson";
import { getWorkspaceReportingRates } from "@/lib/db/workspace-currency";
import type { WorkspaceRates } from "@/lib/finance/fx";

// The reporting currency of a workspace that has not set its own (docs/currencies.md): the currency
// most of the cases use (the first in alphabetical order on a tie; SEK for an empty workspace).
export function reportingCurrencyOf(cases: readonly { currency: string }[]): string {
  const counts = new Map<string, number>();
  for (const c of cases) counts.set(c.currency, (counts.get(c.currency) ?? 0) + 1);
  let best: string | null = null;
  for (const [cur, n] of [...counts].sort(([a], [b]) => a.localeCompare(b)))
    if (best === null || n > counts.get(best)!) best = cur;
  return best ?? "SEK";
}

const MEMO_ENTRIES = 5000;
const memo = new Map<string, CaseFigures | { problem: string }>();
// `currency` names the reporting currency and its rates (a change of either is a new entry).
const memoKey = (c: PortfolioCaseRow, currency: string) =>
  `${c.id}@${c.version}.${c.trackingRevision}:${currency}:${c.startMonth}:${c.chosenScenario ?? ""}`;

interface Reporting {
  currency: string;
  rates: WorkspaceRates["rates"];
  key: string;
}

function figuresOf(c: PortfolioCaseRow, output: PortfolioComputeOutput, reporting: Reporting) {
  try {
    return caseFigures(
      output,
      { currency: c.currency, startMonth: c.startMonth, chosenScenario: c.chosenScenario },
      reporting.currency,
      reporting.rates,
    );
  } catch (error) {
    if (error instanceof CurrencyMismatch) return { problem: error.message };
    throw error;
  }
}

export async function getPortfolio(
  actor: Actor,
  workspaceRef: string,
  options: { includeArchived?: boolean } = {},
): Promise<PortfolioView> {
  const { workspace, cases } = await listPortfolioCases(actor, workspaceRef, options);
  // The workspace's reporting currency and dated rates, when its owners set them.
  const set = await getWorkspaceReportingRates(actor, workspaceRef);
  const rates = set.currency ? set.rates : {};
  const reportingCurrency = set.currency ?? reportingCurrencyOf(cases);
  const reporting: Reporting = { currency: reportingCurrency, rates, key: "" };
  reporting.key = `${reportingCurrency}/${JSON.stringify(rates)}`;
  const currency = reporting.key;
  const missing = cases.filter((c) => !memo.has(memoKey(c, currency)));
  if (missing.length) {
    const outputs = await readPortfolioOutputs(missing);
    for (const c of missing) {
      const output = outputs.get(c.id) as PortfolioComputeOutput | undefined;
      if (output) remember(memoKey(c, currency), figuresOf(c, output, reporting));
    }
    // No cached output for the case's current state: the engine runs once and stores it.
    for (const c of missing.filter((x) => !outputs.has(x.id))) {
      const computed = await getCaseCompute(actor, c.id);
      const state = { ...c, version: computed.version, trackingRevision: computed.trackingRevision };
      remember(memoKey(state, currency), figuresOf(state, computed.output, reporting));
      if (state.version === c.version && state.trackingRevision === c.trackingRevision) continue;
      remember(memoKey(c, currency), figuresOf(c, computed.output, reporting));
    }
  }
  const years = new Set<string>();
  const dtos = cases.map((c): PortfolioCaseDTO => {
    const f = memo.get(memoKey(c, currency))!;
    const base = { id: c.id, name: c.name, status: c.status, owner: c.owner, tags: c.tags, currency: c.currency };
    if ("problem" in f)
      return { ...base, proposal: null, option: null, options: [], realisation: null, claims: {}, problem: f.problem };
    for (const o of f.options) for (const y of Object.keys(o.spend)) years.add(y);
    return {
      ...base,
      proposal: f.proposal,
      option: proposalOptionOf(f),
      options: f.options,
      realisation: f.realisation,
      claims: f.claims,
      problem: null,
    };
  });
  return { workspace, currency: reportingCurrency, years: [...years].sort(), cases: dtos };
}

function remember(key: string, value: CaseFigures | { problem: string }) {
  memo.delete(key);
  memo.set(key, value);
  while (memo.size > MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
}

// --- Selection ---------------------------------------------------------------------------------

const MONEY = /^\d{1,15}(\.\d{1,10})?$/;
export const optimiseBodySchema = z.strictObject({
  budgets: z
    .record(
      z.string().regex(/^\d{4}$/, "a calendar year such as 2027"),
      z.string().regex(MONEY, 'an amount such as "5000000"'),
    )
    .refine((b) => Object.keys(b).length > 0 && Object.keys(b).length <= 30, "one to 30 budget years"),
  mustFund: z.array(z.string().max(64)).max(5000).default([]),
  exclude: z.array(z.string().max(64)).max(5000).default([]),
  dependencies: z
    .array(z.strictObject({ case: z.string().max(64), requires: z.string().max(64) }))
    .max(5000)
    .default([]),
  alternatives: z.boolean().default(false),
  frontier: z.boolean().default(false),
});
export type OptimiseBody = z.input<typeof optimiseBodySchema>;

export async function optimisePortfolio(
  actor: Actor,
  workspaceRef: string,
  body: OptimiseBody,
  onPoint?: (point: FrontierPoint) => void,
): Promise<OptimiseAnswer> {
  const input = optimiseBodySchema.parse(body);
  const view = await getPortfolio(actor, workspaceRef);
  const usable = view.cases.filter((c) => c.option !== null);
  const answer = await solvePortfolioInWorker(
    {
      cases: usable.map((c) => selectionCaseOf(c.id, { proposal: c.proposal!, options: c.options } as CaseFigures)),
      input,
      frontier: input.frontier,
    },
    { onPoint },
  );
  if (!answer.ok) {
    if (answer.kind === "input") {
      const field = answer.field.split(".")[0]!;
      throw new AppError("validation", answer.message, { fieldErrors: [{ path: field, message: answer.message }] });
    }
    throw new AppError("validation", `infeasible: ${answer.message}`, { details: { cause: answer.cause } });
  }
  const byId = new Map(usable.map((c) => [c.id, c]));
  return {
    currency: view.currency,
    selection: answer.selection,
    frontier: answer.frontier,
    doubleCounting: doubleCountingFlags(
      answer.selection.chosen.map((ch) => ({ id: ch.case, claims: byId.get(ch.case)!.claims[ch.scenario] ?? [] })),
    ),
    left: view.cases.filter((c) => c.option === null).map((c) => ({ id: c.id, reason: c.problem ?? "" })),
  };
}

// The frontier streamed as it fills (NDJSON): a line per solved point ({ type: "point", data }),
// then the whole answer ({ type: "result", data }) or an error line ({ type: "error", error }).
// The input and the portfolio are read before the stream starts, so bad input is a plain 4xx.
export async function portfolioFrontierResponse(
  actor: Actor,
  workspaceRef: string,
  body: OptimiseBody,
): Promise<Response> {
  const input = optimiseBodySchema.parse(body);
  await getPortfolio(actor, workspaceRef);
  return ndjsonResponse(
    async (send) => {
      let streamed = 0;
      let answered = false;
      const answer = await optimisePortfolio(actor, workspaceRef, { ...input, frontier: true }, (point) => {
        if (answered) return; // already sent from the answer
        streamed += 1;
        send({ type: "point", data: point });
      });
      // The worker's progress port and its answer are two channels: points still in flight when
      // the answer arrives are sent from the answer, in order, so every point has its line.
      answered = true;
      for (const point of answer.frontier?.slice(streamed) ?? []) send({ type: "point", data: point });
      send({ type: "result", data: answer });
    },
    { label: "the portfolio frontier", failure: "the frontier failed; it has been logged" },
  );
}

// --- Plans -------------------------------------------------------------------------------------

export const savePlanBodySchema = optimiseBodySchema
  .omit({ frontier: true })
  .extend({ name: z.string().trim().min(1, "a name").max(200) });
export type SavePlanBody = z.input<typeof savePlanBodySchema>;

// The server solves again: a plan's figures are the server's, never a client's.
export async function savePortfolioPlan(
  actor: Actor,
  workspaceRef: string,
  body: SavePlanBody,
): Promise<PortfolioPlanDTO> {
  const { name, ...rest } = savePlanBodySchema.parse(body);
  await assertCanSavePlans(actor, workspaceRef);
  const answer = await optimisePortfolio(actor, workspaceRef, { ...rest, frontier: false });
  const view = await getPortfolio(actor, workspaceRef);
  const byId = new Map(view.cases.map((c) => [c.id, c]));
  const chosen = answer.selection.chosen.map((ch) => {
    const c = byId.get(ch.case)!;
    const o = c.options.find((x) => x.scenario === ch.scenario)!;
    return {
      id: c.id,
      name: c.name,
      scenario: ch.scenario,
      npv: o.npv,
      pvCost: o.pvCost,
      spend: o.spend,
      status: c.status,
    };
  });
  return createPortfolioPlan(actor, workspaceRef, {
    name,
    currency: answer.currency,
    input: rest,
    result: { ...answer.selection, chosen, doubleCounting: answer.doubleCounting },
  });
}

export interface PortfolioPlanView extends PortfolioPlanDTO {
  comparison: PlanComparison;
}

export async function getPortfolioPlanView(
  actor: Actor,
  workspaceRef: string,
  planId: string,
): Promise<PortfolioPlanView> {
  const plan = await getPortfolioPlanOrThrow(actor, workspaceRef, planId);
  const view = await getPortfolio(actor, workspaceRef, { includeArchived: true });
  const planned = (
    (plan.result as { chosen?: { id: string; name: string; scenario: string; npv: string }[] }).chosen ?? []
  ).map((c) => ({ id: c.id, name: c.name, scenario: c.scenario, npv: c.npv }));
  const comparison = comparePlan(
    planned,
    view.cases.map((c) => ({
      id: c.id,
      name: c.name,
      status: c.status,
      scenarioNpv: Object.fromEntries(c.options.map((o) => [o.scenario, o.npv])),
      realisation: c.realisation,
    })),
  );
  return { ...plan, comparison };
}

// The portfolio board report (PDF) of the workspace, in the asked language.
export async function buildPortfolioReport(
  actor: Actor,
  workspaceRef: string,
  locale: string | undefined,
): Promise<{ pdf: Buffer; fileName: string }> {
  const view = await getPortfolio(actor, workspaceRef);
  const { renderPortfolioPdf } = await import("@/lib/report/portfolio-render");
  const pdf = await renderPortfolioPdf(view, { locale });
  return { pdf, fileName: `${view.workspace.name} portfolio.pdf` };
}
