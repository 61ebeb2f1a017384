"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { addRiskAction, deleteRiskAction, duplicateRiskAction, reorderRisksAction, updateRiskAction } from "@/lib/actions/risks";
import type { RiskItem } from "./types";
import { formatMoney, formatPercent } from "@/lib/i18n/format";
import { BAND_STYLES, band } from "./bands";
import { normaliseDecimal, percentToShare, timesToString } from "./decimal-input";
import { RiskForm, type RiskDraft } from "./risk-form";
import { RowActions, refocusMove } from "./row-actions";
import { useCaseWrite, type WriteFailure } from "./use-case-write";
import { WriteFailureNotice } from "./write-failure";

type Props = {
  slug: string;
  caseId: string;
  version: number;
  canEdit: boolean;
  locale: string;
  currency: string;
  horizon: number;
  scenarios: { key: string; name: string }[];
  risks: RiskItem[];
};

// A draft as the add body: empty optional fields are left out.
function toInput(d: RiskDraft) {
  return {
    title: d.title,
    likelihood: d.likelihood,
    impact: d.impact,
    ...(d.category.trim() ? { category: d.category.trim() } : {}),
    ...(d.owner.trim() ? { owner: d.owner.trim() } : {}),
    ...(d.mitigation.trim() ? { mitigation: d.mitigation } : {}),
    ...(d.probability.trim() ? { probability: percentToShare(d.probability) } : {}),
    ...(d.costImpact.trim() ? { costImpact: normaliseDecimal(d.costImpact) } : {}),
    ...(d.includeInCosts ? { includeInCosts: true } : {}),
    ...(d.scenario ? { scenario: d.scenario } : {}),
    ...(d.month.trim() ? { month: Number(d.month) } : {}),
  };
}

// A draft as a merge patch: every field named, emptied ones removed (null).
function toPatch(d: RiskDraft) {
  const input = toInput(d) as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const key of ["title", "likelihood", "impact", "category", "owner", "mitigation", "probability", "costImpact", "includeInCosts", "scenario", "month"]) patch[key] = input[key] ?? null;
  return patch;
}

// A stored risk as an add body (undo of a delete).
function fromDTO(r: RiskItem) {
  return {
    title: r.title,
    likelihood: r.likelihood,
    impact: r.impact,
    ...(r.category ? { category: r.category } : {}),
    ...(r.owner ? { owner: r.owner } : {}),
    ...(r.mitigation ? { mitigation: r.mitigation } : {}),
    ...(r.probability !== null ? { probability: r.probability } : {}),
    ...(r.costImpact !== null ? { costImpact: r.costImpact } : {}),
    ...(r.includeInCosts ? { includeInCosts: true } : {}),
    ...(r.scenario !== null ? { scenario: r.scenario } : {}),
    ...(r.month !== null ? { month: r.month } : {}),
  };
}

