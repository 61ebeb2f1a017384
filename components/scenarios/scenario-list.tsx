"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { WriteNotices, useWriteNotices } from "@/components/cases/write-notices";
import { useCaseWrite, type WriteFailure } from "@/components/editing/use-case-write";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import {
  cloneScenarioAction,
  createScenarioAction,
  deleteScenarioAction,
  renameScenarioAction,
  setBaselineScenarioAction,
} from "@/lib/actions/scenarios";
import type { Result } from "@/lib/errors";

export interface ScenarioRow {
  id: string;
  key: string;
  name: string;
  baseline: boolean;
  lines: number;
  linesLabel: string; // formatted on the server, like the figures
  npv: string;
  tco: string;
  againstBaseline: string;
}

// The scenarios of a case. Every write names the case version the page was rendered with (or the
// newer one an earlier write returned); a refused write shows what changed since and keeps what
// the user typed, and router.refresh() brings the recomputed figures into the page and layout.
export function ScenarioList(props: {
  slug: string;
  caseId: string;
  version: number;
  currency: string;
  canEdit: boolean;
  rows: ScenarioRow[];
}) {
  const t = useTranslations("scenarios");
  const cycle = useCaseWrite(props.version);
  const pending = cycle.pending;
  const notices = useWriteNotices();
  const { setMessage } = notices;
  const [editingId, setEditingId] = useState<string | null>(null);
  const [draft, setDraft] = useState("");
  const [draftError, setDraftError] = useState<string>();
  const [confirmId, setConfirmId] = useState<string | null>(null);
  const [newName, setNewName] = useState("");
  const [newNameError, setNewNameError] = useState<string>();
  const base = { slug: props.slug, caseId: props.caseId };
  const single = props.rows.length <= 1;

  // Runs one write; on success reports `done`, on failure shows the conflict notice or the error
  // (a "name" field error goes next to the field via onNameError). The inputs are never reset here.
  function run<T extends { version: number }>(
    call: (v: number) => Promise<Result<T>>,
    done: () => string,
    onNameError?: (text: string) => void,
  ) {
    cycle.run(call, (o) => (o.ok ? notices.done(done()) : fail(o.failure, onNameError)));
  }

  function fail(f: WriteFailure, onNameError?: (text: string) => void) {
    if (f.kind === "conflict") {
      notices.conflicted(f.since);
      return;
    }
    const nameError = f.kind === "validation" ? f.fieldErrors.find((e) => e.path === "name") : undefined;
    if (nameError && onNameError) {
      onNameError(t("list.nameError"));
      setMessage(undefined);
      return;
    }
    setMessage({
      kind: "error",
      text:
        f.kind === "validation"
          ? f.fieldErrors.map((e) => e.message).join("; ")
          : f.code === "internal"
            ? t("error")
            : f.message,
    });
  }

  return (
    <div className="space-y-5">
      <section className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm" aria-labelledby="scenarios-heading">
        <h2 id="scenarios-heading" className="text-sm font-semibold">
          {t("list.heading")}
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-gray-700">{t("list.intro")}</p>
        <p className="mt-1 text-xs text-gray-600">{t("list.figuresNote", { currency: props.currency })}</p>

        <WriteNotices caseId={props.caseId} notices={notices} className="mt-3" />

        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b border-gray-200 text-left text-gray-600">
                <th scope="col" className="py-2 pr-3 font-medium">
                  {t("list.name")}
                </th>
                <th scope="col" className="num py-2 pr-3 font-medium">
                  {t("list.lines")}
                </th>
                <th scope="col" className="num py-2 pr-3 font-medium">
                  {t("list.npv")} <span className="font-normal">({props.currency})</span>
                </th>
                <th scope="col" className="num py-2 pr-3 font-medium">
                  {t("list.tco")} <span className="font-normal">({props.currency})</span>
                </th>
                <th scope="col" className="num py-2 pr-3 font-medium">
                  {t("list.againstBaseline")} <span className="font-normal">({props.currency})</span>
                </th>
                {props.canEdit ? (
                  <th scope="col" className="py-2 text-right font-medium">
                    <span className="sr-only">{t("list.actions")}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr key={row.id} className="border-b border-gray-100 align-top" data-testid="scenario-row">
                  <td className="min-w-48 max-w-sm py-2.5 pr-3">
                    {editingId === row.id ? (
                      <form
                        className="flex flex-wrap items-start gap-2"
                        onSubmit={(e) => {
                          e.preventDefault();
                          const name = draft;
                          setDraftError(undefined);
                          run(
                            (v) => renameScenarioAction({ ...base, scenarioId: row.id, version: v, name }),
                            () => {
                              setEditingId(null);
                              return t("list.renamed", { name: name.trim() });
                            },
                            setDraftError,
                          );
                        }}
                      >
                        <label htmlFor={`rename-${row.id}`} className="sr-only">
                          {t("list.newName", { name: row.name })}
                        </label>
                        <div className="min-w-40 flex-1">
                          <Input
                            id={`rename-${row.id}`}
                            value={draft}
                            autoFocus
                            required
                            maxLength={10000}
                            invalid={Boolean(draftError)}
                            aria-describedby={draftError ? `rename-${row.id}-error` : undefined}
                            onChange={(e) => setDraft(e.target.value)}
                            onKeyDown={(e) => {
                              if (e.key === "Escape") {
                                setEditingId(null);
                                setDraftError(undefined);
                              }
                            }}
                            className="py-1"
                          />
                          {draftError ? (
                            <p id={`rename-${row.id}-error`} className="mt-1 text-xs text-red-700">
                              {draftError}
                            </p>
                          ) : null}
                        </div>
                        <Button type="submit" disabled={pending} className="py-1">
                          {t("save")}
                        </Button>
                        <Button
                          type="button"
                          variant="secondary"
                          className="py-1"
                          onClick={() => {
                            setEditingId(null);
                            setDraftError(undefined);
                          }}
                        >
                          {t("cancel")}
                        </Button>
                      </form>
                    ) : (
                      <div className="flex flex-wrap items-center gap-2">
                        <span className="break-words font-medium text-gray-900" data-testid="scenario-name">
                          {row.name}
                        </span>
                        {row.baseline ? (
                          <span
                            className="rounded-full bg-gray-100 px-2 py-0.5 text-xs font-medium text-gray-700"
                            data-testid="baseline-badge"
                          >
                            {t("list.baseline")}
                          </span>
                        ) : null}
                      </div>
                    )}
                    {confirmId === row.id ? (
                      <div
                        role="alertdialog"
                        aria-labelledby={`confirm-${row.id}`}
                        className="mt-2 rounded-md border border-red-200 bg-red-50 p-3"
                      >
                        <p id={`confirm-${row.id}`} className="text-sm text-red-900">
                          {t("list.confirmDelete", { name: row.name, count: row.lines })}
                        </p>
                        <div className="mt-2 flex flex-wrap gap-2">
                          <Button
                            variant="danger"
                            disabled={pending}
                            autoFocus
                            onClick={() =>
                              run(
                                (v) => deleteScenarioAction({ ...base, scenarioId: row.id, version: v }),
                                () => {
                                  setConfirmId(null);
                                  return t("list.deleted", { name: row.name });
                                },
                              )
                            }
                          >
                            {t("list.confirmDeleteButton")}
                          </Button>
                          <Button variant="secondary" onClick={() => setConfirmId(null)}>
                            {t("cancel")}
                          </Button>
                        </div>
                      </div>
                    ) : null}
                  </td>
                  <td className="num whitespace-nowrap py-2.5 pr-3">{row.linesLabel}</td>
                  <td className="num whitespace-nowrap py-2.5 pr-3" data-testid="scenario-npv">
                    {row.npv}
                  </td>
                  <td className="num whitespace-nowrap py-2.5 pr-3">{row.tco}</td>
                  <td className="num whitespace-nowrap py-2.5 pr-3">{row.againstBaseline}</td>
                  {props.canEdit ? (
                    <td className="py-2 text-right">
                      <div className="flex flex-wrap justify-end gap-1">
                        <Button
                          variant="ghost"
                          className="px-2 py-1"
                          aria-label={t("list.renameAria", { name: row.name })}
                          disabled={pending}
                          onClick={() => {
                            setEditingId(row.id);
                            setDraft(row.name);
                            setDraftError(undefined);
                          }}
                        >
                          {t("list.rename")}
                        </Button>
                        <Button
                          variant="ghost"
                          className="px-2 py-1"
                          aria-label={t("list.cloneAria", { name: row.name })}
                          disabled={pending}
                          onClick={() => {
                            const name = t("list.copyName", { name: row.name });
                            run(
                              (v) => cloneScenarioAction({ ...base, scenarioId: row.id, version: v, name }),
                              () => t("list.cloned", { name }),
                            );
                          }}
                        >
                          {t("list.clone")}
                        </Button>
                        {row.baseline ? null : (
                          <Button
                            variant="ghost"
                            className="px-2 py-1"
                            aria-label={t("list.setBaselineAria", { name: row.name })}
                            disabled={pending}
                            onClick={() =>
                              run(
                                (v) => setBaselineScenarioAction({ ...base, scenarioId: row.id, version: v }),
                                () => t("list.baselineSet", { name: row.name }),
                              )
                            }
                          >
                            {t("list.setBaseline")}
                          </Button>
                        )}
                        {single ? null : (
                          <Button
                            variant="ghost"
                            className="px-2 py-1 text-red-700 hover:bg-red-50"
                            aria-label={t("list.deleteAria", { name: row.name })}
                            aria-expanded={confirmId === row.id}
                            disabled={pending}
                            onClick={() => setConfirmId(row.id)}
                          >
                            {t("list.delete")}
                          </Button>
                        )}
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {props.canEdit && single ? <p className="mt-3 text-xs text-gray-600">{t("list.lastOne")}</p> : null}
        {props.canEdit ? null : <p className="mt-3 text-xs text-gray-600">{t("readOnly")}</p>}
      </section>

      {props.canEdit ? (
        <section
          className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm"
          aria-labelledby="new-scenario-heading"
        >
          <h2 id="new-scenario-heading" className="text-sm font-semibold">
            {t("create.heading")}
          </h2>
          <form
            className="mt-3 flex flex-wrap items-end gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              const name = newName;
              setNewNameError(undefined);
              run(
                (v) => createScenarioAction({ ...base, version: v, name }),
                () => {
                  setNewName("");
                  return t("list.created", { name: name.trim() });
                },
                setNewNameError,
              );
            }}
          >
            <div className="min-w-64 flex-1 space-y-1.5">
              <label htmlFor="new-scenario-name" className="block text-sm font-medium text-gray-800">
                {t("create.name")}
              </label>
              <Input
                id="new-scenario-name"
                value={newName}
                required
                maxLength={10000}
                invalid={Boolean(newNameError)}
                aria-describedby={newNameError ? "new-scenario-name-error" : "new-scenario-name-hint"}
                onChange={(e) => setNewName(e.target.value)}
              />
              {newNameError ? (
                <p id="new-scenario-name-error" className="text-xs text-red-700">
                  {newNameError}
                </p>
              ) : (
                <p id="new-scenario-name-hint" className="text-xs text-gray-600">
                  {t("create.hint")}
                </p>
              )}
            </div>
            <Button type="submit" disabled={pending} className="mb-6">
              {t("create.submit")}
            </Button>
          </form>
        </section>
      ) : null}
    </div>
  );
}
