"use client";
import Decimal from "decimal.js";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { normaliseDecimal } from "@/components/risks/decimal-input";
import { RowActions, refocusMove } from "@/components/risks/row-actions";
import type { KpiItem } from "@/components/risks/types";
import { useCaseWrite, type WriteFailure } from "@/components/risks/use-case-write";
import { WriteFailureNotice } from "@/components/risks/write-failure";
import { addKpiAction, deleteKpiAction, duplicateKpiAction, reorderKpisAction, updateKpiAction } from "@/lib/actions/kpis";
import { formatNumber } from "@/lib/i18n/format";
import { KpiForm, type KpiDraft } from "./kpi-form";

type Props = { slug: string; caseId: string; version: number; canEdit: boolean; locale: string; kpis: KpiItem[] };

function toInput(d: KpiDraft) {
  return {
    name: d.name,
    direction: d.direction,
    ...(d.unit.trim() ? { unit: d.unit.trim() } : {}),
    ...(d.baseline.trim() ? { baseline: normaliseDecimal(d.baseline) } : {}),
    ...(d.target.trim() ? { target: normaliseDecimal(d.target) } : {}),
  };
}

function toPatch(d: KpiDraft) {
  const input = toInput(d) as Record<string, unknown>;
  return Object.fromEntries(["name", "unit", "direction", "baseline", "target"].map((k) => [k, input[k] ?? null]));
}

function fromItem(k: KpiItem) {
  return { name: k.name, direction: k.direction, ...(k.unit ? { unit: k.unit } : {}), ...(k.baseline !== null ? { baseline: k.baseline } : {}), ...(k.target !== null ? { target: k.target } : {}) };
}

const decimals = (v: string) => Math.min(6, Math.max(0, new Decimal(v).decimalPlaces()));

