"use client";
import { useTranslations } from "next-intl";
import { Fragment, useId, useMemo, useRef, useState } from "react";
import { ConflictNotice } from "@/components/cases/conflict-notice";
import { useCaseModelStore } from "@/components/live/case-model";
import type { Sent, useCaseWrite } from "@/components/editing/use-case-write";
import { addLineAction, updateLineAction } from "@/lib/actions/lines";
import type { Result } from "@/lib/errors";
import { LINE_DEFAULTS, NEW_LINE_CATEGORY, toFileLine, type LineFields, type LinePatch } from "@/lib/case-file/line";
import { parseDecimalInput, parsePercentInput, toInputText, toPercentInputText } from "@/lib/i18n/parse-decimal";
import { CategoryHint } from "./category-hint";
import { LineShape } from "./line-shape";
import { BENEFIT_CATEGORIES, COST_CATEGORIES } from "@/lib/case-file/categories";
import { BENEFIT_ONLY_FIELDS, STORED_FIELDS, fieldsOfKind, lineFieldSpec } from "@/lib/case-file/line-fields";
import type { GridLine } from "@/lib/lines/grid-line";

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
  currency: string; // ISO 4217; empty: the case's currency
}

// A new line's draft: the case file's defaults (lib/case-file/line.ts), as the form shows them.
function initialDraft(line: GridLine | undefined, kind: "cost" | "benefit", horizon: number, locale: string): Draft {
  const source = line ?? {
    name: "",
    category: NEW_LINE_CATEGORY[kind],
    notes: "",
    tangible: LINE_DEFAULTS.tangible,
    kpi: null,
    amount: null,
    low: null,
    high: null,
    labour: null,
    month: null,
    recurring: "monthly" as const,
    startMonth: 1,
    endMonth: horizon,
    schedule: null,
    escalation: LINE_DEFAULTS.escalation,
    riskAdjustment: LINE_DEFAULTS.riskAdjustment,
    rampMonths: LINE_DEFAULTS.rampMonths,
    rampCurve: LINE_DEFAULTS.rampCurve,
    realisation: LINE_DEFAULTS.realisation,
    margin: LINE_DEFAULTS.margin,
    currency: null,
  };
  const num = (v: string | null) => (v !== null ? toInputText(v, locale) : "");
  return {
    name: source.name,
    category: source.category,
    notes: source.notes,
    basis: source.labour ? "labour" : "amount",
    amount: num(source.amount),
    low: num(source.low),
    high: num(source.high),
    hours: num(source.labour?.hours ?? null),
    rate: num(source.labour?.rate ?? null),
    people: source.labour ? toInputText(source.labour.people, locale) : "1",
    timing: source.schedule ? "schedule" : (source.recurring ?? "once"),
    month: String(source.month ?? 0),
    startMonth: String(
      source.startMonth ?? (source.recurring === "annual" ? 12 : source.recurring === "quarterly" ? 3 : 1),
    ),
    endMonth: String(source.endMonth ?? horizon),
    escalation: toPercentInputText(source.escalation, locale),
    riskAdjustment: toPercentInputText(source.riskAdjustment, locale),
    tangible: source.tangible,
    rampMonths: String(source.rampMonths),
    rampCurve: source.rampCurve,
    realisation: toPercentInputText(source.realisation, locale),
    margin: toPercentInputText(source.margin, locale),
    kpi: source.kpi ?? "",
    currency: source.currency ?? "",
  };
}

