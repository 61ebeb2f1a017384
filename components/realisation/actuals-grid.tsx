"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { saveLineActualsAction } from "@/lib/actions/realisation";
import { formatNumber } from "@/lib/i18n/format";
import { parseDecimalInput, toInputText } from "@/lib/i18n/parse-decimal";
import { readAmount, splitTsv } from "@/lib/lines/paste";
import type { ActualsRow, Tone } from "@/lib/dto/realisation";

// Actuals by line (rows) and month (columns), keyboard-first like the lines grid (WAI-ARIA grid):
// arrows, Home/End move; Enter, F2 or typing edits; Enter saves and moves down, Tab saves and
// moves right, Escape cancels; Delete clears a month. A block pasted from a spreadsheet lands at
// the focused cell (rows = lines, columns = months) and is saved in one write.

interface Props {
  caseId: string;
  canEdit: boolean;
  locale: string;
  months: { month: number; label: string }[];
  rows: ActualsRow[];
}

type Changes = Record<string, Record<string, string | null>>;

export const TONE_CLASS: Record<Tone, string> = {
  good: "bg-teal-50 text-teal-900",
  bad: "bg-rose-50 text-rose-900",
  even: "text-gray-900",
  none: "text-gray-900",
};

export function ActualsGrid({ caseId, canEdit, locale, months, rows }: Props) {
  const t = useTranslations("realisation");
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [active, setActive] = useState({ row: 0, col: 0 });
  const [editing, setEditing] = useState<{ row: number; col: number; text: string } | null>(null);
  const [pending, setPending] = useState<Record<string, string | null>>({});
  // Kept as message keys (or the server's own text), so a language switch re-renders them.
  type Note = { key: string; values?: Record<string, string | number> } | { text: string };
  const [status, setStatus] = useState<Note | null>(null);
  const [error, setError] = useState<Note | null>(null);
  const say = (n: Note | null) => (n === null ? "" : "text" in n ? n.text : t(n.key as never, n.values as never));
  const cells = useRef(new Map<string, HTMLTableCellElement>());
  const focusNext = useRef(false);
  const ended = useRef(false);

  // New rows from the server carry what was saved: drop the optimistic values.
  const [seenRows, setSeenRows] = useState(rows);
  if (seenRows !== rows) {
    setSeenRows(rows);
    setPending({});
  }
  useEffect(() => {
    if (!focusNext.current) return;
    focusNext.current = false;
    cells.current.get(`${active.row}:${active.col}`)?.focus();
  }, [active, editing]);

  const valueOf = (row: number, col: number): string | null => {
    const r = rows[row]!;
    const key = `${r.lineId}:${months[col]!.month}`;
    return key in pending ? pending[key]! : r.cells[col]!.actual;
  };

  const move = (row: number, col: number) => {
    focusNext.current = true;
    setActive({ row: Math.max(0, Math.min(rows.length - 1, row)), col: Math.max(0, Math.min(months.length - 1, col)) });
  };

  async function save(changes: Changes, count: number) {
    const flat: Record<string, string | null> = {};
    for (const [lineId, byMonth] of Object.entries(changes))
      for (const [m, v] of Object.entries(byMonth)) flat[`${lineId}:${m}`] = v;
    setPending((p) => ({ ...p, ...flat }));
    setStatus({ key: "grid.saving" });
    setError(null);
    const result = await saveLineActualsAction({ caseId, changes });
    if (!result.ok) {
      setPending((p) => Object.fromEntries(Object.entries(p).filter(([k]) => !(k in flat))));
      setStatus(null);
      const names = new Map(rows.map((r) => [r.lineId, r.name]));
      const details = (result.fieldErrors ?? []).map((e) => {
        const [lineId, ...rest] = e.path.split(".");
        return `${names.get(lineId!) ?? lineId} ${rest.join(".")}: ${e.message}`;
      });
      setError({ text: [result.message, ...details].join(" \u2013 ") });
      return;
    }
    setStatus(count > 1 ? { key: "grid.pasted", values: { count } } : { key: "grid.saved" });
    startTransition(() => router.refresh());
  }

  function commit(row: number, col: number, text: string) {
    const r = rows[row]!;
    const month = String(months[col]!.month);
    const trimmed = text.trim();
    const value = trimmed === "" ? null : parseDecimalInput(trimmed, locale);
    if (trimmed !== "" && value === null) {
      setError({ key: "grid.notNumber", values: { text: trimmed, row: row + 1, column: col + 1 } });
      return false;
    }
    if (value === valueOf(row, col)) return true;
    void save({ [r.lineId]: { [month]: value } }, 1);
    return true;
  }

  function onCellKey(e: React.KeyboardEvent, row: number, col: number) {
    if (editing) return;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(row + 1, col),
      ArrowUp: () => move(row - 1, col),
      ArrowRight: () => move(row, col + 1),
      ArrowLeft: () => move(row, col - 1),
      Home: () => move(row, 0),
      End: () => move(row, months.length - 1),
    };
    if (keys[e.key]) {
      e.preventDefault();
      keys[e.key]!();
      return;
    }
    if (!canEdit) return;
    if (e.key === "Enter" || e.key === "F2") {
      e.preventDefault();
      const v = valueOf(row, col);
      setEditing({ row, col, text: v === null ? "" : toInputText(v, locale) });
    } else if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      commit(row, col, "");
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      setEditing({ row, col, text: e.key });
    }
  }

  function onEditorKey(e: React.KeyboardEvent<HTMLInputElement>) {
    if (!editing) return;
    const { row, col } = editing;
    if (e.key === "Escape") {
      e.preventDefault();
      ended.current = true;
      setEditing(null);
      move(row, col);
    } else if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      ended.current = true;
      if (!commit(row, col, e.currentTarget.value)) return;
      setEditing(null);
      if (e.key === "Enter") move(row + 1, col);
      else move(row, col + (e.shiftKey ? -1 : 1));
    }
  }

  function onPaste(e: React.ClipboardEvent) {
    if (!canEdit || editing) return;
    const text = e.clipboardData.getData("text/plain");
    if (!text) return;
    e.preventDefault();
    const records = splitTsv(text.replace(/\r?\n$/, ""));
    if (active.row + records.length > rows.length || records.some((r) => active.col + r.length > months.length)) {
      setError({ key: "grid.tooWide" });
      return;
    }
    const changes: Changes = {};
    let count = 0;
    for (let i = 0; i < records.length; i++) {
      const r = rows[active.row + i]!;
      for (let j = 0; j < records[i]!.length; j++) {
        const raw = records[i]![j]!.trim();
        if (raw === "") continue;
        const read = readAmount(raw, locale);
        if (!read.ok) {
          setError({
            key: "grid.notNumber",
            values: { text: raw, row: active.row + i + 1, column: active.col + j + 1 },
          });
          return;
        }
        (changes[r.lineId] ??= {})[String(months[active.col + j]!.month)] = read.value;
        count++;
      }
    }
    if (count) void save(changes, count);
  }

  if (!rows.length) return <p className="text-sm text-gray-600">{t("grid.noLines")}</p>;
  const fmt = (v: string | null) => (v === null ? "" : formatNumber(v, locale, 0));

  return (
    <div className="space-y-2">
      <p className="text-xs text-gray-600" id="actuals-help">
        {canEdit ? t("grid.help") : t("grid.readOnly")}
      </p>
      <div className="overflow-x-auto rounded-md border border-gray-200">
        <table
          role="grid"
          aria-describedby="actuals-help"
          aria-label={t("grid.heading")}
          className="min-w-full border-collapse text-sm"
          onPaste={onPaste}
          data-testid="actuals-grid"
        >
          <thead className="bg-gray-50 text-xs text-gray-700">
            <tr role="row">
              <th
                role="columnheader"
                scope="col"
                className="sticky left-0 z-10 min-w-48 bg-gray-50 px-3 py-2 text-left font-semibold"
              >
                {t("grid.line")}
              </th>
              {months.map((m) => (
                <th
                  role="columnheader"
                  scope="col"
                  key={m.month}
                  className="min-w-24 px-2 py-2 text-right font-semibold whitespace-nowrap"
                >
                  {m.label}
                </th>
              ))}
              <th role="columnheader" scope="col" className="min-w-28 px-3 py-2 text-right font-semibold">
                {t("grid.variance")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, row) => (
              <tr
                role="row"
                key={r.lineId}
                className="border-t border-gray-100"
                data-testid={`actuals-row-${r.stableId}`}
              >
                <th
                  role="rowheader"
                  scope="row"
                  className="sticky left-0 z-10 bg-white px-3 py-1.5 text-left font-normal"
                >
                  <span className="block max-w-56 truncate">{r.name}</span>
                  <span className="text-xs text-gray-600">
                    {r.kind === "cost" ? t("grid.cost") : t("grid.benefit")}
                  </span>
                </th>
                {months.map((m, col) => {
                  const isActive = active.row === row && active.col === col;
                  const isEditing = editing !== null && editing.row === row && editing.col === col;
                  const key = `${r.lineId}:${m.month}`;
                  const value = valueOf(row, col);
                  const cell = r.cells[col]!;
                  const toneClass = key in pending ? "text-gray-900" : TONE_CLASS[cell.tone];
                  return (
                    <td
                      role="gridcell"
                      key={m.month}
                      ref={(el) => {
                        if (el) cells.current.set(`${row}:${col}`, el);
                        else cells.current.delete(`${row}:${col}`);
                      }}
                      tabIndex={isActive && !isEditing ? 0 : -1}
                      aria-label={t("grid.cellLabel", {
                        line: r.name,
                        month: m.label,
                        actual: value === null ? t("grid.empty") : fmt(value),
                        plan: cell.planText,
                      })}
                      aria-readonly={!canEdit}
                      onFocus={() => (isActive ? null : setActive({ row, col }))}
                      onClick={() => setActive({ row, col })}
                      onDoubleClick={() =>
                        canEdit && setEditing({ row, col, text: value === null ? "" : toInputText(value, locale) })
                      }
                      onKeyDown={(e) => onCellKey(e, row, col)}
                      className={`px-2 py-1 text-right align-top tabular-nums outline-none focus:ring-2 focus:ring-blue-600 focus:ring-inset ${toneClass}`}
                      data-testid={`actual-${r.stableId}-${m.month}`}
                    >
                      {isEditing ? (
                        <input
                          autoFocus
                          aria-label={t("grid.cellLabel", {
                            line: r.name,
                            month: m.label,
                            actual: "",
                            plan: cell.planText,
                          })}
                          className="w-24 rounded border border-blue-600 px-1 py-0.5 text-right"
                          value={editing.text}
                          onChange={(e) => setEditing({ ...editing, text: e.target.value })}
                          onKeyDown={onEditorKey}
                          onBlur={(e) => {
                            if (ended.current) {
                              ended.current = false;
                              return;
                            }
                            if (commit(row, col, e.currentTarget.value)) setEditing(null);
                          }}
                        />
                      ) : (
                        <span className="block min-h-5 font-medium">{fmt(value)}</span>
                      )}
                      {cell.plan !== "0" || value !== null ? (
                        <span className="block text-[11px] text-gray-600">
                          {t("grid.plan", { value: cell.planText })}
                        </span>
                      ) : (
                        <span className="block text-[11px]">&nbsp;</span>
                      )}
                    </td>
                  );
                })}
                <td
                  className={`px-3 py-1.5 text-right tabular-nums whitespace-nowrap ${TONE_CLASS[r.tone]}`}
                  data-testid={`variance-${r.stableId}`}
                >
                  {r.varianceText}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p role="status" aria-live="polite" className="min-h-5 text-xs text-gray-700" data-testid="actuals-status">
        {say(status)}
      </p>
      {error ? (
        <p
          role="alert"
          className="rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900"
          data-testid="actuals-error"
        >
          {say(error)}
        </p>
      ) : null}
    </div>
  );
}
