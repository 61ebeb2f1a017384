-- CreateEnum
CREATE TYPE "AssumptionConfidence" AS ENUM ('low', 'medium', 'high');

-- CreateEnum
CREATE TYPE "CommentTargetKind" AS ENUM ('case', 'line', 'risk', 'kpi', 'assumption');

-- AlterTable
ALTER TABLE "Assumption" ADD COLUMN     "confidence" "AssumptionConfidence",
ADD COLUMN     "lines" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "owner" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "source" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "Comment" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "targetKind" "CommentTargetKind" NOT NULL DEFAULT 'case',
    "targetId" VARCHAR(64),
    "parentId" UUID,
    "authorId" UUID,
    "authorTokenId" UUID,
    "body" TEXT NOT NULL,
    "mentions" UUID[] DEFAULT ARRAY[]::UUID[],
    "revision" INTEGER NOT NULL DEFAULT 1,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" UUID,
    "editedAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "caseId" UUID,
    "kind" VARCHAR(40) NOT NULL,
    "actorUserId" UUID,
    "commentId" UUID,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "url" TEXT NOT NULL DEFAULT '',
    "readAt" TIMESTAMP(3),
    "emailedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseVisit" (
    "userId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "visitedAt" TIMESTAMP(3) NOT NULL,
    "markAt" TIMESTAMP(3),

    CONSTRAINT "CaseVisit_pkey" PRIMARY KEY ("userId","caseId")
);

-- CreateTable
CREATE TABLE "CaseFigure" (
    "caseId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "npv" DECIMAL(28,10) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseFigure_pkey" PRIMARY KEY ("caseId","version")
);

-- CreateIndex
CREATE INDEX "Comment_caseId_targetKind_targetId_idx" ON "Comment"("caseId", "targetKind", "targetId");

-- CreateIndex
CREATE INDEX "Comment_parentId_idx" ON "Comment"("parentId");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "BusinessCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseVisit" ADD CONSTRAINT "CaseVisit_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseVisit" ADD CONSTRAINT "CaseVisit_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "BusinessCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseFigure" ADD CONSTRAINT "CaseFigure_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "BusinessCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;
