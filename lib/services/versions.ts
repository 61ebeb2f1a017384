// Versions of a case: the current plan or a snapshot, and the difference between any two.
//
//   getCaseVersion(actor, caseId, ref)        viewer -> VersionRef ("current" or a snapshot of this case)
//   diffCase(actor, caseId, from, to)         viewer -> CaseDiffDTO
//   getApprovalStatement(actor, caseId, status)  the "Approved version 7, 2 March 2027, by ..." facts
import "server-only";
import type { CaseFile } from "@/lib/case-file/schema";
import type { Actor } from "@/lib/db/access";
import { getLatestApproval } from "@/lib/db/approvals";
import { getCaseFileOrThrow } from "@/lib/db/cases";
import { getSnapshotOrThrow } from "@/lib/db/snapshots";
import { AppError } from "@/lib/errors";
import { diffCaseVersions, type CaseDiff } from "@/lib/finance/diff";
import { computeCase } from "@/lib/finance/compute";
import type { ComputeOutput } from "@/lib/finance/types";
import { getCaseCompute } from "./compute-case";

export interface VersionRef {
  ref: "current" | string;
  label: {
    kind: "current" | "snapshot";
    name: string | null;
    caseVersion: number;
    status: "draft" | "approved";
    createdAt: string | null;
    createdBy: string | null;
  };
  caseFile: CaseFile;
  output: ComputeOutput;
}

export interface CaseDiffDTO {
  from: VersionRef["label"] & { ref: string };
  to: VersionRef["label"] & { ref: string };
  diff: CaseDiff;
}

export async function getCaseVersion(actor: Actor, caseId: string, ref: string): Promise<VersionRef> {
  if (ref === "current") {
    const [{ caseFile, version }, compute] = await Promise.all([
      getCaseFileOrThrow(actor, caseId),
      getCaseCompute(actor, caseId),
    ]);
    // The cached output belongs to the version it names; a write in between means computing this file.
    const output = compute.version === version ? compute.output : computeCase(caseFile);
    return {
      ref,
      label: {
        kind: "current",
        name: null,
        caseVersion: version,
        status: caseFile.status ?? "draft",
        createdAt: null,
        createdBy: null,
      },
      caseFile,
      output,
    };
  }
  const s = await getSnapshotOrThrow(actor, ref);
  // A snapshot of another case (even one the actor can read) is not a version of this one.
  if (s.caseId !== caseId) throw new AppError("not_found", "not found");
  return {
    ref,
    label: {
      kind: "snapshot",
      name: s.name,
      caseVersion: s.caseVersion,
      status: s.caseStatus,
      createdAt: s.createdAt,
      createdBy: s.createdBy,
    },
    caseFile: s.caseFile,
    output: s.computeOutput,
  };
}

export async function diffCase(actor: Actor, caseId: string, from: string, to: string): Promise<CaseDiffDTO> {
  const [a, b] = await Promise.all([getCaseVersion(actor, caseId, from), getCaseVersion(actor, caseId, to)]);
  return {
    from: { ref: a.ref, ...a.label },
    to: { ref: b.ref, ...b.label },
    diff: diffCaseVersions({ caseFile: a.caseFile, output: a.output }, { caseFile: b.caseFile, output: b.output }),
  };
}

export interface ApprovalStatement {
  version: number;
  at: string;
  by: string;
}

// Who approved the version a report shows, when it is approved (the report's cover and footer).
export async function getApprovalStatement(
  actor: Actor,
  caseId: string,
  version: number,
  status: "draft" | "approved",
): Promise<ApprovalStatement | null> {
  if (status !== "approved") return null;
  const latest = await getLatestApproval(actor, caseId);
  if (!latest || latest.version !== version) return null;
  return { version: latest.version, at: latest.approvedAt, by: latest.approvedBy };
}
