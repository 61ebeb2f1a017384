import Link from "next/link";
import { useTranslations } from "next-intl";
import { intlTag } from "@/lib/i18n/format";

// "Approved version 7 on 2 March 2027 by Olivia Owner; 3 changes since" (linking to what changed),
// and a pending request, under the case name. Dates in the user's locale.
export function ApprovalLine(props: {
  slug: string;
  caseId: string;
  locale: string;
  latest: {
    version: number;
    approvedAt: string;
    approvedBy: string;
    snapshotId: string | null;
    changesSince: number;
  } | null;
  pendingBy: string | null;
}) {
  const t = useTranslations("versions");
  const { latest } = props;
  if (!latest && !props.pendingBy) return null;
  const date = latest
    ? new Intl.DateTimeFormat(intlTag(props.locale), { dateStyle: "long" }).format(new Date(latest.approvedAt))
    : "";
  const diffHref = latest?.snapshotId
    ? `/w/${props.slug}/cases/${props.caseId}/versions?from=${latest.snapshotId}&to=current`
    : `/w/${props.slug}/cases/${props.caseId}/versions`;
  return (
    <p className="mt-1 text-sm text-gray-700" data-testid="approval-line">
      {latest ? (
        <>
          {latest.approvedBy
            ? t("header.approved", { version: latest.version, date, name: latest.approvedBy })
            : t("header.approvedNoName", { version: latest.version, date })}
          {"; "}
          <Link href={diffHref} className="text-blue-700 underline" data-testid="changes-since">
            {t("header.changesSince", { count: latest.changesSince })}
          </Link>
        </>
      ) : null}
      {props.pendingBy ? (
        <span className={latest ? "ml-2" : ""}>{t("header.pending", { name: props.pendingBy })}</span>
      ) : null}
    </p>
  );
}
