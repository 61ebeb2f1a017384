"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, useTransition } from "react";
import { ConflictNotice } from "@/components/cases/conflict-notice";
import { useCaseModel, useCaseModelStore } from "@/components/live/case-model";
import {
  addLineAction,
  deleteLineAction,
  duplicateLineAction,
  reorderLinesAction,
  updateLineAction,
} from "@/lib/actions/lines";
import { toFileLine, type LineDTO, type LinePatch } from "@/lib/case-file/line";
import type { Result } from "@/lib/errors";
import type { LineResult } from "@/lib/finance/types";
import Decimal from "decimal.js";
import { formatMoney, formatNumber, formatPercent } from "@/lib/i18n/format";
import { parseDecimalInput, parsePercentInput, toInputText, toPercentInputText } from "@/lib/i18n/parse-decimal";
import { useCaseWrite } from "@/components/editing/use-case-write";
import { ImportLines } from "./import-lines";
import { CommentCount } from "@/components/comments/comment-count";
import { LinePanel } from "./line-panel";
import { Sparkline } from "./sparkline";
import { usePasteLines, type PasteOutcome } from "./use-paste-lines";
import {
  lineLabels,
  linesFromModel,
  type CaseTranslate,
  type GridLine,
  type GridTotals,
  type SeenLines,
} from "@/lib/lines/grid-line";
import { BENEFIT_CATEGORIES, COST_CATEGORIES } from "@/lib/case-file/categories";

// The cost and benefit lines of one scenario as a keyboard-first grid (WAI-ARIA grid pattern):
// arrows, Home/End and Page keys move between cells; Enter or F2 (or simply typing) edits a
// cell, Enter saves and moves down, Tab saves and moves right, Escape cancels; Alt+Up/Down moves
// a line; Ctrl+D duplicates; Delete removes; Shift+Enter opens the line's details (timing,
// recurrence, ramp, risk adjustment) in the side panel. Rows are virtualised, so a case with
// thousands of lines scrolls and edits like one with ten.

// The line's currency (a code; empty: the case's) sits after the figures, so the columns before it
// keep their places.
type Col = "name" | "category" | "amount" | "timing" | "risk" | "shape" | "total" | "pv" | "currency" | "actions";
const COLS: Col[] = ["name", "category", "amount", "timing", "risk", "shape", "total", "pv", "currency", "actions"];
const EDITABLE: Col[] = ["name", "category", "amount", "risk", "currency"];
const TYPED: Col[] = ["name", "amount", "risk", "currency"];
const NUMERIC: Col[] = ["amount", "risk", "total", "pv"];
const ROW_HEIGHT = 44;
const GRID_TEMPLATE =
  "minmax(10rem,2fr) minmax(9rem,1.3fr) minmax(6rem,0.8fr) minmax(10rem,1.5fr) 5rem 6.5rem minmax(6.5rem,0.9fr) minmax(6.5rem,0.9fr) 5rem 9.5rem";

interface Props {
  caseId: string;
  version: number;
  canEdit: boolean;
  currency: string;
  locale: string;
  horizon: number;
  scenarios: { id: string; name: string; key: string }[];
  lines: GridLine[];
  categoryLabels: Record<string, string>;
  totals: Record<string, GridTotals>; // by `${scenarioId}:${kind}`
  // Open comments by "line:<stableId>", and where the comments tab is.
  comments?: { base: string; counts: Record<string, number> };
}

type Failure = Extract<Result<unknown>, { ok: false }>;

