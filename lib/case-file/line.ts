// One shape per line (docs/case-model.md): a cost or benefit line's defaults and its conversions between the
// stored row, the DTO the pages and editors receive, and the case-file line, all here, each made
// from the line field table (line-fields.ts), so a new field needs no code here:
//
//   LINE_DEFAULTS                    what a line is when the case file leaves a field out
//   toLineDTO(row)                   stored row (Prisma Decimals) -> LineDTO (decimal strings)
//   toFileLine(dto)                  LineDTO -> case-file line (defaults left out, as a person writes it)
//   toLineValues(fileLine)           case-file line -> the DTO's field values (defaults filled in)
//   toLineColumns(fileLine)          case-file line -> every column value (defaults filled in)
//   mergeLinePatch(line, patch)      a line with a merge patch applied (null removes, absent keeps)
//   mapLineById(file, stableId, fn)  the case file with one line replaced (the others shared)
//   reuseUnchanged(held, next)       next, sharing held's objects where they are equal
//
// The data layer (lib/db/case-mappers.ts), export, the audit trail, the grid's undo and sparkline
// and the line panel's draft all convert through these. No Prisma: client components import this
// file (the table's zod types are built only by the schema).
import Decimal from "decimal.js";
import type { BenefitLine, CaseFile, CostLine } from "./schema";
import {
  LINE_FIELD_TABLE,
  STORED_FIELDS,
  lineFieldSpec,
  type Dec,
  type LineColumnValues,
  type LineFieldValues,
  type LinePatch,
  type LineRowColumns,
  type LineTable,
  type RampCurveColumn,
  type RampCurveName,
  type StoredField,
} from "./line-fields";

export type { LinePatch, RampCurveName };

type Defaulted = {
  [F in StoredField]: LineTable[F]["default"] extends null ? never : F;
}[StoredField];
// Every field with a default, and that default.
export const LINE_DEFAULTS = Object.fromEntries(
  STORED_FIELDS.filter((f) => lineFieldSpec(f).default !== null).map((f) => [f, lineFieldSpec(f).default]),
) as { readonly [F in Defaulted]: LineTable[F]["default"] };

// The category a new line starts with in the editors.
export const NEW_LINE_CATEGORY = { cost: "software", benefit: "productivity" } as const;

// A stored cost or benefit line as the data layer returns it (decimal strings), shared with the
// client components that show and edit lines: where it lives, then every stored field of the table.
export interface LineDTO extends LineFieldValues {
  id: string; // the row's id (API paths)
  stableId: string; // the case file's id (docs/case-file.md#stable-ids)
  scenarioId: string;
  kind: "cost" | "benefit";
  position: number;
}

export const toRampCurveName = (c: RampCurveColumn): RampCurveName => (c === "s_curve" ? "s-curve" : c);
export const toRampCurveColumn = (c: RampCurveName): RampCurveColumn => (c === "s-curve" ? "s_curve" : c);

// A stored row: where the line lives, then its columns.
export interface LineRowLike extends LineRowColumns {
  id: string;
  stableId: string;
  scenarioId: string;
  kind: "cost" | "benefit";
  position: number;
}

const str = (d: Dec | null): string | null => (d === null ? null : d.toString());

export function toLineDTO(row: LineRowLike): LineDTO {
  const r = row as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {
    id: row.id,
    stableId: row.stableId,
    scenarioId: row.scenarioId,
    kind: row.kind,
    position: row.position,
  };
  for (const f of STORED_FIELDS) {
    const spec = lineFieldSpec(f);
    if (spec.value === "labour")
      out[f] =
        row.labourHours && row.labourRate && row.labourPeople
          ? { hours: row.labourHours.toString(), rate: row.labourRate.toString(), people: row.labourPeople.toString() }
          : null;
    else if (spec.value === "decimal") out[f] = str(r[f] as Dec | null);
    else if (spec.value === "curve") out[f] = toRampCurveName(r[f] as RampCurveColumn);
    else out[f] = r[f] ?? null;
  }
  return out as unknown as LineDTO;
}

const same = (a: unknown, b: unknown, decimal: boolean) =>
  decimal && typeof a === "string" && typeof b === "string" ? new Decimal(a).eq(b) : a === b;
const copy = (v: unknown) => (v !== null && typeof v === "object" ? { ...(v as object) } : v);

// The fields of a line as a case-file line (only the fields it has, defaults left out): export,
// the audit trail, the grid's undo (which adds a deleted line back) and the line panel's draft all
// use this one shape. Without a stable id (a draft not yet saved) the line carries no `id`.
export type LineFields = Omit<LineDTO, "id" | "scenarioId" | "position">;

export function toFileLine(line: LineFields): CostLine | BenefitLine {
  const out: Record<string, unknown> = line.stableId ? { id: line.stableId } : {};
  const values = line as unknown as Record<string, unknown>;
  for (const f of STORED_FIELDS) {
    const spec = lineFieldSpec(f);
    if (spec.zod[line.kind] === undefined) continue;
    const v = values[f];
    if (v === null || v === undefined) continue;
    if (spec.default !== null && same(v, spec.default, spec.value === "decimal")) continue;
    out[f] = copy(v);
  }
  return out as unknown as CostLine | BenefitLine;
}

