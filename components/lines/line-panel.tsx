"use client";
import { useTranslations } from "next-intl";
import { useId, useMemo, useRef, useState } from "react";
import Decimal from "decimal.js";
import { ConflictNotice } from "@/components/cases/conflict-notice";
import { useCaseModelStore } from "@/components/live/case-model";
import { addLineAction, updateLineAction } from "@/lib/actions/lines";
import type { Result } from "@/lib/errors";
import type { ComputeOutput } from "@/lib/finance/types";
import { parseDecimalInput, toInputText } from "@/lib/i18n/parse-decimal";
import { CategoryHint } from "./category-hint";
import { LineShape } from "./line-shape";
import { BENEFIT_CATEGORIES, COST_CATEGORIES, type GridLine } from "./types";

// A line's details beside the grid: what it costs or brings (amount or labour), when (once,
// monthly, quarterly, annually, from month to month), how it grows (escalation), how a benefit
// ramps up and how much of it is expected (realisation, margin), and the risk adjustment, with
// a small preview of the line's monthly shape as the user types. Percentages are typed as
// percentages and stored as the decimal the case file uses (10 % -> "0.1"), in decimal.js.

type Timing = "once" | "monthly" | "quarterly" | "annual" | "schedule";
type Failure = Extract<Result<unknown>, { ok: false }>;

interface Draft {
  name: string;
  category: string;
  notes: string;
  basis: "amount" | "labour";
  amount: string;
  low: string;
  high: string;
  hours: string;
  rate: string;
  people: string;
  timing: Timing;
  month: string;
  startMonth: string;
  endMonth: string;
  escalation: string; // percent
  riskAdjustment: string; // percent
  tangible: boolean;
  rampMonths: string;
  rampCurve: "linear" | "s-curve" | "step";
  realisation: string; // percent
  margin: string; // percent
  kpi: string;
}

const pctIn = (v: string | null | undefined, locale: string) => (v === null || v === undefined ? "" : toInputText(new Decimal(v).times(100).toString(), locale));

function initialDraft(line: GridLine | undefined, kind: "cost" | "benefit", horizon: number, locale: string): Draft {
  if (!line)
    return {
      name: "",
      category: kind === "cost" ? "software" : "productivity",
      notes: "",
      basis: "amount",
      amount: "",
      low: "",
      high: "",
      hours: "",
      rate: "",
      people: "1",
      timing: "monthly",
      month: "0",
      startMonth: "1",
      endMonth: String(horizon),
      escalation: "0",
      riskAdjustment: "0",
      tangible: true,
      rampMonths: "0",
      rampCurve: "linear",
      realisation: "100",
      margin: "100",
      kpi: "",
    };
  return {
    name: line.name,
    category: line.category,
    notes: line.notes,
    basis: line.labour ? "labour" : "amount",
    amount: line.amount !== null ? toInputText(line.amount, locale) : "",
    low: line.low !== null ? toInputText(line.low, locale) : "",
    high: line.high !== null ? toInputText(line.high, locale) : "",
    hours: line.labour ? toInputText(line.labour.hours, locale) : "",
    rate: line.labour ? toInputText(line.labour.rate, locale) : "",
    people: line.labour ? toInputText(line.labour.people, locale) : "1",
    timing: line.schedule ? "schedule" : line.recurring ?? "once",
    month: String(line.month ?? 0),
    startMonth: String(line.startMonth ?? (line.recurring === "annual" ? 12 : line.recurring === "quarterly" ? 3 : 1)),
    endMonth: String(line.endMonth ?? horizon),
    escalation: pctIn(line.escalation, locale),
    riskAdjustment: pctIn(line.riskAdjustment, locale),
    tangible: line.tangible,
    rampMonths: String(line.rampMonths),
    rampCurve: line.rampCurve,
    realisation: pctIn(line.realisation, locale),
    margin: pctIn(line.margin, locale),
    kpi: line.kpi ?? "",
  };
}

