// The line field table (lib/case-file/line-fields.ts) and what derives from it: every field goes
// row -> DTO -> file -> row unchanged, the defaults fill in and are left out again, the currency
// field is validated (naming its path), labelled in five languages, and a file without it exports
// its lines sheet and CSV exactly as before.
import { readFileSync } from "node:fs";
import path from "node:path";
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import {
  LINE_DEFAULTS,
  toFileLine,
  toLineColumns,
  toLineDTO,
  toLineValues,
  type LineRowLike,
} from "@/lib/case-file/line";
import {
  BENEFIT_ONLY_FIELDS,
  LINE_FIELD_NAMES,
  STORED_FIELDS,
  lineFieldSpec,
  type LineFieldName,
} from "@/lib/case-file/line-fields";
import { parseCaseFileText } from "@/lib/case-file/parse";
import { benefitLineSchema, caseFileSchema, costLineSchema, type CaseFile } from "@/lib/case-file/schema";
import { diffCaseVersions } from "@/lib/finance/diff";
import { computeCase } from "@/lib/finance/compute";
import { updateLineSchema } from "@/lib/validation/case";
import { linesCsv } from "@/lib/xlsx/csv";
import { KPI_FIELDS, RISK_FIELDS } from "@/lib/xlsx/export";
import { LINE_FIELDS, NUMERIC_LINE_FIELDS, RATE_LINE_FIELDS, sheetLineFields } from "@/lib/xlsx/fields";
import { guessMapping, toLines } from "@/lib/xlsx/import-map";

const root = path.resolve(import.meta.dirname, "../../..");

// One value per field, none of them the default: a benefit line that carries every field.
const EVERY_FIELD: Record<LineFieldName, unknown> = {
  name: "Fewer calls",
  category: "revenue",
  amount: "1250.5",
  labour: { hours: "12", rate: "95.5", people: "2" },
  month: 3,
  recurring: "quarterly",
  startMonth: 3,
  endMonth: 30,
  escalation: "0.02",
  riskAdjustment: "0.15",
  tangible: false,
  rampMonths: 6,
  rampCurve: "s-curve",
  realisation: "0.8",
  margin: "0.5",
  kpi: "Calls",
  low: "1000",
  high: "1500",
  notes: "From the pilot",
  actuals: { "0": "900" },
  currency: "EUR",
  capitalised: { method: "straight-line", years: 5 },
  schedule: { "0": "10", "12": "20" },
};

// A database row as Prisma returns it: decimal columns as Decimals.
function rowOf(kind: "cost" | "benefit", file: Record<string, unknown>, stableId: string): LineRowLike {
  const columns = toLineColumns(file as never) as Record<string, unknown>;
  const row: Record<string, unknown> = { id: "row-1", stableId, scenarioId: "s", kind, position: 0 };
  for (const [k, v] of Object.entries(columns))
    row[k] = typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v) && k !== "name" && k !== "kpi" ? new Decimal(v) : v;
  return row as unknown as LineRowLike;
}