// The draft read into a line's fields (numbers in the user's locale, percentages as shares), then
// converted to a case-file line by the one conversion (toFileLine), or the fields that are not
// numbers.
function draftToFileLine(
  d: Draft,
  kind: "cost" | "benefit",
  locale: string,
  original: GridLine | undefined,
): { line: Record<string, unknown>; bad: string[] } {
  const bad: string[] = [];
  const num = (field: string, text: string) => {
    const v = parseDecimalInput(text, locale);
    if (v === null) bad.push(field);
    return v ?? "0";
  };
  const pct = (field: string, text: string) => {
    const v = parsePercentInput(text, locale);
    if (v === null) bad.push(field);
    return v ?? "0";
  };
  const int = (field: string, text: string) => {
    if (!/^\d{1,3}$/.test(text.trim())) bad.push(field);
    return Number(text.trim() || 0);
  };
  const tangible = kind === "cost" || d.tangible;
  const timed = tangible && d.timing !== "schedule";
  const recurring = tangible && d.timing !== "once" && d.timing !== "schedule" ? d.timing : null;
  const ramp = tangible && kind === "benefit" ? int("rampMonths", d.rampMonths) : 0;
  const fields: LineFields = {
    stableId: "", // a draft: the line keeps its id on the server
    kind,
    name: d.name.trim(),
    category: d.category,
    notes: d.notes.trim() ? d.notes : "",
    tangible,
    kpi: kind === "benefit" && d.kpi.trim() ? d.kpi.trim() : null,
    amount: timed && d.basis === "amount" ? num("amount", d.amount) : null,
    labour:
      timed && d.basis === "labour"
        ? { hours: num("hours", d.hours), rate: num("rate", d.rate), people: num("people", d.people) }
        : null,
    low: timed && d.low.trim() ? num("low", d.low) : null,
    high: timed && d.high.trim() ? num("high", d.high) : null,
    month: tangible && d.timing === "once" ? int("month", d.month) : null,
    recurring,
    startMonth: recurring ? int("startMonth", d.startMonth) : null,
    endMonth: recurring ? int("endMonth", d.endMonth) : null,
    schedule: tangible && d.timing === "schedule" ? (original?.schedule ?? {}) : null,
    escalation: tangible ? pct("escalation", d.escalation) : LINE_DEFAULTS.escalation,
    riskAdjustment: tangible ? pct("riskAdjustment", d.riskAdjustment) : LINE_DEFAULTS.riskAdjustment,
    rampMonths: ramp,
    rampCurve: ramp > 0 ? d.rampCurve : LINE_DEFAULTS.rampCurve,
    realisation: tangible && kind === "benefit" ? pct("realisation", d.realisation) : LINE_DEFAULTS.realisation,
    margin: tangible && kind === "benefit" ? pct("margin", d.margin) : LINE_DEFAULTS.margin,
    currency: tangible && d.currency.trim() ? d.currency.trim().toUpperCase() : null,
    // Not edited here (the case file or API sets it): the line keeps what it has.
    capitalised: kind === "cost" ? (original?.capitalised ?? null) : null,
  };
  return { line: { ...toFileLine(fields), category: d.category }, bad };
}

