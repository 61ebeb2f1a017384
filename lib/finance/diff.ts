// The difference between two versions of a case (docs/architecture.md#versions-and-approval): settings,
// scenarios (by key), lines, risks, KPIs and assumptions (by stable id) added, removed and changed
// field by field (before -> after), and every headline figure before -> after with its delta.
// Pure: two case files and their compute outputs in, a JSON-ready description out.
//
// Only the plan is compared: status, and tracking data (line and KPI actuals), are not plan
// changes. Absent optional fields read as their defaults, and decimals compare by value, so the
// same plan written two ways has no difference.
import Decimal from "decimal.js";
import { LINE_FIELD_NAMES, lineFieldSpec } from "@/lib/case-file/line-fields";
import type { CaseFile } from "@/lib/case-file/schema";
import { figureReason, type FigureReason } from "./figure-reasons";
import { headlineKeys } from "./headline";
import type { ComputeOutput, Metrics } from "./types";

export type DiffValue = string | number | boolean | null;

export interface FieldChange {
  field: string; // dotted path inside the object, e.g. "amount", "labour.rate", "schedule.3"
  before: DiffValue;
  after: DiffValue;
}

export type ObjectKind = "scenario" | "line" | "risk" | "kpi" | "assumption";

export interface ObjectChange {
  kind: ObjectKind;
  id: string; // stable id (a scenario: its key)
  change: "added" | "removed" | "changed";
  name: string; // as it reads after the change (before, for a removed object)
  nameBefore?: string;
  scenario?: string; // lines: the scenario key (after; before for a removed line)
  scenarioName?: string; // and its name in that version
  lineKind?: "cost" | "benefit";
  fields: FieldChange[]; // changed: what changed; added/removed: every field it has
}

export const HEADLINE_FIGURES = ["npv", "roi", "discountedRoi", "irr", "paybackMonths", "tco"] as const;
export type HeadlineFigure = (typeof HEADLINE_FIGURES)[number];

export interface FigureChange {
  figure: HeadlineFigure;
  before: string | null;
  after: string | null;
  delta: string | null; // after - before; null when either is null
  // Why a null before / after does not apply (figure-reasons.ts); absent when the figure exists.
  beforeReason?: FigureReason;
  afterReason?: FigureReason;
}

export interface CaseDiff {
  settings: FieldChange[];
  scenarios: ObjectChange[];
  lines: ObjectChange[];
  risks: ObjectChange[];
  kpis: ObjectChange[];
  assumptions: ObjectChange[];
  figures: FigureChange[];
  headline: {
    before: { alternative: string; baseline: string | null };
    after: { alternative: string; baseline: string | null };
  };
  currency: { before: string; after: string };
  changeCount: number; // settings fields + objects added, removed or changed
}

export interface CaseVersion {
  caseFile: CaseFile;
  output: ComputeOutput;
}

const SETTINGS = [
  "name",
  "description",
  "organisation",
  "preparedBy",
  "locale",
  "currency",
  "startMonth",
  "horizonMonths",
  "discountRate",
  "financeRate",
  "reinvestRate",
  "chosenScenario",
  "actualsThrough",
  "goLiveMonth",
  // Tax, real terms and optimism bias (docs/tax-and-inflation.md), field by field.
  "tax.rate",
  "tax.paid",
  "inflation",
  "priceBasis",
  "discountRateBasis",
  "optimismBias.oneTimeCost",
  "optimismBias.recurringCost",
  "optimismBias.benefitDelayMonths",
  "optimismBias.mitigation",
] as const;

// A line's from the line field table (lib/case-file/line-fields.ts).
const LINE_DIFF_DEFAULTS: Record<string, DiffValue> = Object.fromEntries(
  LINE_FIELD_NAMES.flatMap((f) => {
    const d = lineFieldSpec(f).diff;
    return d === undefined ? [] : [[f, d]];
  }),
);

// Defaults as the engine reads them (docs/case-model.md), so "absent" and "the default" are equal.
const DEFAULTS: Record<ObjectKind | "settings", Record<string, DiffValue>> = {
  settings: {
    description: "",
    organisation: "",
    preparedBy: "",
    locale: "en",
    inflation: "0",
    priceBasis: "nominal",
    discountRateBasis: "nominal",
  },
  scenario: { baseline: false },
  line: LINE_DIFF_DEFAULTS,
  risk: { category: "", owner: "", mitigation: "", includeInCosts: false },
  kpi: { unit: "", direction: "up" },
  assumption: { text: "" },
};

// Tracking data and identity are not compared.
const SKIP = new Set(["id", "actuals", "costs", "benefits"]);

const DECIMAL = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

