// Another person's workbook -> a case file, as the wizard, the API and `caseboard import` do it:
// guess a mapping (or take the one given), apply it, check the result with the case-file rules,
// and compute the figures the case will have beside the sheet's own. Pure (the Book is read by
// lib/import/read.ts); docs/import.md.
import { parseCaseFile } from "@/lib/case-file/parse";
import { MAX_LINES_PER_SCENARIO, type CaseFile } from "@/lib/case-file/schema";
import { computeCase } from "@/lib/finance/compute";
import { D } from "@/lib/finance/decimal";
import { applyMapping, type PreviewLine } from "./build";
import { guessMapping, GuessProblem, type Found, type SheetScore } from "./guess";
import { mappingSchema, type Mapping } from "./mapping";
import { importMessage, problem, renderMessage, ruleMessage, type ImportMessage, type Problem } from "./messages";
import type { OnProgress } from "./progress";
import type { Book } from "./sheet";

export interface ScenarioFigures {
  key: string;
  name: string;
  npv: string;
  tco: string; // total cost over the horizon, undiscounted
  totalBenefit: string;
  roi: string | null;
  irr: string | null;
}

export interface SheetFigureComparison {
  what: "npv" | "irr";
  where: string;
  sheet: string;
  caseValue: string | null;
  scenario: string;
  differs: boolean;
  why?: string; // English
  whyCodes?: ImportMessage[]; // the same reasons, each a message to render in the person's language
}

export interface ImportPreview {
  mapping: Mapping;
  found: Found[];
  sheets: SheetScore[];
  notes: ImportMessage[];
  problems: Problem[];
  lines: PreviewLine[];
  file: CaseFile | null; // null when there are problems
  figures: ScenarioFigures[];
  comparisons: { alternative: string; baseline: string; npv: string; roi: string | null }[];
  sheetFigures: SheetFigureComparison[];
}

export interface ImportOptions {
  sheet?: string | string[];
  mapping?: unknown; // an edited mapping (checked here)
  currency?: string;
  today?: Date;
  onProgress?: OnProgress; // not sent to a worker: lib/workers/tasks.ts makes its own
}

export class MappingProblem extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => renderMessage(p)).join("\n"));
  }
}

export function importBook(book: Book, options: ImportOptions = {}): ImportPreview {
  let mapping: Mapping;
  let found: Found[] = [];
  let sheets: SheetScore[] = [];
  if (options.mapping !== undefined) {
    const parsed = mappingSchema.safeParse(options.mapping);
    if (!parsed.success)
      throw new MappingProblem(
        parsed.error.issues.map((i) =>
          problem(["mapping", ...i.path.map(String)].join("."), "mappingInvalid", { rule: i.message }),
        ),
      );
    mapping = parsed.data;
    try {
      const guess = guessMapping(book, {
        sheet: mapping.sheets.map((s) => s.sheet),
        currency: options.currency,
        today: options.today,
        onProgress: options.onProgress,
      });
      found = guess.found;
      sheets = guess.sheets;
    } catch {
      // The edited mapping may name what the guess could not read; it stands on its own.
    }
  } else {
    try {
      const guess = guessMapping(book, options);
      ({ mapping, found, sheets } = guess);
    } catch (error) {
      if (error instanceof GuessProblem)
        throw new MappingProblem([problem(error.sheet ?? book.fileName, error.code, error.params)]);
      throw error;
    }
  }
  const built = applyMapping(book, mapping, options.onProgress);
  const problems = [...built.problems];
  // More lines than a case holds: said once per scenario, without checking 100,000 lines one by one.
  for (const s of (built.file.scenarios ?? []) as { name: string; costs: unknown[]; benefits: unknown[] }[])
    for (const list of [s.costs, s.benefits])
      if (list.length > MAX_LINES_PER_SCENARIO)
        problems.push(problem(s.name, "tooManyLines", { count: list.length, max: MAX_LINES_PER_SCENARIO }));
  let file: CaseFile | null = null;
  if (problems.length === 0) {
    const parsed = parseCaseFile(built.file);
    if (parsed.ok) file = parsed.value;
    else
      problems.push(
        ...parsed.issues.map((i) => {
          const at = whereOfPath(built.file, i.path, book.fileName);
          const rule = ruleMessage(at.field, i.message);
          return problem(at.where, rule.code, rule.params);
        }),
      );
  }
  const preview: ImportPreview = {
    mapping,
    found,
    sheets,
    notes: built.notes,
    problems,
    lines: built.lines,
    file,
    figures: [],
    comparisons: [],
    sheetFigures: [],
  };
  if (file) figuresOf(preview, file);
  const rows = built.lines.length;
  options.onProgress?.({ phase: "build", done: rows, total: rows });
  return preview;
}

