// How far an import has got, for a progress bar: the phase (reading the file, guessing the
// layout, building the lines) and done of total in that phase's own unit (bytes read, sheets
// scored, rows built). docs/import.md#progress.
export type ImportPhase = "read" | "guess" | "build";

export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}

export type OnProgress = (progress: ImportProgress) => void;

// The import stops between steps when its caller gave up (the page cancelled, the client left).
export class ImportCancelled extends Error {
  constructor() {
    super("the import was cancelled");
  }
}
