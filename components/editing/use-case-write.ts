"use client";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useTransition } from "react";
import type { Result } from "@/lib/errors";

// What a refused write leaves for its form: a conflict (someone else changed the case after the
// version the edit was based on), field errors to show next to the inputs, or a general error.
export type WriteFailure =
  | { kind: "conflict"; since: number }
  | { kind: "validation"; fieldErrors: { path: string; message: string }[] }
  | { kind: "error"; code: string; message: string };

export type Sent<T> = { result: Result<T>; basedOn: number };

// The one client write cycle of every case editor (the lines grid and panel, the risk register,
// the KPI table, the scenario list): send with the newest case version known (the page's, or the
// one a write of its own returned, so quick successive edits do not conflict with themselves),
// let the editor show the conflict or the error, and refresh the server components after every
// write, refused or not, so the tables and the headline figures show the current case.
export function useCaseWrite(pageVersion: number) {
  const router = useRouter();
  const [pending, start] = useTransition();
  // Writes run one after the other (a click during a write waits for it, instead of being lost),
  // each based on the newest version known when it starts.
  const known = useRef(pageVersion);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  useEffect(() => {
    known.current = Math.max(known.current, pageVersion);
  }, [pageVersion]);

  const version = useCallback(() => Math.max(known.current, pageVersion), [pageVersion]);
  // A version learnt elsewhere (a write that did not go through send, e.g. a paste).
  const saw = useCallback((v: number) => {
    known.current = Math.max(known.current, v);
  }, []);

  const send = useCallback(
    // refresh: false for a write whose answer brings what the page needs (a line edit's figures,
    // components/live/case-model.tsx); a refused write refreshes all the same.
    <T extends { version: number }>(
      write: (version: number) => Promise<Result<T>>,
      options: { refresh?: boolean } = {},
    ): Promise<Sent<T>> => {
      const step = queue.current.then(async () => {
        const basedOn = Math.max(known.current, pageVersion);
        let result: Result<T>;
        try {
          result = await write(basedOn);
        } catch {
          result = { ok: false, code: "internal", message: "" };
        }
        if (result.ok) known.current = Math.max(known.current, result.data.version);
        return { result, basedOn };
      });
      queue.current = step;
      start(async () => {
        const { result } = await step;
        if (options.refresh !== false || !result.ok) router.refresh();
      });
      return step;
    },
    [pageVersion, router],
  );

  const run = useCallback(
    <T extends { version: number }>(
      write: (version: number) => Promise<Result<T>>,
      done: (outcome: { ok: true; data: T } | { ok: false; failure: WriteFailure }) => void,
    ) => {
      void send(write).then(({ result, basedOn }) =>
        done(result.ok ? { ok: true, data: result.data } : { ok: false, failure: toWriteFailure(result, basedOn) }),
      );
    },
    [send],
  );

  return { run, send, version, saw, pending };
}

export function toWriteFailure(r: Extract<Result<unknown>, { ok: false }>, basedOn: number): WriteFailure {
  if (r.code === "conflict") return { kind: "conflict", since: basedOn };
  if (r.code === "validation" && r.fieldErrors?.length) return { kind: "validation", fieldErrors: r.fieldErrors };
  return { kind: "error", code: r.code, message: r.message };
}
