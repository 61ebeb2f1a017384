"use client";
// The case's comments: a form for a new thread (about the case or one of its objects), then the
// threads, open first. Comments are shown exactly as typed (text, never HTML; dir="auto" so
// right-to-left text reads right). Writes go to the comments API with the session cookie, then
// the page refreshes; other people's comments arrive through the live stream (LiveCase).
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { TargetOption, ThreadView } from "@/lib/dto/collab";
import { MentionTextarea } from "./mention-textarea";

interface Props {
  caseId: string;
  threads: ThreadView[];
  targets: TargetOption[];
  members: { id: string; name: string }[];
  initialTarget: string; // "case" or "<kind>:<stableId>"
  filter: { key: string; label: string } | null;
  showAllHref: string;
  locale: string;
}

type Failure = { kind: "conflict" | "error"; message: string };

async function send(
  url: string,
  method: string,
  body?: unknown,
): Promise<{ ok: true; data: unknown } | { ok: false; status: number; message: string }> {
  try {
    const res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => null)) as {
      data?: unknown;
      error?: { message?: string; fieldErrors?: { path: string; message: string }[] };
    } | null;
    if (res.ok) return { ok: true, data: json?.data };
    const fe = json?.error?.fieldErrors?.map((f) => `${f.path}: ${f.message}`).join("; ");
    return { ok: false, status: res.status, message: fe || json?.error?.message || `HTTP ${res.status}` };
  } catch (error) {
    return { ok: false, status: 0, message: (error as Error).message };
  }
}

// The body as text, with @mentions of members emphasised (still text: React escapes it).
function renderBody(body: string, names: string[]): ReactNode[] {
  const sorted = [...names].sort((a, b) => b.length - a.length).filter(Boolean);
  if (!sorted.length) return [body];
  const out: ReactNode[] = [];
  let rest = body;
  let key = 0;
  while (rest) {
    let best: { at: number; name: string } | null = null;
    for (const n of sorted) {
      const at = rest.toLocaleLowerCase().indexOf(`@${n.toLocaleLowerCase()}`);
      if (at >= 0 && (!best || at < best.at)) best = { at, name: n };
    }
    if (!best) {
      out.push(rest);
      break;
    }
    if (best.at > 0) out.push(rest.slice(0, best.at));
    out.push(
      <strong key={key++} className="font-semibold text-indigo-800">
        {rest.slice(best.at, best.at + best.name.length + 1)}
      </strong>,
    );
    rest = rest.slice(best.at + best.name.length + 1);
  }
  return out;
}

