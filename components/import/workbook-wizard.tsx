"use client";
// "New case from a workbook" for any spreadsheet (docs/import.md): one modal dialog (centred,
// cancellable with Esc or Cancel) with the steps in order: the file, the sheet, the settings the
// sheet states, the scenarios and baseline, the lines in people's words (included or left out,
// cost or benefit, category), then the preview: every line's yearly amounts and the NPV, TCO and
// ROI the case will have beside the sheet's own figures. Nothing is written until "Create the
// case"; the server reads the file again then and writes the whole case or nothing. Reading streams
// its progress (the API's NDJSON preview: phase, done, total) into a progress bar with a Stop
// button; problems and notes arrive as codes and are said in the interface language here.
import { useLocale, useTranslations } from "next-intl";
import { LOCALE_NAMES, LOCALES, type Locale } from "@/lib/i18n/config";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { BENEFIT_CATEGORIES, COST_CATEGORIES } from "@/lib/case-file/categories";
import { importWorkbookAction, type WorkbookPreviewDTO } from "@/lib/actions/import-workbook";
import type { Mapping } from "@/lib/import/mapping";
import { importText, progressText, renderMessage, toLocale, type ImportMessage } from "@/lib/import/messages";
import type { ImportProgress } from "@/lib/import/progress";
import { formatMoney, formatPercent } from "@/lib/i18n/format";

const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = ".xlsx,.xlsm,.xls,.ods,.csv,.txt";
const SHOWN_LINES = 500;

type Failure = { message: string; details: string[] };
type FieldProblem = { path: string; message: string };
type StreamLine =
  | ({ type: "progress" } & ImportProgress)
  | { type: "result"; data: WorkbookPreviewDTO }
  | {
      type: "error";
      error: {
        message: string;
        fieldErrors?: FieldProblem[];
        details?: { problems?: (ImportMessage & { where: string })[] };
      };
    };