describe("the line field table", () => {
  it("has a sample for every field, and the sample differs from every default", () => {
    expect(Object.keys(EVERY_FIELD).sort()).toEqual([...LINE_FIELD_NAMES].sort());
    for (const f of LINE_FIELD_NAMES) expect(EVERY_FIELD[f], f).not.toEqual(lineFieldSpec(f).default);
  });

  it("refuses a capitalised benefit, naming the field", () => {
    const r = benefitLineSchema.safeParse({ name: "B", month: 0, amount: "1", capitalised: EVERY_FIELD.capitalised });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(["capitalised"]);
  });

  it("every stored field of a benefit and of a cost goes row -> DTO -> file -> row unchanged", () => {
    // A line cannot carry every field at once (amount and labour and schedule exclude each other):
    // each field is checked on a line that holds it beside a minimal valid line.
    for (const kind of ["cost", "benefit"] as const) {
      const schema = kind === "cost" ? costLineSchema : benefitLineSchema;
      for (const f of STORED_FIELDS) {
        if (kind === "cost" && BENEFIT_ONLY_FIELDS.includes(f)) continue;
        // A cost-only field: its benefit type refuses any value (tested below).
        if (kind === "benefit" && f === "capitalised") continue;
        const base: Record<string, unknown> = {
          id: "l1",
          name: "Line",
          category: kind === "cost" ? "software" : "revenue",
        };
        const timing =
          f === "schedule"
            ? {}
            : f === "recurring" || f === "startMonth" || f === "endMonth"
              ? { recurring: "monthly" }
              : { month: 0 };
        const money = f === "schedule" || f === "labour" ? {} : { amount: "1250.5" };
        const sample = f === "category" && kind === "cost" ? "hardware" : EVERY_FIELD[f];
        const file = { ...base, ...timing, ...money, [f]: sample } as Record<string, unknown>;
        if (f === "tangible") for (const k of ["amount", "month"]) delete file[k];
        const parsed = schema.safeParse(file);
        expect(parsed.success, `${kind} ${f}: ${JSON.stringify(!parsed.success && parsed.error.issues)}`).toBe(true);
        const row = rowOf(kind, parsed.data!, "l1");
        const dto = toLineDTO(row);
        const back = toFileLine(dto);
        expect(back, `${kind} ${f}`).toEqual(parsed.data);
        expect(toLineColumns(back), `${kind} ${f}`).toEqual(toLineColumns(parsed.data!));
        expect(toLineValues(back)).toEqual(Object.fromEntries(STORED_FIELDS.map((s) => [s, (dto as never)[s]])));
      }
    }
  });

  it("fills the defaults into the columns and leaves them out of the file", () => {
    const file = costLineSchema.parse({ name: "Licence", category: "software", amount: "100", month: 0 });
    const columns = toLineColumns(file) as Record<string, unknown>;
    for (const [f, v] of Object.entries(LINE_DEFAULTS)) if (f !== "category") expect(columns[f], f).toEqual(v);
    expect(Object.keys(LINE_DEFAULTS).sort()).toEqual(
      STORED_FIELDS.filter((f) => lineFieldSpec(f).default !== null).sort(),
    );
    expect([columns.currency, columns.schedule, columns.labourHours]).toEqual([null, null, null]);
    expect(toFileLine(toLineDTO(rowOf("cost", file, "c1")))).toEqual({ id: "c1", ...file });
    // A default written out ("0.0") is left out too: the file reads as a person writes it.
    const written = benefitLineSchema.parse({ name: "B", amount: "1", month: 0, realisation: "1.0", escalation: "0" });
    expect(toFileLine(toLineDTO(rowOf("benefit", written, "b1")))).toEqual({
      id: "b1",
      name: "B",
      amount: "1",
      month: 0,
    });
  });

  it("labels every field in all five languages", () => {
    for (const locale of ["en", "sv", "nb", "fr", "zh"]) {
      const messages = JSON.parse(readFileSync(path.join(root, "messages", locale, "case.json"), "utf8"));
      for (const f of LINE_FIELD_NAMES) {
        const value = lineFieldSpec(f)
          .label.split(".")
          .reduce(
            (o: Record<string, unknown> | undefined, k) => o?.[k] as Record<string, unknown> | undefined,
            messages,
          );
        expect(typeof value, `${locale}: ${lineFieldSpec(f).label}`).toBe("string");
      }
    }
  });

  it("keeps the workbook's lines columns, numbers and rates as they were", () => {
    expect(LINE_FIELDS).toEqual([
      ...["kind", "id", "name", "category", "amount", "labour.hours", "labour.rate", "labour.people", "month"],
      ...["recurring", "startMonth", "endMonth", "escalation", "riskAdjustment", "tangible", "rampMonths"],
      ...["rampCurve", "realisation", "margin", "kpi", "low", "high", "notes", "actuals"],
    ]);
    expect([...RATE_LINE_FIELDS].sort()).toEqual(["escalation", "margin", "realisation", "riskAdjustment"]);
    expect([...NUMERIC_LINE_FIELDS].sort()).toEqual(
      [
        ...["amount", "labour.hours", "labour.rate", "labour.people", "month", "startMonth", "endMonth"],
        ...["escalation", "riskAdjustment", "rampMonths", "realisation", "margin", "low", "high"],
      ].sort(),
    );
    expect(sheetLineFields([{ name: "a" }])).toEqual(LINE_FIELDS);
    // The Risks and KPIs sheets follow their schemas, in the same columns as before.
    expect(RISK_FIELDS).toEqual([
      ...["id", "title", "category", "likelihood", "impact", "owner", "mitigation", "probability"],
      ...["costImpact", "includeInCosts", "scenario", "month"],
    ]);
    expect(KPI_FIELDS).toEqual(["id", "name", "unit", "direction", "baseline", "target", "actuals"]);
    expect(sheetLineFields([{ name: "a" }, { name: "b", currency: "EUR" }])).toEqual([...LINE_FIELDS, "currency"]);
  });
});

