// Paste from a spreadsheet into the lines grid: the grid passes `onPaste` to its container. A
// paste into an input, textarea, select or editable element is left alone (the cell editor gets
// it); otherwise the clipboard's text is read as rows (lib/lines/paste.ts), and if every row reads
// the lines are added in one write (addLinesAction: one version, all or nothing). No row is sent
// while any row has a problem. The hook returns codes and data only; the grid translates them.
//
//   const onPaste = usePasteLines({ caseId, kind, scenarioId, locale, horizon, categoryLabels,
//                                   canEdit, version: () => version.current, onStart, onDone });
//   <div onPaste={onPaste}>…
//
// onDone gets { ok: true, added, version, lineIds } or { ok: false, problems, failure? }:
//   problems  rows that did not read (codes of PasteProblemCode), or that the server refused
//             (code "rejected", `message` is the server's reason), each with its pasted row;
//   failure   the action's result when the write was refused (conflict, forbidden, validation…),
//             for the grid's usual handling (ConflictNotice on "conflict").
import { useCallback, useLayoutEffect, useRef, type ClipboardEvent } from "react";
import { addLinesAction } from "@/lib/actions/lines";
import type { Result } from "@/lib/errors";
import {
  parsePastedLines,
  type PasteColumn,
  type PasteProblem,
  type PasteResult,
  type PastedLine,
} from "@/lib/lines/paste";
import { BENEFIT_CATEGORIES, COST_CATEGORIES } from "@/lib/case-file/categories";

export type PasteFailure = Extract<Result<unknown>, { ok: false }>;
export type PasteOutcome =
  | { ok: true; added: number; version: number; lineIds: string[] }
  | { ok: false; problems: PasteProblem[]; failure?: PasteFailure };

export interface UsePasteLinesOptions {
  caseId: string;
  kind: "cost" | "benefit";
  scenarioId: string;
  locale: string;
  horizon: number;
  categoryLabels?: Record<string, string>;
  canEdit: boolean;
  version: () => number; // the case version the screen shows (the grid's ref)
  defaultCategory?: string; // for rows without a known category; "other" unless given
  onStart?: (count: number) => void; // rows read, the write is about to be sent
  onDone: (outcome: PasteOutcome) => void;
}

type Send = (input: {
  caseId: string;
  version: number;
  kind: "cost" | "benefit";
  scenarioId: string;
  lines: PastedLine[];
}) => Promise<Result<{ version: number; added: number; lineIds: string[] }>>;

const COLUMNS = new Set<string>(["name", "amount", "category", "startMonth", "endMonth"]);
const TIMING_FIELDS = new Set(["month", "recurring", "schedule"]);

// The server's fieldErrors ("lines.<i>.<field>", i counting the lines sent) as problems on the
// rows the user pasted.
export function serverProblems(failure: PasteFailure, rows: readonly number[]): PasteProblem[] {
  const out: PasteProblem[] = [];
  for (const fe of failure.fieldErrors ?? []) {
    const m = /^lines\.(\d+)(?:\.([A-Za-z]+))?/u.exec(fe.path);
    const row = m ? rows[Number(m[1])] : undefined;
    if (row === undefined) continue;
    const field = m![2];
    const column: PasteColumn | undefined =
      field && COLUMNS.has(field) ? (field as PasteColumn) : field && TIMING_FIELDS.has(field) ? "timing" : undefined;
    out.push({ row, ...(column ? { column } : {}), code: "rejected", message: fe.message });
  }
  return out;
}

// The rows of a paste, or null when the text holds none (only blanks or a header): then the
// paste is not ours and the browser may handle it.
export function readPaste(
  text: string,
  options: Pick<UsePasteLinesOptions, "kind" | "locale" | "horizon" | "categoryLabels" | "defaultCategory">,
): PasteResult | null {
  const parsed = parsePastedLines(text, {
    locale: options.locale,
    kind: options.kind,
    horizon: options.horizon,
    defaultCategory: options.defaultCategory ?? "other",
    categories: options.kind === "cost" ? COST_CATEGORIES : BENEFIT_CATEGORIES,
    categoryLabels: options.categoryLabels,
  });
  return parsed.lines.length === 0 && parsed.problems.length === 0 ? null : parsed;
}

// Sends the rows if every one read; otherwise reports the problems and sends nothing.
export async function sendPaste(
  parsed: PasteResult,
  options: Pick<UsePasteLinesOptions, "caseId" | "kind" | "scenarioId" | "version" | "onStart">,
  send: Send = addLinesAction,
): Promise<PasteOutcome> {
  if (parsed.problems.length > 0) return { ok: false, problems: parsed.problems };
  options.onStart?.(parsed.lines.length);
  const r = await send({
    caseId: options.caseId,
    version: options.version(),
    kind: options.kind,
    scenarioId: options.scenarioId,
    lines: parsed.lines,
  });
  if (r.ok) return { ok: true, added: r.data.added, version: r.data.version, lineIds: r.data.lineIds };
  return { ok: false, problems: serverProblems(r, parsed.rows), failure: r };
}

function isEditable(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== "function") return false;
  const el = target as HTMLElement;
  return (
    el.isContentEditable ||
    el.closest("input, textarea, select, [contenteditable=''], [contenteditable='true']") !== null
  );
}

export function usePasteLines(options: UsePasteLinesOptions): (event: ClipboardEvent<HTMLElement>) => void {
  // The latest options, read when a paste happens, so the handler stays the same across renders.
  const latest = useRef(options);
  useLayoutEffect(() => {
    latest.current = options;
  });
  const sending = useRef(false);

  return useCallback((event: ClipboardEvent<HTMLElement>) => {
    const o = latest.current;
    if (!o.canEdit || event.defaultPrevented || isEditable(event.target)) return;
    const parsed = readPaste(event.clipboardData?.getData("text/plain") ?? "", o);
    if (!parsed) return;
    event.preventDefault();
    // One paste at a time: a second one while the first is on its way would name the same version
    // and be refused as stale, so it is dropped.
    if (sending.current) return;
    sending.current = true;
    void sendPaste(parsed, o)
      .then((outcome) => latest.current.onDone(outcome))
      .catch(() =>
        latest.current.onDone({
          ok: false,
          problems: [],
          failure: { ok: false, code: "internal", message: "Something went wrong on our side. Try again." },
        }),
      )
      .finally(() => {
        sending.current = false;
      });
  }, []);
}
