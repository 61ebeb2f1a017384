// A cost or benefit line's fields, declared once (docs/case-model.md "A line's fields"). One row
// per field says everything the code around a line needs to know about it:
//
//   zod       its type in the case file, per kind of line it belongs to (a benefit-only field has
//             no `cost` entry); `required` names the kinds where it must be given
//   value     how it is read and written outside the case file: a decimal (a Decimal column, a
//             number cell), a month, a yes/no, one of a few words, month:amount pairs, a code
//   default   what the line is when the file leaves it out (a column's value; null: NULL)
//   column    its CaseLine column(s) in the database; null: stored elsewhere (actuals)
//   label     its message key in the "case" catalogue (five languages)
//   sheet     whether the workbook's lines sheet and the lines CSV always carry it, only when a
//             line of the sheet has it ("whenUsed": files without it export as before), or as
//             one column a month ("months": the schedule)
//   columns   its header(s) in a workbook or CSV and the words an import recognises for each
//   rate      a share or a yearly rate: a percentage in the workbook, "5 %" accepted on import
//   diff      what an absent value reads as when two versions are compared (none: absent)
//   input     the kind of input the line panel shows for it
//
// Everything else derives from this table: the case-file schema's line part (schema.ts), the
// defaults and the row <-> DTO <-> file conversions (line.ts), the workbook's and CSV's columns
// (lib/xlsx/fields.ts), the importer's words and value sets (lib/xlsx/import-map.ts), the diff's
// defaults (lib/finance/diff.ts) and the panel's field list (components/lines/line-panel.tsx).
// What a field MEANS for the money (how the engine counts it) is written in lib/finance.
//
// Client components import this file (through line.ts): the zod types are thunks, so nothing is
// built until the schema asks.
import { z } from "zod";
import { BENEFIT_CATEGORIES, COST_CATEGORIES } from "./categories";
import { amountField, decimalField, nonNegativeAmountField, rateField, shareField } from "./decimal-field";
import { currencyCode, MONTH_KEY, monthIndex, name, text } from "./field-types";

export const RECURRENCES = ["monthly", "quarterly", "annual"] as const;
export const RAMP_CURVES = ["linear", "s-curve", "step"] as const;
export type Recurrence = (typeof RECURRENCES)[number];
export type RampCurveName = (typeof RAMP_CURVES)[number];

const labourSchema = () =>
  z.strictObject({
    hours: nonNegativeAmountField(),
    rate: amountField(),
    people: nonNegativeAmountField(),
  });
const scheduleSchema = () =>
  z
    .record(z.string().regex(MONTH_KEY, "schedule keys are month numbers"), amountField())
    .refine((s) => Object.keys(s).length > 0, "a schedule needs at least one month");
// A capitalised cost is depreciated for tax instead of expensed (docs/tax-and-inflation.md). The
// useful life (years) is where declining balance's switch to straight-line ends.
export const DEPRECIATION_METHODS = ["straight-line", "declining-balance"] as const;
export const capitalisedSchema = z.discriminatedUnion("method", [
  z.strictObject({ method: z.literal("straight-line"), years: z.int().min(1).max(50) }),
  z.strictObject({
    method: z.literal("declining-balance"),
    rate: decimalField({ min: "0", minExclusive: true, max: "2", maxDecimals: 12 }),
    years: z.int().min(1).max(50),
  }),
]);
// Actual amounts by month ("0".."120"), in the same terms as the plan's amount (docs/finance.md).
const actualsSchema = () => z.record(z.string().regex(MONTH_KEY, "actuals keys are month numbers"), amountField());

export type LineValueKind =
  | "text" // free text
  | "category" // one of the kind's categories (an import also reads their labels)
  | "decimal" // a decimal string; a Decimal column, a number cell
  | "labour" // hours x rate x people, three decimal columns
  | "month" // a whole month 0..horizon
  | "bool" // yes or no
  | "recurrence" // monthly, quarterly or annual
  | "curve" // a ramp curve's name (the column spells s-curve as s_curve)
  | "pairs" // month -> amount ("0:1000;12:1500" in a cell)
  | "code" // a short upper-case code (ISO 4217)
  | "object"; // a small structured value kept whole (a capitalised cost's depreciation)

export type PanelInput =
  "text" | "textarea" | "category" | "amount" | "percent" | "month" | "checkbox" | "select" | "code";

