-- CreateEnum
CREATE TYPE "SnapshotKind" AS ENUM ('manual', 'approval');

-- CreateEnum
CREATE TYPE "ApprovalState" AS ENUM ('pending', 'approved', 'rejected');

-- CreateTable
CREATE TABLE "Snapshot" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "SnapshotKind" NOT NULL DEFAULT 'manual',
    "caseVersion" INTEGER NOT NULL,
    "caseStatus" "CaseStatus" NOT NULL,
    "caseFile" JSONB NOT NULL,
    "computeOutput" JSONB NOT NULL,
    "createdByUserId" UUID,
    "createdByTokenId" UUID,
    "createdByName" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalRequest" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "state" "ApprovalState" NOT NULL DEFAULT 'pending',
    "requestedAtVersion" INTEGER NOT NULL,
    "requestedByUserId" UUID,
    "requestedByTokenId" UUID,
    "requestedByName" TEXT NOT NULL DEFAULT '',
    "approverIds" UUID[],
    "note" TEXT NOT NULL DEFAULT '',
    "decidedByUserId" UUID,
    "decidedByTokenId" UUID,
    "decidedByName" TEXT NOT NULL DEFAULT '',
    "decidedAt" TIMESTAMP(3),
    "decidedAtVersion" INTEGER,
    "comment" TEXT NOT NULL DEFAULT '',
    "snapshotId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApprovalRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Snapshot_caseId_createdAt_idx" ON "Snapshot"("caseId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalRequest_snapshotId_key" ON "ApprovalRequest"("snapshotId");

-- CreateIndex
CREATE INDEX "ApprovalRequest_caseId_createdAt_idx" ON "ApprovalRequest"("caseId", "createdAt");

-- AddForeignKey
ALTER TABLE "Snapshot" ADD CONSTRAINT "Snapshot_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "BusinessCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalRequest" ADD CONSTRAINT "ApprovalRequest_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "BusinessCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalRequest" ADD CONSTRAINT "ApprovalRequest_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A snapshot is written once and never changed (hand-written): the database refuses any UPDATE,
-- whatever code path tries. Deletion goes only with the case (the cascade above).
CREATE FUNCTION "snapshot_is_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a snapshot cannot be changed' USING ERRCODE = 'check_violation';
END;
$$;
CREATE TRIGGER "Snapshot_immutable" BEFORE UPDATE ON "Snapshot" FOR EACH ROW EXECUTE FUNCTION "snapshot_is_immutable"();
