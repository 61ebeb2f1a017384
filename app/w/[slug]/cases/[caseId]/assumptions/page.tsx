import { AssumptionRegister } from "@/components/assumptions/assumption-register";
import { loadCasePage } from "@/lib/services/case-page";
import { getCommentCounts } from "@/lib/services/comments-view";

// The assumption register of the case (title, description, source, owner, confidence, the lines
// each one drives); editors change it, everyone comments on it.
export default async function CaseAssumptionsPage({ params }: { params: Promise<{ slug: string; caseId: string }> }) {
  const { slug, caseId } = await params;
  const { detail, canEdit, actor } = await loadCasePage(slug, caseId);
  const counts = await getCommentCounts(actor, detail.id);
  const scenarioName = new Map(detail.scenarios.map((s) => [s.id, s.name]));
  return (
    <AssumptionRegister
      caseId={detail.id}
      version={detail.version}
      canEdit={canEdit}
      assumptions={detail.assumptions.map((a) => ({
        id: a.id,
        stableId: a.stableId,
        title: a.title,
        text: a.text,
        source: a.source,
        owner: a.owner,
        confidence: a.confidence,
        lines: a.lines,
      }))}
      lineOptions={detail.lines.map((l) => ({
        stableId: l.stableId,
        label: `${l.name} (${scenarioName.get(l.scenarioId) ?? ""})`,
      }))}
      comments={{ base: `/w/${slug}/cases/${detail.id}/comments`, counts }}
    />
  );
}
