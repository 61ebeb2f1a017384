-- AlterTable
ALTER TABLE "CaseLine" ADD COLUMN     "stableId" VARCHAR(64) NOT NULL DEFAULT (gen_random_uuid())::text;

-- AlterTable
ALTER TABLE "Risk" ADD COLUMN     "stableId" VARCHAR(64) NOT NULL DEFAULT (gen_random_uuid())::text;

-- AlterTable
ALTER TABLE "Kpi" ADD COLUMN     "stableId" VARCHAR(64) NOT NULL DEFAULT (gen_random_uuid())::text;

-- AlterTable
ALTER TABLE "Assumption" ADD COLUMN     "stableId" VARCHAR(64) NOT NULL DEFAULT (gen_random_uuid())::text;

-- Existing rows keep their row id as their stable id (hand-written back-fill).
UPDATE "CaseLine" SET "stableId" = "id"::text;
UPDATE "Risk" SET "stableId" = "id"::text;
UPDATE "Kpi" SET "stableId" = "id"::text;
UPDATE "Assumption" SET "stableId" = "id"::text;

-- CreateIndex
CREATE UNIQUE INDEX "CaseLine_caseId_stableId_key" ON "CaseLine"("caseId", "stableId");

-- CreateIndex
CREATE UNIQUE INDEX "Risk_caseId_stableId_key" ON "Risk"("caseId", "stableId");

-- CreateIndex
CREATE UNIQUE INDEX "Kpi_caseId_stableId_key" ON "Kpi"("caseId", "stableId");

-- CreateIndex
CREATE UNIQUE INDEX "Assumption_caseId_stableId_key" ON "Assumption"("caseId", "stableId");
