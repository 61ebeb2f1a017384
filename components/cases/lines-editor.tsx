"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { addLineAction, deleteLineAction } from "@/lib/actions/cases";

export interface EditorLine {
  id: string;
  scenarioId: string;
  kind: "cost" | "benefit";
  name: string;
  category: string;
  categoryLabel: string;
  amountLabel: string; // formatted on the server
  timingLabel: string;
}

const COST_CATEGORIES = ["software", "other-licences", "hardware", "integration", "implementation-labour", "support-labour", "planning", "training", "change-management", "other"];
const BENEFIT_CATEGORIES = ["revenue", "productivity", "cost-saving", "sales-cost", "retention", "inventory", "other"];

// The case's lines with add and delete. Every write names the case version it was based on; a
// refused write (409) keeps what was typed and the page shows the current figures.
export function LinesEditor(props: {
  slug: string;
  caseId: string;
  version: number;
  currency: string;
  horizon: number;
  canEdit: boolean;
  scenarios: { id: string; name: string }[];
  lines: EditorLine[];
  categoryLabels: Record<string, string>;
}) {
  const t = useTranslations("case");
  const common = useTranslations("common");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ kind: "error" | "info"; text: string }>();
  const [scenarioId, setScenarioId] = useState(props.scenarios[props.scenarios.length - 1]?.id ?? "");
  const [kind, setKind] = useState<"cost" | "benefit">("cost");
  const [timing, setTiming] = useState<"once" | "monthly" | "quarterly" | "annual">("monthly");
  const visible = props.lines.filter((l) => l.scenarioId === scenarioId);
  const categories = kind === "cost" ? COST_CATEGORIES : BENEFIT_CATEGORIES;

  const fail = (r: { code: string; message: string; fieldErrors?: { path: string; message: string }[] }) =>
    setMessage({ kind: "error", text: r.code === "conflict" ? t("conflict") : r.fieldErrors?.length ? r.fieldErrors.map((f) => `${f.path}: ${f.message}`).join("; ") : r.code === "internal" ? common("error") : r.message });

  return (
    <section className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm" aria-labelledby="lines-heading">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id="lines-heading" className="text-sm font-semibold">
          {t("lines")}
        </h2>
        <label className="flex items-center gap-2 text-sm">
          <span>{t("scenario")}</span>
          <select aria-label={t("scenario")} value={scenarioId} onChange={(e) => setScenarioId(e.target.value)} className="rounded-md border border-gray-300 bg-white px-2 py-1">
            {props.scenarios.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {message ? (
        <p role={message.kind === "error" ? "alert" : "status"} className={`mb-3 rounded-md px-3 py-2 text-sm ${message.kind === "error" ? "bg-red-50 text-red-800" : "bg-teal-50 text-teal-900"}`}>
          {message.text}
        </p>
      ) : null}
      {visible.length === 0 ? <p className="text-sm text-gray-600">{t("noLines")}</p> : null}
      {visible.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b border-gray-200 text-left text-gray-600">
                <th scope="col" className="py-2 pr-3 font-medium">{t("kind")}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{t("name")}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{t("category")}</th>
                <th scope="col" className="num py-2 pr-3 font-medium">{t("amount", { currency: props.currency })}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{t("timing")}</th>
                {props.canEdit ? <th scope="col" className="py-2"><span className="sr-only">{common("remove")}</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {visible.map((l) => (
                <tr key={l.id} className="border-b border-gray-100" data-testid="line-row">
                  <td className={`py-2 pr-3 text-xs font-semibold ${l.kind === "cost" ? "text-amber-800" : "text-teal-800"}`}>{l.kind === "cost" ? t("cost") : t("benefit")}</td>
                  <td className="max-w-xs break-words py-2 pr-3">{l.name}</td>
                  <td className="py-2 pr-3 text-gray-700">{l.categoryLabel}</td>
                  <td className="num whitespace-nowrap py-2 pr-3">{l.amountLabel}</td>
                  <td className="py-2 pr-3 text-gray-700">{l.timingLabel}</td>
                  {props.canEdit ? (
                    <td className="py-2 text-right">
                      <Button
                        variant="ghost"
                        aria-label={t("delete", { name: l.name })}
                        disabled={pending}
                        onClick={() =>
                          start(async () => {
                            const r = await deleteLineAction({ slug: props.slug, caseId: props.caseId, lineId: l.id, version: props.version });
                            if (!r.ok) fail(r);
                            router.refresh();
                          })
                        }
                      >
                        ✕
                      </Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {props.canEdit ? (
        <form
          className="mt-4 grid grid-cols-2 gap-3 border-t border-gray-100 pt-4 sm:grid-cols-3 lg:grid-cols-7"
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const d = new FormData(form);
            const base = { kind, scenarioId, name: String(d.get("name")), category: String(d.get("category")), amount: String(d.get("amount")).trim() };
            const line =
              timing === "once"
                ? { ...base, month: Number(d.get("month")) }
                : { ...base, recurring: timing, startMonth: Number(d.get("startMonth")), endMonth: Number(d.get("endMonth")) };
            start(async () => {
              const r = await addLineAction({ slug: props.slug, caseId: props.caseId, version: props.version, line });
              if (!r.ok) {
                fail(r); // the inputs keep what was typed
              } else {
                setMessage(undefined);
                form.reset();
              }
              router.refresh();
            });
          }}
        >
          <label className="text-xs font-medium text-gray-700">
            {t("kind")}
            <select aria-label={t("kind")} value={kind} onChange={(e) => setKind(e.target.value as "cost" | "benefit")} className="mt-1 block w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm">
              <option value="cost">{t("cost")}</option>
              <option value="benefit">{t("benefit")}</option>
            </select>
          </label>
          <label className="text-xs font-medium text-gray-700 lg:col-span-2">
            {t("name")}
            <input aria-label={t("name")} name="name" required maxLength={300} className="mt-1 block w-full rounded-md border border-gray-300 px-2 py-1.5 text-sm" />
          </label>
          <label className="text-xs font-medium text-gray-700">
            {t("category")}
            <select aria-label={t("category")} name="category" key={kind} defaultValue={categories[0]} className="mt-1 block w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm">
              {categories.map((c) => (
                <option key={c} value={c}>
                  {props.categoryLabels[c] ?? c}
                </option>
              ))}
            </select>
          </label>
          <label className="text-xs font-medium text-gray-700">
            {t("amount", { currency: props.currency })}
            <input aria-label={t("amount", { currency: props.currency })} name="amount" required inputMode="decimal" pattern="-?[0-9]+([.][0-9]+)?" className="mt-1 block w-full rounded-md border border-gray-300 px-2 py-1.5 text-right text-sm tabular-nums" />
          </label>
          <label className="text-xs font-medium text-gray-700">
            {t("timing")}
            <select aria-label={t("timing")} value={timing} onChange={(e) => setTiming(e.target.value as typeof timing)} className="mt-1 block w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm">
              <option value="once">{t("once")}</option>
              <option value="monthly">{t("monthly")}</option>
              <option value="quarterly">{t("quarterly")}</option>
              <option value="annual">{t("annual")}</option>
            </select>
          </label>
          {timing === "once" ? (
            <label className="text-xs font-medium text-gray-700">
              {t("month")}
              <input aria-label={t("month")} name="month" type="number" min={0} max={props.horizon} defaultValue={0} className="mt-1 block w-full rounded-md border border-gray-300 px-2 py-1.5 text-sm" />
            </label>
          ) : (
            <div className="flex gap-2">
              <label className="text-xs font-medium text-gray-700">
                {t("startMonth")}
                <input aria-label={t("startMonth")} name="startMonth" type="number" min={0} max={props.horizon} defaultValue={timing === "annual" ? 12 : timing === "quarterly" ? 3 : 1} className="mt-1 block w-full rounded-md border border-gray-300 px-2 py-1.5 text-sm" />
              </label>
              <label className="text-xs font-medium text-gray-700">
                {t("endMonth")}
                <input aria-label={t("endMonth")} name="endMonth" type="number" min={0} max={props.horizon} defaultValue={props.horizon} className="mt-1 block w-full rounded-md border border-gray-300 px-2 py-1.5 text-sm" />
              </label>
            </div>
          )}
          <div className="col-span-full">
            <Button type="submit" disabled={pending}>
              {t("addLine")}
            </Button>
          </div>
        </form>
      ) : (
        <p className="mt-3 text-xs text-gray-600">{t("readOnly")}</p>
      )}
    </section>
  );
}
