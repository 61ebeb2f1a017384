-- AlterTable
ALTER TABLE "CaseLine" ADD COLUMN     "currency" VARCHAR(3);

-- Hand-written: the same rule as the case file's currency code (lib/case-file/field-types.ts).
ALTER TABLE "CaseLine" ADD CONSTRAINT "CaseLine_currency_check" CHECK ("currency" IS NULL OR "currency" ~ '^[A-Z]{3}$');