type Make = () => z.ZodType;
export interface LineFieldSpec {
  readonly zod: { readonly cost?: Make; readonly benefit: Make };
  readonly required?: { readonly cost?: true; readonly benefit?: true };
  readonly value: LineValueKind;
  readonly default: string | number | boolean | null;
  readonly column: string | readonly string[] | null;
  readonly label: string;
  readonly sheet: "always" | "whenUsed" | "months" | "none"; // none: another sheet carries it
  readonly columns: readonly { readonly header: string; readonly words: readonly string[] }[];
  readonly rate: boolean;
  readonly diff?: string | number | boolean;
  readonly input: PanelInput | null; // null: not edited in the panel (actuals: the Realisation tab)
}

const both = <M extends Make>(make: M) => ({ cost: make, benefit: make });
const benefitOnly = <M extends Make>(make: M) => ({ benefit: make });
const col = <H extends string>(header: H, ...words: string[]) => [{ header, words }] as const;

// In the order of the workbook's lines sheet (after its "kind" and "id" columns).
export const LINE_FIELD_TABLE = {
  name: {
    zod: both(name),
    required: { cost: true, benefit: true },
    value: "text",
    default: null,
    column: "name",
    label: "fields.name",
    sheet: "always",
    columns: col(
      "name",
      ...["name", "line", "item", "description", "namn", "benämning", "post", "rad", "navn", "beskrivelse", "nom"],
      ...["libellé", "désignation", "intitulé", "名称", "项目", "名字"],
    ),
    rate: false,
    input: "text",
  },
  category: {
    zod: { cost: () => z.enum(COST_CATEGORIES), benefit: () => z.enum(BENEFIT_CATEGORIES) },
    required: { cost: true },
    value: "category",
    default: "",
    column: "category",
    label: "fields.category",
    sheet: "always",
    columns: col("category", "category", "kategori", "catégorie", "categorie", "类别", "分类"),
    rate: false,
    input: "category",
  },
  amount: {
    zod: both(amountField),
    value: "decimal",
    default: null,
    column: "amount",
    label: "fields.amount",
    sheet: "always",
    columns: col(
      "amount",
      ...["amount", "value", "cost", "sum", "belopp", "summa", "kostnad", "värde", "beløp", "sum", "verdi"],
      ...["montant", "valeur", "coût", "金额", "数额", "费用"],
      // Per year or per month: the importer makes such a line recur (docs/import.md).
      ...["annual amount", "annual cost", "annual value", "annual benefit", "yearly amount", "yearly cost"],
      ...["cost per year", "amount per year", "per year", "monthly amount", "monthly cost", "cost per month"],
      ...["amount per month", "per month", "årligt belopp", "årlig kostnad", "belopp per år", "per år"],
      ...["månadskostnad", "belopp per månad", "per månad", "årlig beløp", "årlig kostnad", "beløp per år"],
      ...["månedlig kostnad", "per måned", "montant annuel", "coût annuel", "montant mensuel", "coût mensuel"],
      ...["par an", "par mois", "年度金额", "每年金额", "年费用", "每月金额", "月费用"],
    ),
    rate: false,
    input: "amount",
  },
  labour: {
    zod: both(labourSchema),
    value: "labour",
    default: null,
    column: ["labourHours", "labourRate", "labourPeople"],
    label: "fields.labour",
    sheet: "always",
    columns: [
      {
        header: "labour.hours",
        words: ["hours", "labour hours", "timmar", "antal timmar", "timer", "antall timer", "heures"].concat([
          "nombre d'heures",
          "小时",
          "工时",
        ]),
      },
      {
        header: "labour.rate",
        words: ["rate", "hourly rate", "timpris", "timkostnad", "timepris", "timesats", "taux horaire"].concat([
          "tarif horaire",
          "时薪",
          "小时费率",
        ]),
      },
      {
        header: "labour.people",
        words: ["people", "persons", "headcount", "personer", "antal personer", "antall personer"].concat([
          "personnes",
          "nombre de personnes",
          "人数",
        ]),
      },
    ],
    rate: false,
    input: "amount",
  },
  month: {
    zod: both(monthIndex),
    value: "month",
    default: null,
    column: "month",
    label: "fields.month",
    sheet: "always",
    columns: col("month", "month", "månad", "måned", "mois", "月份", "月"),
    rate: false,
    input: "month",
  },
  recurring: {
    zod: both(() => z.enum(RECURRENCES)),
    value: "recurrence",
    default: null,
    column: "recurring",
    label: "fields.recurring",
    sheet: "always",
    columns: col(
      "recurring",
      ...["recurring", "timing", "frequency", "recurrence", "återkommande", "frekvens", "periodicitet"],
      ...["gjentakende", "hyppighet", "récurrence", "fréquence", "périodicité", "频率", "周期"],
    ),
    rate: false,
    input: "select",
  },
  startMonth: {
    zod: both(monthIndex),
    value: "month",
    default: null,
    column: "startMonth",
    label: "fields.startMonth",
    sheet: "always",
    columns: col(
      "startMonth",
      ...["start month", "start", "from month", "from", "startmånad", "från månad", "från", "startmåned"],
      ...["fra måned", "fra", "mois de début", "début", "开始月份", "起始月"],
      // Given in years ("From year 1"): the importer converts them to months (docs/import.md).
      ...["start year", "from year", "first year", "first month", "startår", "från år", "fra år", "første år"],
      ...["année de début", "première année", "开始年份", "起始年"],
    ),
    rate: false,
    input: "month",
  },
  endMonth: {
    zod: both(monthIndex),
    value: "month",
    default: null,
    column: "endMonth",
    label: "fields.endMonth",
    sheet: "always",
    columns: col(
      "endMonth",
      ...["end month", "end", "to month", "to", "slutmånad", "till månad", "till", "sluttmåned", "til måned"],
      ...["til", "mois de fin", "fin", "结束月份", "截止月"],
      ...["end year", "to year", "last year", "last month", "slutår", "till år", "til år", "siste år", "sluttår"],
      ...["année de fin", "dernière année", "结束年份", "截止年"],
    ),
    rate: false,
    input: "month",
  },
  escalation: {
    zod: both(rateField),
    value: "decimal",
    default: "0",
    column: "escalation",
    label: "fields.escalation",
    sheet: "always",
    columns: col(
      "escalation",
      ...["escalation", "annual escalation", "indexation", "uppräkning", "årlig uppräkning", "prisjustering"],
      ...["årlig prisjustering", "indexering", "indexation annuelle", "revalorisation", "年增长率", "涨幅"],
      ...["growth", "growth %", "growth rate", "annual growth", "annual increase", "price increase", "ökning"],
      ...["årlig ökning", "tillväxt", "økning", "årlig økning", "vekst", "croissance", "hausse annuelle", "增长率"],
    ),
    rate: true,
    diff: "0",
    input: "percent",
  },
  riskAdjustment: {
    zod: both(rateField),
    value: "decimal",
    default: "0",
    column: "riskAdjustment",
    label: "fields.riskAdjustment",
    sheet: "always",
    columns: col(
      "riskAdjustment",
      ...["risk adjustment", "risk", "riskjustering", "risikojustering", "ajustement du risque"],
      ...["ajustement au risque", "风险调整"],
    ),
    rate: true,
    diff: "0",
    input: "percent",
  },
  tangible: {
    zod: benefitOnly(() => z.boolean()),
    value: "bool",
    default: true,
    column: "tangible",
    label: "fields.tangible",
    sheet: "always",
    columns: col(
      "tangible",
      ...["tangible", "in money", "påtaglig", "mätbar i pengar", "håndfast", "målbar i penger", "tangible"],
      ...["monétaire", "有形"],
    ),
    rate: false,
    diff: true,
    input: "checkbox",
  },
  rampMonths: {
    zod: benefitOnly(monthIndex),
    value: "month",
    default: 0,
    column: "rampMonths",
    label: "fields.rampMonths",
    sheet: "always",
    columns: col(
      "rampMonths",
      ...["ramp", "ramp months", "ramp-up", "upprampning", "upptrappning", "opptrapping", "montée en charge"],
      ...["爬坡", "爬坡月数"],
    ),
    rate: false,
    diff: 0,
    input: "month",
  },
  rampCurve: {
    zod: benefitOnly(() => z.enum(RAMP_CURVES)),
    value: "curve",
    default: "linear",
    column: "rampCurve",
    label: "fields.rampCurve",
    sheet: "always",
    columns: col("rampCurve", "curve", "ramp curve", "kurva", "kurve", "courbe", "曲线"),
    rate: false,
    diff: "linear",
    input: "select",
  },
  realisation: {
    zod: benefitOnly(shareField),
    value: "decimal",
    default: "1",
    column: "realisation",
    label: "fields.realisation",
    sheet: "always",
    columns: col(
      "realisation",
      ...["realisation", "realization", "realisering", "realiseringsgrad", "réalisation", "taux de réalisation"],
      "实现率",
    ),
    rate: true,
    diff: "1",
    input: "percent",
  },
  margin: {
    zod: benefitOnly(shareField),
    value: "decimal",
    default: "1",
    column: "margin",
    label: "fields.margin",
    sheet: "always",
    columns: col(
      "margin",
      ...["margin", "gross margin", "marginal", "bruttomarginal", "margin", "bruttomargin", "marge"],
      ...["marge brute", "毛利率", "利润率"],
    ),
    rate: true,
    diff: "1",
    input: "percent",
  },
  kpi: {
    zod: benefitOnly(() => text(300)),
    value: "text",
    default: null,
    column: "kpi",
    label: "fields.kpi",
    sheet: "always",
    columns: col("kpi", "kpi", "nyckeltal", "nøkkeltall", "indicateur", "关键指标"),
    rate: false,
    input: "text",
  },
  low: {
    zod: both(amountField),
    value: "decimal",
    default: null,
    column: "low",
    label: "fields.low",
    sheet: "always",
    columns: col("low", "low", "minimum", "min", "lägsta", "låg", "lav", "laveste", "bas", "最低"),
    rate: false,
    input: "amount",
  },
  high: {
    zod: both(amountField),
    value: "decimal",
    default: null,
    column: "high",
    label: "fields.high",
    sheet: "always",
    columns: col("high", "high", "maximum", "max", "högsta", "hög", "høy", "høyeste", "haut", "最高"),
    rate: false,
    input: "amount",
  },
  notes: {
    zod: both(() => text()),
    value: "text",
    default: "",
    column: "notes",
    label: "fields.notes",
    sheet: "always",
    columns: col(
      "notes",
      ...["notes", "note", "comment", "anteckningar", "kommentar", "notater", "merknad", "commentaire"],
      ...["备注", "说明"],
    ),
    rate: false,
    diff: "",
    input: "textarea",
  },
  actuals: {
    zod: both(actualsSchema),
    value: "pairs",
    default: null,
    column: null,
    label: "fields.actuals",
    sheet: "always",
    columns: col(
      "actuals",
      ...["actuals", "actual", "utfall", "faktiskt utfall", "faktisk", "faktiske tall", "réel", "réalisé"],
      ...["实际", "实际值"],
    ),
    rate: false,
    input: null,
  },
  // The currency the line's amounts are in; absent: the case's currency. Nothing converts yet.
  currency: {
    zod: both(currencyCode),
    value: "code",
    default: null,
    column: "currency",
    label: "fields.currency",
    sheet: "whenUsed",
    columns: col("currency", "currency", "valuta", "devise", "monnaie", "币种", "货币"),
    rate: false,
    input: "code",
  },
  // A cost that is capitalised and depreciated for tax (absent: expensed when it falls). Only the
  // tax computation reads it; the workbook's Tax sheet shows it.
  capitalised: {
    // A benefit is never capitalised: its type is the cost's (so every line's DTO has the field),
    // and any value is refused.
    zod: {
      cost: () => capitalisedSchema,
      benefit: () => capitalisedSchema.refine(() => false, "only a cost line can be capitalised"),
    },
    value: "object",
    default: null,
    column: "capitalised",
    label: "fields.capitalised",
    sheet: "none",
    columns: col("capitalised", "capitalised", "capitalized", "aktiverad", "aktivert", "immobilisé", "资本化"),
    rate: false,
    input: null,
  },
  schedule: {
    zod: both(scheduleSchema),
    value: "pairs",
    default: null,
    column: "schedule",
    label: "fields.schedule",
    sheet: "months",
    columns: col(
      "schedule",
      ...["schedule", "plan", "tidsplan", "betalningsplan", "betalingsplan", "échéancier", "calendrier"],
      ...["时间表", "计划"],
    ),
    rate: false,
    input: null,
  },
} as const satisfies Record<string, LineFieldSpec>;