// The risk register: a table with add, edit in place, duplicate, move up/down and delete (with
// undo). Viewers get the same table without any control.
export function RiskRegister(props: Props) {
  const t = useTranslations("risks");
  const { run, pending } = useCaseWrite(props.version);
  const base = { slug: props.slug, caseId: props.caseId };
  const [editing, setEditing] = useState<string | null>(null);
  const [addFailure, setAddFailure] = useState<WriteFailure>();
  const [editFailure, setEditFailure] = useState<WriteFailure>();
  const [rowFailure, setRowFailure] = useState<WriteFailure>();
  const [status, setStatus] = useState("");
  const [undo, setUndo] = useState<{ risk: RiskItem; index: number } | null>(null);
  const [addKey, setAddKey] = useState(0);
  // Moves show at once; the server's order replaces this when the page data arrives.
  const [localOrder, setLocalOrder] = useState<{ ids: string[]; from: RiskItem[] } | null>(null);
  const risks = localOrder && localOrder.from === props.risks ? localOrder.ids.map((id) => props.risks.find((r) => r.id === id)!).filter(Boolean) : props.risks;
  const focusMove = useRef<{ id: string; dir: -1 | 1 } | null>(null);
  const settled = !localOrder || localOrder.from !== props.risks;
  useEffect(() => {
    const f = focusMove.current;
    if (!f) return;
    refocusMove(f.id, f.dir);
    if (settled) focusMove.current = null;
  }, [localOrder, settled, props.risks]);

  const money = (v: string) => formatMoney(v, props.currency, props.locale);
  const scenarioName = (key: string) => props.scenarios.find((s) => s.key === key)?.name ?? key;
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
    const ids = risks.map((r) => r.id);
    const target = index + dir;
    if (target < 0 || target >= ids.length) return;
    [ids[index], ids[target]] = [ids[target]!, ids[index]!];
    const risk = risks[index]!;
    setLocalOrder({ ids, from: props.risks });
    focusMove.current = { id: risk.id, dir };
    run((version) => reorderRisksAction({ ...base, version, ids }), rowDone(t("actions.moved", { name: risk.title, position: target + 1 })));
  };

  const remove = (risk: RiskItem, index: number) => {
    run(
      (version) => deleteRiskAction({ ...base, riskId: risk.id, version }),
      (o) => {
        rowDone(t("actions.deleted", { name: risk.title }))(o);
        if (o.ok) setUndo({ risk, index });
      },
    );
  };

  const restore = () => {
    if (!undo) return;
    const { risk, index } = undo;
    run(
      async (version) => {
        const added = await addRiskAction({ ...base, version, risk: fromDTO(risk) });
        if (!added.ok) return added;
        const ids = props.risks.map((r) => r.id).filter((id) => id !== added.data.id && id !== risk.id);
        ids.splice(Math.min(index, ids.length), 0, added.data.id);
        if (ids.length < 2 || ids[ids.length - 1] === added.data.id) return added;
        return reorderRisksAction({ ...base, version: added.data.version, ids });
      },
      (o) => {
        rowDone(t("actions.added", { name: risk.title }))(o);
        setUndo(null);
      },
    );
  };

  return (
    <section className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm" aria-labelledby="risks-heading">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="risks-heading" className="text-sm font-semibold">
          {t("register.heading")}
        </h2>
        <span className="text-xs text-gray-600" data-testid="risk-count">
          {t("register.count", { count: risks.length })}
        </span>
      </div>
      <p role="status" className="sr-only">
        {status}
      </p>
      {undo && props.canEdit ? (
        <div className="mb-3 flex flex-wrap items-center gap-3 rounded-md bg-gray-100 px-3 py-2 text-sm text-gray-800">
          <span className="break-words">{t("actions.deleted", { name: undo.risk.title })}</span>
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

      {risks.length === 0 ? (
        <div className="rounded-md border border-dashed border-gray-300 px-4 py-6 text-center" data-testid="risks-empty">
          <p className="text-sm font-medium text-gray-900">{t("register.empty")}</p>
          <p className="mx-auto mt-1 max-w-xl text-sm text-gray-600">{props.canEdit ? t("register.emptyHint") : t("register.emptyReadOnly")}</p>
        </div>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b border-gray-200 text-left text-xs text-gray-600">
                <th scope="col" className="w-8 py-2 pr-2 font-medium">{t("fields.number")}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{t("fields.title")}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{t("fields.likelihood")}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{t("fields.impact")}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{t("fields.score")}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{t("fields.owner")}</th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">{t("fields.expectedCost", { currency: props.currency })}</th>
                {props.canEdit ? (
                  <th scope="col" className="py-2 text-right font-medium">
                    <span className="sr-only">{t("fields.actions")}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {risks.map((r, index) => {
                const score = r.likelihood * r.impact;
                const b = band(score);
                if (editing === r.id && props.canEdit) {
                  return (
                    <tr key={r.id} id={`risk-${r.id}`} className="border-b border-gray-100 bg-blue-50/40">
                      <td colSpan={cols} className="px-2 py-3">
                        <RiskForm
                          initial={r}
                          caseId={props.caseId}
                          currency={props.currency}
                          horizon={props.horizon}
                          scenarios={props.scenarios}
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
                              (version) => updateRiskAction({ ...base, riskId: r.id, version, patch: toPatch(draft) }),
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
                  );
                }
                return (
                  <tr key={r.id} id={`risk-${r.id}`} className="border-b border-gray-100 align-top" data-testid="risk-row">
                    <td className="py-2 pr-2 tabular-nums text-gray-600">{index + 1}</td>
                    <td className="min-w-48 max-w-md py-2 pr-3">
                      <div className="break-words font-medium text-gray-900">{r.title}</div>
                      {r.category ? <div className="mt-0.5 inline-block rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-700">{r.category}</div> : null}
                      {r.mitigation ? (
                        <p className="mt-1 whitespace-pre-line break-words text-xs text-gray-700">
                          <span className="font-medium">{t("mitigationLabel")}</span> {r.mitigation}
                        </p>
                      ) : null}
                    </td>
                    <td className="py-2 pr-3 text-gray-800">
                      <span className="tabular-nums">{r.likelihood}</span> <span className="text-xs text-gray-600">{t(`likelihoodScale.${r.likelihood}`)}</span>
                    </td>
                    <td className="py-2 pr-3 text-gray-800">
                      <span className="tabular-nums">{r.impact}</span> <span className="text-xs text-gray-600">{t(`impactScale.${r.impact}`)}</span>
                    </td>
                    <td className="py-2 pr-3">
                      <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${BAND_STYLES[b].chip}`}>
                        <span className="tabular-nums">{score}</span> · {t(`bands.${b}`)}
                      </span>
                    </td>
                    <td className="max-w-40 break-words py-2 pr-3 text-gray-800">{r.owner || <span className="text-gray-500">{t("none")}</span>}</td>
                    <td className="py-2 pr-3 text-right">
                      {r.probability !== null && r.costImpact !== null ? (
                        <>
                          <div className="whitespace-nowrap tabular-nums text-gray-900">{money(timesToString(r.probability, r.costImpact))}</div>
                          <div className="whitespace-nowrap text-xs text-gray-600">{t("expected", { probability: formatPercent(r.probability, props.locale, 0), amount: money(r.costImpact) })}</div>
                          <div className="text-xs text-gray-600">
                            {r.includeInCosts ? t("inCosts") : t("notInCosts")}
                            {r.includeInCosts && r.scenario !== null ? ` · ${scenarioName(r.scenario)}` : ""}
                          </div>
                        </>
                      ) : (
                        <span className="text-gray-500">{t("none")}</span>
                      )}
                    </td>
                    {props.canEdit ? (
                      <td className="py-1.5">
                        <RowActions
                          id={r.id}
                          name={r.title}
                          index={index}
                          count={risks.length}
                          disabled={false}
                          onMove={(dir) => move(index, dir)}
                          onEdit={() => {
                            setEditing(r.id);
                            setEditFailure(undefined);
                          }}
                          onDuplicate={() => {
                            run((version) => duplicateRiskAction({ ...base, riskId: r.id, version }), rowDone(t("actions.duplicated", { name: r.title })));
                          }}
                          onDelete={() => remove(r, index)}
                        />
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {props.canEdit ? (
        <div className="mt-5 border-t border-gray-100 pt-4">
          <h3 className="mb-3 text-sm font-semibold">{t("register.addHeading")}</h3>
          <RiskForm
            key={addKey}
            caseId={props.caseId}
            currency={props.currency}
            horizon={props.horizon}
            scenarios={props.scenarios}
            failure={addFailure}
            pending={pending}
            submitLabel={t("register.add")}
            onDismissFailure={() => setAddFailure(undefined)}
            onSubmit={(draft) =>
              run(
                (version) => addRiskAction({ ...base, version, risk: toInput(draft) }),
                (o) => {
                  if (o.ok) {
                    setAddFailure(undefined);
                    setAddKey((k) => k + 1); // a fresh, empty form
                    setStatus(t("actions.added", { name: draft.title }));
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