export function WorkbookWizard({ slug }: { slug: string }) {
  const t = useTranslations("import");
  const tc = useTranslations("report.categories");
  const locale = useLocale();
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<WorkbookPreviewDTO | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState<"" | "reading" | "creating">("");
  const [failure, setFailure] = useState<Failure | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const reading = useRef<AbortController | null>(null);
  const lang = toLocale(locale);
  const say = (m: Pick<ImportMessage, "code" | "params" | "where">) => renderMessage(m, lang);

  const open = () => {
    setFile(null);
    setPreview(null);
    setMapping(null);
    setFailure(null);
    setStale(false);
    dialog.current?.showModal();
  };
  const stop = () => reading.current?.abort();
  const close = () => {
    stop();
    dialog.current?.close();
  };

  const formOf = (extra: Record<string, string>) => {
    const form = new FormData();
    form.set("workspace", slug);
    form.set("file", file!);
    for (const [k, v] of Object.entries(extra)) form.set(k, v);
    return form;
  };
  const fail = (r: { message?: string; fieldErrors?: FieldProblem[]; problems?: ImportMessage[] } | null) =>
    setFailure({
      message: r?.problems?.length ? t("failed") : (r?.message ?? t("failed")),
      details: r?.problems?.length
        ? r.problems.slice(0, 20).map(say)
        : (r?.fieldErrors ?? []).slice(0, 20).map((f) => `${f.path}: ${f.message}`),
    });

  // The preview through the API's stream: progress lines, then the result (or an error line).
  const read = async (extra: Record<string, string> = {}) => {
    if (!file) return;
    if (file.size > MAX_BYTES) return setFailure({ message: t("tooLarge"), details: [] });
    const controller = new AbortController();
    reading.current = controller;
    setBusy("reading");
    setFailure(null);
    setProgress({ phase: "read", done: 0, total: file.size });
    const form = new FormData();
    form.set("file", file);
    for (const [k, v] of Object.entries(extra)) form.set(k, v);
    try {
      const response = await fetch(
        `/api/v1/workspaces/${encodeURIComponent(slug)}/cases/import-workbook?preview=true&locale=${lang}`,
        { method: "POST", headers: { accept: "application/x-ndjson" }, body: form, signal: controller.signal },
      );
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as {
          error?: { message: string; fieldErrors?: FieldProblem[]; details?: { problems?: ImportMessage[] } };
        } | null;
        return fail(body?.error ? { ...body.error, problems: body.error.details?.problems } : null);
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { done, value } = await reader.read();
        if (value) buffer += value;
        let nl: number;
        while ((nl = buffer.indexOf("\n")) >= 0) {
          const line = JSON.parse(buffer.slice(0, nl)) as StreamLine;
          buffer = buffer.slice(nl + 1);
          if (line.type === "progress") setProgress({ phase: line.phase, done: line.done, total: line.total });
          else if (line.type === "error") fail({ ...line.error, problems: line.error.details?.problems });
          else {
            setPreview(line.data);
            setMapping(structuredClone(line.data.mapping));
            setStale(false);
          }
        }
        if (done) break;
      }
    } catch {
      if (controller.signal.aborted) setFailure({ message: importText("cancelled", lang), details: [] });
      else fail(null);
    } finally {
      if (reading.current === controller) reading.current = null;
      setBusy("");
      setProgress(null);
    }
  };
  const percent =
    progress && progress.total > 0 ? Math.min(100, Math.floor((progress.done / progress.total) * 100)) : 0;

  const create = async () => {
    if (!file || !mapping) return;
    setBusy("creating");
    setFailure(null);
    const r = await importWorkbookAction(formOf({ mapping: JSON.stringify(mapping) })).catch(() => null);
    setBusy("");
    if (!r || !r.ok) return fail(r);
    close();
    router.push(`/w/${slug}/cases/${r.data.caseId}`);
  };

  const edit = (change: (m: Mapping) => void) => {
    if (!mapping) return;
    const next = structuredClone(mapping);
    change(next);
    setMapping(next);
    setStale(true);
  };

  const money = (v: string) => formatMoney(v, mapping?.currency ?? "EUR", locale);
  const found = (what: string) => preview?.found.find((f) => f.what === what);
  // A big sheet's preview: the first lines in the table, the rest counted (a table of 100,000 rows
  // would stall the page).
  const years = preview ? preview.lines.reduce((n, l) => Math.max(n, l.years.length), 0) : 0;
  const scenarioName = (key: string) => mapping?.scenarios.find((s) => s.key === key)?.name ?? key;

  return (
    <>
      <button
        type="button"
        onClick={open}
        className="mt-3 rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-900 hover:bg-gray-50"
        data-testid="workbook-wizard-open"
      >
        {t("open")}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="workbook-wizard-title"
        className="fixed inset-0 m-auto max-h-[90vh] w-[min(72rem,95vw)] overflow-auto rounded-lg p-0 shadow-xl backdrop:bg-black/30"
        data-testid="workbook-wizard"
      >
        <div className="space-y-5 p-5 text-sm">
          <div className="flex items-start justify-between gap-4">
            <h2 id="workbook-wizard-title" className="text-base font-semibold">
              {t("title")}
            </h2>
            <button type="button" onClick={close} className="rounded-md px-2 py-1 text-gray-700 hover:bg-gray-100">
              {t("cancel")}
            </button>
          </div>
          <p className="text-gray-700">{t("intro")}</p>

          <section aria-labelledby="ww-file" className="space-y-2">
            <h3 id="ww-file" className="font-semibold">
              {t("steps.file")}
            </h3>
            <div className="flex flex-wrap items-end gap-3">
              <label className="block">
                <span className="font-medium">{t("file")}</span>
                <input
                  type="file"
                  accept={ACCEPT}
                  onChange={(e) => {
                    setFile(e.target.files?.[0] ?? null);
                    setPreview(null);
                    setMapping(null);
                  }}
                  className="mt-1 block text-sm"
                />
              </label>
              <button
                type="button"
                disabled={!file || busy !== ""}
                onClick={() => void read()}
                className="rounded-md border border-gray-300 bg-white px-3 py-1.5 font-medium hover:bg-gray-50 disabled:text-gray-500"
              >
                {busy === "reading" ? t("reading") : t("read")}
              </button>
              {busy === "reading" ? (
                <button
                  type="button"
                  onClick={stop}
                  className="rounded-md px-3 py-1.5 font-medium text-gray-800 hover:bg-gray-100"
                  data-testid="workbook-wizard-stop"
                >
                  {importText("stop", lang)}
                </button>
              ) : null}
            </div>
            {progress ? (
              <div className="space-y-1" data-testid="workbook-wizard-progress">
                <div
                  role="progressbar"
                  aria-label={t("reading")}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={percent}
                  aria-valuetext={progressText(progress.phase, percent, lang)}
                  className="h-2 w-full max-w-md overflow-hidden rounded-full bg-gray-200"
                >
                  <div
                    className="h-full rounded-full bg-blue-600 transition-[width] duration-150"
                    style={{ width: `${percent}%` }}
                  />
                </div>
                <p className="text-xs text-gray-700" aria-live="polite" data-phase={progress.phase}>
                  {progressText(progress.phase, percent, lang)}
                </p>
              </div>
            ) : null}
          </section>

          {failure ? (
            <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
              <p>{failure.message}</p>
              {failure.details.length ? (
                <ul className="mt-1 list-disc pl-5">
                  {failure.details.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}

          {preview && mapping ? (
            <>
              <section aria-labelledby="ww-sheet" className="space-y-2">
                <h3 id="ww-sheet" className="font-semibold">
                  {t("steps.sheet")}
                </h3>
                <label className="block">
                  <span className="font-medium">{t("sheet")}</span>
                  <select
                    className="mt-1 block rounded-md border border-gray-300 px-2 py-1"
                    value={mapping.sheets.length === 1 ? mapping.sheets[0]!.sheet : ""}
                    onChange={(e) => void read(e.target.value ? { sheet: e.target.value } : {})}
                  >
                    {mapping.sheets.length > 1 ? <option value="">{t("sheetPerScenario")}</option> : null}
                    {preview.sheets.map((s) => (
                      <option key={s.sheet} value={s.sheet} disabled={s.layout === null}>
                        {s.sheet} · {s.layout ? t(`layouts.${s.layout}`) : t("noTable")}
                      </option>
                    ))}
                  </select>
                </label>
                <p className="text-gray-600">
                  {mapping.sheets
                    .map((s) => t("headerAt", { sheet: s.sheet, row: s.headerRow, layout: t(`layouts.${s.layout}`) }))
                    .join(" · ")}
                </p>
              </section>

              <section aria-labelledby="ww-settings" className="space-y-2">
                <h3 id="ww-settings" className="font-semibold">
                  {t("steps.settings")}
                </h3>
                <div className="grid gap-3 sm:grid-cols-3">
                  <label className="block sm:col-span-3">
                    <span className="font-medium">{t("name")}</span>
                    <input
                      value={mapping.name}
                      maxLength={200}
                      onChange={(e) => edit((m) => void (m.name = e.target.value))}
                      className="mt-1 block w-full rounded-md border border-gray-300 px-2 py-1"
                    />
                  </label>
                  <label className="block">
                    <span className="font-medium">{t("currency")}</span>
                    <input
                      value={mapping.currency}
                      maxLength={3}
                      onChange={(e) => edit((m) => void (m.currency = e.target.value.toUpperCase()))}
                      className="mt-1 block w-24 rounded-md border border-gray-300 px-2 py-1"
                    />
                  </label>
                  <label className="block">
                    <span className="font-medium">{t("start")}</span>
                    <input
                      type="month"
                      value={mapping.startMonth}
                      onChange={(e) => e.target.value && edit((m) => void (m.startMonth = e.target.value))}
                      className="mt-1 block rounded-md border border-gray-300 px-2 py-1"
                    />
                  </label>
                  <label className="block">
                    <span className="font-medium">{t("rate")}</span>
                    <input
                      inputMode="decimal"
                      defaultValue={String(Number((Number(mapping.discountRate) * 100).toPrecision(12)))}
                      onBlur={(e) => {
                        const v = Number(e.target.value.replace(",", ".").replace("%", "").trim());
                        if (Number.isFinite(v))
                          edit((m) => void (m.discountRate = String(Number((v / 100).toPrecision(12)))));
                      }}
                      className="mt-1 block w-24 rounded-md border border-gray-300 px-2 py-1"
                    />
                  </label>
                  <label className="block">
                    <span className="font-medium">{t("caseLanguage")}</span>
                    <select
                      value={mapping.locale ?? "en"}
                      onChange={(e) => edit((m) => void (m.locale = e.target.value as Locale))}
                      className="mt-1 block rounded-md border border-gray-300 px-2 py-1"
                    >
                      {LOCALES.map((l) => (
                        <option key={l} value={l}>
                          {LOCALE_NAMES[l]}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="block sm:col-span-2">
                    <span className="font-medium">{t("convention")}</span>
                    <select
                      value={mapping.convention}
                      onChange={(e) => edit((m) => void (m.convention = e.target.value as Mapping["convention"]))}
                      className="mt-1 block rounded-md border border-gray-300 px-2 py-1"
                    >
                      <option value="end">{t("conventions.end")}</option>
                      <option value="spread">{t("conventions.spread")}</option>
                    </select>
                  </label>
                </div>
                <ul className="text-gray-600">
                  {(["rate", "start", "currency", "scale"] as const).map((what) => {
                    const f = found(what);
                    return f ? <li key={what}>{t(`found.${what}`, { where: f.where, value: f.value })}</li> : null;
                  })}
                </ul>
              </section>

              <section aria-labelledby="ww-scenarios" className="space-y-2">
                <h3 id="ww-scenarios" className="font-semibold">
                  {t("steps.scenarios")}
                </h3>
                <table className="text-left">
                  <thead>
                    <tr>
                      <th className="pr-4 font-medium">{t("scenario")}</th>
                      {mapping.scenarios.length > 1 ? <th className="font-medium">{t("baseline")}</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {mapping.scenarios.map((s, i) => (
                      <tr key={s.key}>
                        <td className="pr-4">
                          <input
                            aria-label={t("scenarioName", { n: i + 1 })}
                            value={s.name}
                            onChange={(e) => edit((m) => void (m.scenarios[i]!.name = e.target.value))}
                            className="rounded-md border border-gray-300 px-2 py-1"
                          />
                        </td>
                        {mapping.scenarios.length > 1 ? (
                          <td>
                            <input
                              type="radio"
                              name="ww-baseline"
                              aria-label={t("baselineOf", { name: s.name })}
                              checked={s.baseline === true}
                              onChange={() =>
                                edit((m) =>
                                  m.scenarios.forEach((x, k) => {
                                    if (k === i) x.baseline = true;
                                    else delete x.baseline;
                                  }),
                                )
                              }
                            />
                          </td>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>

              <section aria-labelledby="ww-lines" className="space-y-2">
                <h3 id="ww-lines" className="font-semibold">
                  {t("steps.lines")}
                </h3>
                {mapping.sheets.map((sheet, si) =>
                  sheet.rows ? (
                    <table key={sheet.sheet} className="w-full text-left" data-testid="workbook-wizard-rows">
                      <caption className="text-left text-gray-600">{sheet.sheet}</caption>
                      <thead>
                        <tr>
                          <th className="font-medium">{t("include")}</th>
                          <th className="font-medium">{t("row")}</th>
                          <th className="font-medium">{t("line")}</th>
                          <th className="font-medium">{t("kind")}</th>
                          <th className="font-medium">{t("category")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {sheet.rows.map((row, ri) =>
                          row.skip === "section" ? null : (
                            <tr key={row.row} className={row.skip ? "text-gray-500" : ""}>
                              <td>
                                <input
                                  type="checkbox"
                                  aria-label={t("includeRow", { name: row.name ?? "", row: row.row })}
                                  checked={!row.skip}
                                  onChange={(e) =>
                                    edit((m) => {
                                      const r = m.sheets[si]!.rows![ri]!;
                                      if (e.target.checked) {
                                        delete r.skip;
                                        r.kind ??= m.sheets[si]!.defaultKind;
                                      } else r.skip = "excluded";
                                    })
                                  }
                                />
                              </td>
                              <td>{row.row}</td>
                              <td>
                                {row.name}
                                {row.skip ? ` (${t(`skip.${row.skip}`)})` : ""}
                              </td>
                              <td>
                                {row.skip ? null : (
                                  <select
                                    aria-label={t("kindOf", { name: row.name ?? "" })}
                                    value={row.kind}
                                    onChange={(e) =>
                                      edit((m) => {
                                        const r = m.sheets[si]!.rows![ri]!;
                                        r.kind = e.target.value as "cost" | "benefit";
                                        r.category = "other";
                                      })
                                    }
                                    className="rounded-md border border-gray-300 px-1 py-0.5"
                                  >
                                    <option value="cost">{t("cost")}</option>
                                    <option value="benefit">{t("benefit")}</option>
                                  </select>
                                )}
                              </td>
                              <td>
                                {row.skip ? null : (
                                  <select
                                    aria-label={t("categoryOf", { name: row.name ?? "" })}
                                    value={row.category}
                                    onChange={(e) =>
                                      edit((m) => void (m.sheets[si]!.rows![ri]!.category = e.target.value))
                                    }
                                    className="rounded-md border border-gray-300 px-1 py-0.5"
                                  >
                                    {(row.kind === "benefit" ? BENEFIT_CATEGORIES : COST_CATEGORIES).map((c) => (
                                      <option key={c} value={c}>
                                        {tc(c)}
                                      </option>
                                    ))}
                                  </select>
                                )}
                              </td>
                            </tr>
                          ),
                        )}
                      </tbody>
                    </table>
                  ) : (
                    <p key={sheet.sheet} className="text-gray-600">
                      {t("linesAsSheet", { sheet: sheet.sheet })}
                    </p>
                  ),
                )}
              </section>

              <section aria-labelledby="ww-preview" className="space-y-3" data-testid="workbook-wizard-preview">
                <div className="flex items-center gap-3">
                  <h3 id="ww-preview" className="font-semibold">
                    {t("steps.preview")}
                  </h3>
                  <button
                    type="button"
                    disabled={!stale || busy !== ""}
                    onClick={() => void read({ mapping: JSON.stringify(mapping) })}
                    className="rounded-md border border-gray-300 bg-white px-3 py-1 font-medium hover:bg-gray-50 disabled:text-gray-500"
                  >
                    {t("update")}
                  </button>
                  {stale ? <span className="text-amber-800">{t("stale")}</span> : null}
                </div>
                {preview.problems.length ? (
                  <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
                    <p>{t("problems", { count: preview.problems.length })}</p>
                    <ul className="list-disc pl-5">
                      {preview.problems.slice(0, 30).map((p, i) => (
                        <li key={i}>{say(p)}</li>
                      ))}
                    </ul>
                  </div>
                ) : null}
                <div className="overflow-x-auto">
                  <table className="min-w-full text-right" data-testid="workbook-wizard-lines">
                    <thead>
                      <tr>
                        <th className="text-left font-medium">{t("line")}</th>
                        <th className="text-left font-medium">{t("scenario")}</th>
                        <th className="text-left font-medium">{t("category")}</th>
                        {Array.from({ length: years }, (_, y) => (
                          <th key={y} className="px-2 font-medium">
                            {t("year", { n: y })}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {preview.lines.slice(0, SHOWN_LINES).map((l, i) => (
                        <tr key={i}>
                          <td className="text-left">
                            {l.name}{" "}
                            <span className="text-gray-500">({l.kind === "cost" ? t("cost") : t("benefit")})</span>
                          </td>
                          <td className="text-left">{scenarioName(l.scenario)}</td>
                          <td className="text-left">{tc(l.category)}</td>
                          {l.years.map((v, y) => (
                            <td key={y} className="px-2 tabular-nums">
                              {money(v)}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {preview.lines.length > SHOWN_LINES ? (
                    <p className="mt-1 text-gray-700">
                      {t("moreLines", { count: preview.lines.length - SHOWN_LINES })}
                    </p>
                  ) : null}
                </div>
                <table className="text-left" data-testid="workbook-wizard-figures">
                  <thead>
                    <tr>
                      <th className="pr-4 font-medium">{t("scenario")}</th>
                      <th className="pr-4 font-medium">{t("npv")}</th>
                      <th className="pr-4 font-medium">{t("tco")}</th>
                      <th className="pr-4 font-medium">{t("roi")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.figures.map((f) => (
                      <tr key={f.key}>
                        <td className="pr-4">{f.name}</td>
                        <td className="pr-4 tabular-nums">{money(f.npv)}</td>
                        <td className="pr-4 tabular-nums">{money(f.tco)}</td>
                        <td className="pr-4 tabular-nums">
                          {f.roi === null ? t("noRoi") : formatPercent(f.roi, locale)}
                        </td>
                      </tr>
                    ))}
                    {preview.comparisons.map((c) => (
                      <tr key={`${c.alternative}-${c.baseline}`}>
                        <td className="pr-4">
                          {t("against", {
                            alternative: scenarioName(c.alternative),
                            baseline: scenarioName(c.baseline),
                          })}
                        </td>
                        <td className="pr-4 tabular-nums">{money(c.npv)}</td>
                        <td className="pr-4" />
                        <td className="pr-4 tabular-nums">
                          {c.roi === null ? t("noRoi") : formatPercent(c.roi, locale)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {preview.sheetFigures.length ? (
                  <ul data-testid="workbook-wizard-sheet-figures">
                    {preview.sheetFigures.map((f) => (
                      <li key={f.where}>
                        {f.what === "npv"
                          ? t("sheetNpv", {
                              where: f.where,
                              sheet: money(f.sheet),
                              case: money(f.caseValue ?? "0"),
                            })
                          : t("sheetIrr", {
                              where: f.where,
                              sheet: formatPercent(f.sheet, locale),
                              case: f.caseValue === null ? t("noIrr") : formatPercent(f.caseValue, locale),
                            })}{" "}
                        {f.differs
                          ? t("differs", { why: f.whyCodes ? f.whyCodes.map((w) => say(w)).join("; ") : (f.why ?? "") })
                          : t("agrees")}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {preview.notes.length ? (
                  <ul className="list-disc pl-5 text-gray-700" data-testid="workbook-wizard-notes">
                    {preview.notes.map((n, i) => (
                      <li key={i}>{say(n)}</li>
                    ))}
                  </ul>
                ) : null}
              </section>

              <div className="flex justify-end gap-3 border-t border-gray-200 pt-4">
                <button type="button" onClick={close} className="rounded-md px-3 py-1.5 font-medium hover:bg-gray-100">
                  {t("cancel")}
                </button>
                <button
                  type="button"
                  disabled={busy !== "" || stale || preview.problems.length > 0}
                  onClick={() => void create()}
                  className="rounded-md bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800 disabled:bg-gray-300 disabled:text-gray-700"
                >
                  {busy === "creating" ? t("creating") : t("create")}
                </button>
              </div>
            </>
          ) : null}
        </div>
      </dialog>
    </>
  );
}