// A case-file line's stored fields as the DTO has them (defaults filled in, null where absent).
export function toLineValues(line: CostLine | BenefitLine): LineFieldValues {
  const l = line as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of STORED_FIELDS) out[f] = copy(l[f] ?? lineFieldSpec(f).default);
  return out as unknown as LineFieldValues;
}

// A case-file line as the value of every column (defaults filled in), so an update replaces the
// whole line. `schedule` is null when the line has none (lib/db turns it into a database NULL).
export function toLineColumns(line: CostLine | BenefitLine): LineColumnValues {
  const values = toLineValues(line);
  const out: Record<string, unknown> = {};
  for (const f of STORED_FIELDS) {
    const spec = lineFieldSpec(f);
    if (spec.value === "labour") {
      const [hours, rate, people] = spec.column as readonly string[];
      out[hours!] = values.labour?.hours ?? null;
      out[rate!] = values.labour?.rate ?? null;
      out[people!] = values.labour?.people ?? null;
    } else if (spec.value === "curve") out[f] = toRampCurveColumn(values[f as "rampCurve"]);
    else out[f] = values[f];
  }
  return out as unknown as LineColumnValues;
}

// The database columns of a line, for the data layer's select (lib/db/case-mappers.ts).
export const LINE_COLUMNS = STORED_FIELDS.flatMap((f) => {
  const c = LINE_FIELD_TABLE[f].column;
  return typeof c === "string" ? [c] : [...c];
}) as (Exclude<StoredField, "labour"> | "labourHours" | "labourRate" | "labourPeople")[];

// A merge patch on a case-file line, as updateLine (lib/db/lines.ts) stores it and the browser's
// live model shows it before the answer: a value sets the field, null removes it, undefined
// leaves it; `id` and `scenarioId` are not line fields (a move is the caller's business).
export function mergeLinePatch<L extends CostLine | BenefitLine>(line: L, patch: LinePatch): L {
  const merged: Record<string, unknown> = { ...line };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || key === "scenarioId" || key === "id") continue;
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged as L;
}

// The case file with the line of that stable id replaced by fn(line); every other object is the
// same object as before (the engine keeps per-line results by object, lib/finance/compute.ts), so
// a one-line change costs one line's work. null when no line has that id. The browser's live case
// model applies an edit with it, and the server derives the next version's file after a one-line
// write (lib/services/compute-case.ts).
export function mapLineById(
  file: CaseFile,
  stableId: string,
  fn: (line: CostLine | BenefitLine) => CostLine | BenefitLine,
): CaseFile | null {
  for (let si = 0; si < file.scenarios.length; si++) {
    const s = file.scenarios[si]!;
    const ci = s.costs.findIndex((l) => l.id === stableId);
    const bi = ci >= 0 ? -1 : s.benefits.findIndex((l) => l.id === stableId);
    if (ci < 0 && bi < 0) continue;
    const scenario =
      ci >= 0
        ? { ...s, costs: s.costs.map((l, i) => (i === ci ? (fn(l) as CostLine) : l)) }
        : { ...s, benefits: s.benefits.map((l, i) => (i === bi ? (fn(l) as BenefitLine) : l)) };
    return { ...file, scenarios: file.scenarios.map((x, i) => (i === si ? scenario : x)) };
  }
  return null;
}

// `next` with every line, scenario and the risks that equal their counterparts in `held` replaced
// by held's objects, so the engine's results kept for them still apply: a case read again after
// someone else's one-line edit then costs one line's work, like an edit of one's own. Lines are
// matched by stable id; equal means the same JSON. Nothing else changes.
export function reuseUnchanged(held: CaseFile, next: CaseFile): CaseFile {
  const lines = new Map<string, CostLine | BenefitLine>();
  for (const s of held.scenarios)
    for (const l of [...s.costs, ...s.benefits]) if (l.id !== undefined) lines.set(l.id, l);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const reuse = <L extends CostLine | BenefitLine>(l: L): L => {
    const old = l.id !== undefined ? lines.get(l.id) : undefined;
    return old !== undefined && same(old, l) ? (old as L) : l;
  };
  const scenarios = next.scenarios.map((s) => {
    const costs = s.costs.map(reuse);
    const benefits = s.benefits.map(reuse);
    const old = held.scenarios.find((x) => x.key === s.key);
    const sameLines = (a: readonly unknown[], b: readonly unknown[]) =>
      a.length === b.length && a.every((x, i) => x === b[i]);
    if (
      old &&
      sameLines(old.costs, costs) &&
      sameLines(old.benefits, benefits) &&
      same({ ...old, costs: [], benefits: [] }, { ...s, costs: [], benefits: [] })
    )
      return old;
    return { ...s, costs, benefits };
  });
  return { ...next, scenarios, risks: same(held.risks, next.risks) ? held.risks : next.risks };
}
