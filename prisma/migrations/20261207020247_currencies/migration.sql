-- AlterTable
ALTER TABLE "BusinessCase" ADD COLUMN     "fx" JSONB,
ADD COLUMN     "fxActuals" JSONB;
