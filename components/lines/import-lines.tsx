"use client";
// "Import" in the lines grid: a spreadsheet (.xlsx or .csv) of lines into the chosen scenario.
// Steps, in one modal dialog: choose the file (read on the server, nothing saved) -> mapping (one
// select per column, guessed from the header; the number format guessed from its language) ->
// preview (every problem by row and column; importing is possible only when there are none) ->
// one all-or-nothing write.
import { useTranslations } from "next-intl";
import { useMemo, useRef, useState } from "react";
import { importLinesAction, readSpreadsheetAction, type ReadOutcome } from "@/lib/actions/spreadsheet";
import type { FileProblem } from "@/lib/xlsx/import";
import {
  columnLetter,
  guessLocale,
  IMPORT_FIELDS,
  toLines,
  type Cell,
  type ImportProblem,
  type Target,
} from "@/lib/xlsx/import-map";

const LOCALES = ["en", "sv", "nb", "fr", "zh"] as const;
const MAX_FILE_BYTES = 20 * 1024 * 1024; // lib/xlsx/import.ts MAX_IMPORT_BYTES (that module is server-only: exceljs)
const SAMPLE: Record<string, string> = { en: "1,234.5", sv: "1 234,5", nb: "1 234,5", fr: "1 234,5", zh: "1,234.5" };

interface Props {
  caseId: string;
  version: number;
  scenarioId: string;
  scenarioName: string;
  kind: "cost" | "benefit";
  locale: string;
  horizon: number;
  categoryLabels: Record<string, string>;
  onImported: (count: number) => void;
}

type Step =
  | { step: "choose" }
  | { step: "mapping"; table: Extract<ReadOutcome, { ok: true }>["table"]; mapping: Target[] }
  | { step: "preview"; table: Extract<ReadOutcome, { ok: true }>["table"]; mapping: Target[] };

function show(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "object") return "formula" in cell ? `=${cell.formula}` : cell.date;
  return String(cell);
}

