
-- CreateEnum
CREATE TYPE "NotificationChannel" AS ENUM ('SLACK', 'TEAMS', 'EMAIL');

-- CreateEnum
CREATE TYPE "NotificationRuleState" AS ENUM ('ACTIVE', 'FAILING');

-- CreateEnum
CREATE TYPE "NotificationMessageStatus" AS ENUM ('PENDING', 'SENT', 'FAILED', 'FOLDED');

-- CreateTable
CREATE TABLE "NotificationRule" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "eventTypes" TEXT[],
    "filter" TEXT,
    "channel" "NotificationChannel" NOT NULL,
    "integrationId" UUID,
    "destination" JSONB NOT NULL DEFAULT '{}',
    "template" JSONB,
    "quietHours" JSONB,
    "throttlePerMinute" INTEGER,
    "state" "NotificationRuleState" NOT NULL DEFAULT 'ACTIVE',
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NotificationRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationMessage" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "ruleId" UUID NOT NULL,
    "eventId" UUID,
    "eventType" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "status" "NotificationMessageStatus" NOT NULL DEFAULT 'PENDING',
    "isTest" BOOLEAN NOT NULL DEFAULT false,
    "window" TIMESTAMPTZ(3),
    "digestKey" TEXT,
    "dispatch" INTEGER NOT NULL DEFAULT 0,
    "queuedAt" TIMESTAMPTZ(3) DEFAULT CURRENT_TIMESTAMP,
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "lastAttemptAt" TIMESTAMPTZ(3),
    "providerMessageId" TEXT,
    "conversationId" TEXT,
    "providerAnswer" TEXT,
    "lastError" TEXT,
    "completedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NotificationRule_dataspaceId_createdAt_idx" ON "NotificationRule"("dataspaceId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationRule_id_dataspaceId_key" ON "NotificationRule"("id", "dataspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationMessage_digestKey_key" ON "NotificationMessage"("digestKey");

-- CreateIndex
CREATE INDEX "NotificationMessage_ruleId_createdAt_id_idx" ON "NotificationMessage"("ruleId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "NotificationMessage_ruleId_window_status_idx" ON "NotificationMessage"("ruleId", "window", "status");

-- CreateIndex
CREATE INDEX "NotificationMessage_queuedAt_idx" ON "NotificationMessage"("queuedAt") WHERE ("queuedAt" IS NOT NULL);

-- CreateIndex
CREATE UNIQUE INDEX "NotificationMessage_id_dataspaceId_key" ON "NotificationMessage"("id", "dataspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationMessage_ruleId_eventId_key" ON "NotificationMessage"("ruleId", "eventId");

-- AddForeignKey
ALTER TABLE "NotificationRule" ADD CONSTRAINT "NotificationRule_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationRule" ADD CONSTRAINT "NotificationRule_integrationId_dataspaceId_fkey" FOREIGN KEY ("integrationId", "dataspaceId") REFERENCES "Integration"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationMessage" ADD CONSTRAINT "NotificationMessage_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationMessage" ADD CONSTRAINT "NotificationMessage_ruleId_dataspaceId_fkey" FOREIGN KEY ("ruleId", "dataspaceId") REFERENCES "NotificationRule"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;


