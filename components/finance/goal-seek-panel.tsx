"use client";
// The overview's goal seek (docs/tax-and-inflation.md): "what benefit makes payback 12 months?".
// The inputs offered are the amounts of the headline scenario's and the baseline's lines (from the
// page's view model: the live model's file may carry no lines on this page) and the discount rate;
// the server searches (lib/finance/goal-seek.ts) on the stored case.
import Decimal from "decimal.js";
import { useState, useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useCaseModel } from "@/components/live/case-model";
import { goalSeekAction } from "@/lib/actions/goal-seek";
import { formatIrr, formatMoney, formatNumber, formatPercent } from "@/lib/i18n/format";
import { parseDecimalInput, parsePercentInput } from "@/lib/i18n/parse-decimal";

const METRICS = ["payback", "npv", "afterTaxNpv", "irr", "roi"] as const;
type Metric = (typeof METRICS)[number];

const selectClass =
  "block w-full rounded-md border border-gray-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30";

type Outcome =
  | { kind: "reached"; input: string; value: string; metric: Metric; achieved: string }
  | { kind: "missed"; low: string; high: string }
  | { kind: "error"; text: string };

export interface GoalSeekInput {
  input: string; // "<line id>.amount"
  name: string;
  scenario: string;
}

export function GoalSeekPanel({ caseId, lines }: { caseId: string; lines: GoalSeekInput[] }) {
  const t = useTranslations("finance.goalSeek");
  const locale = useLocale();
  const model = useCaseModel();
  const [input, setInput] = useState("");
  const [metric, setMetric] = useState<Metric>("payback");
  const [target, setTarget] = useState("12");
  const [targetError, setTargetError] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, start] = useTransition();
  if (!model) return null;
  const { file, output } = model;
  const inputs = [
    ...lines.map((l) => ({ value: l.input, label: t("lineAmount", { name: l.name, scenario: l.scenario }) })),
    { value: "discountRate", label: t("discountRate") },
  ];
  const chosen = input || inputs[0]!.value;
  const metrics = METRICS.filter((m) => m !== "afterTaxNpv" || file.tax);
  const rate = metric === "irr" || metric === "roi";
  const money = metric === "npv" || metric === "afterTaxNpv";
  const show = (m: Metric, v: string) =>
    m === "payback"
      ? formatNumber(v, locale, 2)
      : m === "irr"
        ? formatIrr(v, locale, 2)
        : m === "roi"
          ? formatPercent(v, locale, 2)
          : formatMoney(v, output.currency, locale);
  const showInput = (name: string, v: string) =>
    name === "discountRate" ? formatPercent(v, locale, 2) : formatMoney(v, output.currency, locale);

  function submit() {
    const parsed = rate ? parsePercentInput(target, locale) : parseDecimalInput(target, locale);
    if (parsed === null) {
      setTargetError(t("badTarget"));
      return;
    }
    setTargetError(undefined);
    const request = { input: chosen, metric, target: new Decimal(parsed).toString() };
    start(async () => {
      const r = await goalSeekAction({ caseId, request });
      if (!r.ok) setOutcome({ kind: "error", text: t("error", { message: r.message }) });
      else if (r.data.reached)
        setOutcome({ kind: "reached", input: chosen, value: r.data.value, metric, achieved: r.data.achieved });
      else setOutcome({ kind: "missed", low: r.data.low, high: r.data.high });
    });
  }

  const label = (value: string) => inputs.find((i) => i.value === value)?.label ?? value;
  return (
    <section
      className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm"
      aria-labelledby="goal-seek-heading"
      data-testid="goal-seek"
    >
      <h2 id="goal-seek-heading" className="text-sm font-semibold">
        {t("heading")}
      </h2>
      <p className="mt-1 text-sm text-gray-700">{t("intro")}</p>
      <form
        noValidate
        className="mt-4 grid gap-x-6 gap-y-4 md:grid-cols-3"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Field id="goal-seek-input" label={t("input")}>
          <select
            id="goal-seek-input"
            value={chosen}
            onChange={(e) => setInput(e.target.value)}
            className={selectClass}
          >
            {inputs.map((i) => (
              <option key={i.value} value={i.value}>
                {i.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="goal-seek-metric" label={t("metric")}>
          <select
            id="goal-seek-metric"
            value={metric}
            onChange={(e) => setMetric(e.target.value as Metric)}
            className={selectClass}
          >
            {metrics.map((m) => (
              <option key={m} value={m}>
                {t(`metrics.${m}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="goal-seek-target"
          label={t("target")}
          hint={
            money
              ? t("targetHintMoney", { currency: output.currency })
              : rate
                ? t("targetHintRate")
                : t("targetHintMonths")
          }
          error={targetError}
        >
          <Input
            id="goal-seek-target"
            inputMode="decimal"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            invalid={Boolean(targetError)}
            className="text-right tabular-nums"
          />
        </Field>
        <div className="md:col-span-3">
          <Button type="submit" disabled={pending} data-testid="goal-seek-submit">
            {pending ? t("searching") : t("submit")}
          </Button>
        </div>
      </form>
      {outcome ? (
        <p
          role="status"
          data-testid="goal-seek-result"
          data-kind={outcome.kind}
          className={`mt-4 rounded-md px-4 py-3 text-sm ${outcome.kind === "reached" ? "border border-blue-100 bg-blue-50 text-blue-950" : "border border-amber-200 bg-amber-50 text-amber-950"}`}
        >
          {outcome.kind === "reached"
            ? t("result", {
                input: label(outcome.input),
                value: showInput(outcome.input, outcome.value),
                metric: t(`metrics.${outcome.metric}`),
                achieved: show(outcome.metric, outcome.achieved),
              })
            : outcome.kind === "missed"
              ? t("notReached", {
                  low: showInput(chosen, outcome.low),
                  high: showInput(chosen, outcome.high),
                })
              : outcome.text}
        </p>
      ) : null}
    </section>
  );
}