export type LineTable = typeof LINE_FIELD_TABLE;
export type LineFieldName = keyof LineTable;
export const LINE_FIELD_NAMES = Object.keys(LINE_FIELD_TABLE) as LineFieldName[];
export const lineFieldSpec = (f: LineFieldName): LineFieldSpec => LINE_FIELD_TABLE[f];

// The fields a line of this kind may carry.
export const fieldsOfKind = (kind: "cost" | "benefit"): LineFieldName[] =>
  LINE_FIELD_NAMES.filter((f) => lineFieldSpec(f).zod[kind] !== undefined);
// Fields only a benefit carries (a cost's patch never names them).
export const BENEFIT_ONLY_FIELDS = LINE_FIELD_NAMES.filter((f) => lineFieldSpec(f).zod.cost === undefined);
// Fields kept on the line's own database row (actuals have their own table).
export const STORED_FIELDS = LINE_FIELD_NAMES.filter((f) => lineFieldSpec(f).column !== null) as StoredField[];

// ---------------------------------------------------------------------------------------------
// Types that follow the table

type Built<M> = M extends () => infer Z ? (Z extends z.ZodType ? Z : never) : never;
type KindShape<K extends "cost" | "benefit"> = {
  [F in LineFieldName as LineTable[F]["zod"] extends Record<K, Make> ? F : never]: LineTable[F] extends {
    required: Record<K, true>;
  }
    ? Built<LineTable[F]["zod"][K & keyof LineTable[F]["zod"]]>
    : z.ZodOptional<Built<LineTable[F]["zod"][K & keyof LineTable[F]["zod"]]>>;
};

