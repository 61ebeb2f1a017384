-- AlterTable
ALTER TABLE "BusinessCase" ADD COLUMN     "financeSettings" JSONB;

-- AlterTable
ALTER TABLE "CaseLine" ADD COLUMN     "capitalised" JSONB;
