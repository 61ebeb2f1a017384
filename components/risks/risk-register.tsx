"use client";
import Decimal from "decimal.js";
import { toFileRisk } from "@/lib/case-file/risk";
import { useTranslations } from "next-intl";
import {
  addRiskAction,
  deleteRiskAction,
  duplicateRiskAction,
  reorderRisksAction,
  updateRiskAction,
} from "@/lib/actions/risks";
import type { RiskDTO } from "@/lib/case-file/risk";
import { formatMoney, formatPercent } from "@/lib/i18n/format";
import { BAND_STYLES, band } from "./bands";
import { decimalOrTyped, shareOrTyped } from "@/lib/i18n/parse-decimal";
import { RiskForm, type RiskDraft } from "./risk-form";
import { ActionsCell, EditRow, RowsSection } from "@/components/editing/ordered-rows";
import { useOrderedRows } from "@/components/editing/use-ordered-rows";
import { CommentCount } from "@/components/comments/comment-count";

type Props = {
  slug: string;
  caseId: string;
  version: number;
  canEdit: boolean;
  locale: string;
  currency: string;
  horizon: number;
  scenarios: { key: string; name: string }[];
  risks: RiskDTO[];
  comments?: { base: string; counts: Record<string, number> }; // open comments by "risk:<stableId>"
};

// A draft as the add body: empty optional fields are left out.
function toInput(d: RiskDraft, locale: string) {
  return {
    title: d.title,
    likelihood: d.likelihood,
    impact: d.impact,
    ...(d.category.trim() ? { category: d.category.trim() } : {}),
    ...(d.owner.trim() ? { owner: d.owner.trim() } : {}),
    ...(d.mitigation.trim() ? { mitigation: d.mitigation } : {}),
    ...(d.probability.trim() ? { probability: shareOrTyped(d.probability, locale) } : {}),
    ...(d.costImpact.trim() ? { costImpact: decimalOrTyped(d.costImpact, locale) } : {}),
    ...(d.includeInCosts ? { includeInCosts: true } : {}),
    ...(d.scenario ? { scenario: d.scenario } : {}),
    ...(d.month.trim() ? { month: Number(d.month) } : {}),
  };
}

// A draft as a merge patch: every field named, emptied ones removed (null).
function toPatch(d: RiskDraft, locale: string) {
  const input = toInput(d, locale) as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const key of [
    "title",
    "likelihood",
    "impact",
    "category",
    "owner",
    "mitigation",
    "probability",
    "costImpact",
    "includeInCosts",
    "scenario",
    "month",
  ])
    patch[key] = input[key] ?? null;
  return patch;
}

