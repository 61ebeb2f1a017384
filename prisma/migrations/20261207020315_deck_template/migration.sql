-- CreateTable
CREATE TABLE "DeckTemplate" (
    "workspaceId" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "theme" JSONB NOT NULL,
    "uploadedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeckTemplate_pkey" PRIMARY KEY ("workspaceId")
);

-- AddForeignKey
ALTER TABLE "DeckTemplate" ADD CONSTRAINT "DeckTemplate_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
