-- AlterTable
ALTER TABLE "BusinessCase" ADD COLUMN     "actualsThrough" INTEGER,
ADD COLUMN     "chosenScenario" TEXT,
ADD COLUMN     "goLiveMonth" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "trackingRevision" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ComputeCache" ADD COLUMN     "trackingRevision" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "LineActual" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "lineId" UUID NOT NULL,
    "month" INTEGER NOT NULL,
    "amount" DECIMAL(28,10) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" UUID,

    CONSTRAINT "LineActual_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KpiValue" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "kpiId" UUID NOT NULL,
    "month" INTEGER NOT NULL,
    "value" DECIMAL(28,10) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" UUID,

    CONSTRAINT "KpiValue_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LineActual_caseId_idx" ON "LineActual"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "LineActual_lineId_month_key" ON "LineActual"("lineId", "month");

-- CreateIndex
CREATE INDEX "KpiValue_caseId_idx" ON "KpiValue"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "KpiValue_kpiId_month_key" ON "KpiValue"("kpiId", "month");

-- AddForeignKey
ALTER TABLE "LineActual" ADD CONSTRAINT "LineActual_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "BusinessCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LineActual" ADD CONSTRAINT "LineActual_lineId_fkey" FOREIGN KEY ("lineId") REFERENCES "CaseLine"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiValue" ADD CONSTRAINT "KpiValue_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "BusinessCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiValue" ADD CONSTRAINT "KpiValue_kpiId_fkey" FOREIGN KEY ("kpiId") REFERENCES "Kpi"("id") ON DELETE CASCADE ON UPDATE CASCADE;
