// The case's stated proposal (docs/proposal.md): BusinessCase.chosenScenario names the alternative
// the headline weighs against the baseline. These helpers run inside a plan write (writeCase), so
// whatever they change is part of that write's version and its audit row.
//
//   assertProposalAllowed(tx, caseId, key | null)  refuses a key the case has no scenario for, and a
//       change away from the scenario that carries recorded actuals (they belong to it)
//   keepProposal(tx, caseId)   before a scenario is added: a case with one alternative and no stated
//       proposal gets that alternative stated, so the headline does not move; returns the key set
//   forgetProposal(tx, caseId, key)  a deleted scenario is no longer the proposal
import "server-only";
import { AppError } from "@/lib/errors";
import { headlineKeys } from "@/lib/finance/headline";
import type { Tx } from "./case-write";

async function proposalState(tx: Tx, caseId: string) {
  return tx.businessCase.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      chosenScenario: true,
      scenarios: { select: { id: true, key: true, isBaseline: true }, orderBy: [{ position: "asc" }, { key: "asc" }] },
    },
  });
}

export async function assertProposalAllowed(tx: Tx, caseId: string, key: string | null): Promise<void> {
  const c = await proposalState(tx, caseId);
  if (key !== null && !c.scenarios.some((s) => s.key === key))
    throw new AppError("validation", "the proposal is not valid", {
      fieldErrors: [{ path: "chosenScenario", message: `no scenario has the key "${key}"` }],
    });
  // Recorded actuals belong to the scenario being carried out (lib/db/actuals.ts): the proposal
  // cannot move away from it while they exist.
  const flags = c.scenarios.map((s) => ({ key: s.key, baseline: s.isBaseline }));
  const held = c.chosenScenario !== null && c.scenarios.some((s) => s.key === c.chosenScenario);
  const currentKey = held ? c.chosenScenario! : headlineKeys(flags).alternative;
  const nextKey = key ?? headlineKeys(flags).alternative;
  if (nextKey === currentKey) return;
  const currentId = c.scenarios.find((s) => s.key === currentKey)?.id;
  const recorded = await tx.lineActual.count({ where: { caseId, line: { scenarioId: currentId } } });
  if (recorded > 0)
    throw new AppError("validation", "the proposal is not valid", {
      fieldErrors: [
        {
          path: "chosenScenario",
          message: `actuals are recorded on scenario "${currentKey}"; delete them before choosing another scenario`,
        },
      ],
    });
}

export async function keepProposal(tx: Tx, caseId: string): Promise<string | null> {
  const c = await proposalState(tx, caseId);
  if (c.chosenScenario !== null && c.scenarios.some((s) => s.key === c.chosenScenario)) return null;
  const alternatives = c.scenarios.filter((s) => !s.isBaseline);
  const keys = headlineKeys(c.scenarios.map((s) => ({ key: s.key, baseline: s.isBaseline })));
  if (keys.baseline === null || alternatives.length !== 1) return null;
  await tx.businessCase.update({
    where: { id: caseId },
    data: { chosenScenario: keys.alternative },
    select: { id: true },
  });
  return keys.alternative;
}

export async function forgetProposal(tx: Tx, caseId: string, key: string): Promise<boolean> {
  const { count } = await tx.businessCase.updateMany({
    where: { id: caseId, chosenScenario: key },
    data: { chosenScenario: null },
  });
  return count > 0;
}
