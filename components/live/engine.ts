"use client";
// The pure engine (lib/finance/compute.ts, the same code the server runs) for the browser, loaded
// only when a page that edits asks for it: a dynamic import (its own chunk, not part of the
// overview's JavaScript) for quick synchronous computes, and a Web Worker for long ones.
import type { CaseFile } from "@/lib/case-file/schema";
import type { ComputeOutput } from "@/lib/finance/types";

export type ComputeFn = (file: CaseFile) => ComputeOutput;

let engine: Promise<ComputeFn> | null = null;
let loaded: ComputeFn | null = null;

export function loadEngine(): Promise<ComputeFn> {
  engine ??= import("@/lib/finance/compute").then((m) => {
    loaded = m.computeCase;
    // A hook for tests and support: the exact engine the page runs (tests/e2e/live-figures.test.ts
    // compares it with the server's compute API). It is the public, pure engine; nothing private.
    if (typeof window !== "undefined")
      (window as unknown as { caseboardEngine?: { computeCase: ComputeFn } }).caseboardEngine = {
        computeCase: m.computeCase,
      };
    return m.computeCase;
  });
  return engine;
}

// The engine when it has arrived, else null (the caller shows its figures as pending).
export function engineIfLoaded(): ComputeFn | null {
  return loaded;
}

let worker: Worker | null = null;
let seq = 0;
const waiting = new Map<number, { resolve: (o: ComputeOutput) => void; reject: (e: Error) => void }>();

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL("./engine.worker.ts", import.meta.url));
  worker.onmessage = (e: MessageEvent<{ seq: number; output?: ComputeOutput; error?: string }>) => {
    const w = waiting.get(e.data.seq);
    waiting.delete(e.data.seq);
    if (!w) return;
    if (e.data.output) w.resolve(e.data.output);
    else w.reject(new Error(e.data.error ?? "compute failed"));
  };
  worker.onerror = () => {
    for (const w of waiting.values()) w.reject(new Error("compute worker failed"));
    waiting.clear();
  };
  return worker;
}

// Starts the worker (and its copy of the engine) ahead of the first long compute.
export function warmWorker() {
  if (typeof Worker !== "undefined") getWorker();
}

export function computeInWorker(file: CaseFile): Promise<ComputeOutput> {
  if (typeof Worker === "undefined") return loadEngine().then((compute) => compute(file));
  const id = ++seq;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    getWorker().postMessage({ seq: id, file });
  });
}