function flatten(
  obj: Record<string, unknown>,
  kind: ObjectKind | "settings",
  prefix = "",
  out: Map<string, DiffValue> = new Map(),
): Map<string, DiffValue> {
  for (const [k, v] of Object.entries(obj)) {
    if (!prefix && SKIP.has(k)) continue;
    const key = prefix ? `${prefix}.${k}` : k;
    if (v === undefined) continue;
    if (v !== null && typeof v === "object" && !Array.isArray(v)) flatten(v as Record<string, unknown>, kind, key, out);
    else if (Array.isArray(v)) out.set(key, JSON.stringify(v));
    else out.set(key, v as DiffValue);
  }
  return out;
}

// Exchange rates (docs/currencies.md) as one field per dated step, "fx.USD.13": a rate change
// reads "USD rate from month 13: 10.80 -> 11.20"; an added or removed step has null on one side.
function fxChanges(a: CaseFile, b: CaseFile): FieldChange[] {
  const steps = (f: CaseFile) => {
    const m = new Map<string, DiffValue>();
    for (const [currency, table] of Object.entries(f.fx ?? {}))
      for (const s of table) m.set(`fx.${currency}.${s.from}`, s.rate);
    return m;
  };
  const before = steps(a);
  const after = steps(b);
  const fields = [...new Set([...before.keys(), ...after.keys()])].sort((x, y) => {
    const [, cx, mx] = x.split(".");
    const [, cy, my] = y.split(".");
    return cx! < cy! ? -1 : cx! > cy! ? 1 : Number(mx) - Number(my);
  });
  const out: FieldChange[] = [];
  for (const field of fields) {
    const v0 = before.get(field) ?? null;
    const v1 = after.get(field) ?? null;
    if (!same(v0, v1)) out.push({ field, before: v0, after: v1 });
  }
  return out;
}

function same(a: DiffValue, b: DiffValue): boolean {
  if (a === b) return true;
  if (typeof a === "string" && typeof b === "string" && DECIMAL.test(a) && DECIMAL.test(b)) return new Decimal(a).eq(b);
  return false;
}

function withDefault(kind: ObjectKind | "settings", field: string, v: DiffValue | undefined): DiffValue {
  if (v !== undefined) return v;
  return DEFAULTS[kind][field] ?? null;
}

function compareFields(
  kind: ObjectKind | "settings",
  before: Map<string, DiffValue>,
  after: Map<string, DiffValue>,
  order?: readonly string[],
): FieldChange[] {
  const keys = order ? [...order] : [...new Set([...before.keys(), ...after.keys()])];
  const changes: FieldChange[] = [];
  for (const field of keys) {
    const b = withDefault(kind, field, before.get(field));
    const a = withDefault(kind, field, after.get(field));
    if (!same(b, a)) changes.push({ field, before: b, after: a });
  }
  return changes;
}

function allFields(kind: ObjectKind, fields: Map<string, DiffValue>, side: "before" | "after"): FieldChange[] {
  return [...fields].map(([field, v]) => ({
    field,
    before: side === "before" ? v : null,
    after: side === "after" ? v : null,
  }));
}

interface Keyed {
  id: string;
  name: string;
  fields: Map<string, DiffValue>;
  scenario?: string;
  scenarioName?: string;
  lineKind?: "cost" | "benefit";
}

function compareObjects(kind: ObjectKind, before: Keyed[], after: Keyed[]): ObjectChange[] {
  const byIdBefore = new Map(before.map((o) => [o.id, o]));
  const byIdAfter = new Map(after.map((o) => [o.id, o]));
  const out: ObjectChange[] = [];
  for (const o of before) {
    if (!byIdAfter.has(o.id))
      out.push({
        kind,
        id: o.id,
        change: "removed",
        name: o.name,
        scenario: o.scenario,
        scenarioName: o.scenarioName,
        lineKind: o.lineKind,
        fields: allFields(kind, o.fields, "before"),
      });
  }
  for (const o of after) {
    const prev = byIdBefore.get(o.id);
    if (!prev) {
      out.push({
        kind,
        id: o.id,
        change: "added",
        name: o.name,
        scenario: o.scenario,
        scenarioName: o.scenarioName,
        lineKind: o.lineKind,
        fields: allFields(kind, o.fields, "after"),
      });
      continue;
    }
    const fields = compareFields(kind, prev.fields, o.fields);
    if (fields.length)
      out.push({
        kind,
        id: o.id,
        change: "changed",
        name: o.name,
        ...(prev.name !== o.name ? { nameBefore: prev.name } : {}),
        scenario: o.scenario,
        scenarioName: o.scenarioName,
        lineKind: o.lineKind,
        fields,
      });
  }
  for (const o of out) {
    if (o.scenario === undefined) delete o.scenario;
    if (o.scenarioName === undefined) delete o.scenarioName;
    if (o.lineKind === undefined) delete o.lineKind;
  }
  return out;
}

