"use client";
// The case as the page holds it, live: the case file (toCaseFile output, lines found by their
// stable ids) and the engine's output for it. The server's figures are the truth; an edit typed
// on this page is applied to the local case file at once and recomputed by the same pure engine
// (lib/finance/compute.ts) in the browser, so the headline, the edited line's totals and the
// charts follow the cell in the same frame. When the server answers the edit, its figures replace
// the local ones; a refused edit is taken out again.
//
//   <CaseModelProvider caseId file output version>   in the case layout
//   useCaseModel()        -> { file, output, version, state }   state: confirmed | local | pending
//   useCaseModelStore()   -> editLine(stableId, patch) / confirm / drop / applyServerCase / refetch
//
// Others' changes arriving live (the case event stream) call store.refetch() (or
// applyServerCase(file, output, version) when the event carries them): no page refresh.
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from "react";
import type { CaseFile } from "@/lib/case-file/schema";
import { mapLineById, mergeLinePatch, reuseUnchanged, type LinePatch } from "@/lib/case-file/line";
import type { ComputeOutput } from "@/lib/finance/types";
import { computeInWorker, engineIfLoaded, loadEngine, warmWorker } from "./engine";
import { figuresDigest } from "@/lib/live/digest";

export type FigureState = "confirmed" | "local" | "pending";

export interface CaseModelSnapshot {
  caseId: string;
  file: CaseFile;
  output: ComputeOutput; // as the page rendered it, scenarios[].lines may be empty (the page shows its own line results)
  version: number; // the newest version the server confirmed
  confirmedOutput: ComputeOutput; // the server's figures for that version (what "the last change did" compares)
  state: FigureState; // confirmed: the server's figures; local: the browser's for unconfirmed edits; pending: being computed
  complete: boolean; // the file carries the case's lines (a page that shows lines supplied them, or a refetch read them)
}

// A change to one line in case-file terms (lib/case-file/line-fields.ts; the server's updateLine
// merges the same way): a value sets the field, null removes it, undefined leaves it.
export type { LinePatch };

interface Edit {
  token: number;
  stableId: string;
  patch: LinePatch;
}

// A compute that took longer than this moves the next ones to the worker (and a quick worker
// compute moves them back): the cell's echo must never wait for the figures.
const FRAME_BUDGET_MS = 12;
// Cases with more lines start in the worker (1,000 lines per scenario take longer than a frame).
const SYNC_LINES = 400;
// The engine keeps each line's and each scenario's results by object (lib/finance/compute.ts), so
// once this thread has computed a case, an edit of a few lines costs those lines and their
// scenario only: such a compute runs here, in the frame the cell shows the value, while it keeps
// under this (a 1,000-line scenario takes a few milliseconds).
const INCREMENTAL_BUDGET_MS = 40;
const INCREMENTAL_LINES = 4;

const lineCount = (file: CaseFile) => file.scenarios.reduce((n, s) => n + s.costs.length + s.benefits.length, 0);

// How many of `file`'s lines are not objects `held` has (the lines the engine has no results for).
function newLines(held: CaseFile, file: CaseFile): number {
  const known = new Set<object>();
  for (const s of held.scenarios) for (const l of s.costs) known.add(l);
  for (const s of held.scenarios) for (const l of s.benefits) known.add(l);
  let n = 0;
  for (const s of file.scenarios) for (const l of [...s.costs, ...s.benefits]) if (!known.has(l)) n++;
  return n;
}

export function applyLinePatch(file: CaseFile, stableId: string, patch: LinePatch): CaseFile {
  return mapLineById(file, stableId, (line) => mergeLinePatch(line, patch)) ?? file;
}

export class CaseModelStore {
  // complete: the file has its lines (a page that edits supplied them); the layout's file has
  // only the case's settings, so a case of 1,000 lines does not weigh on pages that never edit.
  private confirmed: { file: CaseFile; output: ComputeOutput; version: number; complete: boolean };
  private supplied: { file: CaseFile; version: number } | null = null;
  private edits: Edit[] = [];
  private snap: CaseModelSnapshot;
  private listeners = new Set<() => void>();
  private nextToken = 0;
  private computeSeq = 0;
  private lastComputeMs: number;
  private readonly frameBudgetMs: number;
  // The case file this thread computed last (the engine holds its lines' results), and how long
  // the last compute of a few changed lines took.
  private warm: CaseFile | null = null;
  private lastIncrementalMs = 0;
  private warming = false;