describe("the currency field", () => {
  it('refuses "usd" and "US", naming the path; takes "USD"', () => {
    for (const bad of ["usd", "US", "USDX", "U5D"]) {
      const r = costLineSchema.safeParse({ name: "L", category: "software", amount: "1", month: 0, currency: bad });
      expect(r.success, bad).toBe(false);
      expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(["currency"]);
      const patch = updateLineSchema.safeParse({ currency: bad });
      expect(patch.error!.issues.map((i) => i.path.join("."))).toEqual(["currency"]);
    }
    expect(benefitLineSchema.parse({ name: "B", amount: "1", month: 0, currency: "USD" }).currency).toBe("USD");
    expect(updateLineSchema.parse({ currency: null }).currency).toBeNull();
  });

  it("names the line's path in a whole case file", () => {
    const text = readFileSync(path.join(root, "tests/fixtures/cases/every-timing.json"), "utf8");
    const file = JSON.parse(text);
    file.scenarios[0].costs[0].currency = "usd";
    const r = caseFileSchema.safeParse(file);
    expect(r.success).toBe(false);
    // The code's form, and (with no rates for it) its missing rates: both at the line's path.
    expect(new Set(r.error!.issues.map((i) => i.path.join(".")))).toEqual(new Set(["scenarios.0.costs.0.currency"]));
  });

  it("at a rate of 1 changes no figure, exports only where a line has it, and reads back from a CSV", async () => {
    const parsed = parseCaseFileText(readFileSync(path.join(root, "tests/fixtures/cases/every-timing.json"), "utf8"));
    if (!parsed.ok) throw new Error("fixture");
    const file = parsed.value;
    const withCurrency: CaseFile = {
      ...file,
      fx: { EUR: [{ from: 0, rate: "1" }] },
      scenarios: file.scenarios.map((s, i) =>
        i === 0 ? { ...s, costs: s.costs.map((l, j) => (j === 0 ? { ...l, currency: "EUR" } : l)) } : s,
      ),
    };
    const figures = (f: CaseFile) => computeCase(f).scenarios.map((x) => [x.npv, x.totalCost, x.totalBenefit]);
    expect(figures(withCurrency)).toEqual(figures(file));

    const key = file.scenarios[0]!.key;
    const plain = await linesCsv(file, key);
    expect(plain.split("\r\n")[0]).toBe([...LINE_FIELDS, "schedule"].join(","));
    const csv = await linesCsv(withCurrency, key);
    const [header, first] = csv.split("\r\n");
    expect(header).toBe([...LINE_FIELDS, "currency", "schedule"].join(","));
    expect(first!.split(",")[LINE_FIELDS.length]).toBe("EUR");

    const mapping = guessMapping(["Namn", "Belopp", "Kategori", "Månad", "Valuta"]);
    expect(mapping).toEqual(["name", "amount", "category", "month", "currency"]);
    const table = (currency: string) => ({
      header: ["Namn", "Belopp", "Kategori", "Månad", "Valuta"],
      rows: [["Licens", "100", "software", "0", currency]],
      rowNumbers: [2],
    });
    const options = { locale: "sv", horizon: 36, defaultKind: "cost" as const };
    expect(toLines(table("NOK"), mapping, options).costs[0]).toMatchObject({ name: "Licens", currency: "NOK" });
    const bad = toLines(table("nok"), mapping, options);
    expect(bad.problems.map((p) => [p.field, p.column])).toEqual([["currency", "E (Valuta)"]]);

    // A version diff names it; absent on both sides is no change.
    const diff = diffCaseVersions(
      { caseFile: file, output: computeCase(file) },
      { caseFile: withCurrency, output: computeCase(withCurrency) },
    );
    expect(diff.lines.flatMap((l) => l.fields)).toEqual([{ field: "currency", before: null, after: "EUR" }]);
  });
});
