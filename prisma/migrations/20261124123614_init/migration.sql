-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('owner', 'editor', 'viewer');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('draft', 'approved');

-- CreateEnum
CREATE TYPE "LineKind" AS ENUM ('cost', 'benefit');

-- CreateEnum
CREATE TYPE "Recurrence" AS ENUM ('monthly', 'quarterly', 'annual');

-- CreateEnum
CREATE TYPE "RampCurve" AS ENUM ('linear', 's_curve', 'step');

-- CreateEnum
CREATE TYPE "KpiDirection" AS ENUM ('up', 'down');

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuthSession" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuthSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "resetAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Workspace" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Workspace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "email" TEXT,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedById" UUID,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BusinessCase" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "organisation" TEXT NOT NULL DEFAULT '',
    "preparedBy" TEXT NOT NULL DEFAULT '',
    "currency" CHAR(3) NOT NULL,
    "startMonth" CHAR(7) NOT NULL,
    "horizonMonths" INTEGER NOT NULL DEFAULT 36,
    "discountRate" DECIMAL(18,12) NOT NULL,
    "financeRate" DECIMAL(18,12),
    "reinvestRate" DECIMAL(18,12),
    "locale" TEXT NOT NULL DEFAULT 'en',
    "status" "CaseStatus" NOT NULL DEFAULT 'draft',
    "version" INTEGER NOT NULL DEFAULT 1,
    "archivedAt" TIMESTAMP(3),
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BusinessCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Scenario" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "isBaseline" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Scenario_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseLine" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "scenarioId" UUID NOT NULL,
    "kind" "LineKind" NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "tangible" BOOLEAN NOT NULL DEFAULT true,
    "kpi" TEXT,
    "amount" DECIMAL(28,10),
    "low" DECIMAL(28,10),
    "high" DECIMAL(28,10),
    "labourHours" DECIMAL(28,10),
    "labourRate" DECIMAL(28,10),
    "labourPeople" DECIMAL(28,10),
    "month" INTEGER,
    "recurring" "Recurrence",
    "startMonth" INTEGER,
    "endMonth" INTEGER,
    "schedule" JSONB,
    "escalation" DECIMAL(18,12) NOT NULL DEFAULT 0,
    "riskAdjustment" DECIMAL(18,12) NOT NULL DEFAULT 0,
    "rampMonths" INTEGER NOT NULL DEFAULT 0,
    "rampCurve" "RampCurve" NOT NULL DEFAULT 'linear',
    "realisation" DECIMAL(18,12) NOT NULL DEFAULT 1,
    "margin" DECIMAL(18,12) NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Risk" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "title" TEXT NOT NULL,
    "category" TEXT NOT NULL DEFAULT '',
    "likelihood" INTEGER NOT NULL,
    "impact" INTEGER NOT NULL,
    "owner" TEXT NOT NULL DEFAULT '',
    "mitigation" TEXT NOT NULL DEFAULT '',
    "probability" DECIMAL(18,12),
    "costImpact" DECIMAL(28,10),
    "includeInCosts" BOOLEAN NOT NULL DEFAULT false,
    "scenarioKey" TEXT,
    "month" INTEGER,

    CONSTRAINT "Risk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Kpi" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL DEFAULT '',
    "direction" "KpiDirection" NOT NULL DEFAULT 'up',
    "baseline" DECIMAL(28,10),
    "target" DECIMAL(28,10),

    CONSTRAINT "Kpi_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assumption" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "Assumption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComputeCache" (
    "caseId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "output" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComputeCache_pkey" PRIMARY KEY ("caseId")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "workspaceId" UUID NOT NULL,
    "caseId" UUID,
    "actorUserId" UUID,
    "actorTokenId" UUID,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "caseVersion" INTEGER,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Account_userId_idx" ON "Account"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Account_provider_providerAccountId_key" ON "Account"("provider", "providerAccountId");

-- CreateIndex
CREATE INDEX "AuthSession_userId_idx" ON "AuthSession"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Workspace_slug_key" ON "Workspace"("slug");

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_workspaceId_userId_key" ON "Membership"("workspaceId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "Invitation_workspaceId_idx" ON "Invitation"("workspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_workspaceId_idx" ON "ApiToken"("workspaceId");

-- CreateIndex
CREATE INDEX "BusinessCase_workspaceId_idx" ON "BusinessCase"("workspaceId");

-- CreateIndex
CREATE INDEX "Scenario_caseId_idx" ON "Scenario"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "Scenario_caseId_key_key" ON "Scenario"("caseId", "key");

-- CreateIndex
CREATE INDEX "CaseLine_caseId_idx" ON "CaseLine"("caseId");

-- CreateIndex
CREATE INDEX "CaseLine_scenarioId_kind_position_idx" ON "CaseLine"("scenarioId", "kind", "position");

-- CreateIndex
CREATE INDEX "Risk_caseId_idx" ON "Risk"("caseId");

-- CreateIndex
CREATE INDEX "Kpi_caseId_idx" ON "Kpi"("caseId");

-- CreateIndex
CREATE INDEX "Assumption_caseId_idx" ON "Assumption"("caseId");

-- CreateIndex
CREATE INDEX "AuditEvent_workspaceId_createdAt_idx" ON "AuditEvent"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_caseId_createdAt_idx" ON "AuditEvent"("caseId", "createdAt");

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuthSession" ADD CONSTRAINT "AuthSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BusinessCase" ADD CONSTRAINT "BusinessCase_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scenario" ADD CONSTRAINT "Scenario_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "BusinessCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseLine" ADD CONSTRAINT "CaseLine_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "BusinessCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseLine" ADD CONSTRAINT "CaseLine_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Risk" ADD CONSTRAINT "Risk_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "BusinessCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Kpi" ADD CONSTRAINT "Kpi_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "BusinessCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assumption" ADD CONSTRAINT "Assumption_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "BusinessCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComputeCache" ADD CONSTRAINT "ComputeCache_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "BusinessCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written guards that schema.prisma cannot express (the drift test ignores CHECK
-- constraints). Numeric columns accept 'NaN' and 'Infinity' in PostgreSQL; money and rates must
-- never be either, whatever reaches the database.
ALTER TABLE "BusinessCase"
  ADD CONSTRAINT "BusinessCase_horizon_check" CHECK ("horizonMonths" BETWEEN 1 AND 120),
  ADD CONSTRAINT "BusinessCase_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$'),
  ADD CONSTRAINT "BusinessCase_startMonth_check" CHECK ("startMonth" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  ADD CONSTRAINT "BusinessCase_discountRate_check" CHECK ("discountRate" > -1 AND "discountRate" <= 10),
  ADD CONSTRAINT "BusinessCase_financeRate_check" CHECK ("financeRate" IS NULL OR ("financeRate" > -1 AND "financeRate" <= 10)),
  ADD CONSTRAINT "BusinessCase_reinvestRate_check" CHECK ("reinvestRate" IS NULL OR ("reinvestRate" > -1 AND "reinvestRate" <= 10)),
  ADD CONSTRAINT "BusinessCase_version_check" CHECK ("version" >= 1);

ALTER TABLE "CaseLine"
  ADD CONSTRAINT "CaseLine_amount_check" CHECK ("amount" IS NULL OR "amount" BETWEEN -1e15 AND 1e15),
  ADD CONSTRAINT "CaseLine_low_check" CHECK ("low" IS NULL OR "low" BETWEEN -1e15 AND 1e15),
  ADD CONSTRAINT "CaseLine_high_check" CHECK ("high" IS NULL OR "high" BETWEEN -1e15 AND 1e15),
  ADD CONSTRAINT "CaseLine_labour_check" CHECK (
    ("labourHours" IS NULL OR "labourHours" BETWEEN -1e15 AND 1e15) AND
    ("labourRate" IS NULL OR "labourRate" BETWEEN -1e15 AND 1e15) AND
    ("labourPeople" IS NULL OR "labourPeople" BETWEEN -1e15 AND 1e15)),
  ADD CONSTRAINT "CaseLine_rates_check" CHECK (
    "escalation" > -1 AND "escalation" <= 10 AND
    "riskAdjustment" > -1 AND "riskAdjustment" <= 10 AND
    "realisation" >= 0 AND "realisation" <= 10 AND
    "margin" >= 0 AND "margin" <= 10),
  ADD CONSTRAINT "CaseLine_months_check" CHECK (
    ("month" IS NULL OR "month" BETWEEN 0 AND 120) AND
    ("startMonth" IS NULL OR "startMonth" BETWEEN 0 AND 120) AND
    ("endMonth" IS NULL OR "endMonth" BETWEEN 0 AND 120) AND
    ("startMonth" IS NULL OR "endMonth" IS NULL OR "endMonth" >= "startMonth") AND
    "rampMonths" BETWEEN 0 AND 120);

ALTER TABLE "Risk"
  ADD CONSTRAINT "Risk_scores_check" CHECK ("likelihood" BETWEEN 1 AND 5 AND "impact" BETWEEN 1 AND 5),
  ADD CONSTRAINT "Risk_probability_check" CHECK ("probability" IS NULL OR ("probability" >= 0 AND "probability" <= 1)),
  ADD CONSTRAINT "Risk_costImpact_check" CHECK ("costImpact" IS NULL OR "costImpact" BETWEEN -1e15 AND 1e15);

ALTER TABLE "Kpi"
  ADD CONSTRAINT "Kpi_values_check" CHECK (
    ("baseline" IS NULL OR "baseline" BETWEEN -1e15 AND 1e15) AND
    ("target" IS NULL OR "target" BETWEEN -1e15 AND 1e15));
