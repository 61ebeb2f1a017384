"use client";
import Link from "next/link";
import { useMemo, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { formatIrr, formatMoney, formatNumber, formatPercent } from "@/lib/i18n/format";
import type { PortfolioCaseDTO } from "@/lib/dto/portfolio";

type SortKey = "name" | "npv" | "irr" | "roi" | "paybackMonths" | "pvCost" | "profitabilityIndex" | "status" | "owner";
const NUMERIC: SortKey[] = ["npv", "irr", "roi", "paybackMonths", "pvCost", "profitabilityIndex"];

// Every case of the portfolio, sortable by any column and filtered by status, owner and tag.
// Sorting compares the figures as numbers: display order only, no money is computed here.
export function PortfolioTable({
  cases,
  slug,
  currency,
}: {
  cases: PortfolioCaseDTO[];
  slug: string;
  currency: string;
}) {
  const t = useTranslations("portfolio");
  const locale = useLocale();
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: "npv", desc: true });
  const [status, setStatus] = useState("");
  const [owner, setOwner] = useState("");
  const [tag, setTag] = useState("");
  const owners = [...new Set(cases.map((c) => c.owner).filter(Boolean))].sort();
  const tags = [...new Set(cases.flatMap((c) => c.tags))].sort();
  const statuses = [...new Set(cases.map((c) => c.status))];
  const rows = useMemo(() => {
    const value = (c: PortfolioCaseDTO): number | string => {
      if (sort.key === "name" || sort.key === "status" || sort.key === "owner") return c[sort.key];
      const v = c.option?.[sort.key];
      return v === null || v === undefined ? Number.NEGATIVE_INFINITY : Number(v);
    };
    return cases
      .filter(
        (c) => (!status || c.status === status) && (!owner || c.owner === owner) && (!tag || c.tags.includes(tag)),
      )
      .sort((a, b) => {
        const va = value(a);
        const vb = value(b);
        const cmp = typeof va === "number" && typeof vb === "number" ? va - vb : String(va).localeCompare(String(vb));
        return sort.desc ? -cmp : cmp;
      });
  }, [cases, sort, status, owner, tag]);
  const money = (v: string | null | undefined) => (v == null ? t("none") : formatMoney(v, currency, locale));
  const header = (key: SortKey, label: string) => (
    <th scope="col" className={`py-2 pr-3 font-medium ${NUMERIC.includes(key) ? "num" : ""}`}>
      <button
        type="button"
        className="hover:underline"
        aria-label={t("sortBy", { column: label })}
        onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : NUMERIC.includes(key) }))}
      >
        {label}
        {sort.key === key ? (sort.desc ? " ↓" : " ↑") : ""}
      </button>
    </th>
  );
  const select = (label: string, value: string, set: (v: string) => void, options: [string, string][], id: string) => (
    <label className="text-sm text-gray-700">
      {label}
      <select
        data-testid={id}
        value={value}
        onChange={(e) => set(e.target.value)}
        className="ml-2 rounded-md border border-gray-300 px-2 py-1 text-sm"
      >
        <option value="">{t("all")}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
  if (cases.length === 0) return <p className="mt-4 text-sm text-gray-600">{t("noCases")}</p>;
  return (
    <div>
      <div className="mt-4 flex flex-wrap gap-4">
        {select(
          t("filterStatus"),
          status,
          setStatus,
          statuses.map((s) => [s, t(`statuses.${s}`)]),
          "filter-status",
        )}
        {select(
          t("filterOwner"),
          owner,
          setOwner,
          owners.map((o) => [o, o]),
          "filter-owner",
        )}
        {select(
          t("filterTag"),
          tag,
          setTag,
          tags.map((o) => [o, o]),
          "filter-tag",
        )}
      </div>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full text-sm" data-testid="portfolio-table">
          <thead>
            <tr className="border-b border-gray-200 text-left text-gray-600">
              {header("name", t("case"))}
              <th scope="col" className="py-2 pr-3 font-medium">
                {t("proposal")}
              </th>
              {header("npv", t("npv"))}
              {header("irr", t("irr"))}
              {header("roi", t("roi"))}
              {header("paybackMonths", t("payback"))}
              {header("pvCost", t("pvCost"))}
              {header("profitabilityIndex", t("pi"))}
              {header("status", t("status"))}
              {header("owner", t("owner"))}
              <th scope="col" className="py-2 font-medium">
                {t("tags")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => {
              const o = c.option;
              return (
                <tr key={c.id} className="border-b border-gray-100 align-top" data-testid="portfolio-row">
                  <td className="py-2 pr-3">
                    <Link href={`/w/${slug}/cases/${c.id}`} className="font-medium text-teal-800 hover:underline">
                      {c.name}
                    </Link>
                    {c.problem ? (
                      <p className="text-xs text-amber-700">{t("problem", { message: c.problem })}</p>
                    ) : null}
                  </td>
                  <td className="py-2 pr-3">{o ? (o.name ?? o.scenario) : t("none")}</td>
                  <td className="num py-2 pr-3">{money(o?.npv)}</td>
                  <td className="num py-2 pr-3">{o?.irr ? formatIrr(o.irr, locale) : t("none")}</td>
                  <td className="num py-2 pr-3">{o?.roi ? formatPercent(o.roi, locale) : t("none")}</td>
                  <td className="num py-2 pr-3">
                    {o?.paybackMonths ? t("months", { value: formatNumber(o.paybackMonths, locale, 1) }) : t("none")}
                  </td>
                  <td className="num py-2 pr-3">{money(o?.pvCost)}</td>
                  <td className="num py-2 pr-3">
                    {o?.profitabilityIndex ? formatNumber(o.profitabilityIndex, locale, 2) : t("none")}
                  </td>
                  <td className="py-2 pr-3">{t(`statuses.${c.status}`)}</td>
                  <td className="py-2 pr-3">{c.owner || t("none")}</td>
                  <td className="py-2">{c.tags.join(", ")}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
