// renderReportPdf: case file in, board report PDF out. Used by the `caseboard report` command
// (no server, no database) and by GET /api/v1/cases/{id}/report.pdf.
import { renderToBuffer } from "@react-pdf/renderer";
import { createElement, type ReactElement } from "react";
import type { CaseFile } from "@/lib/case-file/schema";
import { computeCase } from "@/lib/finance/compute";
import type { ComputeOutput } from "@/lib/finance/types";
import type { SimulationResult } from "@/lib/finance/uncertainty";
import { registerFonts } from "@/lib/pdf/fonts";
import { ReportDocument } from "@/lib/pdf/report-document";
import { buildReportModel } from "./model";

export interface ReportOptions {
  locale?: string;
  generatedAt?: Date;
  version?: number | string;
  workspaceName?: string;
  simulation?: SimulationResult | null;
  output?: ComputeOutput; // reuse a cached compute output when the caller has one
  approval?: { at: Date | string; by: string } | null; // who approved this version, and when
}

export async function renderReportPdf(file: CaseFile, options: ReportOptions = {}): Promise<Buffer> {
  registerFonts();
  const model = buildReportModel(file, options.output ?? computeCase(file), options);
  return renderToBuffer(createElement(ReportDocument, { model }) as ReactElement<never>);
}
