"use client";
// The approval line under the case name (components/versions/approval-line.tsx), its "changes
// since" count following the live case model: every plan change is one version, so the count is
// the model's version less the approved one, without a page render.
import { ApprovalLine } from "@/components/versions/approval-line";
import { useCaseModel } from "./case-model";

type Props = Parameters<typeof ApprovalLine>[0];

export function LiveApprovalLine(props: Props) {
  const model = useCaseModel();
  const latest =
    props.latest && model
      ? { ...props.latest, changesSince: Math.max(props.latest.changesSince, model.version - props.latest.version) }
      : props.latest;
  return <ApprovalLine {...props} latest={latest} />;
}
