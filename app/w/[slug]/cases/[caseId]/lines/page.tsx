import { LinesGrid } from "@/components/lines/lines-grid";
import { getLinesView } from "@/lib/services/lines-view";

// The cost and benefit lines of the case, with each line's risk-adjusted total and present value
// (the view model: lib/services/lines-view.ts).
export default async function CaseLinesPage({ params }: { params: Promise<{ slug: string; caseId: string }> }) {
  const { slug, caseId } = await params;
  return <LinesGrid {...await getLinesView(slug, caseId)} />;
}
