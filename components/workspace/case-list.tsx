import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { CaseHeadline } from "@/lib/dto/case-headline";
import { formatMoney, formatNumber, formatPercent } from "@/lib/i18n/format";
import { reasonText } from "@/lib/report/figure-text";

// The workspace's cases with their headline figures (risk-adjusted; against the baseline when the
// case has one), computed on the server from the stored lines.
export async function CaseList({ cases, slug, query = "" }: { cases: CaseHeadline[]; slug: string; query?: string }) {
  const t = await getTranslations("workspace");
  const locale = await getLocale();
  if (cases.length === 0)
    return <p className="mt-4 text-sm text-gray-600">{query ? t("noMatch", { query }) : t("noCases")}</p>;
  return (
    <div className="mt-4 overflow-x-auto">
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b border-gray-200 text-left text-gray-600">
            <th scope="col" className="py-2 pr-4 font-medium">
              {t("case")}
            </th>
            <th scope="col" className="num py-2 pr-4 font-medium">
              {t("npv")}
            </th>
            <th scope="col" className="num py-2 pr-4 font-medium">
              {t("roi")}
            </th>
            <th scope="col" className="num py-2 pr-4 font-medium">
              {t("payback")}
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              {t("status")}
            </th>
            <th scope="col" className="py-2 font-medium">
              {t("report")}
            </th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id} className="border-b border-gray-100 align-top" data-testid="case-row">
              <td className="max-w-md py-3 pr-4">
                <Link
                  href={`/w/${slug}/cases/${c.id}`}
                  className="break-words font-medium text-blue-800 hover:underline"
                >
                  {c.name}
                </Link>
                <div className="text-xs text-gray-600">
                  {c.label.baseline
                    ? t("comparedWith", { alternative: c.label.alternative, baseline: c.label.baseline })
                    : c.label.alternative}{" "}
                  · {t("riskAdjusted", { months: c.horizonMonths })}
                </div>
              </td>
              <td className="num whitespace-nowrap py-3 pr-4 font-medium" data-testid="case-npv">
                {formatMoney(c.npv, c.currency, locale)}
              </td>
              <td className="num py-3 pr-4" data-testid="case-roi">
                {c.roi === null ? reasonText(c.roiReason ?? "noCost", locale) : formatPercent(c.roi, locale)}
              </td>
              <td className="num py-3 pr-4">
                {c.paybackMonths === null
                  ? reasonText(c.paybackReason ?? "notWithin", locale)
                  : t("paybackMonth", { month: formatNumber(c.paybackMonths, locale, 1) })}
              </td>
              <td className="py-3 pr-4">
                <span
                  className={`rounded-full px-2 py-0.5 text-xs font-medium ${c.status === "approved" ? "bg-emerald-50 text-emerald-800" : "bg-amber-50 text-amber-800"}`}
                >
                  {c.status === "approved" ? t("statusApproved") : t("statusDraft")}
                </span>
                {c.archived ? (
                  <span className="ml-1.5 rounded-full bg-gray-100 px-2 py-0.5 text-xs font-medium text-gray-800">
                    {t("archived")}
                  </span>
                ) : null}
              </td>
              <td className="py-3">
                <a
                  href={`/api/v1/cases/${c.id}/report.pdf?locale=${locale}`}
                  aria-label={t("downloadReport", { name: c.name })}
                  data-testid="case-report"
                  className="rounded-md border border-gray-300 px-2 py-1 text-xs font-medium text-gray-800 hover:bg-gray-50"
                >
                  PDF
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