// A case file read whole (Caseboard's own workbook): the same preview, its mapping the guess for
// its line sheets so --print-mapping still shows one.
export function previewOfFile(book: Book, file: CaseFile, options: ImportOptions = {}): ImportPreview {
  let mapping: Mapping = {
    format: "caseboard/import-mapping",
    name: file.name,
    currency: file.currency,
    startMonth: file.startMonth,
    discountRate: file.discountRate,
    horizonMonths: file.horizonMonths,
    convention: "end",
    scale: "1",
    scenarios: file.scenarios.map((s) => ({ key: s.key, name: s.name, ...(s.baseline ? { baseline: true } : {}) })),
    sheets: [],
  };
  try {
    const lineSheets = book.sheets.filter((s) => / lines$/.test(s.name)).map((s) => s.name);
    const guess = guessMapping(book, { ...options, sheet: lineSheets });
    mapping = { ...mapping, sheets: guess.mapping.sheets.map((s, i) => ({ ...s, scenario: file.scenarios[i]?.key })) };
  } catch {
    // The case is read whole; a mapping is only a convenience here.
  }
  const preview: ImportPreview = {
    mapping,
    found: [],
    sheets: [],
    notes: [importMessage("caseboardExport")],
    problems: [],
    lines: [],
    file,
    figures: [],
    comparisons: [],
    sheetFigures: [],
  };
  figuresOf(preview, file);
  return preview;
}

// "scenarios[0].costs[3].schedule.12" -> the cell the line came from ("Model!A7") and the field
// ("schedule"); a setting -> the file and the setting's field.
function whereOfPath(file: Record<string, unknown>, path: string, fileName: string): { where: string; field: string } {
  const m = /^scenarios\[(\d+)\]\.(costs|benefits)\[(\d+)\]\.?([A-Za-z]+)?/.exec(path);
  if (m) {
    const line = ((file.scenarios as Record<string, unknown[]>[])[Number(m[1])]?.[m[2]!]?.[Number(m[3])] ?? {}) as {
      notes?: string;
      name?: string;
    };
    const from = /^From (.+)$/.exec(line.notes ?? "")?.[1];
    return { where: from ?? (line.name ? `${fileName}: ${line.name}` : fileName), field: m[4] ?? "" };
  }
  const setting: Record<string, string> = { name: "caseName", startMonth: "caseStart" };
  const top = /^[A-Za-z]+/.exec(path)?.[0] ?? "";
  return { where: fileName, field: setting[top] ?? top };
}

function figuresOf(preview: ImportPreview, file: CaseFile) {
  const out = computeCase(file);
  // Every line's yearly amounts as the case computes them (the sheet's years, whatever its layout).
  preview.lines = out.scenarios.flatMap((s, i) =>
    s.lines.map((l) => {
      const source = (l.kind === "cost" ? file.scenarios[i]!.costs : file.scenarios[i]!.benefits)[l.index];
      return {
        scenario: s.key,
        kind: l.kind,
        name: l.name,
        category: l.category,
        where: /^From (.+)$/.exec(source?.notes ?? "")?.[1] ?? "",
        years: l.years,
      };
    }),
  );
  preview.figures = out.scenarios.map((s) => ({
    key: s.key,
    name: s.name,
    npv: s.npv,
    tco: s.totalCost,
    totalBenefit: s.totalBenefit,
    roi: s.roi,
    irr: s.irr,
  }));
  preview.comparisons = out.comparisons.map((c) => ({
    alternative: c.alternative,
    baseline: c.baseline,
    npv: c.npv,
    roi: c.roi,
  }));
  // The sheet's own NPV and IRR beside the case's: the same scenario when the sheet has one, the
  // comparison when the sheet compares (its NPV is then usually of the difference).
  const seen = new Set<string>();
  for (const f of preview.found) {
    if ((f.what !== "npv" && f.what !== "irr") || seen.has(f.where)) continue;
    seen.add(f.where);
    const sheetValue = f.what === "npv" ? new D(f.value).times(preview.mapping.scale) : new D(f.value);
    const candidates = [
      ...out.scenarios.map((s) => ({ key: s.key, value: f.what === "npv" ? s.npv : s.irr })),
      ...out.comparisons.map((c) => ({
        key: `${c.alternative}-vs-${c.baseline}`,
        value: f.what === "npv" ? c.npv : c.irr,
      })),
    ];
    const closest = candidates
      .filter((c) => c.value !== null)
      .sort((a, b) => new D(a.value!).minus(sheetValue).abs().comparedTo(new D(b.value!).minus(sheetValue).abs()))[0];
    if (!closest) continue;
    const value = new D(closest.value!);
    const tolerance = f.what === "npv" ? D.max(new D(1), sheetValue.abs().times("0.001")) : new D("0.0005");
    const differs = value.minus(sheetValue).abs().gt(tolerance);
    preview.sheetFigures.push({
      what: f.what,
      where: f.where,
      sheet: sheetValue.toString(), // in the case's units (the sheet's £000 multiplied out)
      caseValue: closest.value,
      scenario: closest.key,
      differs,
      ...(differs ? whyDiffers(preview.mapping, f) : {}),
    });
  }
}

function whyDiffers(mapping: Mapping, f: Found): { why: string; whyCodes: ImportMessage[] } {
  const reasons: ImportMessage[] = [];
  if (mapping.convention === "spread") reasons.push(importMessage("differsSpread"));
  reasons.push(importMessage("differsFirstYear"));
  if (f.note === "formula") reasons.push(importMessage("differsBeside"));
  return { why: reasons.map((r) => r.message).join("; "), whyCodes: reasons };
}
