// The columns of a lines sheet, shared by the workbook export, the CSV export and the importer
// (which also reads a "schedule" column): the case-file field names, labour's as labour.hours ...
export const LINE_FIELDS = [
  "kind",
  "id",
  "name",
  "category",
  "amount",
  "labour.hours",
  "labour.rate",
  "labour.people",
  "month",
  "recurring",
  "startMonth",
  "endMonth",
  "escalation",
  "riskAdjustment",
  "tangible",
  "rampMonths",
  "rampCurve",
  "realisation",
  "margin",
  "kpi",
  "low",
  "high",
  "notes",
  "actuals",
] as const;
export type LineField = (typeof LINE_FIELDS)[number];