export function ImportLines(props: Props) {
  const t = useTranslations("case.import");
  const tc = useTranslations("case");
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, setState] = useState<Step>({ step: "choose" });
  const [numberLocale, setNumberLocale] = useState(props.locale);
  const [defaultKind, setDefaultKind] = useState<"cost" | "benefit">(props.kind);
  const [fileProblem, setFileProblem] = useState<FileProblem | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const result = useMemo(
    () =>
      state.step === "preview"
        ? toLines(state.table, state.mapping, {
            locale: numberLocale,
            horizon: props.horizon,
            defaultKind,
            categoryLabels: props.categoryLabels,
          })
        : null,
    [state, numberLocale, props.horizon, defaultKind, props.categoryLabels],
  );

  const opener = useRef<HTMLButtonElement>(null);
  const open = () => {
    setState({ step: "choose" });
    setFileProblem(null);
    setFailure(null);
    setDefaultKind(props.kind);
    dialog.current?.showModal();
  };
  // Cancel, Escape (the dialog's own cancel) and a click on the backdrop all close it; nothing is
  // written before "Import", and the next open starts from the first step again.
  const close = () => dialog.current?.close();
  const onClosed = () => {
    setState({ step: "choose" });
    setFileProblem(null);
    setFailure(null);
    opener.current?.focus();
  };

  const problemText = (p: { code: string; row?: number; column?: string; value?: string; message: string }) => {
    const message = t.has(`codes.${p.code}`)
      ? t(`codes.${p.code}`, { value: p.value ?? "", message: p.message })
      : p.message;
    if (p.row && p.column) return t("problem", { row: p.row, column: p.column, message });
    if (p.row) return t("problemRow", { row: p.row, message });
    return message;
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setFileProblem(null);
    setFailure(null);
    // Refused before sending: the server would refuse it too, after the upload.
    if (file.size > MAX_FILE_BYTES)
      return setFileProblem({ code: "tooLarge", message: "the file is larger than 20 MB" });
    setBusy(true);
    const form = new FormData();
    form.set("caseId", props.caseId);
    form.set("file", file);
    const r = await readSpreadsheetAction(form).catch(() => null);
    setBusy(false);
    if (!r || !r.ok) return setFailure(r?.message ?? t("failed"));
    if (!r.data.ok) return setFileProblem(r.data.problem);
    setNumberLocale(guessLocale(r.data.table.header, props.locale));
    setState({ step: "mapping", table: r.data.table, mapping: r.data.mapping });
  };

  const rowOf = (path: string): number | undefined => {
    if (!result) return undefined;
    const m = /^(costs|benefits)\.(\d+)/.exec(path);
    if (!m) return undefined;
    return result.rows.find((r) => r.kind === (m[1] === "costs" ? "cost" : "benefit") && r.index === Number(m[2]))?.row;
  };

  const doImport = async () => {
    if (!result) return;
    setBusy(true);
    setFailure(null);
    const r = await importLinesAction({
      caseId: props.caseId,
      version: props.version,
      scenarioId: props.scenarioId,
      costs: result.costs,
      benefits: result.benefits,
    }).catch(() => null);
    setBusy(false);
    if (!r || !r.ok) {
      const details = r?.fieldErrors?.map((f) =>
        rowOf(f.path)
          ? t("problemRow", { row: rowOf(f.path)!, message: `${f.path.split(".").slice(2).join(".")}: ${f.message}` })
          : `${f.path}: ${f.message}`,
      );
      return setFailure(
        r?.code === "conflict" ? t("conflict") : [r?.message ?? t("failed"), ...(details ?? [])].join(" · "),
      );
    }
    close();
    props.onImported(r.data.added);
  };

  const total = result ? result.costs.length + result.benefits.length : 0;
  const problems: ImportProblem[] = result?.problems ?? [];

  return (
    <>
      <button
        ref={opener}
        type="button"
        onClick={open}
        className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-900 hover:bg-gray-50"
        data-testid="import-lines"
      >
        {t("button")}
      </button>
      {/* The CSS reset takes the browser's margin: auto off every element; m-auto puts it back,
          so the modal sits in the middle of the viewport. The dialog has no padding of its own:
          a click whose target is the dialog itself landed on the backdrop. */}
      <dialog
        ref={dialog}
        aria-labelledby="import-title"
        className="m-auto max-h-[90vh] w-[min(56rem,95vw)] overflow-auto rounded-lg p-0 shadow-xl backdrop:bg-black/30"
        data-testid="import-dialog"
        onClose={onClosed}
        onClick={(e) => {
          if (e.target === e.currentTarget) close();
        }}
      >
        <div className="space-y-4 p-5 text-sm">
          <div className="flex items-start justify-between gap-4">
            <h2 id="import-title" className="text-base font-semibold">
              {t("title", { scenario: props.scenarioName })}
            </h2>
            <button
              type="button"
              onClick={close}
              className="rounded-md border border-gray-300 px-3 py-1.5 font-medium hover:bg-gray-50"
              data-testid="import-cancel"
            >
              {t("cancel")}
            </button>
          </div>
          {failure ? (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
              {failure}
            </p>
          ) : null}

          {state.step === "choose" ? (
            <div className="space-y-3">
              <p className="text-gray-700">{t("intro")}</p>
              <label className="block">
                <span className="font-medium">{t("file")}</span>
                <input
                  type="file"
                  accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  className="mt-1 block w-full text-sm"
                  disabled={busy}
                  onChange={(e) => void onFile(e.target.files?.[0])}
                  data-testid="import-file"
                />
              </label>
              {busy ? <p role="status">{t("reading")}</p> : null}
              {fileProblem ? (
                <p
                  role="alert"
                  className="rounded-md bg-red-50 px-3 py-2 text-red-800"
                  data-testid="import-file-problem"
                >
                  {problemText(fileProblem)}
                </p>
              ) : null}
            </div>
          ) : null}

          {state.step === "mapping" ? (
            <div className="space-y-3">
              <p className="text-gray-700">{t("mappingIntro")}</p>
              <div className="flex flex-wrap gap-4">
                <label className="flex items-center gap-2">
                  <span>{t("numberFormat")}</span>
                  <select
                    value={numberLocale}
                    onChange={(e) => setNumberLocale(e.target.value)}
                    className="rounded-md border border-gray-300 bg-white px-2 py-1"
                    data-testid="import-number-format"
                  >
                    {LOCALES.map((l) => (
                      <option key={l} value={l}>
                        {SAMPLE[l]} ({l})
                      </option>
                    ))}
                  </select>
                </label>
                <label className="flex items-center gap-2">
                  <span>{t("defaultKind")}</span>
                  <select
                    value={defaultKind}
                    onChange={(e) => setDefaultKind(e.target.value as "cost" | "benefit")}
                    className="rounded-md border border-gray-300 bg-white px-2 py-1"
                  >
                    <option value="cost">{t("cost")}</option>
                    <option value="benefit">{t("benefit")}</option>
                  </select>
                </label>
              </div>
              <div className="max-h-[50vh] overflow-auto rounded-md border border-gray-200">
                <table className="w-full text-left">
                  <thead className="sticky top-0 bg-gray-50">
                    <tr>
                      <th scope="col" className="px-3 py-2 font-medium">
                        {t("column")}
                      </th>
                      <th scope="col" className="px-3 py-2 font-medium">
                        {t("sample")}
                      </th>
                      <th scope="col" className="px-3 py-2 font-medium">
                        {t("field")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {state.table.header.map((h, c) => {
                      const options = [
                        ...IMPORT_FIELDS,
                        ...(state.mapping[c]?.startsWith("schedule.") ? [state.mapping[c]!] : []),
                      ];
                      return (
                        <tr key={c} className="border-t border-gray-100">
                          <td className="px-3 py-1.5">
                            {columnLetter(c)} · {h}
                          </td>
                          <td className="max-w-[16rem] truncate px-3 py-1.5 text-gray-600">
                            {state.table.rows
                              .slice(0, 3)
                              .map((r) => show(r[c]))
                              .join(" · ")}
                          </td>
                          <td className="px-3 py-1.5">
                            <select
                              aria-label={t("fieldFor", { column: `${columnLetter(c)} ${h}` })}
                              value={state.mapping[c] ?? ""}
                              onChange={(e) => {
                                const mapping = [...state.mapping];
                                mapping[c] = (e.target.value || null) as Target;
                                setState({ ...state, mapping });
                              }}
                              className="rounded-md border border-gray-300 bg-white px-2 py-1"
                              data-testid={`import-map-${c}`}
                            >
                              <option value="">{t("ignore")}</option>
                              {options.map((f) => (
                                <option key={f} value={f}>
                                  {f}
                                </option>
                              ))}
                            </select>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <div className="flex justify-end gap-2">
                <button
                  type="button"
                  onClick={close}
                  className="rounded-md border border-gray-300 px-3 py-1.5 font-medium"
                >
                  {t("cancel")}
                </button>
                <button
                  type="button"
                  onClick={() => setState({ ...state, step: "preview" })}
                  className="rounded-md bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800"
                  data-testid="import-preview"
                >
                  {t("preview")}
                </button>
              </div>
            </div>
          ) : null}

          {state.step === "preview" && result ? (
            <div className="space-y-3">
              <p data-testid="import-summary">
                {t("summary", {
                  costs: result.costs.length,
                  benefits: result.benefits.length,
                  scenario: props.scenarioName,
                })}
              </p>
              {total > 0 ? (
                <div className="max-h-[30vh] overflow-auto rounded-md border border-gray-200">
                  <table className="w-full text-left" data-testid="import-preview-lines">
                    <thead className="sticky top-0 bg-gray-50">
                      <tr>
                        {["rowLabel", "kind", "name", "category", "amount", "timing"].map((k) => (
                          <th key={k} scope="col" className="px-3 py-1.5 font-medium">
                            {k === "rowLabel" ? t("rowLabel") : k === "amount" ? t("amountLabel") : tc(k)}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {result.rows.slice(0, 50).map((r) => {
                        const line = (r.kind === "cost" ? result.costs[r.index] : result.benefits[r.index])!;
                        const amount = line.schedule
                          ? tc("scheduleLabel")
                          : line.labour
                            ? tc("labour", {
                                hours: line.labour.hours,
                                rate: line.labour.rate,
                                people: line.labour.people,
                              })
                            : (line.amount ?? "");
                        const timing = line.schedule
                          ? tc("scheduleLabel")
                          : line.recurring
                            ? `${tc(line.recurring)} ${line.startMonth ?? ""}–${line.endMonth ?? ""}`
                            : line.month !== undefined
                              ? `${tc("once")} ${line.month}`
                              : "";
                        return (
                          <tr key={`${r.kind}${r.index}`} className="border-t border-gray-100">
                            <td className="px-3 py-1">{r.row}</td>
                            <td className="px-3 py-1">{tc(r.kind)}</td>
                            <td className="px-3 py-1">{line.name}</td>
                            <td className="px-3 py-1">
                              {line.category ? (props.categoryLabels[line.category] ?? line.category) : ""}
                            </td>
                            <td className="px-3 py-1 tabular-nums">{amount}</td>
                            <td className="px-3 py-1">{timing}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              ) : null}
              {problems.length > 0 ? (
                <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800" data-testid="import-problems">
                  <p className="font-medium">{t("problems", { count: problems.length })}</p>
                  <ul className="mt-1 max-h-[40vh] list-disc overflow-auto pl-5">
                    {problems.slice(0, 200).map((p, i) => (
                      <li key={i}>{problemText(p)}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
              <div className="flex justify-end gap-2">
                <button
                  type="button"
                  onClick={() => setState({ ...state, step: "mapping" })}
                  className="rounded-md border border-gray-300 px-3 py-1.5 font-medium"
                  data-testid="import-back"
                >
                  {t("back")}
                </button>
                <button
                  type="button"
                  disabled={busy || problems.length > 0 || total === 0}
                  onClick={() => void doImport()}
                  className="rounded-md bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800 disabled:cursor-not-allowed disabled:bg-gray-400"
                  data-testid="import-confirm"
                >
                  {busy ? t("importing") : t("importButton", { count: total })}
                </button>
              </div>
            </div>
          ) : null}
        </div>
      </dialog>
    </>
  );
}