export function LinesGrid(props: Props) {
  const t = useTranslations("case");
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [scenarioId, setScenarioId] = useState(props.scenarios[props.scenarios.length - 1]?.id ?? "");
  const [kind, setKind] = useState<"cost" | "benefit">("cost");
  const [active, setActive] = useState<{ row: number; col: number }>({ row: 0, col: 0 });
  const [editing, setEditing] = useState<{ id: string; col: Col; value: string } | null>(null);
  const [panel, setPanel] = useState<{ mode: "edit"; id: string } | { mode: "new" } | null>(null);
  const [problem, setProblem] = useState<{ failure: Failure; since: number } | null>(null);
  const [status, setStatus] = useState<string>("");
  const [busy, setBusy] = useState(0);
  const [undo, setUndo] = useState<{ line: GridLine; index: number } | null>(null);
  const [pasteProblems, setPasteProblems] = useState<Extract<PasteOutcome, { ok: false }>["problems"] | null>(null);
  // Values typed here that the page's lines do not have yet: shown over them until a render of
  // the page carries them (a version at least the one that saved them; cell edits no longer
  // refresh the page, so these stay while that is the newest render). Never dropped while a write
  // of the line is still on its way, so a render started before it cannot take a typed value back.
  const [pending, setPending] = useState<
    Record<string, { shown: Partial<GridLine>; inflight: number; version: number }>
  >({});
  // The live case model (components/live/case-model.tsx): the figures follow each edit at once.
  const model = useCaseModel();
  const store = useCaseModelStore();
  // The lines as shown: the page's, or, when the live model holds a newer version of the case
  // (someone else's edit read in place, or this user's own confirmed edits), each row's values
  // from the model's case file, matched by stable id, in its order. No page render needed.
  const fromModel = !!model?.complete && model.version > props.version;
  const shownVersion = fromModel ? model!.version : props.version;
  const labelCtx = useMemo(
    () => ({
      t: t as unknown as CaseTranslate,
      locale: props.locale,
      horizon: props.horizon,
      categoryLabel: (c: string) => props.categoryLabels[c] ?? c,
    }),
    [t, props.locale, props.horizon, props.categoryLabels],
  );
  const modelFile = fromModel ? model!.file : null;
  // Lines someone else added: every write names a line by its row id, which the case file does
  // not carry, so their rows are read once through the API (GET /api/v1/cases/{id}) instead of
  // rendering the page again; a later render of the page brings them too (and wins).
  const [added, setAdded] = useState<GridLine[]>([]);
  const baseRows = useMemo(() => {
    if (added.length === 0) return props.lines;
    const known = new Set(props.lines.map((l) => l.stableId));
    const extra = added.filter((l) => !known.has(l.stableId));
    return extra.length ? [...props.lines, ...extra] : props.lines;
  }, [props.lines, added]);
  const missingAt = useMemo(() => {
    if (!modelFile) return null;
    const known = new Set(baseRows.map((l) => l.stableId));
    return modelFile.scenarios.some(
      (s) => s.costs.some((l) => l.id && !known.has(l.id)) || s.benefits.some((l) => l.id && !known.has(l.id)),
    )
      ? model!.version
      : null;
  }, [modelFile, baseRows, model]);
  useEffect(() => {
    if (missingAt === null) return;
    let stale = false;
    void fetch(`/api/v1/cases/${encodeURIComponent(props.caseId)}`, { cache: "no-store" })
      .then((r) => (r.ok ? (r.json() as Promise<{ data: { lines: LineDTO[] } }>) : null))
      .then((body) => {
        if (stale || !body) return;
        setAdded(
          body.data.lines.map((l) => ({ ...l, totalLabel: "\u2013", pvLabel: "\u2013", ...lineLabels(l, labelCtx) })),
        );
      })
      .catch(() => {
        // Offline: the rows come with the page's next render.
      });
    return () => {
      stale = true;
    };
  }, [missingAt, props.caseId, labelCtx]);
  const seen = useMemo((): SeenLines => new WeakMap(), [baseRows, labelCtx]); // eslint-disable-line react-hooks/exhaustive-deps -- a new memory for new rows or labels
  const lines = useMemo(
    () => (modelFile ? linesFromModel(baseRows, modelFile, props.scenarios, labelCtx, seen) : props.lines),
    [modelFile, baseRows, props.lines, props.scenarios, labelCtx, seen],
  );
  // The one client write cycle (components/editing/use-case-write.ts): the grid's cell edits and
  // row actions, and the panel's saves, go through it, based on the version the rows show.
  const cycle = useCaseWrite(shownVersion);
  const gridRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = useRef(false);
  // Set when a key (Enter, Tab, Escape) has already ended the edit, so the blur that follows the
  // editor's removal does not save it a second time.
  const keyEnded = useRef(false);
  // Set while an editor holds input that a refused write gave back: leaving it does not save it
  // again on its own; the user checks it against what changed and presses Enter (or Esc).
  const held = useRef(false);

  useEffect(() => {
    setPending((p) => {
      const kept = Object.entries(p).filter(([, e]) => e.inflight > 0 || e.version > shownVersion);
      return kept.length === Object.keys(p).length ? p : Object.fromEntries(kept);
    });
  }, [lines, shownVersion]);
  // The engine (and its worker) arrive once the grid is on screen, not before it.
  useEffect(() => {
    if (!props.canEdit || !store) return;
    if (typeof requestIdleCallback === "function") {
      const id = requestIdleCallback(() => store.prepare(), { timeout: 1000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(() => store.prepare(), 50);
    return () => clearTimeout(id);
  }, [props.canEdit, store]);

  // Someone else's change to a cell shown here flashes it once (docs/architecture.md#live-events): a cell whose value
  // moved without this user typing it (their own edits carry a pending entry in the same render).
  const shownBefore = useRef<Map<string, GridLine> | null>(null);
  const editingNow = useRef(editing);
  useEffect(() => {
    editingNow.current = editing;
  }, [editing]);
  useEffect(() => {
    const before = shownBefore.current;
    shownBefore.current = new Map(lines.map((l) => [l.id, l]));
    if (!before || !fromModel) return;
    for (const l of lines) {
      const was = before.get(l.id);
      if (!was || was === l || pending[l.id]) continue;
      const cols = (["name", "category", "amount", "risk"] as const).filter((c) =>
        c === "name"
          ? was.name !== l.name
          : c === "category"
            ? was.categoryLabel !== l.categoryLabel
            : c === "amount"
              ? was.amountLabel !== l.amountLabel
              : was.riskAdjustment !== l.riskAdjustment,
      );
      for (const c of cols) {
        if (editingNow.current?.id === l.id && editingNow.current.col === c) continue; // the cell being typed in stays calm
        const cell = gridRef.current?.querySelector<HTMLElement>(`[data-line-id="${l.id}"] [data-col="${c}"]`);
        cell?.animate?.([{ backgroundColor: "rgb(254 243 199)" }, { backgroundColor: "transparent" }], {
          duration: 1500,
          easing: "ease-out",
        });
      }
    }
  }, [lines, fromModel, pending]);

  const withPending = useCallback((l: GridLine) => (pending[l.id] ? { ...l, ...pending[l.id]!.shown } : l), [pending]);
  const rows = useMemo(
    () => lines.filter((l) => l.scenarioId === scenarioId && l.kind === kind).map(withPending),
    [lines, scenarioId, kind, withPending],
  );
  // Each line's risk-adjusted total and present value, and the footer's totals, from the live
  // figures (the server's, or the browser's while an edit is on its way); the page's own where
  // the model has no line results (as the layout rendered it) or outside the model.
  const money = useCallback(
    (v: string) => formatMoney(v, props.currency, props.locale),
    [props.currency, props.locale],
  );
  const lineResults = useMemo(() => {
    const m = new Map<string, LineResult>();
    for (const s of model?.output.scenarios ?? []) for (const l of s.lines) m.set(l.id, l);
    return m;
  }, [model?.output]);
  const totals = useMemo((): GridTotals | undefined => {
    const key = props.scenarios.find((s) => s.id === scenarioId)?.key;
    const result = model?.output.scenarios.find((s) => s.key === key);
    if (!result) return props.totals[`${scenarioId}:${kind}`];
    const cats = result.categories.filter((c) => c.kind === kind);
    const sum = (f: "total" | "pv") => cats.reduce((acc, c) => acc.plus(c[f]), new Decimal(0)).toString();
    return {
      total: money(sum("total")),
      pv: money(sum("pv")),
      categories: [...cats]
        .sort((a, b) => new Decimal(b.total).cmp(a.total))
        .map((c) => ({ label: props.categoryLabels[c.category] ?? c.category, total: money(c.total) })),
    };
  }, [model?.output, props.scenarios, props.totals, props.categoryLabels, scenarioId, kind, money]);
  const counts = useMemo(() => {
    const c = { cost: 0, benefit: 0 };
    for (const l of lines) if (l.scenarioId === scenarioId) c[l.kind]++;
    return c;
  }, [lines, scenarioId]);
  const categories = kind === "cost" ? COST_CATEGORIES : BENEFIT_CATEGORIES;

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => gridRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  // Keep the active cell inside the grid and focused after keyboard moves.
  useEffect(() => {
    if (active.row >= rows.length && rows.length > 0) setActive((a) => ({ ...a, row: rows.length - 1 }));
  }, [rows.length, active.row]);
  useEffect(() => {
    if (!focusAfterRender.current) return;
    focusAfterRender.current = false;
    virtualizer.scrollToIndex(active.row, { align: "auto" });
    requestAnimationFrame(() => {
      const cell = gridRef.current?.querySelector<HTMLElement>(`[data-cell="${active.row}:${active.col}"]`);
      (cell?.querySelector<HTMLElement>("input,select") ?? cell)?.focus();
    });
  }, [active, editing, virtualizer]);

  // Rows pasted from a spreadsheet become lines of this scenario and kind, in one write.
  const onPaste = usePasteLines({
    caseId: props.caseId,
    kind,
    scenarioId,
    locale: props.locale,
    horizon: props.horizon,
    categoryLabels: props.categoryLabels,
    canEdit: props.canEdit,
    version: cycle.version,
    onStart: (count) => setStatus(t("paste.adding", { count })),
    onDone: (outcome) => {
      if (outcome.ok) {
        cycle.saw(outcome.version);
        setPasteProblems(null);
        setProblem(null);
        setStatus(t("paste.added", { count: outcome.added }));
        startTransition(() => router.refresh());
      } else if (outcome.failure && !outcome.problems.length) {
        setStatus("");
        failed(outcome.failure, cycle.version());
      } else {
        setStatus("");
        setPasteProblems(outcome.problems);
      }
    },
  });

  const moveTo = useCallback(
    (row: number, col: number) => {
      focusAfterRender.current = true;
      setActive({ row: Math.max(0, Math.min(rows.length - 1, row)), col: Math.max(0, Math.min(COLS.length - 1, col)) });
    },
    [rows.length],
  );

  const failed = (r: Failure, since: number) => {
    setProblem({ failure: r, since });
    setStatus("");
    startTransition(() => router.refresh());
  };

  // Every write: the version it was based on, the result, and (for changes of the grid's rows:
  // added, removed, moved lines; and any refused write) the refresh that brings them. A cell
  // edit's figures come with its answer instead (refresh: false).
  const write = async <T extends { version: number }>(
    run: (v: number) => Promise<Result<T>>,
    done: string,
    options: { refresh?: boolean } = {},
  ): Promise<Result<T>> => {
    setBusy((b) => b + 1);
    setStatus(t("grid.saving"));
    try {
      const { result: r, basedOn } = await cycle.send(run, options);
      if (r.ok) {
        setProblem(null);
        setStatus(done);
      } else {
        setProblem({ failure: r, since: basedOn });
        setStatus("");
      }
      return r;
    } finally {
      setBusy((b) => b - 1);
    }
  };

  const commit = async (line: GridLine, col: Col, raw: string) => {
    let patch: LinePatch;
    let shown: Partial<GridLine>;
    if (col === "name") {
      if (raw.trim() === line.name) return true;
      patch = { name: raw.trim() };
      shown = { name: raw.trim() };
    } else if (col === "category") {
      if (raw === line.category) return true;
      patch = { category: raw as LinePatch["category"] }; // one of the select's options; the server checks it
      shown = { category: raw, categoryLabel: props.categoryLabels[raw] ?? raw };
    } else if (col === "risk") {
      // Typed as a percentage ("15" or "15 %"), stored as the case file's share ("0.15").
      const share = parsePercentInput(raw, props.locale);
      if (share === null) {
        setProblem({
          failure: {
            ok: false,
            code: "validation",
            message: "",
            fieldErrors: [{ path: "riskAdjustment", message: t("grid.notANumber", { value: raw.slice(0, 40) }) }],
          },
          since: cycle.version(),
        });
        return false;
      }
      if (new Decimal(share).eq(line.riskAdjustment)) return true;
      patch = { riskAdjustment: share };
      shown = { riskAdjustment: share };
    } else if (col === "currency") {
      // Upper-cased as typed; the server checks the code (empty: the case's currency).
      const code = raw.trim().toUpperCase() || null;
      if (code === line.currency) return true;
      patch = { currency: code };
      shown = { currency: code };
    } else {
      const value = parseDecimalInput(raw, props.locale);
      if (value === null) {
        setProblem({
          failure: {
            ok: false,
            code: "validation",
            message: "",
            fieldErrors: [{ path: "amount", message: t("grid.notANumber", { value: raw.slice(0, 40) }) }],
          },
          since: cycle.version(),
        });
        return false;
      }
      if (line.amount !== null && value === line.amount) return true;
      patch = { amount: value, labour: null, ...(line.schedule ? { schedule: null, month: 0 } : {}) };
      shown = { amount: value, amountLabel: formatNumber(value, props.locale, 0) };
    }
    setPending((p) => ({
      ...p,
      [line.id]: {
        shown: { ...p[line.id]?.shown, ...shown },
        inflight: (p[line.id]?.inflight ?? 0) + 1,
        version: p[line.id]?.version ?? 0,
      },
    }));
    // The figures follow in this same render (the engine in the browser, on the case file).
    const token = store?.editLine(line.stableId, patch);
    const r = await write(
      (v) => updateLineAction({ lineId: line.id, version: v, patch }),
      t("grid.saved", { name: shown.name ?? line.name }),
      { refresh: false },
    );
    if (r.ok) {
      // The server's figures: the page's own when the digests agree, else read (another write in
      // between: the case and its figures as they are now).
      if (token !== undefined) void store!.confirmFigures(token, r.data.version, r.data.figures);
      setPending((p) =>
        p[line.id]
          ? {
              ...p,
              [line.id]: {
                ...p[line.id]!,
                inflight: p[line.id]!.inflight - 1,
                version: Math.max(p[line.id]!.version, r.data.version),
              },
            }
          : p,
      );
    } else {
      if (token !== undefined) store?.drop(token);
      setPending((p) => {
        const { [line.id]: _drop, ...rest } = p;
        return rest;
      });
      keyEnded.current = false;
      held.current = true;
      setEditing({ id: line.id, col, value: raw }); // keep what was typed
      const index = rows.findIndex((l) => l.id === line.id);
      if (index >= 0) moveTo(index, COLS.indexOf(col));
      return false;
    }
    return true;
  };

  const move = async (index: number, delta: -1 | 1) => {
    const target = index + delta;
    if (target < 0 || target >= rows.length) return;
    const ids = rows.map((l) => l.id);
    [ids[index], ids[target]] = [ids[target]!, ids[index]!];
    const r = await write(
      (v) => reorderLinesAction({ caseId: props.caseId, version: v, ids }),
      t("grid.moved", { name: rows[index]!.name }),
    );
    if (r.ok) moveTo(target, active.col);
  };
  const duplicate = async (line: GridLine, index: number) => {
    const r = await write(
      (v) => duplicateLineAction({ lineId: line.id, version: v }),
      t("grid.duplicated", { name: line.name }),
    );
    if (r.ok) moveTo(index + 1, 0);
  };
  // Delete at once and offer undo (no confirmation dialog): undo adds the line back, as it was,
  // at its old place (two writes, each with its version, like any other edit).
  const remove = async (line: GridLine, index: number) => {
    const r = await write(
      (v) => deleteLineAction({ lineId: line.id, version: v }),
      t("grid.deleted", { name: line.name }),
    );
    if (r.ok) setUndo({ line, index });
  };
  const restore = async () => {
    if (!undo) return;
    const { line, index } = undo;
    setUndo(null);
    const added = await write(
      (v) =>
        addLineAction({
          caseId: props.caseId,
          version: v,
          line: { ...toFileLine(line), kind: line.kind, scenarioId: line.scenarioId },
        }),
      t("grid.restored", { name: line.name }),
    );
    if (!added.ok || line.kind !== kind || line.scenarioId !== scenarioId) return;
    // The lines as they are now (others may have changed them meanwhile), the restored one put
    // back where it was.
    const order = rows.map((l) => l.id).filter((id) => id !== line.id && id !== added.data.lineId);
    order.splice(Math.min(index, order.length), 0, added.data.lineId);
    if (order.length > 1 && order[order.length - 1] !== added.data.lineId) {
      await write(
        (v) => reorderLinesAction({ caseId: props.caseId, version: v, ids: order }),
        t("grid.restored", { name: line.name }),
      );
    }
    moveTo(index, 0);
  };

  const startEdit = (line: GridLine, col: Col, initial?: string) => {
    if (!props.canEdit || !EDITABLE.includes(col)) return;
    if ((col === "amount" && (line.labour || line.schedule || !line.tangible)) || (col === "risk" && !line.tangible)) {
      setPanel({ mode: "edit", id: line.id });
      return;
    }
    const value =
      initial ??
      (col === "name"
        ? line.name
        : col === "category"
          ? line.category
          : col === "risk"
            ? toPercentInputText(line.riskAdjustment, props.locale)
            : col === "currency"
              ? (line.currency ?? "")
              : line.amount !== null
                ? toInputText(line.amount, props.locale)
                : "");
    focusAfterRender.current = true;
    keyEnded.current = false;
    held.current = false;
    setEditing({ id: line.id, col, value });
  };

  const onGridKey = (e: React.KeyboardEvent) => {
    if (editing) return; // the editor handles its own keys
    const line = rows[active.row];
    const col = COLS[active.col]!;
    const page = Math.max(1, Math.floor((gridRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(active.row + 1, active.col),
      ArrowUp: () => moveTo(active.row - 1, active.col),
      ArrowRight: () => moveTo(active.row, active.col + 1),
      ArrowLeft: () => moveTo(active.row, active.col - 1),
      PageDown: () => moveTo(active.row + page, active.col),
      PageUp: () => moveTo(active.row - page, active.col),
      Home: () => (e.ctrlKey ? moveTo(0, 0) : moveTo(active.row, 0)),
      End: () => (e.ctrlKey ? moveTo(rows.length - 1, COLS.length - 1) : moveTo(active.row, COLS.length - 1)),
    };
    if ((e.target as HTMLElement).closest("button") && (e.key === "Enter" || e.key === " ")) return;
    if (e.altKey && line && props.canEdit && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
      e.preventDefault();
      void move(active.row, e.key === "ArrowUp" ? -1 : 1);
      return;
    }
    if (keys[e.key]) {
      e.preventDefault();
      keys[e.key]!();
      return;
    }
    if (!line) return;
    if (e.key === "Enter" && e.shiftKey) {
      e.preventDefault();
      setPanel({ mode: "edit", id: line.id });
    } else if (e.key === "Enter" || e.key === "F2") {
      e.preventDefault();
      if (col === "timing") setPanel({ mode: "edit", id: line.id });
      else startEdit(line, col);
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "d" && props.canEdit) {
      e.preventDefault();
      void duplicate(line, active.row);
    } else if (e.key === "Delete" && props.canEdit) {
      e.preventDefault();
      void remove(line, active.row);
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && TYPED.includes(col)) {
      e.preventDefault();
      startEdit(line, col, e.key);
    }
  };

  const editorKey = (e: React.KeyboardEvent, line: GridLine, col: Col, index: number) => {
    held.current = false;
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      keyEnded.current = true;
      setEditing(null);
      moveTo(index, COLS.indexOf(col));
    } else if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      e.stopPropagation();
      const value = (e.target as HTMLInputElement).value;
      keyEnded.current = true;
      const next =
        e.key === "Enter"
          ? { row: e.shiftKey ? index - 1 : index + 1, col: COLS.indexOf(col) }
          : { row: index, col: COLS.indexOf(col) + (e.shiftKey ? -1 : 1) };
      setEditing(null);
      moveTo(next.row, next.col);
      void commit(line, col, value);
    }
  };

  const panelFound = panel?.mode === "edit" ? lines.find((l) => l.id === panel.id) : undefined;
  const panelLine = panelFound ? withPending(panelFound) : undefined;
  const err = problem?.failure;

  return (
    <div
      className={`grid grid-cols-[minmax(0,1fr)] items-start gap-4 ${panel ? "xl:grid-cols-[minmax(0,1fr)_24rem]" : ""}`}
    >
      <section
        className="relative min-w-0 rounded-lg border border-gray-200 bg-white shadow-sm"
        aria-labelledby="lines-heading"
        onPaste={onPaste}
      >
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-gray-100 px-5 py-3">
          <h2 id="lines-heading" className="text-sm font-semibold">
            {t("lines")}
          </h2>
          <div className="flex flex-wrap items-center gap-3">
            <div
              role="radiogroup"
              aria-label={t("kind")}
              className="inline-flex rounded-md border border-gray-300 p-0.5 text-sm"
            >
              {(["cost", "benefit"] as const).map((k) => (
                <button
                  key={k}
                  type="button"
                  role="radio"
                  aria-checked={kind === k}
                  onClick={() => {
                    setKind(k);
                    setActive({ row: 0, col: 0 });
                  }}
                  className={`rounded px-3 py-1 font-medium ${kind === k ? "bg-blue-700 text-white" : "text-gray-700 hover:bg-gray-100"}`}
                >
                  {k === "cost"
                    ? t("grid.costs", { count: counts.cost })
                    : t("grid.benefits", { count: counts.benefit })}
                </button>
              ))}
            </div>
            <label className="flex items-center gap-2 text-sm">
              <span>{t("scenario")}</span>
              <select
                value={scenarioId}
                onChange={(e) => setScenarioId(e.target.value)}
                className="rounded-md border border-gray-300 bg-white px-2 py-1"
              >
                {props.scenarios.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
            {props.canEdit ? (
              <button
                type="button"
                onClick={() => setPanel({ mode: "new" })}
                className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
              >
                {kind === "cost" ? t("grid.addCost") : t("grid.addBenefit")}
              </button>
            ) : null}
            {props.canEdit && scenarioId ? (
              <ImportLines
                caseId={props.caseId}
                version={shownVersion}
                scenarioId={scenarioId}
                scenarioName={props.scenarios.find((s) => s.id === scenarioId)?.name ?? ""}
                kind={kind}
                locale={props.locale}
                horizon={props.horizon}
                categoryLabels={props.categoryLabels}
                onImported={(count) => {
                  setStatus(t("import.imported", { count }));
                  router.refresh();
                }}
              />
            ) : null}
          </div>
        </div>

        <div className="space-y-2 px-5 pt-3 empty:hidden">
          {err && err.code === "conflict" && problem ? (
            <ConflictNotice caseId={props.caseId} since={problem.since} onDismiss={() => setProblem(null)} />
          ) : null}
          {err && err.code !== "conflict" ? (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {err.fieldErrors?.length
                ? err.fieldErrors
                    .map((f) => `${t.has(`fields.${f.path}`) ? t(`fields.${f.path}`) : f.path}: ${f.message}`)
                    .join("; ")
                : err.code === "internal"
                  ? t("grid.failed")
                  : err.message}
            </p>
          ) : null}
        </div>
        {pasteProblems ? (
          <div
            role="alert"
            className="mx-5 mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800"
            data-testid="paste-problems"
          >
            <p className="font-medium">{t("paste.nothingAdded")}</p>
            <ul className="mt-1 list-disc pl-5">
              {pasteProblems.slice(0, 20).map((p, i) => (
                <li key={i}>
                  {t("paste.row", {
                    row: p.row,
                    message: t(`paste.problems.${p.code}`, {
                      value: p.value ?? "",
                      max: p.max ?? 0,
                      message: p.message,
                    }),
                  })}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {undo ? (
          <div
            className="mx-5 mt-3 flex items-center justify-between gap-3 rounded-md bg-gray-900 px-3 py-2 text-sm text-white"
            data-testid="undo-bar"
          >
            <span>{t("grid.deleted", { name: undo.line.name })}</span>
            <span className="flex gap-2">
              <button
                type="button"
                onClick={() => void restore()}
                className="rounded px-2 py-0.5 font-semibold underline hover:bg-gray-700"
              >
                {t("grid.undo")}
              </button>
              <button
                type="button"
                onClick={() => setUndo(null)}
                aria-label={t("panel.close")}
                className="rounded px-1.5 hover:bg-gray-700"
              >
                ✕
              </button>
            </span>
          </div>
        ) : null}
        <p className="sr-only" role="status" aria-live="polite">
          {status}
        </p>

        {rows.length === 0 ? (
          <div
            className="px-5 py-10 text-center text-sm text-gray-600 outline-none focus:ring-2 focus:ring-inset focus:ring-blue-600"
            tabIndex={props.canEdit ? 0 : undefined}
            data-testid="lines-empty"
          >
            <p>{kind === "cost" ? t("grid.noCosts") : t("grid.noBenefits")}</p>
            {props.canEdit ? <p className="mt-1">{t("grid.emptyHint")}</p> : null}
          </div>
        ) : (
          <div className="overflow-x-auto">
            <div
              role="grid"
              aria-labelledby="lines-heading"
              aria-rowcount={rows.length + 1}
              aria-colcount={COLS.length}
              aria-readonly={!props.canEdit}
              onKeyDown={onGridKey}
              className="min-w-[70rem] text-sm"
            >
              <div role="rowgroup">
                <div
                  role="row"
                  aria-rowindex={1}
                  className="grid border-b border-gray-200 bg-gray-50 text-left text-xs font-medium text-gray-600"
                  style={{ gridTemplateColumns: GRID_TEMPLATE }}
                >
                  {COLS.map((c) => (
                    <div
                      key={c}
                      role="columnheader"
                      className={`relative px-3 py-2 ${NUMERIC.includes(c) ? "text-right" : ""}`}
                    >
                      {c === "actions" ? (
                        <span className="sr-only">{t("grid.actions")}</span>
                      ) : c === "amount" ? (
                        t("amount", { currency: props.currency })
                      ) : c === "currency" ? (
                        t("fields.currency")
                      ) : (
                        t(`grid.col.${c}`)
                      )}
                    </div>
                  ))}
                </div>
              </div>
              <div
                ref={gridRef}
                role="rowgroup"
                className="relative max-h-[65vh] overflow-y-auto"
                data-testid="lines-scroller"
              >
                <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
                  {virtualizer.getVirtualItems().map((v) => {
                    const line = rows[v.index]!;
                    const i = v.index;
                    return (
                      <div
                        key={line.id}
                        role="row"
                        aria-rowindex={i + 2}
                        aria-selected={panel?.mode === "edit" && panel.id === line.id}
                        data-testid="line-row"
                        data-line-id={line.id}
                        className={`absolute left-0 top-0 grid w-full items-center border-b border-gray-100 ${active.row === i ? "bg-blue-50/60" : "bg-white"}`}
                        style={{
                          transform: `translateY(${v.start}px)`,
                          height: ROW_HEIGHT,
                          gridTemplateColumns: GRID_TEMPLATE,
                        }}
                      >
                        {COLS.map((c, j) => {
                          const isActive = active.row === i && active.col === j;
                          const isEditing = editing?.id === line.id && editing.col === c;
                          const cellProps = {
                            role: "gridcell",
                            "data-cell": `${i}:${j}`,
                            "data-col": c,
                            tabIndex: isActive && !isEditing ? 0 : -1,
                            onClick: () => setActive({ row: i, col: j }),
                            onDoubleClick: () =>
                              c === "timing" ? setPanel({ mode: "edit", id: line.id }) : startEdit(line, c),
                            className: `h-full min-w-0 px-3 flex items-center outline-none focus:ring-2 focus:ring-inset focus:ring-blue-600 ${NUMERIC.includes(c) ? "justify-end tabular-nums" : ""}`,
                          } as const;
                          if (isEditing && editing) {
                            const label =
                              c === "amount"
                                ? t("amount", { currency: props.currency })
                                : c === "currency"
                                  ? t("fields.currency")
                                  : t(`grid.col.${c}`);
                            return (
                              <div key={c} {...cellProps}>
                                {c === "category" ? (
                                  <select
                                    autoFocus
                                    aria-label={`${label}: ${line.name}`}
                                    defaultValue={editing.value}
                                    onKeyDown={(e) => editorKey(e, line, c, i)}
                                    onChange={(e) => {
                                      setEditing(null);
                                      moveTo(i, j);
                                      void commit(line, c, e.target.value);
                                    }}
                                    onBlur={() => setEditing(null)}
                                    className="w-full rounded border border-blue-600 bg-white px-1 py-1"
                                  >
                                    {categories.map((k) => (
                                      <option key={k} value={k}>
                                        {props.categoryLabels[k] ?? k}
                                      </option>
                                    ))}
                                  </select>
                                ) : (
                                  <input
                                    aria-label={`${label}: ${line.name}`}
                                    defaultValue={editing.value}
                                    inputMode={c === "amount" || c === "risk" ? "decimal" : undefined}
                                    maxLength={c === "currency" ? 3 : 300}
                                    onKeyDown={(e) => editorKey(e, line, c, i)}
                                    onBlur={(e) => {
                                      if (keyEnded.current || held.current) return;
                                      const value = e.target.value;
                                      setEditing(null);
                                      void commit(line, c, value);
                                    }}
                                    // Focused in the commit itself (not a frame later), so keys
                                    // typed right after the first one land in the editor.
                                    autoFocus
                                    onFocus={(e) => {
                                      const el = e.target;
                                      el.setSelectionRange(el.value.length, el.value.length);
                                    }}
                                    className={`w-full rounded border border-blue-600 px-1.5 py-1 ${c === "amount" || c === "risk" ? "text-right tabular-nums" : ""}`}
                                  />
                                )}
                              </div>
                            );
                          }
                          return (
                            // The name cell is named by the line alone (its comment count is a link of its own).
                            <div key={c} {...cellProps} {...(c === "name" ? { "aria-label": line.name } : {})}>
                              {c === "name" ? (
                                <>
                                  <span className="truncate" title={line.name}>
                                    {line.name}
                                  </span>
                                  {/* At the cell's end, so a click on the cell (not on the count) still selects it. */}
                                  {props.comments ? (
                                    <span className="ml-auto shrink-0 pl-1">
                                      <CommentCount
                                        href={`${props.comments.base}?target=line:${encodeURIComponent(line.stableId)}`}
                                        count={props.comments.counts[`line:${line.stableId}`] ?? 0}
                                        name={line.name}
                                      />
                                    </span>
                                  ) : null}
                                </>
                              ) : c === "category" ? (
                                <span className="truncate text-gray-700">{line.categoryLabel}</span>
                              ) : c === "amount" ? (
                                <span className="truncate" title={line.amountLabel}>
                                  {line.amountLabel}
                                </span>
                              ) : c === "timing" ? (
                                <span className="truncate text-gray-700" title={line.timingLabel}>
                                  {line.timingLabel}
                                </span>
                              ) : c === "risk" ? (
                                <span>
                                  {line.tangible ? formatPercent(line.riskAdjustment, props.locale, 0) : "\u2013"}
                                </span>
                              ) : c === "shape" ? (
                                line.tangible ? (
                                  <Sparkline line={line} horizon={props.horizon} />
                                ) : null
                              ) : c === "total" ? (
                                <span>
                                  {lineResults.has(line.stableId)
                                    ? money(lineResults.get(line.stableId)!.total)
                                    : line.totalLabel}
                                </span>
                              ) : c === "currency" ? (
                                // The case's currency, muted, where the line gives none of its own.
                                line.currency !== null ? (
                                  <span>{line.currency}</span>
                                ) : (
                                  <span className="text-gray-500">{props.currency}</span>
                                )
                              ) : c === "pv" ? (
                                <span>
                                  {lineResults.has(line.stableId)
                                    ? money(lineResults.get(line.stableId)!.pv)
                                    : line.pvLabel}
                                </span>
                              ) : (
                                <span className="flex gap-0.5">
                                  <IconButton
                                    focusable={active.row === i}
                                    label={t("grid.details", { name: line.name })}
                                    onClick={() => setPanel({ mode: "edit", id: line.id })}
                                  >
                                    ⋯
                                  </IconButton>
                                  {props.canEdit ? (
                                    <>
                                      <IconButton
                                        focusable={active.row === i}
                                        label={t("grid.moveUp", { name: line.name })}
                                        disabled={i === 0 || busy > 0}
                                        onClick={() => void move(i, -1)}
                                      >
                                        ↑
                                      </IconButton>
                                      <IconButton
                                        focusable={active.row === i}
                                        label={t("grid.moveDown", { name: line.name })}
                                        disabled={i === rows.length - 1 || busy > 0}
                                        onClick={() => void move(i, 1)}
                                      >
                                        ↓
                                      </IconButton>
                                      <IconButton
                                        focusable={active.row === i}
                                        label={t("grid.duplicate", { name: line.name })}
                                        disabled={busy > 0}
                                        onClick={() => void duplicate(line, i)}
                                      >
                                        <svg
                                          aria-hidden
                                          viewBox="0 0 16 16"
                                          className="h-3.5 w-3.5"
                                          fill="none"
                                          stroke="currentColor"
                                          strokeWidth="1.5"
                                        >
                                          <rect x="5" y="5" width="9" height="9" rx="1.5" />
                                          <path d="M11 5V3.5A1.5 1.5 0 0 0 9.5 2h-6A1.5 1.5 0 0 0 2 3.5v6A1.5 1.5 0 0 0 3.5 11H5" />
                                        </svg>
                                      </IconButton>
                                      <IconButton
                                        focusable={active.row === i}
                                        label={t("delete", { name: line.name })}
                                        disabled={busy > 0}
                                        onClick={() => void remove(line, i)}
                                      >
                                        ✕
                                      </IconButton>
                                    </>
                                  ) : null}
                                </span>
                              )}
                            </div>
                          );
                        })}
                      </div>
                    );
                  })}
                </div>
              </div>
            </div>
          </div>
        )}
        {rows.length > 0 && totals ? (
          <div
            className="flex flex-wrap items-baseline gap-x-5 gap-y-1 border-t border-gray-200 bg-gray-50 px-5 py-2.5 text-sm"
            data-testid="lines-totals"
          >
            <span className="font-semibold">{t("grid.totals", { total: totals.total, pv: totals.pv })}</span>
            {totals.categories.map((c) => (
              <span key={c.label} className="text-xs text-gray-700">
                {c.label} <span className="tabular-nums font-medium text-gray-900">{c.total}</span>
              </span>
            ))}
          </div>
        ) : null}
        <p className="border-t border-gray-100 px-5 py-2 text-xs text-gray-600">
          {props.canEdit ? `${t("grid.keys")} ${t("paste.hint")}` : t("readOnly")}
        </p>
      </section>

      {panel ? (
        <LinePanel
          key={panel.mode === "edit" ? panel.id : `new:${kind}:${scenarioId}`}
          caseId={props.caseId}
          mode={panel.mode}
          line={panelLine}
          kind={panelLine?.kind ?? kind}
          scenarioId={scenarioId}
          canEdit={props.canEdit}
          currency={props.currency}
          locale={props.locale}
          horizon={props.horizon}
          categoryLabels={props.categoryLabels}
          send={cycle.send}
          onSaved={(message) => {
            setProblem(null);
            setStatus(message);
          }}
          onClose={() => {
            setPanel(null);
            moveTo(active.row, active.col);
          }}
        />
      ) : null}
    </div>
  );
}

// Reachable with Tab from the active row's cell; the grid's keys do the same without them.
function IconButton({
  label,
  onClick,
  disabled,
  children,
  focusable,
}: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  children: React.ReactNode;
  focusable?: boolean;
}) {
  return (
    <button
      type="button"
      tabIndex={focusable ? 0 : -1}
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={(e) => {
        e.stopPropagation();
        onClick();
      }}
      className="rounded px-1.5 py-0.5 text-gray-700 hover:bg-gray-100 disabled:opacity-40"
    >
      {children}
    </button>
  );
}
