-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "reportingCurrency" CHAR(3),
ADD COLUMN     "reportingRates" JSONB;