// Every stored field of the line field table: an edit sends each, null for those the draft no
// longer has; a cost's patch leaves out the fields only a benefit carries.
const FIELDS = STORED_FIELDS;
// Fields the table asks a plain code input for (the line's currency), shown after the amount.
const codeFields = (kind: "cost" | "benefit") => fieldsOfKind(kind).filter((f) => lineFieldSpec(f).input === "code");

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
  send: ReturnType<typeof useCaseWrite>["send"]; // the grid's write cycle
  onSaved: (message: string) => void;
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
  const { line: fileLine, bad } = useMemo(
    () => draftToFileLine(draft, props.kind, props.locale, props.line),
    [draft, props.kind, props.locale, props.line],
  );
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
      setFailure({
        f: {
          ok: false,
          code: "validation",
          message: "",
          fieldErrors: bad.map((b) => ({ path: b, message: t("panel.notANumber") })),
        },
        since: 0,
      });
      return;
    }
    setSaving(true);
    try {
      let sent: Sent<{ version: number }>;
      if (props.mode === "new") {
        sent = await props.send((version) =>
          addLineAction({
            caseId: props.caseId,
            version,
            line: { ...fileLine, kind: props.kind, scenarioId: props.scenarioId },
          }),
        );
      } else {
        // A patch: every field the line may carry, null for those the draft no longer has.
        const values = fileLine as LinePatch;
        const patch: LinePatch = {};
        for (const f of FIELDS) (patch as Record<string, unknown>)[f] = values[f] ?? null;
        patch.name = values.name;
        patch.category = values.category;
        if (!isBenefit) for (const f of BENEFIT_ONLY_FIELDS) delete patch[f];
        const lineId = props.line!.id;
        // The figures follow at once (the engine in the browser, components/live/case-model.tsx);
        // the server's answer carries its own, which replace them.
        const token = store?.editLine(props.line!.stableId, patch);
        const u = await props.send((version) => updateLineAction({ lineId, version, patch }));
        if (token !== undefined) {
          if (u.result.ok) {
            const { figures, version } = u.result.data;
            void store!.confirmFigures(token, version, figures);
          } else store!.drop(token);
        }
        sent = u;
      }
      const r = sent.result;
      if (r.ok) {
        setFailure(null);
        props.onSaved(t("grid.saved", { name: String(fileLine.name) }));
        if (props.mode === "new") props.onClose();
      } else {
        setFailure({ f: r, since: sent.basedOn }); // the draft stays as typed
        props.onSaved("");
      }
    } finally {
      setSaving(false);
    }
  };

  const fieldError = (name: string) =>
    failure?.f.fieldErrors?.find((e) => e.path === name || e.path.startsWith(`${name}.`) || e.path.endsWith(`.${name}`))
      ?.message;
  const input = (
    name: keyof Draft,
    label: string,
    opts: { suffix?: string; numeric?: boolean; wide?: boolean; placeholder?: string; maxLength?: number } = {},
  ) => (
    <label className={`block text-xs font-medium text-gray-700 ${opts.wide ? "col-span-2" : ""}`}>
      {label}
      <span className="mt-1 flex items-center gap-1">
        <input
          id={`${id}-${name}`}
          value={String(draft[name])}
          readOnly={readOnly}
          onChange={(e) => set(name, e.target.value as never)}
          inputMode={opts.numeric ? "decimal" : undefined}
          placeholder={opts.placeholder}
          maxLength={opts.maxLength}
          aria-invalid={fieldError(name) || bad.includes(name) ? true : undefined}
          className={`block w-full rounded-md border px-2 py-1.5 text-sm ${opts.numeric ? "text-right tabular-nums" : ""} ${fieldError(name) || bad.includes(name) ? "border-red-600" : "border-gray-300"} read-only:bg-gray-50`}
        />
        {opts.suffix ? <span className="text-gray-600">{opts.suffix}</span> : null}
      </span>
      {fieldError(name) ? <span className="mt-0.5 block text-red-700">{fieldError(name)}</span> : null}
    </label>
  );

  return (
    <aside
      aria-labelledby={`${id}-heading`}
      className="h-fit rounded-lg border border-gray-200 bg-white p-5 shadow-sm xl:sticky xl:top-28"
      data-testid="line-panel"
    >
      <div className="mb-3 flex items-start justify-between gap-2">
        <h2 id={`${id}-heading`} ref={headingRef} className="break-words text-sm font-semibold">
          {props.mode === "new"
            ? isBenefit
              ? t("grid.addBenefit")
              : t("grid.addCost")
            : t("panel.title", { name: props.line!.name })}
        </h2>
        <button
          type="button"
          onClick={props.onClose}
          aria-label={t("panel.close")}
          className="rounded px-1.5 text-gray-600 hover:bg-gray-100"
        >
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
          {failure.f.fieldErrors
            .map((f) => `${t.has(`fields.${f.path}`) ? t(`fields.${f.path}`) : f.path}: ${f.message}`)
            .join("; ")}
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
          <select
            value={draft.category}
            disabled={readOnly}
            onChange={(e) => set("category", e.target.value)}
            className="mt-1 block w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm"
          >
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
            <input
              type="checkbox"
              checked={!draft.tangible}
              disabled={readOnly}
              onChange={(e) => set("tangible", !e.target.checked)}
            />
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
                    <input
                      type="radio"
                      name={`${id}-basis`}
                      checked={draft.basis === b}
                      disabled={readOnly || draft.timing === "schedule"}
                      onChange={() => set("basis", b)}
                    />
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
            {codeFields(props.kind).map((f) => (
              <Fragment key={f}>
                {input(f as keyof Draft, t(lineFieldSpec(f).label), { placeholder: props.currency, maxLength: 3 })}
              </Fragment>
            ))}
            {draft.timing !== "schedule" ? (
              <fieldset className="col-span-2 grid grid-cols-2 gap-3">
                <legend className="mb-1 text-xs text-gray-600">{t("panel.range")}</legend>
                {input("low", t("panel.low"), { numeric: true })}
                {input("high", t("panel.high"), { numeric: true })}
              </fieldset>
            ) : null}
            <label className="col-span-2 block text-xs font-medium text-gray-700">
              {t("timing")}
              <select
                value={draft.timing}
                disabled={readOnly || draft.timing === "schedule"}
                onChange={(e) => set("timing", e.target.value as Timing)}
                className="mt-1 block w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm"
              >
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
                  <select
                    value={draft.rampCurve}
                    disabled={readOnly}
                    onChange={(e) => set("rampCurve", e.target.value as Draft["rampCurve"])}
                    className="mt-1 block w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm"
                  >
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
          <textarea
            value={draft.notes}
            readOnly={readOnly}
            onChange={(e) => set("notes", e.target.value)}
            rows={2}
            maxLength={2000}
            className="mt-1 block w-full rounded-md border border-gray-300 px-2 py-1.5 text-sm read-only:bg-gray-50"
          />
        </label>

        <div className="col-span-2">
          <LineShape
            line={fileLine}
            kind={props.kind}
            horizon={props.horizon}
            locale={props.locale}
            currency={props.currency}
            valid={bad.length === 0}
          />
        </div>

        {readOnly ? null : (
          <div className="col-span-2 flex gap-2">
            <button
              type="submit"
              disabled={saving}
              className="rounded-md bg-blue-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
            >
              {props.mode === "new" ? t("panel.add") : t("panel.save")}
            </button>
            <button
              type="button"
              onClick={props.onClose}
              className="rounded-md border border-gray-300 px-3.5 py-2 text-sm font-medium text-gray-800 hover:bg-gray-50"
            >
              {t("panel.cancel")}
            </button>
          </div>
        )}
      </form>
    </aside>
  );
}
