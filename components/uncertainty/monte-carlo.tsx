"use client";
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { formatMoney, formatNumber, formatPercent, intlTag } from "@/lib/i18n/format";
import { NpvHistogram } from "./npv-histogram";

// The engine's SimulationResult as the API sends it (decimal strings).
interface SimulationResult {
  scenario: string;
  baseline?: string; // set when the figures are the incremental NPV against the baseline
  iterations: number;
  seed: number;
  uncertainLines: number;
  method: string;
  npv: { p10: string; p50: string; p90: string; mean: string };
  roi: { p10: string | null; p50: string | null; p90: string | null };
  probabilityNpvPositive: string;
  histogram: { from: string; to: string; count: number }[];
}

type Phase = "idle" | "starting" | "loaded" | "sampling" | "summarising" | "done" | "cancelled";
type StreamLine =
  | { type: "progress"; phase: "loaded" | "sampling" | "summarising"; done: number; total: number }
  | { type: "result"; data: SimulationResult }
  | { type: "error"; error: { message: string } };

const MIN = 1_000;
const MAX = 100_000;
const MAX_SEED = 4_294_967_295;

function parseWhole(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return Number.isSafeInteger(n) ? n : null;
}

// Runs the case's Monte Carlo on the server (POST .../simulate streams NDJSON progress lines, one per
// chunk of iterations as the run advances, then the result) and shows the progress as it arrives,
// then the percentiles and the histogram. With a baselineName the run is the incremental one (the
// scenario against the baseline, the headline figure); without, the scenario on its own.
export function MonteCarlo({
  caseId,
  scenarioKey,
  scenarioName,
  baselineName,
  currency,
  locale,
}: {
  caseId: string;
  scenarioKey: string;
  scenarioName: string;
  baselineName: string | null;
  currency: string;
  locale: string;
}) {
  const t = useTranslations("uncertainty.monteCarlo");
  const id = useId();
  const [iterations, setIterations] = useState("10000");
  const [seed, setSeed] = useState("1");
  const [errors, setErrors] = useState<{ iterations?: string; seed?: string; form?: string }>({});
  const [phase, setPhase] = useState<Phase>("idle");
  const [progress, setProgress] = useState({ done: 0, total: 0 });
  const [result, setResult] = useState<SimulationResult | null>(null);
  const abort = useRef<AbortController | null>(null);
  const running = phase === "starting" || phase === "loaded" || phase === "sampling" || phase === "summarising";

  const money = (v: string) => formatMoney(v, currency, locale);
  const pct = (v: string | null) => (v === null ? t("notAvailable") : formatPercent(v, locale));
  const num = (v: number) => formatNumber(String(v), locale);

  async function run(event: React.FormEvent) {
    event.preventDefault();
    const it = parseWhole(iterations);
    const sd = parseWhole(seed);
    const found: typeof errors = {};
    if (it === null || it < MIN || it > MAX)
      found.iterations = t("errors.iterations", { min: num(MIN), max: num(MAX) });
    if (sd === null || sd > MAX_SEED) found.seed = t("errors.seed", { max: num(MAX_SEED) });
    setErrors(found);
    if (found.iterations || found.seed) return;

    const controller = new AbortController();
    abort.current = controller;
    setPhase("starting");
    setProgress({ done: 0, total: it! });
    try {
      const response = await fetch(`/api/v1/cases/${encodeURIComponent(caseId)}/simulate`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/x-ndjson" },
        body: JSON.stringify({
          iterations: it,
          seed: sd,
          scenarioKey,
          mode: baselineName !== null ? "incremental" : "scenario",
        }),
        signal: controller.signal,
      });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as {
          error?: { fieldErrors?: { path: string }[] };
        } | null;
        const paths = body?.error?.fieldErrors?.map((f) => f.path) ?? [];
        if (response.status === 422 && paths.includes("iterations")) setErrors({ iterations: t("errors.tooMuchWork") });
        else if (response.status === 422 && paths.includes("seed"))
          setErrors({ seed: t("errors.seed", { max: num(MAX_SEED) }) });
        else if (response.status === 401) setErrors({ form: t("errors.signedOut") });
        else if (response.status === 429) setErrors({ form: t("errors.busy") });
        else setErrors({ form: t("errors.failed") });
        setPhase("idle");
        return;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      let final: SimulationResult | null = null;
      for (;;) {
        const { done, value } = await reader.read();
        if (value) buffer += value;
        let nl: number;
        while ((nl = buffer.indexOf("\n")) >= 0) {
          const text = buffer.slice(0, nl).trim();
          buffer = buffer.slice(nl + 1);
          if (!text) continue;
          const line = JSON.parse(text) as StreamLine;
          if (line.type === "progress") {
            setPhase(line.phase);
            setProgress({ done: line.done, total: line.total });
          } else if (line.type === "result") final = line.data;
          else throw new Error(line.error.message);
        }
        if (done) break;
      }
      if (!final) throw new Error("the stream ended without a result");
      setResult(final);
      setProgress({ done: final.iterations, total: final.iterations });
      setPhase("done");
    } catch (error) {
      if (controller.signal.aborted) {
        setPhase("cancelled");
      } else {
        console.error(error);
        setErrors({ form: t("errors.failed") });
        setPhase("idle");
      }
    } finally {
      abort.current = null;
    }
  }

  const percent = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  const status =
    phase === "starting"
      ? t("phase.starting")
      : phase === "loaded"
        ? t("phase.loaded", { total: num(progress.total) })
        : phase === "sampling"
          ? t("phase.sampling", { done: num(progress.done), total: num(progress.total) })
          : phase === "summarising"
            ? t("phase.summarising", { total: num(progress.total) })
            : phase === "done"
              ? t("phase.done", { total: num(progress.total) })
              : phase === "cancelled"
                ? t("phase.cancelled")
                : "";

  const inputClass = (invalid: boolean) =>
    `block w-full rounded-md border px-3 py-2 text-right text-sm tabular-nums shadow-sm outline-none focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 ${invalid ? "border-red-500" : "border-gray-300"}`;

  return (
    <div className="space-y-5">
      <form
        onSubmit={run}
        noValidate
        className="flex flex-wrap items-start gap-4"
        aria-describedby={errors.form ? `${id}-form-error` : undefined}
      >
        <div className="w-40 space-y-1.5">
          <label htmlFor={`${id}-iterations`} className="block text-sm font-medium text-gray-800">
            {t("iterations")}
          </label>
          <input
            id={`${id}-iterations`}
            name="iterations"
            type="number"
            inputMode="numeric"
            min={MIN}
            max={MAX}
            step={1000}
            value={iterations}
            onChange={(e) => setIterations(e.target.value)}
            aria-invalid={errors.iterations ? true : undefined}
            aria-describedby={errors.iterations ? `${id}-iterations-error` : `${id}-iterations-hint`}
            className={inputClass(Boolean(errors.iterations))}
          />
          {errors.iterations ? (
            <p id={`${id}-iterations-error`} role="alert" className="text-xs text-red-700">
              {errors.iterations}
            </p>
          ) : (
            <p id={`${id}-iterations-hint`} className="text-xs text-gray-600">
              {t("iterationsHint", { min: num(MIN), max: num(MAX) })}
            </p>
          )}
        </div>
        <div className="w-40 space-y-1.5">
          <label htmlFor={`${id}-seed`} className="block text-sm font-medium text-gray-800">
            {t("seed")}
          </label>
          <input
            id={`${id}-seed`}
            name="seed"
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            value={seed}
            onChange={(e) => setSeed(e.target.value)}
            aria-invalid={errors.seed ? true : undefined}
            aria-describedby={errors.seed ? `${id}-seed-error` : `${id}-seed-hint`}
            className={inputClass(Boolean(errors.seed))}
          />
          {errors.seed ? (
            <p id={`${id}-seed-error`} role="alert" className="text-xs text-red-700">
              {errors.seed}
            </p>
          ) : (
            <p id={`${id}-seed-hint`} className="text-xs text-gray-600">
              {t("seedHint")}
            </p>
          )}
        </div>
        <div className="flex gap-2 pt-7">
          <button
            type="submit"
            disabled={running}
            className="inline-flex items-center justify-center rounded-md bg-blue-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:cursor-not-allowed disabled:bg-blue-300"
          >
            {running ? t("running") : t("run")}
          </button>
          {running ? (
            <button
              type="button"
              onClick={() => abort.current?.abort()}
              className="inline-flex items-center justify-center rounded-md border border-gray-300 bg-white px-3.5 py-2 text-sm font-medium text-gray-800 hover:bg-gray-50"
            >
              {t("cancel")}
            </button>
          ) : null}
        </div>
      </form>
      {errors.form ? (
        <p
          id={`${id}-form-error`}
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {errors.form}
        </p>
      ) : null}

      {phase !== "idle" ? (
        <div className="space-y-1.5" data-testid="simulation-progress">
          <div
            role="progressbar"
            aria-label={t("progressLabel")}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={status}
            className="h-2 w-full overflow-hidden rounded-full bg-gray-200"
          >
            <div
              className={`h-full rounded-full ${phase === "cancelled" ? "bg-gray-400" : "bg-blue-600"} transition-[width] duration-150`}
              style={{ width: `${percent}%` }}
            />
          </div>
          <p className="text-xs text-gray-700" aria-live="polite">
            {status}
          </p>
        </div>
      ) : null}

      {result ? (
        <div className="space-y-5" data-testid="simulation-result" aria-busy={running || undefined}>
          <p className="text-xs text-gray-600">
            {result.baseline !== undefined && baselineName !== null
              ? t("resultsForIncremental", {
                  iterations: num(result.iterations),
                  seed: String(result.seed),
                  scenario: scenarioName,
                  baseline: baselineName,
                  lines: result.uncertainLines,
                })
              : t("resultsFor", {
                  iterations: num(result.iterations),
                  seed: String(result.seed),
                  scenario: scenarioName,
                  lines: result.uncertainLines,
                })}
          </p>
          <a
            href={`/api/v1/cases/${encodeURIComponent(caseId)}/report.pdf?locale=${locale}&iterations=${result.iterations}&seed=${result.seed}`}
            className="inline-block rounded-md border border-gray-300 px-3 py-1.5 text-sm font-medium text-gray-800 hover:bg-gray-50"
            data-testid="report-with-simulation"
          >
            {t("reportWithRun")}
          </a>
          <div className="grid gap-5 md:grid-cols-3">
            <div className="overflow-x-auto md:col-span-2">
              <table className="w-full text-sm">
                <caption className="sr-only">{t("percentiles")}</caption>
                <thead>
                  <tr className="border-b border-gray-200 text-xs text-gray-600">
                    <th scope="col" className="py-2 pr-3 text-left font-medium">
                      {t("metric")}
                    </th>
                    <th scope="col" className="py-2 pr-3 text-right font-medium">
                      {t("p10")}
                    </th>
                    <th scope="col" className="py-2 pr-3 text-right font-medium">
                      {t("p50")}
                    </th>
                    <th scope="col" className="py-2 text-right font-medium">
                      {t("p90")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <tr className="border-b border-gray-100">
                    <th scope="row" className="py-2 pr-3 text-left font-medium">
                      {t("npv")}
                    </th>
                    <td className="figure py-2 pr-3" data-testid="npv-p10">
                      {money(result.npv.p10)}
                    </td>
                    <td className="figure py-2 pr-3 font-semibold" data-testid="npv-p50">
                      {money(result.npv.p50)}
                    </td>
                    <td className="figure py-2" data-testid="npv-p90">
                      {money(result.npv.p90)}
                    </td>
                  </tr>
                  <tr>
                    <th scope="row" className="py-2 pr-3 text-left font-medium">
                      {t("roi")}
                    </th>
                    <td className="figure py-2 pr-3" data-testid="roi-p10">
                      {pct(result.roi.p10)}
                    </td>
                    <td className="figure py-2 pr-3 font-semibold" data-testid="roi-p50">
                      {pct(result.roi.p50)}
                    </td>
                    <td className="figure py-2" data-testid="roi-p90">
                      {pct(result.roi.p90)}
                    </td>
                  </tr>
                </tbody>
              </table>
              <p className="mt-2 text-xs text-gray-600">{t("mean", { npv: money(result.npv.mean) })}</p>
            </div>
            <div className="rounded-md border border-gray-200 bg-gray-50 px-4 py-3">
              <div className="text-xs font-medium text-gray-600">{t("probability")}</div>
              <div
                className="figure mt-0.5 text-left text-2xl font-semibold text-gray-900"
                data-testid="probability-positive"
              >
                {formatPercent(result.probabilityNpvPositive, locale)}
              </div>
            </div>
          </div>
          <div>
            <h3 className="mb-2 text-sm font-semibold">{t("histogram")}</h3>
            <NpvHistogram
              bins={result.histogram}
              iterations={result.iterations}
              locale={intlTag(locale)}
              currency={currency}
              fullLabel={(v) => money(v)}
            />
          </div>
          <div className="rounded-md border border-gray-200 bg-gray-50 px-3 py-2 text-xs text-gray-700">
            <p>{t("floatNote")}</p>
            <details className="mt-1">
              <summary className="cursor-pointer text-gray-800">{t("method")}</summary>
              <p className="mt-1 text-gray-700" lang="en">
                {result.method}
              </p>
            </details>
          </div>
        </div>
      ) : null}
    </div>
  );
}
