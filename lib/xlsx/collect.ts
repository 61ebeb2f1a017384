// A full garbage collection after a workbook sheet once enough garbage may have piled up
// (docs/workbook.md#figures): V8 collects lazily, and the sheets of a big case leave a few hundred
// MB of short-lived objects behind before its first full collection. Used as writeWorkbook's
// afterSheet by the command line and the worker threads; where gc cannot be reached it does nothing.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

export function collectorAfter(megabytes = 32): () => void {
  let gc: (() => void) | null = null;
  try {
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as () => void;
  } catch {
    gc = null;
  }
  let kept = process.memoryUsage().heapUsed;
  return () => {
    if (!gc || process.memoryUsage().heapUsed - kept < megabytes * 1048576) return;
    gc();
    kept = process.memoryUsage().heapUsed;
  };
}