// The draft as a case-file line, or the fields that are not numbers.
function toFileLine(d: Draft, kind: "cost" | "benefit", locale: string, original: GridLine | undefined): { line: Record<string, unknown>; bad: string[] } {
  const bad: string[] = [];
  const num = (field: string, text: string) => {
    const v = parseDecimalInput(text, locale);
    if (v === null) bad.push(field);
    return v ?? "0";
  };
  const pct = (field: string, text: string) => new Decimal(num(field, text)).div(100).toString();
  const int = (field: string, text: string) => {
    if (!/^\d{1,3}$/.test(text.trim())) bad.push(field);
    return Number(text.trim() || 0);
  };
  const line: Record<string, unknown> = { name: d.name.trim(), category: d.category };
  if (d.notes.trim()) line.notes = d.notes;
  const tangible = kind === "cost" || d.tangible;
  if (kind === "benefit" && !d.tangible) line.tangible = false;
  if (tangible) {
    if (d.timing !== "schedule") {
      if (d.basis === "amount") line.amount = num("amount", d.amount);
      else line.labour = { hours: num("hours", d.hours), rate: num("rate", d.rate), people: num("people", d.people) };
    }
    if (d.timing !== "schedule") {
      if (d.low.trim()) line.low = num("low", d.low);
      if (d.high.trim()) line.high = num("high", d.high);
    }
    if (d.timing === "once") line.month = int("month", d.month);
    else if (d.timing === "schedule") line.schedule = original?.schedule ?? {};
    else {
      line.recurring = d.timing;
      line.startMonth = int("startMonth", d.startMonth);
      line.endMonth = int("endMonth", d.endMonth);
    }
    const esc = pct("escalation", d.escalation);
    if (esc !== "0") line.escalation = esc;
    const risk = pct("riskAdjustment", d.riskAdjustment);
    if (risk !== "0") line.riskAdjustment = risk;
    if (kind === "benefit") {
      const ramp = int("rampMonths", d.rampMonths);
      if (ramp > 0) {
        line.rampMonths = ramp;
        line.rampCurve = d.rampCurve;
      }
      const real = pct("realisation", d.realisation);
      if (real !== "1") line.realisation = real;
      const margin = pct("margin", d.margin);
      if (margin !== "1") line.margin = margin;
    }
  }
  if (kind === "benefit" && d.kpi.trim()) line.kpi = d.kpi.trim();
  return { line, bad };
}

const FIELDS = ["name", "category", "notes", "amount", "low", "high", "labour", "month", "recurring", "startMonth", "endMonth", "schedule", "escalation", "riskAdjustment", "tangible", "kpi", "rampMonths", "rampCurve", "realisation", "margin"] as const;

