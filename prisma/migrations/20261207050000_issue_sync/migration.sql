-- CreateEnum
CREATE TYPE "IssueSyncState" AS ENUM ('PENDING', 'SYNCED', 'FAILED');

-- AlterTable
ALTER TABLE "RequestComment" ADD COLUMN     "editedAt" TIMESTAMPTZ(3),
ADD COLUMN     "externalAuthor" TEXT,
ADD COLUMN     "externalUrl" TEXT,
ADD COLUMN     "source" TEXT,
ALTER COLUMN "userId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "issueSyncBackfill" JSONB,
ADD COLUMN     "issueSyncPausedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "IssueLink" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "integrationId" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "externalId" TEXT,
    "externalKey" TEXT,
    "url" TEXT,
    "state" "IssueSyncState" NOT NULL DEFAULT 'PENDING',
    "lastError" TEXT,
    "lastSyncedAt" TIMESTAMPTZ(3),
    "synced" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "IssueLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PullRequestLink" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "integrationId" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "externalId" TEXT NOT NULL,
    "externalKey" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PullRequestLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IssueCommentLink" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "linkId" UUID NOT NULL,
    "commentId" UUID NOT NULL,
    "externalCommentId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IssueCommentLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IssueLink_dataspaceId_requestId_idx" ON "IssueLink"("dataspaceId", "requestId");

-- CreateIndex
CREATE UNIQUE INDEX "IssueLink_id_dataspaceId_key" ON "IssueLink"("id", "dataspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "IssueLink_integrationId_requestId_key" ON "IssueLink"("integrationId", "requestId");

-- CreateIndex
CREATE UNIQUE INDEX "IssueLink_integrationId_externalId_key" ON "IssueLink"("integrationId", "externalId");

-- CreateIndex
CREATE INDEX "PullRequestLink_dataspaceId_requestId_idx" ON "PullRequestLink"("dataspaceId", "requestId");

-- CreateIndex
CREATE UNIQUE INDEX "PullRequestLink_integrationId_externalId_requestId_key" ON "PullRequestLink"("integrationId", "externalId", "requestId");

-- CreateIndex
CREATE INDEX "IssueCommentLink_dataspaceId_idx" ON "IssueCommentLink"("dataspaceId");

-- CreateIndex
CREATE INDEX "IssueCommentLink_commentId_idx" ON "IssueCommentLink"("commentId");

-- CreateIndex
CREATE UNIQUE INDEX "IssueCommentLink_linkId_externalCommentId_key" ON "IssueCommentLink"("linkId", "externalCommentId");

-- CreateIndex
CREATE UNIQUE INDEX "IssueCommentLink_linkId_commentId_key" ON "IssueCommentLink"("linkId", "commentId");

-- CreateIndex
CREATE UNIQUE INDEX "RequestComment_id_dataspaceId_key" ON "RequestComment"("id", "dataspaceId");

-- AddForeignKey
ALTER TABLE "IssueLink" ADD CONSTRAINT "IssueLink_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssueLink" ADD CONSTRAINT "IssueLink_integrationId_dataspaceId_fkey" FOREIGN KEY ("integrationId", "dataspaceId") REFERENCES "Integration"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssueLink" ADD CONSTRAINT "IssueLink_requestId_dataspaceId_fkey" FOREIGN KEY ("requestId", "dataspaceId") REFERENCES "Request"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PullRequestLink" ADD CONSTRAINT "PullRequestLink_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PullRequestLink" ADD CONSTRAINT "PullRequestLink_integrationId_dataspaceId_fkey" FOREIGN KEY ("integrationId", "dataspaceId") REFERENCES "Integration"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PullRequestLink" ADD CONSTRAINT "PullRequestLink_requestId_dataspaceId_fkey" FOREIGN KEY ("requestId", "dataspaceId") REFERENCES "Request"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssueCommentLink" ADD CONSTRAINT "IssueCommentLink_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssueCommentLink" ADD CONSTRAINT "IssueCommentLink_linkId_dataspaceId_fkey" FOREIGN KEY ("linkId", "dataspaceId") REFERENCES "IssueLink"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssueCommentLink" ADD CONSTRAINT "IssueCommentLink_commentId_dataspaceId_fkey" FOREIGN KEY ("commentId", "dataspaceId") REFERENCES "RequestComment"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;



-- The new tenant tables get the tenant role's grants and policies now (server start would too).
SELECT switchboard_secure_tenant_tables();