function linesOf(file: CaseFile): Keyed[] {
  return file.scenarios.flatMap((s) =>
    (["costs", "benefits"] as const).flatMap((k) =>
      s[k].map((l, i) => {
        const fields = flatten(l as unknown as Record<string, unknown>, "line");
        fields.set("scenario", s.key);
        fields.set("kind", k === "costs" ? "cost" : "benefit");
        return {
          id: l.id ?? `${s.key}:${k}:${i}`,
          name: l.name,
          fields,
          scenario: s.key,
          scenarioName: s.name,
          lineKind: k === "costs" ? ("cost" as const) : ("benefit" as const),
        };
      }),
    ),
  );
}

function keyedList<T extends { id?: string }>(items: T[], kind: ObjectKind, nameOf: (o: T) => string): Keyed[] {
  return items.map((o, i) => ({
    id: o.id ?? `${kind}:${i}`,
    name: nameOf(o),
    fields: flatten(o as unknown as Record<string, unknown>, kind),
  }));
}

// The headline metrics of a version: the pair headlineKeys picks (incremental when there is a
// baseline), TCO of the alternative.
function headlineMetrics(file: CaseFile, output: ComputeOutput) {
  const keys = headlineKeys(file.scenarios, file.chosenScenario);
  const alternative = output.scenarios.find((s) => s.key === keys.alternative) ?? output.scenarios[0]!;
  const comparison = keys.baseline
    ? output.comparisons.find((c) => c.alternative === keys.alternative && c.baseline === keys.baseline)
    : undefined;
  const m: Metrics = comparison ?? alternative;
  return { m, alternative };
}

// Why each null headline figure of a version does not apply.
function headlineReasons(file: CaseFile, output: ComputeOutput): Partial<Record<HeadlineFigure, FigureReason>> {
  const { m } = headlineMetrics(file, output);
  const out: Partial<Record<HeadlineFigure, FigureReason>> = {};
  for (const f of ["roi", "discountedRoi", "irr", "paybackMonths"] as const) {
    const r = figureReason(m, f);
    if (r) out[f] = r;
  }
  return out;
}

export function headlineFigures(file: CaseFile, output: ComputeOutput): Record<HeadlineFigure, string | null> {
  const { m, alternative } = headlineMetrics(file, output);
  return {
    npv: m.npv,
    roi: m.roi,
    discountedRoi: m.discountedRoi,
    irr: m.irr,
    paybackMonths: m.paybackMonths,
    tco: alternative.totalCost,
  };
}

export function diffCaseVersions(from: CaseVersion, to: CaseVersion): CaseDiff {
  const a = from.caseFile;
  const b = to.caseFile;
  const settingsMap = (f: CaseFile) => {
    const m = new Map<string, DiffValue>();
    for (const k of SETTINGS) {
      const v = k
        .split(".")
        .reduce<unknown>(
          (o, part) => (o && typeof o === "object" ? (o as Record<string, unknown>)[part] : undefined),
          f,
        );
      if (v !== undefined) m.set(k, v as DiffValue);
    }
    return m;
  };
  const settings = [...compareFields("settings", settingsMap(a), settingsMap(b), SETTINGS), ...fxChanges(a, b)];
  const scenarioKeyed = (f: CaseFile): Keyed[] =>
    f.scenarios.map((s) => ({
      id: s.key,
      name: s.name,
      fields: flatten(s as unknown as Record<string, unknown>, "scenario"),
    }));
  const scenarios = compareObjects("scenario", scenarioKeyed(a), scenarioKeyed(b));
  const lines = compareObjects("line", linesOf(a), linesOf(b));
  const risks = compareObjects(
    "risk",
    keyedList(a.risks, "risk", (r) => r.title),
    keyedList(b.risks, "risk", (r) => r.title),
  );
  const kpis = compareObjects(
    "kpi",
    keyedList(a.kpis, "kpi", (k) => k.name),
    keyedList(b.kpis, "kpi", (k) => k.name),
  );
  const assumptions = compareObjects(
    "assumption",
    keyedList(a.assumptions, "assumption", (x) => x.title),
    keyedList(b.assumptions, "assumption", (x) => x.title),
  );

  const fb = headlineFigures(a, from.output);
  const fa = headlineFigures(b, to.output);
  const rb = headlineReasons(a, from.output);
  const ra = headlineReasons(b, to.output);
  const figures = HEADLINE_FIGURES.map((figure): FigureChange => {
    const before = fb[figure];
    const after = fa[figure];
    return {
      figure,
      before,
      after,
      delta: before !== null && after !== null ? new Decimal(after).minus(before).toString() : null,
      ...(rb[figure] ? { beforeReason: rb[figure] } : {}),
      ...(ra[figure] ? { afterReason: ra[figure] } : {}),
    };
  });
  return {
    settings,
    scenarios,
    lines,
    risks,
    kpis,
    assumptions,
    figures,
    headline: {
      before: headlineKeys(a.scenarios, a.chosenScenario),
      after: headlineKeys(b.scenarios, b.chosenScenario),
    },
    currency: { before: a.currency, after: b.currency },
    changeCount: settings.length + scenarios.length + lines.length + risks.length + kpis.length + assumptions.length,
  };
}