// A stored risk as an add body (undo of a delete).
// The risk register: a table with add, edit in place, duplicate, move up/down and delete (with
// undo). Viewers get the same table without any control.
export function RiskRegister(props: Props) {
  const t = useTranslations("risks");
  const base = { slug: props.slug, caseId: props.caseId };
  const rows = useOrderedRows<RiskDTO, RiskDraft>({
    caseId: props.caseId,
    version: props.version,
    items: props.risks,
    name: (r) => r.title,
    draftName: (d) => d.title,
    toInput: (d) => toInput(d, props.locale),
    toPatch: (d) => toPatch(d, props.locale),
    fromItem: toFileRisk,
    addLabel: t("register.add"),
    writes: {
      add: (version, risk) => addRiskAction({ ...base, version, risk }),
      update: (version, riskId, patch) => updateRiskAction({ ...base, riskId, version, patch }),
      duplicate: (version, riskId) => duplicateRiskAction({ ...base, riskId, version }),
      reorder: (version, ids) => reorderRisksAction({ ...base, version, ids }),
      remove: (version, riskId) => deleteRiskAction({ ...base, riskId, version }),
    },
  });

  const money = (v: string) => formatMoney(v, props.currency, props.locale);
  const scenarioName = (key: string) => props.scenarios.find((s) => s.key === key)?.name ?? key;
  const cols = props.canEdit ? 8 : 7;
  const formContext = {
    currency: props.currency,
    locale: props.locale,
    horizon: props.horizon,
    scenarios: props.scenarios,
  };

  return (
    <RowsSection
      rows={rows}
      caseId={props.caseId}
      canEdit={props.canEdit}
      messages="register"
      ids={{ heading: "risks-heading", count: "risk-count", empty: "risks-empty" }}
      columns={
        <>
          <th scope="col" className="py-2 pr-3 font-medium">
            {t("fields.title")}
          </th>
          <th scope="col" className="py-2 pr-3 font-medium">
            {t("fields.likelihood")}
          </th>
          <th scope="col" className="py-2 pr-3 font-medium">
            {t("fields.impact")}
          </th>
          <th scope="col" className="py-2 pr-3 font-medium">
            {t("fields.score")}
          </th>
          <th scope="col" className="py-2 pr-3 font-medium">
            {t("fields.owner")}
          </th>
          <th scope="col" className="py-2 pr-3 text-right font-medium">
            {t("fields.expectedCost", { currency: props.currency })}
          </th>
        </>
      }
      addForm={<RiskForm key={rows.addKey} {...formContext} {...rows.addForm} />}
    >
      {rows.items.map((r, index) => {
        const score = r.likelihood * r.impact;
        const b = band(score);
        if (rows.isEditing(r) && props.canEdit) {
          return (
            <EditRow key={r.id} id={`risk-${r.id}`} cols={cols}>
              <RiskForm {...formContext} {...rows.editForm(r)} />
            </EditRow>
          );
        }
        return (
          <tr key={r.id} id={`risk-${r.id}`} className="border-b border-gray-100 align-top" data-testid="risk-row">
            <td className="py-2 pr-2 tabular-nums text-gray-600">{index + 1}</td>
            <td className="min-w-48 max-w-md py-2 pr-3">
              <div className="break-words font-medium text-gray-900">
                {r.title}
                {props.comments ? (
                  <CommentCount
                    href={`${props.comments.base}?target=risk:${encodeURIComponent(r.stableId)}`}
                    count={props.comments.counts[`risk:${r.stableId}`] ?? 0}
                    name={r.title}
                  />
                ) : null}
              </div>
              {r.category ? (
                <div className="mt-0.5 inline-block rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-700">
                  {r.category}
                </div>
              ) : null}
              {r.mitigation ? (
                <p className="mt-1 whitespace-pre-line break-words text-xs text-gray-700">
                  <span className="font-medium">{t("mitigationLabel")}</span> {r.mitigation}
                </p>
              ) : null}
            </td>
            <td className="py-2 pr-3 text-gray-800">
              <span className="tabular-nums">{r.likelihood}</span>{" "}
              <span className="text-xs text-gray-600">{t(`likelihoodScale.${r.likelihood}`)}</span>
            </td>
            <td className="py-2 pr-3 text-gray-800">
              <span className="tabular-nums">{r.impact}</span>{" "}
              <span className="text-xs text-gray-600">{t(`impactScale.${r.impact}`)}</span>
            </td>
            <td className="py-2 pr-3">
              <span
                className={`inline-flex items-center gap-1 whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${BAND_STYLES[b].chip}`}
              >
                <span className="tabular-nums">{score}</span> · {t(`bands.${b}`)}
              </span>
            </td>
            <td className="max-w-40 break-words py-2 pr-3 text-gray-800">
              {r.owner || <span className="text-gray-500">{t("none")}</span>}
            </td>
            <td className="py-2 pr-3 text-right">
              {r.probability !== null && r.costImpact !== null ? (
                <>
                  <div className="whitespace-nowrap tabular-nums text-gray-900">
                    {money(new Decimal(r.probability).times(r.costImpact).toString())}
                  </div>
                  <div className="whitespace-nowrap text-xs text-gray-600">
                    {t("expected", {
                      probability: formatPercent(r.probability, props.locale, 0),
                      amount: money(r.costImpact),
                    })}
                  </div>
                  <div className="text-xs text-gray-600">
                    {r.includeInCosts ? t("inCosts") : t("notInCosts")}
                    {r.includeInCosts && r.scenario !== null ? ` · ${scenarioName(r.scenario)}` : ""}
                  </div>
                </>
              ) : (
                <span className="text-gray-500">{t("none")}</span>
              )}
            </td>
            <ActionsCell rows={rows} item={r} index={index} canEdit={props.canEdit} />
          </tr>
        );
      })}
    </RowsSection>
  );
}
