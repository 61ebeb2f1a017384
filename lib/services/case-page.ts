import "server-only";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { cache } from "react";
import { requireUser } from "@/lib/auth/session";
import { isUuid, type Actor } from "@/lib/db/access";
import { toCaseFile } from "@/lib/db/case-mappers";
import { listWorkspacesForUser } from "@/lib/db/workspaces";
import { AppError } from "@/lib/errors";
import { headlineResults } from "@/lib/finance/headline";
import { getCaseOverview } from "./case-overview";

// Everything a page under /w/[slug]/cases/[caseId] needs, loaded once per request (React cache):
// the layout (header, tabs, summary bar) and the page below it share one read of the case and
// one (cached) compute. Unknown ids, ids of other workspaces and cases that belong to another
// workspace than the URL's all answer 404: nothing about them is shown.
export const loadCasePage = cache(async (slug: string, caseId: string) => {
  const user = await requireUser(`/w/${encodeURIComponent(slug)}/cases/${encodeURIComponent(caseId)}`);
  if (!isUuid(caseId)) notFound();
  const actor: Actor = { kind: "user", userId: user.id };
  const [overview, workspaces, locale] = await Promise.all([
    getCaseOverview(actor, caseId).catch((e: unknown) => {
      if (e instanceof AppError && e.code === "not_found") notFound();
      throw e;
    }),
    listWorkspacesForUser(actor),
    getLocale(),
  ]);
  const workspace = workspaces.find((w) => w.id === overview.detail.workspaceId);
  if (!workspace || workspace.slug !== slug) notFound();
  const role = workspace.role;
  // The case as a case file and its figures, for the browser's live case model
  // (components/live/case-model.tsx). Every page hands the model the case's settings and figures
  // (liveFile, liveOutput) and only pages that edit the lines as well (caseFile): at 1,000 lines
  // per scenario the lines are 440 KB of JSON, and each line's own results 760 of the output's
  // 850 KB (the lines tab renders those itself; the model's next figures carry them).
  const caseFile = toCaseFile(overview.detail);
  const liveFile = { ...caseFile, scenarios: caseFile.scenarios.map((s) => ({ ...s, costs: [], benefits: [] })) };
  const liveOutput = { ...overview.output, scenarios: overview.output.scenarios.map((s) => ({ ...s, lines: [] })) };
  return {
    user,
    actor,
    ...overview,
    caseFile,
    liveFile,
    liveOutput,
    workspace,
    role,
    canEdit: role === "owner" || role === "editor",
    locale,
  };
});

export type CasePageData = Awaited<ReturnType<typeof loadCasePage>>;

// The scenario pair every page headlines (lib/finance/headline.ts, the one rule): the case's
// stated proposal, else the first alternative, against the baseline.
export function headlinePair(page: Pick<CasePageData, "output" | "detail">) {
  return headlineResults(page.output.scenarios, page.output.comparisons, page.detail.chosenScenario);
}