export function LinePanel(props: {
  caseId: string;
  mode: "edit" | "new";
  line: GridLine | undefined;
  kind: "cost" | "benefit";
  scenarioId: string;
  canEdit: boolean;
  currency: string;
  locale: string;
  horizon: number;
  categoryLabels: Record<string, string>;
  version: () => number;
  onSaved: (version: number, message: string) => void;
  onClose: () => void;
}) {
  const t = useTranslations("case");
  const id = useId();
  const store = useCaseModelStore();
  const [draft, setDraft] = useState<Draft>(() => initialDraft(props.line, props.kind, props.horizon, props.locale));
  const [failure, setFailure] = useState<{ f: Failure; since: number } | null>(null);
  const [saving, setSaving] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const { line: fileLine, bad } = useMemo(() => toFileLine(draft, props.kind, props.locale, props.line), [draft, props.kind, props.locale, props.line]);
  const readOnly = !props.canEdit;
  const categories = props.kind === "cost" ? COST_CATEGORIES : BENEFIT_CATEGORIES;
  const isBenefit = props.kind === "benefit";
  const tangible = !isBenefit || draft.tangible;

  if (props.mode === "edit" && !props.line) {
    return (
      <aside className="rounded-lg border border-gray-200 bg-white p-5 text-sm shadow-sm">
        <p>{t("panel.gone")}</p>
        <button type="button" onClick={props.onClose} className="mt-3 text-blue-700 underline">
          {t("panel.close")}
        </button>
      </aside>
    );
  }

  const save = async () => {
    if (bad.length) {
      setFailure({ f: { ok: false, code: "validation", message: "", fieldErrors: bad.map((b) => ({ path: b, message: t("panel.notANumber") })) }, since: props.version() });
      return;
    }
    const since = props.version();
    setSaving(true);
    let token: number | undefined;
    try {
      let r: Result<{ version: number }>;
      if (props.mode === "new") {
        r = await addLineAction({ caseId: props.caseId, version: since, line: { ...fileLine, kind: props.kind, scenarioId: props.scenarioId } });
      } else {
        // A patch: every field the line may carry, null for those the draft no longer has.
        const patch: Record<string, unknown> = {};
        for (const f of FIELDS) patch[f] = fileLine[f] ?? null;
        patch.name = fileLine.name;
        patch.category = fileLine.category;
        if (!isBenefit) for (const f of ["tangible", "kpi", "rampMonths", "rampCurve", "realisation", "margin"]) delete patch[f];
        // The figures follow at once (the engine in the browser); the server's answer confirms them.
        token = store?.editLine(props.line!.stableId, patch);
        const u = await updateLineAction({ lineId: props.line!.id, version: since, patch });
        if (u.ok && token !== undefined) {
          const same = u.data.figures.version === u.data.version;
          store!.confirm(token, u.data.version, same ? (JSON.parse(u.data.figures.output) as ComputeOutput) : null);
          if (!same) void store?.refetch();
        } else if (token !== undefined) store?.drop(token);
        r = u;
      }
      if (r.ok) {
        setFailure(null);
        props.onSaved(r.data.version, t("grid.saved", { name: String(fileLine.name) }));
        if (props.mode === "new") props.onClose();
      } else {
        setFailure({ f: r, since }); // the draft stays as typed
        props.onSaved(since, "");
      }
    } finally {
      setSaving(false);
    }
  };

  const fieldError = (name: string) => failure?.f.fieldErrors?.find((e) => e.path === name || e.path.startsWith(`${name}.`) || e.path.endsWith(`.${name}`))?.message;
  const input = (name: keyof Draft, label: string, opts: { suffix?: string; numeric?: boolean; wide?: boolean } = {}) => (
    <label className={`block text-xs font-medium text-gray-700 ${opts.wide ? "col-span-2" : ""}`}>
      {label}
      <span className="mt-1 flex items-center gap-1">
        <input
          id={`${id}-${name}`}
          value={String(draft[name])}
          readOnly={readOnly}
          onChange={(e) => set(name, e.target.value as never)}
          inputMode={opts.numeric ? "decimal" : undefined}
          aria-invalid={fieldError(name) || bad.includes(name) ? true : undefined}
          className={`block w-full rounded-md border px-2 py-1.5 text-sm ${opts.numeric ? "text-right tabular-nums" : ""} ${fieldError(name) || bad.includes(name) ? "border-red-600" : "border-gray-300"} read-only:bg-gray-50`}
        />
        {opts.suffix ? <span className="text-gray-600">{opts.suffix}</span> : null}
      </span>
      {fieldError(name) ? <span className="mt-0.5 block text-red-700">{fieldError(name)}</span> : null}
    </label>
  );

  return (
    <aside aria-labelledby={`${id}-heading`} className="h-fit rounded-lg border border-gray-200 bg-white p-5 shadow-sm xl:sticky xl:top-28" data-testid="line-panel">
      <div className="mb-3 flex items-start justify-between gap-2">
        <h2 id={`${id}-heading`} ref={headingRef} className="break-words text-sm font-semibold">
          {props.mode === "new" ? (isBenefit ? t("grid.addBenefit") : t("grid.addCost")) : t("panel.title", { name: props.line!.name })}
        </h2>
        <button type="button" onClick={props.onClose} aria-label={t("panel.close")} className="rounded px-1.5 text-gray-600 hover:bg-gray-100">
          ✕
        </button>
      </div>
      {failure?.f.code === "conflict" ? <ConflictNotice caseId={props.caseId} since={failure.since} /> : null}
      {failure && failure.f.code !== "conflict" && !failure.f.fieldErrors?.length ? (
        <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {failure.f.code === "internal" ? t("grid.failed") : failure.f.message}
        </p>
      ) : null}
      {failure?.f.fieldErrors?.length ? (
        <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {failure.f.fieldErrors.map((f) => `${t.has(`fields.${f.path}`) ? t(`fields.${f.path}`) : f.path}: ${f.message}`).join("; ")}
        </p>
      ) : null}

      <form
        className="grid grid-cols-2 gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (!readOnly) void save();
        }}
      >
        {input("name", t("name"), { wide: true })}
        <label className="col-span-2 block text-xs font-medium text-gray-700">
          {t("category")}
          <select value={draft.category} disabled={readOnly} onChange={(e) => set("category", e.target.value)} className="mt-1 block w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm">
            {categories.map((c) => (
              <option key={c} value={c}>
                {props.categoryLabels[c] ?? c}
              </option>
            ))}
          </select>
        </label>
        <div className="col-span-2 -mt-2">
          <CategoryHint kind={props.kind} category={draft.category} />
        </div>
        {isBenefit ? (
          <label className="col-span-2 flex items-center gap-2 text-sm">
            <input type="checkbox" checked={!draft.tangible} disabled={readOnly} onChange={(e) => set("tangible", !e.target.checked)} />
            {t("panel.intangible")}
          </label>
        ) : null}

        {tangible ? (
          <>
            <fieldset className="col-span-2">
              <legend className="text-xs font-medium text-gray-700">{t("panel.basis")}</legend>
              <div className="mt-1 flex gap-4 text-sm">
                {(["amount", "labour"] as const).map((b) => (
                  <label key={b} className="flex items-center gap-1.5">
                    <input type="radio" name={`${id}-basis`} checked={draft.basis === b} disabled={readOnly || draft.timing === "schedule"} onChange={() => set("basis", b)} />
                    {t(`panel.${b}`)}
                  </label>
                ))}
              </div>
            </fieldset>
            {draft.timing === "schedule" ? (
              <p className="col-span-2 text-xs text-gray-600">{t("panel.scheduleNote")}</p>
            ) : draft.basis === "amount" ? (
              input("amount", t("panel.perOccurrence", { currency: props.currency }), { numeric: true, wide: true })
            ) : (
              <>
                {input("hours", t("panel.hours"), { numeric: true })}
                {input("rate", t("panel.rate", { currency: props.currency }), { numeric: true })}
                {input("people", t("panel.people"), { numeric: true })}
              </>
            )}
            {draft.timing !== "schedule" ? (
              <fieldset className="col-span-2 grid grid-cols-2 gap-3">
                <legend className="mb-1 text-xs text-gray-600">{t("panel.range")}</legend>
                {input("low", t("panel.low"), { numeric: true })}
                {input("high", t("panel.high"), { numeric: true })}
              </fieldset>
            ) : null}
            <label className="col-span-2 block text-xs font-medium text-gray-700">
              {t("timing")}
              <select value={draft.timing} disabled={readOnly || draft.timing === "schedule"} onChange={(e) => set("timing", e.target.value as Timing)} className="mt-1 block w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm">
                <option value="once">{t("once")}</option>
                <option value="monthly">{t("monthly")}</option>
                <option value="quarterly">{t("quarterly")}</option>
                <option value="annual">{t("annual")}</option>
                {draft.timing === "schedule" ? <option value="schedule">{t("scheduleLabel")}</option> : null}
              </select>
            </label>
            {draft.timing === "once" ? input("month", t("month"), { numeric: true }) : null}
            {draft.timing === "monthly" || draft.timing === "quarterly" || draft.timing === "annual" ? (
              <>
                {input("startMonth", t("startMonth"), { numeric: true })}
                {input("endMonth", t("endMonth"), { numeric: true })}
              </>
            ) : null}
            {input("escalation", t("panel.escalation"), { numeric: true, suffix: "%" })}
            {input("riskAdjustment", t("panel.riskAdjustment"), { numeric: true, suffix: "%" })}
            {isBenefit ? (
              <>
                {input("rampMonths", t("panel.rampMonths"), { numeric: true })}
                <label className="block text-xs font-medium text-gray-700">
                  {t("panel.rampCurve")}
                  <select value={draft.rampCurve} disabled={readOnly} onChange={(e) => set("rampCurve", e.target.value as Draft["rampCurve"])} className="mt-1 block w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm">
                    {(["linear", "s-curve", "step"] as const).map((c) => (
                      <option key={c} value={c}>
                        {t(`panel.curve.${c}`)}
                      </option>
                    ))}
                  </select>
                </label>
                {input("realisation", t("panel.realisation"), { numeric: true, suffix: "%" })}
                {input("margin", t("panel.margin"), { numeric: true, suffix: "%" })}
              </>
            ) : null}
          </>
        ) : null}
        {isBenefit ? input("kpi", t("panel.kpi"), { wide: true }) : null}
        <label className="col-span-2 block text-xs font-medium text-gray-700">
          {t("panel.notes")}
          <textarea value={draft.notes} readOnly={readOnly} onChange={(e) => set("notes", e.target.value)} rows={2} maxLength={2000} className="mt-1 block w-full rounded-md border border-gray-300 px-2 py-1.5 text-sm read-only:bg-gray-50" />
        </label>

        <div className="col-span-2">
          <LineShape line={fileLine} kind={props.kind} horizon={props.horizon} locale={props.locale} currency={props.currency} valid={bad.length === 0} />
        </div>

        {readOnly ? null : (
          <div className="col-span-2 flex gap-2">
            <button type="submit" disabled={saving} className="rounded-md bg-blue-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60">
              {props.mode === "new" ? t("panel.add") : t("panel.save")}
            </button>
            <button type="button" onClick={props.onClose} className="rounded-md border border-gray-300 px-3.5 py-2 text-sm font-medium text-gray-800 hover:bg-gray-50">
              {t("panel.cancel")}
            </button>
          </div>
        )}
      </form>
    </aside>
  );
}