  constructor(
    readonly caseId: string,
    file: CaseFile,
    output: ComputeOutput,
    version: number,
    options: { frameBudgetMs?: number; complete?: boolean } = {},
  ) {
    this.frameBudgetMs = options.frameBudgetMs ?? FRAME_BUDGET_MS;
    this.confirmed = { file, output, version, complete: options.complete ?? true };
    this.snap = {
      caseId,
      file,
      output,
      version,
      confirmedOutput: output,
      state: "confirmed",
      complete: this.confirmed.complete,
    };
    this.lastComputeMs = lineCount(file) > SYNC_LINES ? Number.POSITIVE_INFINITY : 0;
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getSnapshot = () => this.snap;

  // Fetches the engine and starts its worker before the first edit (a compute that turns out
  // slower than a frame moves to the worker, which is then ready).
  prepare() {
    void loadEngine();
    warmWorker();
  }

  // An edit typed on this page: shown at once with the engine's figures for it, until the
  // server answers (confirm or drop with the token returned).
  editLine(stableId: string, patch: LinePatch): number {
    const token = ++this.nextToken;
    this.edits.push({ token, stableId, patch });
    this.update();
    return token;
  }

  // The server accepted the edit as `version` and computed `output` for it: the truth.
  confirm(token: number, version: number, output: ComputeOutput | null) {
    const index = this.edits.findIndex((e) => e.token === token);
    if (index < 0) return;
    const [edit] = this.edits.splice(index, 1);
    if (version > this.confirmed.version) {
      // Any plan change puts an approved case back to draft (docs/architecture.md#plan-changes).
      const file = { ...applyLinePatch(this.confirmed.file, edit!.stableId, edit!.patch), status: "draft" as const };
      // Without the server's figures (an answer that did not carry them), the browser's stand
      // until the next server figures arrive.
      this.confirmed = { file, output: output ?? this.snap.output, version, complete: this.confirmed.complete };
    }
    this.update();
  }

  // The server accepted the edit as `version` and answered the digest of its figures for
  // `figures.version` (lib/live/digest.ts). When they are the figures this page computed for that
  // very case (this edit alone on the confirmed case), those are confirmed as they are: no
  // transfer, no new render of the charts. Otherwise the server's figures are read (its compute
  // cache answers them) and replace the page's; another write in between reads the case again.
  async confirmFigures(token: number, version: number, figures: { version: number; digest: string }): Promise<void> {
    if (!this.edits.some((e) => e.token === token)) return;
    const only = this.edits.length === 1 && this.snap.state === "local" && this.snap.version === this.confirmed.version;
    if (
      only &&
      figures.version === version &&
      version === this.confirmed.version + 1 &&
      figuresDigest(JSON.stringify(this.snap.output)) === figures.digest
    ) {
      this.confirm(token, version, this.snap.output);
      return;
    }
    if (figures.version === version) {
      const res = await fetch(`/api/v1/cases/${this.caseId}/compute`, { cache: "no-store" }).catch(() => null);
      const body = res?.ok
        ? ((await res.json().catch(() => null)) as { data: ComputeOutput; version: number } | null)
        : null;
      if (body && body.version === version) {
        this.confirm(token, version, body.data);
        return;
      }
    }
    this.confirm(token, version, null);
    void this.refetch();
  }

  // The server refused the edit: its figures go, the others stay.
  drop(token: number) {
    const before = this.edits.length;
    this.edits = this.edits.filter((e) => e.token !== token);
    if (this.edits.length !== before) this.update();
  }

  // A newer case from the server: a page render, a refetch after someone else's change, a live
  // event. Edits still waiting for their answer stay applied on top of it.
  // `complete: false`: the file carries the case's settings but not its lines (the layout's); the
  // lines of the same version, supplied by the page or known already, are kept.
  applyServerCase(file: CaseFile, output: ComputeOutput, version: number, options: { complete?: boolean } = {}) {
    if (version < this.confirmed.version) return;
    if (version === this.confirmed.version && file === this.confirmed.file && output === this.confirmed.output) return;
    let complete = options.complete ?? true;
    if (!complete) {
      const lines =
        this.supplied?.version === version
          ? this.supplied.file
          : version === this.confirmed.version && this.confirmed.complete
            ? this.confirmed.file
            : null;
      if (lines) {
        file = { ...file, scenarios: lines.scenarios };
        complete = true;
      }
    }
    // Lines equal to the ones held stay the same objects (the engine's kept results apply).
    if (complete && this.confirmed.complete && file !== this.confirmed.file)
      file = reuseUnchanged(this.confirmed.file, file);
    this.confirmed = { file, output, version, complete };
    this.update();
  }

  // The case file with its lines, from a page where edits happen (the lines tab renders it with
  // the same version as the layout; a render's child effects run before the layout's, so a newer
  // one waits here for the layout's figures of that version).
  supplyFile(file: CaseFile, version: number) {
    if (version === this.confirmed.version) {
      if (this.confirmed.complete && this.confirmed.file === file) return;
      this.confirmed = {
        ...this.confirmed,
        file: { ...this.confirmed.file, scenarios: file.scenarios },
        complete: true,
      };
      this.update();
    } else if (version > this.confirmed.version) {
      this.supplied = { file, version };
      // No layout render of that version came with it (a tab opened after someone else's
      // change): read the case and its figures again.
      setTimeout(() => {
        if (this.supplied && this.supplied.version > this.confirmed.version) void this.refetch();
      }, 0);
    }
  }

  // Reads the case and its figures again through the API (for a live event that only says the
  // case changed). A burst of calls costs one read at once and, when more came while it ran, one
  // more after it (leading and trailing): never a read per event, never a change left unread.
  refetch(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    const run = async () => {
      do {
        this.readAgain = false;
        await this.read();
      } while (this.readAgain);
    };
    this.reading = run().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  private reading: Promise<void> | null = null;
  private readAgain = false;

  private async read(): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const read = (what: string) =>
        fetch(`/api/v1/cases/${this.caseId}/${what}`, { cache: "no-store" }).catch(() => null);
      const [fileRes, computeRes] = await Promise.all([read("export"), read("compute")]);
      // Offline or refused: the figures shown stay until the next answer or render.
      if (!fileRes || !computeRes) return;
      if (!fileRes.ok || !computeRes.ok) return;
      const fileVersion = Number((fileRes.headers.get("etag") ?? "").replace(/\D/g, ""));
      const file = (await fileRes.json()) as CaseFile;
      const compute = (await computeRes.json()) as { data: ComputeOutput; version: number };
      if (compute.version === fileVersion) {
        this.applyServerCase(file, compute.data, compute.version);
        return;
      }
      // A write landed between the two reads: read both again.
    }
  }