export function CommentsPanel(props: Props) {
  const t = useTranslations("collab.comments");
  const router = useRouter();
  const [target, setTarget] = useState(props.initialTarget);
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const open = props.threads.filter((th) => !th.resolved);
  const resolved = props.threads.filter((th) => th.resolved);

  const submit = async () => {
    if (!body.trim()) return;
    setBusy(true);
    const option = props.targets.find((o) => o.key === target);
    const payload = {
      body,
      ...(option && option.kind !== "case" ? { target: { kind: option.kind, id: option.id } } : {}),
    };
    const r = await send(`/api/v1/cases/${props.caseId}/comments`, "POST", payload);
    setBusy(false);
    if (r.ok) {
      setBody("");
      setFailure(null);
      router.refresh();
    } else setFailure({ kind: "error", message: r.message });
  };

  const fmt = (iso: string) =>
    new Intl.DateTimeFormat(props.locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <section
        aria-labelledby="new-comment"
        className="space-y-3 rounded-lg border border-gray-200 bg-white p-4 shadow-sm"
      >
        <h2 id="new-comment" className="text-base font-semibold">
          {t("new")}
        </h2>
        <p className="text-sm text-gray-600">{t("intro")}</p>
        <label className="block text-sm font-medium text-gray-800">
          {t("on")}
          <select
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            className="mt-1 block w-full rounded-md border border-gray-300 px-2 py-1.5 text-sm"
            data-testid="comment-target"
          >
            {props.targets.map((o) => (
              <option key={o.key} value={o.key}>
                {o.kind === "case" ? t("targetCase") : `${t(`kinds.${o.kind}`)}: ${o.label}`}
              </option>
            ))}
          </select>
        </label>
        <MentionTextarea
          label={t("new")}
          value={body}
          onChange={setBody}
          members={props.members}
          placeholder={t("placeholder")}
          mentionsLabel={t("mentions")}
          testid="new-comment-body"
          onSubmit={submit}
        />
        {failure ? (
          <p role="alert" className="text-sm text-red-700">
            {t("failed", { message: failure.message })}
          </p>
        ) : null}
        <Button onClick={submit} disabled={busy || !body.trim()} data-testid="send-comment">
          {t("send")}
        </Button>
      </section>
      <section aria-label={t("title")} className="space-y-4" data-testid="threads">
        {props.filter ? (
          <p className="text-sm text-gray-700">
            {t("showing", { name: props.filter.label })} ·{" "}
            <Link href={props.showAllHref} prefetch={false} className="text-blue-700 hover:underline">
              {t("showAll")}
            </Link>
          </p>
        ) : null}
        {!props.threads.length ? <p className="text-sm text-gray-600">{t("none")}</p> : null}
        {open.length ? <h2 className="text-sm font-semibold text-gray-800">{t("openThreads")}</h2> : null}
        {open.map((th) => (
          <Thread key={th.id} thread={th} {...props} fmt={fmt} onFailure={setFailure} />
        ))}
        {resolved.length ? <h2 className="text-sm font-semibold text-gray-800">{t("resolvedThreads")}</h2> : null}
        {resolved.map((th) => (
          <Thread key={th.id} thread={th} {...props} fmt={fmt} onFailure={setFailure} />
        ))}
      </section>
    </div>
  );
}

