// HiGHS (the MILP solver, compiled to WebAssembly), loaded once per thread. Loading compiles the
// module (~30 ms); solves are synchronous, so long ones run in a worker (lib/workers).
import type { Highs } from "highs";

export type HighsSolution = ReturnType<Highs["solve"]>;

let loading: Promise<Highs> | null = null;

export function loadHighs(): Promise<Highs> {
  loading ??= import("highs").then((m) => m.default());
  return loading;
}