  private emit(snap: Omit<CaseModelSnapshot, "confirmedOutput" | "complete">) {
    this.snap = { ...snap, confirmedOutput: this.confirmed.output, complete: this.confirmed.complete };
    for (const l of this.listeners) l();
  }

  private update() {
    const seq = ++this.computeSeq;
    const { version } = this.confirmed;
    if (this.edits.length === 0) {
      this.emit({
        caseId: this.caseId,
        file: this.confirmed.file,
        output: this.confirmed.output,
        version,
        state: "confirmed",
      });
      this.warmUp();
      return;
    }
    const file = this.edits.reduce((f, e) => applyLinePatch(f, e.stableId, e.patch), this.confirmed.file);
    if (!this.confirmed.complete) {
      // Without the lines there is nothing to compute: the server's answer brings the figures.
      this.emit({ ...this.snap, file, version, state: "pending" });
      return;
    }
    const compute = engineIfLoaded();
    const incremental =
      compute &&
      this.warm !== null &&
      newLines(this.warm, file) <= INCREMENTAL_LINES &&
      this.lastIncrementalMs <= INCREMENTAL_BUDGET_MS;
    if (compute && (incremental || this.lastComputeMs <= this.frameBudgetMs)) {
      const t0 = performance.now();
      let output: ReturnType<typeof compute>;
      try {
        output = compute(file);
      } catch {
        // A draft the engine refuses (a line in a currency the case has no rates for): no local
        // figures; the server's answer names the problem and the edit is rolled back.
        this.emit({ ...this.snap, file, version, state: "pending" });
        return;
      }
      const ms = performance.now() - t0;
      if (incremental) this.lastIncrementalMs = ms;
      else this.lastComputeMs = ms;
      this.warm = file;
      this.emit({ caseId: this.caseId, file, output, version, state: "local" });
      return;
    }
    // Until the figures arrive the page keeps showing the last ones, marked pending.
    this.emit({ ...this.snap, file, version, state: "pending" });
    const t0 = performance.now();
    const run =
      compute || this.lastComputeMs === Number.POSITIVE_INFINITY
        ? computeInWorker(file)
        : loadEngine().then((c) => c(file));
    run.then(
      (output) => {
        if (seq !== this.computeSeq) return;
        if (compute) this.lastComputeMs = performance.now() - t0;
        this.emit({ caseId: this.caseId, file, output, version, state: "local" });
        this.warmUp();
      },
      () => {
        // No local figures (the engine did not load): the server's answer brings them.
      },
    );
  }