// The zod shape of a line of that kind (the schema adds its `id`).
export function lineShape<K extends "cost" | "benefit">(kind: K): KindShape<K> {
  const out: Record<string, z.ZodType> = {};
  for (const f of fieldsOfKind(kind)) {
    const spec = lineFieldSpec(f);
    const schema = spec.zod[kind]!();
    out[f] = spec.required?.[kind] ? schema : schema.optional();
  }
  return out as KindShape<K>;
}

export type StoredField = {
  [F in LineFieldName]: LineTable[F]["column"] extends null ? never : F;
}[LineFieldName];
type Out<F extends LineFieldName> = z.output<Built<LineTable[F]["zod"]["benefit"]>>;
// A stored field's value as pages and editors see it: decimals as strings, defaults filled in, null
// where the line has none. A category is any string here (the row's column), the kind decides.
type FieldValue<F extends LineFieldName> = F extends "category"
  ? string
  : LineTable[F]["default"] extends null
    ? LineTable[F] extends { required: { benefit: true } }
      ? Out<F>
      : Out<F> | null
    : Out<F>;
export type LineFieldValues = { [F in StoredField]: FieldValue<F> };

// A line patch as a write sends it (JSON merge patch): a value sets the field, null removes it,
// absent leaves it. `scenarioId` moves the line to another scenario of the case.
type AnyKindOut<F extends LineFieldName> =
  Out<F> | z.output<Built<LineTable[F]["zod"] extends { cost: Make } ? LineTable[F]["zod"]["cost"] : never>>;
export type LinePatch = { [F in LineFieldName]?: AnyKindOut<F> | null } & { scenarioId?: string };

// What a database row holds for each stored field (Prisma's Decimal or anything with the same
// toString); labour is three columns, the ramp curve spells s-curve as s_curve.
export interface Dec {
  toString(): string;
}
export type RampCurveColumn = "linear" | "s_curve" | "step";
type ColumnOf<F extends StoredField, D> = LineTable[F]["value"] extends "decimal"
  ? LineTable[F]["default"] extends null
    ? D | null
    : D
  : LineTable[F]["value"] extends "curve"
    ? RampCurveColumn
    : F extends "schedule" | "capitalised"
      ? unknown
      : FieldValue<F>;
type LabourColumns<D> = { labourHours: D | null; labourRate: D | null; labourPeople: D | null };
export type LineRowColumns = { [F in Exclude<StoredField, "labour">]: ColumnOf<F, Dec> } & LabourColumns<Dec>;
// The value every column takes when a line is written (decimal strings; schedule null or a record).
export type LineColumnValues = {
  [F in Exclude<StoredField, "labour" | "schedule">]: ColumnOf<F, string>;
} & LabourColumns<string> & { schedule: Record<string, string> | null };
