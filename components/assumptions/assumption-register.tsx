"use client";
// The assumption register: each assumption's title, description, source, owner, confidence and
// the lines it drives (by stable id), with its comment count. Editors add, edit and delete through
// the assumptions API with the case version (If-Match); a refused write keeps what was typed and
// the page refreshes to the current case. Viewers read and comment.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { CommentCount } from "@/components/comments/comment-count";
import { Button } from "@/components/ui/button";
import type { AssumptionDTO } from "@/lib/case-file/assumption";

// The register's rows: the data layer's DTO (its position is the order they come in).
export type AssumptionItem = Omit<AssumptionDTO, "position">;

interface Props {
  caseId: string;
  version: number;
  canEdit: boolean;
  assumptions: AssumptionItem[];
  lineOptions: { stableId: string; label: string }[];
  comments: { base: string; counts: Record<string, number> };
}

type Draft = Omit<AssumptionItem, "id" | "stableId">;
const EMPTY: Draft = { title: "", text: "", source: "", owner: "", confidence: null, lines: [] };

export function AssumptionRegister(props: Props) {
  const t = useTranslations("collab.assumptions");
  const router = useRouter();
  const version = useRef(props.version);
  useEffect(() => {
    if (props.version > version.current) version.current = props.version;
  }, [props.version]);
  const [editing, setEditing] = useState<{ id: string | null; draft: Draft } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lineLabel = new Map(props.lineOptions.map((l) => [l.stableId, l.label]));

  const send = async (url: string, method: string, body?: unknown) => {
    setBusy(true);
    try {
      const res = await fetch(url, {
        method,
        headers: { "if-match": `"${version.current}"`, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = (await res.json().catch(() => null)) as {
        version?: number;
        error?: { message?: string; fieldErrors?: { path: string; message: string }[] };
      } | null;
      if (res.ok) {
        if (json?.version) version.current = Math.max(version.current, json.version);
        setProblem(null);
        router.refresh();
        return true;
      }
      if (res.status === 409) {
        setProblem(t("conflict"));
        router.refresh();
      } else
        setProblem(
          t("failed", {
            message:
              json?.error?.fieldErrors?.map((f) => `${f.path}: ${f.message}`).join("; ") ||
              json?.error?.message ||
              `HTTP ${res.status}`,
          }),
        );
      return false;
    } finally {
      setBusy(false);
    }
  };

  const body = (d: Draft, patch: boolean) => {
    const out: Record<string, unknown> = { title: d.title.trim() };
    for (const k of ["text", "source", "owner"] as const) {
      if (d[k].trim()) out[k] = d[k];
      else if (patch) out[k] = null;
    }
    if (d.confidence) out.confidence = d.confidence;
    else if (patch) out.confidence = null;
    if (d.lines.length) out.lines = d.lines;
    else if (patch) out.lines = null;
    return out;
  };

  const save = async () => {
    if (!editing || !editing.draft.title.trim()) return;
    const ok = editing.id
      ? await send(`/api/v1/assumptions/${editing.id}`, "PATCH", body(editing.draft, true))
      : await send(`/api/v1/cases/${props.caseId}/assumptions`, "POST", body(editing.draft, false));
    if (ok) setEditing(null);
  };

  const form = (e: { id: string | null; draft: Draft }) => {
    const set = (patch: Partial<Draft>) => setEditing({ ...e, draft: { ...e.draft, ...patch } });
    const field = "mt-1 block w-full rounded-md border border-gray-300 px-2 py-1.5 text-sm";
    return (
      <div
        className="grid gap-3 rounded-lg border border-blue-200 bg-white p-4 md:grid-cols-2"
        data-testid="assumption-form"
      >
        <label className="text-sm font-medium text-gray-800 md:col-span-2">
          {t("fields.title")}
          <input
            className={field}
            value={e.draft.title}
            maxLength={300}
            onChange={(ev) => set({ title: ev.target.value })}
            required
            dir="auto"
          />
        </label>
        <label className="text-sm font-medium text-gray-800 md:col-span-2">
          {t("fields.text")}
          <textarea
            className={field}
            rows={3}
            value={e.draft.text}
            onChange={(ev) => set({ text: ev.target.value })}
            dir="auto"
          />
        </label>
        <label className="text-sm font-medium text-gray-800">
          {t("fields.source")}
          <input
            className={field}
            value={e.draft.source}
            maxLength={500}
            onChange={(ev) => set({ source: ev.target.value })}
            dir="auto"
          />
        </label>
        <label className="text-sm font-medium text-gray-800">
          {t("fields.owner")}
          <input
            className={field}
            value={e.draft.owner}
            maxLength={200}
            onChange={(ev) => set({ owner: ev.target.value })}
            dir="auto"
          />
        </label>
        <label className="text-sm font-medium text-gray-800">
          {t("fields.confidence")}
          <select
            className={field}
            value={e.draft.confidence ?? ""}
            onChange={(ev) => set({ confidence: (ev.target.value || null) as Draft["confidence"] })}
          >
            <option value="">{t("noConfidence")}</option>
            {(["low", "medium", "high"] as const).map((l) => (
              <option key={l} value={l}>
                {t(`levels.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-gray-800">
          {t("fields.lines")}
          <select
            multiple
            className={`${field} h-28`}
            value={e.draft.lines}
            onChange={(ev) => set({ lines: Array.from(ev.target.selectedOptions).map((o) => o.value) })}
            aria-describedby="lines-hint"
          >
            {props.lineOptions.map((l) => (
              <option key={l.stableId} value={l.stableId}>
                {l.label}
              </option>
            ))}
          </select>
          <span id="lines-hint" className="text-xs font-normal text-gray-600">
            {t("linesHint")}
          </span>
        </label>
        <div className="flex gap-2 md:col-span-2">
          <Button onClick={save} disabled={busy || !e.draft.title.trim()}>
            {t("save")}
          </Button>
          <Button variant="secondary" onClick={() => setEditing(null)}>
            {t("cancel")}
          </Button>
        </div>
      </div>
    );
  };

  return (
    <section className="space-y-4" aria-labelledby="assumptions-title">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="assumptions-title" className="text-lg font-semibold">
            {t("title")}
          </h2>
          <p className="text-sm text-gray-600">{props.canEdit ? t("intro") : `${t("intro")} ${t("readOnly")}`}</p>
        </div>
        {props.canEdit && !editing ? (
          <Button onClick={() => setEditing({ id: null, draft: EMPTY })}>{t("add")}</Button>
        ) : null}
      </div>
      {problem ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {problem}
        </p>
      ) : null}
      {editing && editing.id === null ? form(editing) : null}
      {!props.assumptions.length ? <p className="text-sm text-gray-600">{t("empty")}</p> : null}
      <ol className="space-y-3">
        {props.assumptions.map((a) =>
          editing?.id === a.id ? (
            <li key={a.id}>{form(editing)}</li>
          ) : (
            <li
              key={a.id}
              className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm"
              data-testid="assumption-row"
            >
              <div className="flex flex-wrap items-start justify-between gap-2">
                <h3 className="break-words font-medium text-gray-900" dir="auto">
                  {a.title}
                  <CommentCount
                    href={`${props.comments.base}?target=assumption:${encodeURIComponent(a.stableId)}`}
                    count={props.comments.counts[`assumption:${a.stableId}`] ?? 0}
                    name={a.title}
                  />
                </h3>
                {a.confidence ? (
                  <span className="rounded bg-gray-100 px-1.5 py-0.5 text-xs font-semibold text-gray-800">{`${t("fields.confidence")}: ${t(`levels.${a.confidence}`)}`}</span>
                ) : null}
              </div>
              {a.text ? (
                <p className="mt-1 whitespace-pre-wrap break-words text-sm text-gray-800" dir="auto">
                  {a.text}
                </p>
              ) : null}
              <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
                {a.source ? (
                  <div>
                    <dt className="inline text-gray-600">{t("fields.source")}: </dt>
                    <dd className="inline break-words" dir="auto">
                      {a.source}
                    </dd>
                  </div>
                ) : null}
                {a.owner ? (
                  <div>
                    <dt className="inline text-gray-600">{t("fields.owner")}: </dt>
                    <dd className="inline break-words" dir="auto">
                      {a.owner}
                    </dd>
                  </div>
                ) : null}
                {a.lines.length ? (
                  <div className="sm:col-span-2">
                    <dt className="inline text-gray-600">{t("fields.lines")}: </dt>
                    <dd className="inline">{a.lines.map((id) => lineLabel.get(id) ?? t("deletedLine")).join(", ")}</dd>
                  </div>
                ) : null}
              </dl>
              {props.canEdit ? (
                <div className="mt-2 flex gap-1">
                  <Button
                    variant="ghost"
                    className="!px-2 !py-0.5 text-xs"
                    onClick={() =>
                      setEditing({
                        id: a.id,
                        draft: {
                          title: a.title,
                          text: a.text,
                          source: a.source,
                          owner: a.owner,
                          confidence: a.confidence,
                          lines: a.lines,
                        },
                      })
                    }
                  >
                    {t("edit")}
                  </Button>
                  <Button
                    variant="ghost"
                    className="!px-2 !py-0.5 text-xs text-red-700"
                    disabled={busy}
                    onClick={() =>
                      window.confirm(t("confirmDelete")) && void send(`/api/v1/assumptions/${a.id}`, "DELETE")
                    }
                  >
                    {t("delete")}
                  </Button>
                </div>
              ) : null}
            </li>
          ),
        )}
      </ol>
    </section>
  );
}