  // A large case computed only in the worker so far: this thread computes the confirmed case once
  // when the browser is idle (one long task while nobody types), so the next edits of a few lines
  // are computed here, in the frame. Never while edits wait.
  private warmUp() {
    if (this.warming || !this.confirmed.complete || typeof window === "undefined") return;
    if (this.warm !== null && newLines(this.warm, this.confirmed.file) <= INCREMENTAL_LINES) return;
    const idle = (window as Window & { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number })
      .requestIdleCallback;
    this.warming = true;
    const run = () => {
      this.warming = false;
      const compute = engineIfLoaded();
      if (!compute || this.edits.length > 0 || !this.confirmed.complete) return;
      const file = this.confirmed.file;
      const t0 = performance.now();
      compute(file);
      if (lineCount(file) <= SYNC_LINES) this.lastComputeMs = performance.now() - t0;
      this.warm = file;
    };
    void loadEngine().then(() => (idle ? idle(run, { timeout: 2000 }) : setTimeout(run, 200)));
  }
}

const CaseModelContext = createContext<CaseModelStore | null>(null);

// `file` has the case's settings and scenarios without their lines (pages that edit supply them
// with <LiveCaseLines>).
export function CaseModelProvider({
  caseId,
  file,
  output,
  version,
  children,
}: {
  caseId: string;
  file: CaseFile;
  output: ComputeOutput;
  version: number;
  children: React.ReactNode;
}) {
  const [store] = useState(() => new CaseModelStore(caseId, file, output, version, { complete: false }));
  // A later server render of the layout (after a structural change) brings a newer case.
  useEffect(() => store.applyServerCase(file, output, version, { complete: false }), [store, file, output, version]);
  useEffect(() => {
    // For tests and support: the case this page holds (tests/e2e/live-figures.test.ts).
    const w = window as unknown as { caseboardLive?: CaseModelStore };
    w.caseboardLive = store;
    return () => {
      if (w.caseboardLive === store) delete w.caseboardLive;
    };
  }, [store]);
  return <CaseModelContext.Provider value={store}>{children}</CaseModelContext.Provider>;
}

// A page where edits happen hands the model the case file with its lines (the version it rendered).
export function LiveCaseLines({ file, version }: { file: CaseFile; version: number }) {
  const store = useContext(CaseModelContext);
  useEffect(() => store?.supplyFile(file, version), [store, file, version]);
  return null;
}

export function useCaseModelStore(): CaseModelStore | null {
  return useContext(CaseModelContext);
}

const noStore = {
  subscribe: () => () => {},
  get: () => null,
};

// The case and figures to show; null outside a case page.
export function useCaseModel(): CaseModelSnapshot | null {
  const store = useContext(CaseModelContext);
  return useSyncExternalStore(
    store ? store.subscribe : noStore.subscribe,
    store ? store.getSnapshot : noStore.get,
    store ? store.getSnapshot : noStore.get,
  );
}
