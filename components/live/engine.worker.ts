// The engine in a Web Worker, for cases whose compute takes longer than a frame: the page stays
// responsive (the typed value shows at once) while the figures are recomputed here.
import type { CaseFile } from "@/lib/case-file/schema";
import { computeCase } from "@/lib/finance/compute";

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<{ seq: number; file: CaseFile }>) => void) | null;
  postMessage: (message: unknown) => void;
};

scope.onmessage = (e) => {
  try {
    scope.postMessage({ seq: e.data.seq, output: computeCase(e.data.file) });
  } catch (error) {
    scope.postMessage({ seq: e.data.seq, error: error instanceof Error ? error.message : String(error) });
  }
};
