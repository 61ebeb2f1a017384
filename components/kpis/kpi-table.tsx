"use client";
import Decimal from "decimal.js";
import { useTranslations } from "next-intl";
import { ActionsCell, EditRow, RowsSection } from "@/components/editing/ordered-rows";
import type { KpiDTO } from "@/lib/case-file/kpi";
import { useOrderedRows } from "@/components/editing/use-ordered-rows";
import {
  addKpiAction,
  deleteKpiAction,
  duplicateKpiAction,
  reorderKpisAction,
  updateKpiAction,
} from "@/lib/actions/kpis";
import { toFileKpi } from "@/lib/case-file/kpi";
import { formatNumber } from "@/lib/i18n/format";
import { decimalOrTyped } from "@/lib/i18n/parse-decimal";
import { KpiForm, type KpiDraft } from "./kpi-form";
import { CommentCount } from "@/components/comments/comment-count";

type Props = {
  slug: string;
  caseId: string;
  version: number;
  canEdit: boolean;
  locale: string;
  kpis: KpiDTO[];
  comments?: { base: string; counts: Record<string, number> };
};

function toInput(d: KpiDraft, locale: string) {
  return {
    name: d.name,
    direction: d.direction,
    ...(d.unit.trim() ? { unit: d.unit.trim() } : {}),
    ...(d.baseline.trim() ? { baseline: decimalOrTyped(d.baseline, locale) } : {}),
    ...(d.target.trim() ? { target: decimalOrTyped(d.target, locale) } : {}),
  };
}

function toPatch(d: KpiDraft, locale: string) {
  const input = toInput(d, locale) as Record<string, unknown>;
  return Object.fromEntries(["name", "unit", "direction", "baseline", "target"].map((k) => [k, input[k] ?? null]));
}

const decimals = (v: string) => Math.min(6, Math.max(0, new Decimal(v).decimalPlaces()));

// The case's KPIs: name, unit, which direction is better, baseline and target, with the change
// the target asks for. Add, edit in place, duplicate, move up/down, delete (with undo).
export function KpiTable(props: Props) {
  const t = useTranslations("risks");
  const base = { slug: props.slug, caseId: props.caseId };
  const rows = useOrderedRows<KpiDTO, KpiDraft>({
    caseId: props.caseId,
    version: props.version,
    items: props.kpis,
    name: (k) => k.name,
    draftName: (d) => d.name,
    toInput: (d) => toInput(d, props.locale),
    toPatch: (d) => toPatch(d, props.locale),
    fromItem: toFileKpi,
    addLabel: t("kpis.add"),
    writes: {
      add: (version, kpi) => addKpiAction({ ...base, version, kpi }),
      update: (version, kpiId, patch) => updateKpiAction({ ...base, kpiId, version, patch }),
      duplicate: (version, kpiId) => duplicateKpiAction({ ...base, kpiId, version }),
      reorder: (version, ids) => reorderKpisAction({ ...base, version, ids }),
      remove: (version, kpiId) => deleteKpiAction({ ...base, kpiId, version }),
    },
  });

  const num = (v: string | null) => (v === null ? t("none") : formatNumber(v, props.locale, decimals(v)));
  const change = (k: KpiDTO) => {
    if (k.baseline === null || k.target === null) return t("none");
    const diff = new Decimal(k.target).minus(k.baseline);
    const text = formatNumber(diff.toString(), props.locale, Math.max(decimals(k.baseline), decimals(k.target)));
    return diff.gt(0) ? `+${text}` : text;
  };
  const cols = props.canEdit ? 8 : 7;

  return (
    <RowsSection
      rows={rows}
      caseId={props.caseId}
      canEdit={props.canEdit}
      messages="kpis"
      ids={{ heading: "kpis-heading", count: "kpi-count", empty: "kpis-empty" }}
      intro={t("kpis.intro")}
      columns={
        <>
          <th scope="col" className="py-2 pr-3 font-medium">
            {t("kpis.fields.name")}
          </th>
          <th scope="col" className="py-2 pr-3 font-medium">
            {t("kpis.fields.unit")}
          </th>
          <th scope="col" className="py-2 pr-3 font-medium">
            {t("kpis.fields.direction")}
          </th>
          <th scope="col" className="py-2 pr-3 text-right font-medium">
            {t("kpis.fields.baseline")}
          </th>
          <th scope="col" className="py-2 pr-3 text-right font-medium">
            {t("kpis.fields.target")}
          </th>
          <th scope="col" className="py-2 pr-3 text-right font-medium">
            {t("kpis.fields.change")}
          </th>
        </>
      }
      addForm={<KpiForm key={rows.addKey} {...rows.addForm} />}
    >
      {rows.items.map((k, index) =>
        rows.isEditing(k) && props.canEdit ? (
          <EditRow key={k.id} cols={cols}>
            <KpiForm {...rows.editForm(k)} />
          </EditRow>
        ) : (
          <tr key={k.id} className="border-b border-gray-100 align-top" data-testid="kpi-row">
            <td className="py-2 pr-2 tabular-nums text-gray-600">{index + 1}</td>
            <td className="min-w-40 max-w-md break-words py-2 pr-3 font-medium text-gray-900">
              {k.name}
              {props.comments ? (
                <CommentCount
                  href={`${props.comments.base}?target=kpi:${encodeURIComponent(k.stableId)}`}
                  count={props.comments.counts[`kpi:${k.stableId}`] ?? 0}
                  name={k.name}
                />
              ) : null}
            </td>
            <td className="max-w-32 break-words py-2 pr-3 text-gray-800">
              {k.unit || <span className="text-gray-500">{t("none")}</span>}
            </td>
            <td className="whitespace-nowrap py-2 pr-3 text-gray-800">{t(`kpis.directionShort.${k.direction}`)}</td>
            <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">{num(k.baseline)}</td>
            <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums font-medium">{num(k.target)}</td>
            <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums text-gray-700">{change(k)}</td>
            <ActionsCell rows={rows} item={k} index={index} canEdit={props.canEdit} />
          </tr>
        ),
      )}
    </RowsSection>
  );
}
