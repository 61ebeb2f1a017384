import "server-only";
import type { Actor } from "@/lib/db/access";
import { listCases } from "@/lib/db/cases";
import type { CaseHeadline } from "@/lib/dto/case-headline";
import { figureReason } from "@/lib/finance/figure-reasons";
import { headlineResults } from "@/lib/finance/headline";
import { getCaseCompute } from "./compute-case";

// Headline figures of each case: its proposal against the baseline when there is one (the decision
// an upgrade case asks for; lib/finance/headline.ts), else the only scenario. Reads the cached compute.
// `query` keeps the cases whose name contains it (case- and accent-insensitive); archived cases
// are left out unless asked for.
export async function listCaseHeadlines(
  actor: Actor,
  workspaceId: string,
  options: { query?: string; includeArchived?: boolean } = {},
): Promise<CaseHeadline[]> {
  const fold = (v: string) => v.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase();
  const q = fold(options.query?.trim() ?? "");
  const cases = (await listCases(actor, workspaceId, { includeArchived: options.includeArchived ?? false })).filter(
    (c) => !q || fold(c.name).includes(q),
  );
  return Promise.all(
    cases.map(async (c) => {
      const { output } = await getCaseCompute(actor, c.id);
      const { primary, baseline, source } = headlineResults(output.scenarios, output.comparisons, c.chosenScenario);
      return {
        id: c.id,
        name: c.name,
        status: c.status,
        archived: c.archivedAt !== null,
        currency: c.currency,
        horizonMonths: c.horizonMonths,
        label: { alternative: primary.name, baseline: baseline?.name ?? null },
        npv: source.npv,
        roi: source.roi,
        paybackMonths: source.paybackMonths,
        roiReason: figureReason(source, "roi"),
        paybackReason: figureReason(source, "paybackMonths"),
      };
    }),
  );
}
