-- Hand-written: the CHECK bounds equal the case file's zod bounds (lib/case-file/decimal-field.ts,
-- lib/case-file/schema.ts). realisation and margin are shares (shareField: 0..1; the init
-- migration allowed up to 10); labour hours and people are never negative (nonNegativeAmountField).
-- No stored row can break them: every write was validated by those schemas first.
ALTER TABLE "CaseLine"
  DROP CONSTRAINT "CaseLine_rates_check",
  ADD CONSTRAINT "CaseLine_rates_check" CHECK (
    "escalation" > -1 AND "escalation" <= 10 AND
    "riskAdjustment" > -1 AND "riskAdjustment" <= 10 AND
    "realisation" >= 0 AND "realisation" <= 1 AND
    "margin" >= 0 AND "margin" <= 1),
  DROP CONSTRAINT "CaseLine_labour_check",
  ADD CONSTRAINT "CaseLine_labour_check" CHECK (
    ("labourHours" IS NULL OR "labourHours" BETWEEN 0 AND 1e15) AND
    ("labourRate" IS NULL OR "labourRate" BETWEEN -1e15 AND 1e15) AND
    ("labourPeople" IS NULL OR "labourPeople" BETWEEN 0 AND 1e15));
