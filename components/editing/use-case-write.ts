"use client";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useTransition } from "react";
import type { Result } from "@/lib/errors";

// What a refused write leaves for its form: a conflict (someone else changed the case after the
// version the edit was based on), field errors to show next to the inputs, or a general error.
export type WriteFailure =
  | { kind: "conflict"; since: number }
  | { kind: "validation"; fieldErrors: { path: string; message: string }[] }
  | { kind: "error"; code: string };

// Runs the case writes of one editor. It tracks the newest case version it knows (the page's, or
// the one a write of its own returned, so quick successive edits do not conflict with themselves),
// and after every write, refused or not, refreshes the server components so the tables and the
// headline figures show the current case.
export function useCaseWrite(pageVersion: number) {
  const router = useRouter();
  const [pending, start] = useTransition();
  // Writes run one after the other (a click during a write waits for it, instead of being lost),
  // each based on the newest version known when it starts.
  const known = useRef(pageVersion);
  const queue = useRef<Promise<void>>(Promise.resolve());
  useEffect(() => {
    known.current = Math.max(known.current, pageVersion);
  }, [pageVersion]);

  const run = useCallback(
    <T extends { version: number }>(write: (version: number) => Promise<Result<T>>, done: (outcome: { ok: true; data: T } | { ok: false; failure: WriteFailure }) => void) => {
      const step = queue.current.then(async () => {
        const basedOn = Math.max(known.current, pageVersion);
        let r: Result<T>;
        try {
          r = await write(basedOn);
        } catch {
          r = { ok: false, code: "internal", message: "" };
        }
        if (r.ok) {
          known.current = Math.max(known.current, r.data.version);
          done({ ok: true, data: r.data });
        } else if (r.code === "conflict") {
          done({ ok: false, failure: { kind: "conflict", since: basedOn } });
        } else if (r.code === "validation" && r.fieldErrors?.length) {
          done({ ok: false, failure: { kind: "validation", fieldErrors: r.fieldErrors } });
        } else {
          done({ ok: false, failure: { kind: "error", code: r.code } });
        }
        router.refresh();
      });
      queue.current = step;
      start(() => step);
    },
    [pageVersion, router],
  );

  return { run, pending };
}
