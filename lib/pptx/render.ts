// renderReportPptx: case file in, board pack out. Used by the `caseboard pptx` command (no server,
// no database) and by the worker behind GET /api/v1/cases/{id}/report.pptx. The model is the PDF
// report's (lib/report/model.ts), so both carry the same strings.
import type { CaseFile } from "@/lib/case-file/schema";
import { computeCase } from "@/lib/finance/compute";
import { buildReportModel } from "@/lib/report/model";
import type { ReportOptions } from "@/lib/report/render";
import { buildReportDeck } from "./deck";
import { deckTheme, type TemplateTheme } from "./theme";

export interface DeckOptions extends ReportOptions {
  template?: TemplateTheme | null; // the workspace's slide template, already inspected
}

export async function renderReportPptx(file: CaseFile, options: DeckOptions = {}): Promise<Uint8Array> {
  const model = buildReportModel(file, options.output ?? computeCase(file), options);
  return buildReportDeck(model, deckTheme(model.locale, options.template ?? null));
}
