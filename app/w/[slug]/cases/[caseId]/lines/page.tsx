import { LinesGrid } from "@/components/lines/lines-grid";
import { LiveCaseLines } from "@/components/live/case-model";
import { getLinesView } from "@/lib/services/lines-view";

// The cost and benefit lines of the case, with each line's risk-adjusted total and present value
// (the view model: lib/services/lines-view.ts), and the case file's lines for the live case model,
// so an edit here recomputes in the browser at once.
export default async function CaseLinesPage({ params }: { params: Promise<{ slug: string; caseId: string }> }) {
  const { slug, caseId } = await params;
  const { caseFile, ...view } = await getLinesView(slug, caseId);
  return (
    <>
      <LiveCaseLines file={caseFile} version={view.version} />
      <LinesGrid {...view} />
    </>
  );
}