// The case's KPIs: name, unit, which direction is better, baseline and target, with the change
// the target asks for. Add, edit in place, duplicate, move up/down, delete (with undo).
export function KpiTable(props: Props) {
  const t = useTranslations("risks");
  const { run, pending } = useCaseWrite(props.version);
  const base = { slug: props.slug, caseId: props.caseId };
  const [editing, setEditing] = useState<string | null>(null);
  const [addFailure, setAddFailure] = useState<WriteFailure>();
  const [editFailure, setEditFailure] = useState<WriteFailure>();
  const [rowFailure, setRowFailure] = useState<WriteFailure>();
  const [status, setStatus] = useState("");
  const [undo, setUndo] = useState<{ kpi: KpiItem; index: number } | null>(null);
  const [addKey, setAddKey] = useState(0);
  const [localOrder, setLocalOrder] = useState<{ ids: string[]; from: KpiItem[] } | null>(null);
  const kpis = localOrder && localOrder.from === props.kpis ? localOrder.ids.map((id) => props.kpis.find((k) => k.id === id)!).filter(Boolean) : props.kpis;
  const focusMove = useRef<{ id: string; dir: -1 | 1 } | null>(null);
  const settled = !localOrder || localOrder.from !== props.kpis;
  useEffect(() => {
    const f = focusMove.current;
    if (!f) return;
    refocusMove(f.id, f.dir);
    if (settled) focusMove.current = null;
  }, [localOrder, settled, props.kpis]);

  const num = (v: string | null) => (v === null ? t("none") : formatNumber(v, props.locale, decimals(v)));
  const change = (k: KpiItem) => {
    if (k.baseline === null || k.target === null) return t("none");
    const diff = new Decimal(k.target).minus(k.baseline);
    const text = formatNumber(diff.toString(), props.locale, Math.max(decimals(k.baseline), decimals(k.target)));
    return diff.gt(0) ? `+${text}` : text;
  };
  const cols = props.canEdit ? 8 : 7;

  const rowDone = (message: string) => (o: { ok: boolean; failure?: WriteFailure }) => {
    if (o.ok) {
      setRowFailure(undefined);
      setStatus(message);
    } else {
      setRowFailure(o.failure);
      setStatus("");
    }
  };

  const move = (index: number, dir: -1 | 1) => {
    const ids = kpis.map((k) => k.id);
    const target = index + dir;
    if (target < 0 || target >= ids.length) return;
    [ids[index], ids[target]] = [ids[target]!, ids[index]!];
    const kpi = kpis[index]!;
    setLocalOrder({ ids, from: props.kpis });
    focusMove.current = { id: kpi.id, dir };
    run((version) => reorderKpisAction({ ...base, version, ids }), rowDone(t("actions.moved", { name: kpi.name, position: target + 1 })));
  };

  const remove = (kpi: KpiItem, index: number) => {
    run(
      (version) => deleteKpiAction({ ...base, kpiId: kpi.id, version }),
      (o) => {
        rowDone(t("actions.deleted", { name: kpi.name }))(o);
        if (o.ok) setUndo({ kpi, index });
      },
    );
  };

  const restore = () => {
    if (!undo) return;
    const { kpi, index } = undo;
    run(
      async (version) => {
        const added = await addKpiAction({ ...base, version, kpi: fromItem(kpi) });
        if (!added.ok) return added;
        const ids = props.kpis.map((k) => k.id).filter((id) => id !== added.data.id && id !== kpi.id);
        ids.splice(Math.min(index, ids.length), 0, added.data.id);
        if (ids.length < 2 || ids[ids.length - 1] === added.data.id) return added;
        return reorderKpisAction({ ...base, version: added.data.version, ids });
      },
      (o) => {
        rowDone(t("actions.added", { name: kpi.name }))(o);
        setUndo(null);
      },
    );
  };

  return (
    <section className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm" aria-labelledby="kpis-heading">
      <div className="mb-1 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="kpis-heading" className="text-sm font-semibold">
          {t("kpis.heading")}
        </h2>
        <span className="text-xs text-gray-600" data-testid="kpi-count">
          {t("kpis.count", { count: kpis.length })}
        </span>
      </div>
      <p className="mb-3 max-w-3xl text-xs text-gray-600">{t("kpis.intro")}</p>
      <p role="status" className="sr-only">
        {status}
      </p>
      {undo && props.canEdit ? (
        <div className="mb-3 flex flex-wrap items-center gap-3 rounded-md bg-gray-100 px-3 py-2 text-sm text-gray-800">
          <span className="break-words">{t("actions.deleted", { name: undo.kpi.name })}</span>
          <button type="button" onClick={restore} disabled={pending} className="font-medium text-blue-800 underline">
            {t("actions.undo")}
          </button>
        </div>
      ) : null}
      {rowFailure ? (
        <div className="mb-3">
          <WriteFailureNotice caseId={props.caseId} failure={rowFailure} onDismiss={() => setRowFailure(undefined)} />
        </div>
      ) : null}

      {kpis.length === 0 ? (
        <div className="rounded-md border border-dashed border-gray-300 px-4 py-6 text-center" data-testid="kpis-empty">
          <p className="text-sm font-medium text-gray-900">{t("kpis.empty")}</p>
          <p className="mx-auto mt-1 max-w-xl text-sm text-gray-600">{props.canEdit ? t("kpis.emptyHint") : t("kpis.emptyReadOnly")}</p>
        </div>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b border-gray-200 text-left text-xs text-gray-600">
                <th scope="col" className="w-8 py-2 pr-2 font-medium">{t("fields.number")}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{t("kpis.fields.name")}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{t("kpis.fields.unit")}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{t("kpis.fields.direction")}</th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">{t("kpis.fields.baseline")}</th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">{t("kpis.fields.target")}</th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">{t("kpis.fields.change")}</th>
                {props.canEdit ? (
                  <th scope="col" className="py-2 text-right font-medium">
                    <span className="sr-only">{t("fields.actions")}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {kpis.map((k, index) =>
                editing === k.id && props.canEdit ? (
                  <tr key={k.id} className="border-b border-gray-100 bg-blue-50/40">
                    <td colSpan={cols} className="px-2 py-3">
                      <KpiForm
                        initial={k}
                        caseId={props.caseId}
                        failure={editFailure}
                        pending={pending}
                        submitLabel={t("actions.save")}
                        onDismissFailure={() => setEditFailure(undefined)}
                        onCancel={() => {
                          setEditing(null);
                          setEditFailure(undefined);
                        }}
                        onSubmit={(draft) =>
                          run(
                            (version) => updateKpiAction({ ...base, kpiId: k.id, version, patch: toPatch(draft) }),
                            (o) => {
                              if (o.ok) {
                                setEditing(null);
                                setEditFailure(undefined);
                                setStatus(t("actions.saved"));
                              } else setEditFailure(o.failure);
                            },
                          )
                        }
                      />
                    </td>
                  </tr>
                ) : (
                  <tr key={k.id} className="border-b border-gray-100 align-top" data-testid="kpi-row">
                    <td className="py-2 pr-2 tabular-nums text-gray-600">{index + 1}</td>
                    <td className="min-w-40 max-w-md break-words py-2 pr-3 font-medium text-gray-900">{k.name}</td>
                    <td className="max-w-32 break-words py-2 pr-3 text-gray-800">{k.unit || <span className="text-gray-500">{t("none")}</span>}</td>
                    <td className="whitespace-nowrap py-2 pr-3 text-gray-800">{t(`kpis.directionShort.${k.direction}`)}</td>
                    <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">{num(k.baseline)}</td>
                    <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums font-medium">{num(k.target)}</td>
                    <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums text-gray-700">{change(k)}</td>
                    {props.canEdit ? (
                      <td className="py-1.5">
                        <RowActions
                          id={k.id}
                          name={k.name}
                          index={index}
                          count={kpis.length}
                          disabled={false}
                          onMove={(dir) => move(index, dir)}
                          onEdit={() => {
                            setEditing(k.id);
                            setEditFailure(undefined);
                          }}
                          onDuplicate={() => {
                            run((version) => duplicateKpiAction({ ...base, kpiId: k.id, version }), rowDone(t("actions.duplicated", { name: k.name })));
                          }}
                          onDelete={() => remove(k, index)}
                        />
                      </td>
                    ) : null}
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}

      {props.canEdit ? (
        <div className="mt-5 border-t border-gray-100 pt-4">
          <h3 className="mb-3 text-sm font-semibold">{t("kpis.addHeading")}</h3>
          <KpiForm
            key={addKey}
            caseId={props.caseId}
            failure={addFailure}
            pending={pending}
            submitLabel={t("kpis.add")}
            onDismissFailure={() => setAddFailure(undefined)}
            onSubmit={(draft) =>
              run(
                (version) => addKpiAction({ ...base, version, kpi: toInput(draft) }),
                (o) => {
                  if (o.ok) {
                    setAddFailure(undefined);
                    setAddKey((n) => n + 1);
                    setStatus(t("actions.added", { name: draft.name }));
                  } else setAddFailure(o.failure);
                },
              )
            }
          />
        </div>
      ) : (
        <p className="mt-3 text-xs text-gray-600">{t("register.readOnly")}</p>
      )}
    </section>
  );
}