function Thread({
  thread,
  caseId,
  members,
  fmt,
  onFailure,
}: Props & { thread: ThreadView; fmt: (iso: string) => string; onFailure: (f: Failure | null) => void }) {
  const t = useTranslations("collab.comments");
  const router = useRouter();
  const [reply, setReply] = useState("");
  const [replying, setReplying] = useState(false);
  const [editing, setEditing] = useState<{ id: string; body: string; revision: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const first = thread.comments[0]!;
  const label =
    thread.target.kind === "case"
      ? t("targetCase")
      : thread.target.exists
        ? `${t(`kinds.${thread.target.kind}`)}: ${thread.target.label}`
        : t("deletedObject", { kind: t(`kinds.${thread.target.kind}`) });

  const act = async (url: string, method: string, body?: unknown) => {
    const r = await send(url, method, body);
    if (r.ok) {
      setProblem(null);
      onFailure(null);
      router.refresh();
      return true;
    }
    setProblem(r.status === 409 ? t("conflict") : t("failed", { message: r.message }));
    if (r.status === 409) router.refresh();
    return false;
  };

  return (
    <article
      className={`rounded-lg border bg-white p-4 shadow-sm ${thread.resolved ? "border-gray-200 opacity-80" : "border-indigo-200"}`}
      data-testid="thread"
      data-target={thread.target.kind === "case" ? "case" : `${thread.target.kind}:${thread.target.id}`}
    >
      <header className="mb-2 flex flex-wrap items-center justify-between gap-2 text-sm">
        {thread.target.href ? (
          <Link
            href={thread.target.href}
            prefetch={false}
            className="font-medium text-blue-700 hover:underline"
            data-testid="thread-target"
          >
            {label}
          </Link>
        ) : (
          <span className="font-medium text-gray-800" data-testid="thread-target">
            {label}
          </span>
        )}
        <span className="flex items-center gap-2">
          {thread.resolved ? (
            <span className="rounded bg-teal-50 px-1.5 py-0.5 text-xs font-semibold text-teal-900">
              {t("resolved")}
            </span>
          ) : null}
          <Button
            variant="ghost"
            className="!px-2 !py-1 text-xs"
            onClick={() => act(`/api/v1/comments/${thread.id}/resolve`, "POST", { resolved: !thread.resolved })}
          >
            {thread.resolved ? t("reopen") : t("resolve")}
          </Button>
        </span>
      </header>
      <ol className="space-y-3">
        {thread.comments.map((c) => (
          <li key={c.id} className={c.id === first.id ? "" : "border-l-2 border-gray-100 pl-3"} data-testid="comment">
            <div className="flex flex-wrap items-baseline gap-2 text-xs text-gray-600">
              <span className="font-semibold text-gray-900">{c.authorName ?? "API"}</span>
              <time dateTime={c.createdAt}>{fmt(c.createdAt)}</time>
              {c.editedAt ? <span>({t("edited")})</span> : null}
            </div>
            {c.deleted ? (
              <p className="text-sm italic text-gray-500">{t("deletedComment")}</p>
            ) : editing?.id === c.id ? (
              <div className="mt-1 space-y-2">
                <MentionTextarea
                  label={t("edit")}
                  value={editing.body}
                  onChange={(v) => setEditing({ ...editing, body: v })}
                  members={members}
                  mentionsLabel={t("mentions")}
                  testid="edit-comment-body"
                />
                <div className="flex gap-2">
                  <Button
                    onClick={async () => {
                      if (
                        await act(`/api/v1/comments/${c.id}`, "PATCH", {
                          body: editing.body,
                          revision: editing.revision,
                        })
                      )
                        setEditing(null);
                      else setEditing((e) => (e ? { ...e, revision: c.revision } : e));
                    }}
                  >
                    {t("save")}
                  </Button>
                  <Button variant="secondary" onClick={() => setEditing(null)}>
                    {t("cancel")}
                  </Button>
                </div>
              </div>
            ) : (
              <p
                dir="auto"
                className="mt-0.5 whitespace-pre-wrap break-words text-sm text-gray-900"
                data-testid="comment-body"
              >
                {renderBody(c.body, c.mentionNames)}
              </p>
            )}
            {!c.deleted && editing?.id !== c.id && (c.canEdit || c.canDelete) ? (
              <div className="mt-1 flex gap-1">
                {c.canEdit ? (
                  <Button
                    variant="ghost"
                    className="!px-2 !py-0.5 text-xs"
                    onClick={() => setEditing({ id: c.id, body: c.body, revision: c.revision })}
                  >
                    {t("edit")}
                  </Button>
                ) : null}
                {c.canDelete ? (
                  <Button
                    variant="ghost"
                    className="!px-2 !py-0.5 text-xs text-red-700"
                    onClick={() => window.confirm(t("confirmDelete")) && act(`/api/v1/comments/${c.id}`, "DELETE")}
                  >
                    {t("delete")}
                  </Button>
                ) : null}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {problem ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {problem}
        </p>
      ) : null}
      {replying ? (
        <div className="mt-3 space-y-2">
          <MentionTextarea
            label={t("reply")}
            value={reply}
            onChange={setReply}
            members={members}
            placeholder={t("replyPlaceholder")}
            mentionsLabel={t("mentions")}
            testid="reply-body"
          />
          <div className="flex gap-2">
            <Button
              disabled={!reply.trim()}
              onClick={async () => {
                if (await act(`/api/v1/cases/${caseId}/comments`, "POST", { body: reply, parentId: thread.id })) {
                  setReply("");
                  setReplying(false);
                }
              }}
            >
              {t("reply")}
            </Button>
            <Button variant="secondary" onClick={() => setReplying(false)}>
              {t("cancel")}
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="secondary" className="mt-3 !py-1 text-xs" onClick={() => setReplying(true)}>
          {t("reply")}
        </Button>
      )}
    </article>
  );
}
