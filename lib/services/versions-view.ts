// What the Versions tab and the read-only snapshot pages show, composed once here (pages compose).
//
//   getVersionsView(actor, caseId, { from?, to? })   snapshots, approval requests, owners to ask,
//                                                    the latest approval, and the difference picked
//   getSnapshotView(actor, caseId, snapshotId)       one snapshot: its label, headline figures, lines
import "server-only";
import type { Actor } from "@/lib/db/access";
import {
  getLatestApproval,
  listApprovalRequests,
  type ApprovalRequestDTO,
  type LatestApprovalDTO,
} from "@/lib/db/approvals";
import { getCaseOrThrow } from "@/lib/db/cases";
import { listMembers } from "@/lib/db/members";
import { listSnapshots, type SnapshotSummaryDTO } from "@/lib/db/snapshots";
import { AppError } from "@/lib/errors";
import { headlineFigures, type HeadlineFigure } from "@/lib/finance/diff";
import { figureReasons, type FigureReason, type ReasonedFigure } from "@/lib/finance/figure-reasons";
import { headlineKeys, headlineResults } from "@/lib/finance/headline";
import { diffCase, getCaseVersion, type CaseDiffDTO } from "./versions";

export interface VersionsView {
  snapshots: SnapshotSummaryDTO[];
  requests: ApprovalRequestDTO[];
  pending: ApprovalRequestDTO | null;
  owners: { userId: string; name: string }[];
  latestApproval: LatestApprovalDTO | null;
  from: string | null;
  to: string;
  diff: CaseDiffDTO | null;
}

const isRef = (v: string | undefined): v is string =>
  v === "current" || (typeof v === "string" && /^[0-9a-f-]{36}$/i.test(v));

export async function getVersionsView(
  actor: Actor,
  caseId: string,
  pick: { from?: string; to?: string },
): Promise<VersionsView> {
  const detail = await getCaseOrThrow(actor, caseId);
  const [snapshots, requests, members, latestApproval] = await Promise.all([
    listSnapshots(actor, caseId),
    listApprovalRequests(actor, caseId),
    listMembers(actor, detail.workspaceId),
    getLatestApproval(actor, caseId),
  ]);
  const known = (ref: string) => ref === "current" || snapshots.some((s) => s.id === ref);
  // By default: what changed since the last approval (else since the newest snapshot).
  const from =
    isRef(pick.from) && known(pick.from) ? pick.from : (latestApproval?.snapshotId ?? snapshots[0]?.id ?? null);
  const to = isRef(pick.to) && known(pick.to) ? pick.to : "current";
  const diff = from ? await diffCase(actor, caseId, from, to) : null;
  return {
    snapshots,
    requests,
    pending: requests.find((r) => r.state === "pending") ?? null,
    owners: members.filter((m) => m.role === "owner").map((m) => ({ userId: m.userId, name: m.name || m.email })),
    latestApproval,
    from,
    to,
    diff,
  };
}

export interface SnapshotView {
  snapshot: SnapshotSummaryDTO;
  currency: string;
  startMonth: string;
  figures: Record<HeadlineFigure, string | null>;
  reasons: Partial<Record<ReasonedFigure, FigureReason>>; // why a null figure does not apply
  headline: { alternative: string; baseline: string | null };
  lines: { id: string; scenario: string; kind: "cost" | "benefit"; name: string; category: string; total: string }[];
}

export async function getSnapshotView(actor: Actor, caseId: string, snapshotId: string): Promise<SnapshotView> {
  const [version, list] = await Promise.all([getCaseVersion(actor, caseId, snapshotId), listSnapshots(actor, caseId)]);
  const snapshot = list.find((s) => s.id === snapshotId);
  if (!snapshot) throw new AppError("not_found", "not found");
  const { caseFile, output } = version;
  const name = (key: string) => caseFile.scenarios.find((s) => s.key === key)?.name ?? key;
  const keys = headlineKeys(caseFile.scenarios, caseFile.chosenScenario);
  const figures = headlineFigures(caseFile, output);
  const pair = headlineResults(output.scenarios, output.comparisons, caseFile.chosenScenario);
  return {
    snapshot,
    currency: caseFile.currency,
    startMonth: caseFile.startMonth,
    figures,
    reasons: figureReasons(pair.source),
    headline: { alternative: name(keys.alternative), baseline: keys.baseline ? name(keys.baseline) : null },
    lines: output.scenarios.flatMap((s) =>
      s.lines.map((l) => ({
        id: l.id,
        scenario: s.name,
        kind: l.kind,
        name: l.name,
        category: l.category,
        total: l.total,
      })),
    ),
  };
}

// The case header's line about approval: the latest approval and changes since; a pending request.
export async function getApprovalHeader(
  actor: Actor,
  caseId: string,
): Promise<{ latest: LatestApprovalDTO | null; pendingBy: string | null }> {
  const [latest, requests] = await Promise.all([getLatestApproval(actor, caseId), listApprovalRequests(actor, caseId)]);
  return { latest, pendingBy: requests.find((r) => r.state === "pending")?.requestedBy ?? null };
}
