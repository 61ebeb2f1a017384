-- AlterTable
ALTER TABLE "BusinessCase" ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "PortfolioPlan" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "input" JSONB NOT NULL,
    "result" JSONB NOT NULL,
    "createdByUserId" UUID,
    "createdByTokenId" UUID,
    "createdByName" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PortfolioPlan_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PortfolioPlan_workspaceId_createdAt_idx" ON "PortfolioPlan"("workspaceId", "createdAt");

-- AddForeignKey
ALTER TABLE "PortfolioPlan" ADD CONSTRAINT "PortfolioPlan_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A portfolio plan is written once and never changed (hand-written): the database refuses any
-- UPDATE, whatever code path tries. Deletion goes only with the workspace (the cascade above).
CREATE FUNCTION "portfolio_plan_is_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a portfolio plan cannot be changed' USING ERRCODE = 'check_violation';
END;
$$;
CREATE TRIGGER "PortfolioPlan_immutable" BEFORE UPDATE ON "PortfolioPlan" FOR EACH ROW EXECUTE FUNCTION "portfolio_plan_is_immutable"();
