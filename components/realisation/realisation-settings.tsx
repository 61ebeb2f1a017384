"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { saveRealisationSettingsAction } from "@/lib/actions/realisation";
import { SaveStatus } from "@/components/ui/save-status";

// Go-live month, "actuals through" and the scenario being carried out: tracking settings (they
// never change the plan or its approval).
interface Props {
  caseId: string;
  canEdit: boolean;
  horizon: number;
  monthLabels: string[]; // 0..horizon
  settings: {
    actualsThrough: number | null;
    goLiveMonth: number;
    chosenScenario: string;
    scenarios: { key: string; name: string }[];
  };
}

export function RealisationSettings({ caseId, canEdit, horizon, monthLabels, settings }: Props) {
  const t = useTranslations("realisation.settings");
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [through, setThrough] = useState(settings.actualsThrough === null ? "" : String(settings.actualsThrough));
  const [goLive, setGoLive] = useState(String(settings.goLiveMonth));
  const [scenario, setScenario] = useState(settings.chosenScenario);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const options = Array.from({ length: horizon + 1 }, (_, m) => m);
  const label = (m: number) => t("monthOption", { month: m, date: monthLabels[m] ?? "" });

  async function save() {
    setBusy(true);
    setMessage(null);
    const next: Record<string, unknown> = {};
    if ((through === "" ? null : Number(through)) !== settings.actualsThrough)
      next.actualsThrough = through === "" ? null : Number(through);
    if (Number(goLive) !== settings.goLiveMonth) next.goLiveMonth = Number(goLive);
    if (scenario !== settings.chosenScenario) next.chosenScenario = scenario;
    const result = Object.keys(next).length
      ? await saveRealisationSettingsAction({ caseId, settings: next })
      : { ok: true as const };
    setBusy(false);
    if (!result.ok) {
      setMessage({
        ok: false,
        text: [result.message, ...(result.fieldErrors ?? []).map((e) => `${e.path}: ${e.message}`)].join(" \u2013 "),
      });
      return;
    }
    setMessage({ ok: true, text: "" });
    startTransition(() => router.refresh());
  }

  const field = "mt-1 block w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm disabled:bg-gray-50";
  return (
    <form
      className="grid gap-3 sm:grid-cols-4 sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      aria-label={t("heading")}
    >
      <label className="text-sm text-gray-800">
        {t("goLive")}
        <select
          className={field}
          value={goLive}
          onChange={(e) => setGoLive(e.target.value)}
          disabled={!canEdit}
          data-testid="go-live"
        >
          {options.map((m) => (
            <option key={m} value={m}>
              {label(m)}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm text-gray-800">
        {t("actualsThrough")}
        <select
          className={field}
          value={through}
          onChange={(e) => setThrough(e.target.value)}
          disabled={!canEdit}
          data-testid="actuals-through"
        >
          <option value="">{t("none")}</option>
          {options.map((m) => (
            <option key={m} value={m}>
              {label(m)}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm text-gray-800">
        {t("chosenScenario")}
        <select
          className={field}
          value={scenario}
          onChange={(e) => setScenario(e.target.value)}
          disabled={!canEdit}
          data-testid="chosen-scenario"
        >
          {settings.scenarios.map((s) => (
            <option key={s.key} value={s.key}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      {canEdit ? (
        <div>
          <button
            type="submit"
            disabled={busy}
            className="rounded-md bg-blue-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
            data-testid="save-tracking"
          >
            {t("save")}
          </button>
        </div>
      ) : null}
      <SaveStatus
        message={message && { ok: message.ok, text: message.ok ? t("saved") : message.text }}
        className="sm:col-span-4"
        testId="tracking-message"
      />
    </form>
  );
}
