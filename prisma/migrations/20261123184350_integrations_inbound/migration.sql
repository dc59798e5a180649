-- CreateEnum
CREATE TYPE "IntegrationType" AS ENUM ('GITHUB', 'GITLAB', 'FORGEJO', 'SOURCEHUT', 'JIRA', 'SLACK', 'MS_TEAMS', 'DATADOG', 'NEW_RELIC', 'STATUSPAGE', 'WEBHOOK');

-- CreateEnum
CREATE TYPE "WebhookEventStatus" AS ENUM ('RECEIVED', 'PROCESSING', 'PROCESSED', 'FAILED');

-- CreateTable
CREATE TABLE "Integration" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "type" "IntegrationType" NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL DEFAULT '{}',
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "inboundToken" TEXT NOT NULL,
    "inboundTokenHash" TEXT NOT NULL,
    "authFailures" INTEGER NOT NULL DEFAULT 0,
    "lastAuthFailureAt" TIMESTAMPTZ(3),
    "lastEventAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Integration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IntegrationSecret" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "integrationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "IntegrationSecret_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "integrationId" UUID NOT NULL,
    "status" "WebhookEventStatus" NOT NULL DEFAULT 'RECEIVED',
    "eventType" TEXT NOT NULL,
    "providerDeliveryId" TEXT,
    "headers" JSONB NOT NULL,
    "body" TEXT NOT NULL,
    "error" TEXT,
    "log" JSONB NOT NULL DEFAULT '[]',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "domainEventType" TEXT,
    "dispatch" INTEGER NOT NULL DEFAULT 0,
    "queuedAt" TIMESTAMPTZ(3) DEFAULT CURRENT_TIMESTAMP,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMPTZ(3),

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Integration_inboundTokenHash_key" ON "Integration"("inboundTokenHash");

-- CreateIndex
CREATE INDEX "Integration_dataspaceId_createdAt_idx" ON "Integration"("dataspaceId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Integration_id_dataspaceId_key" ON "Integration"("id", "dataspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "IntegrationSecret_integrationId_name_key" ON "IntegrationSecret"("integrationId", "name");

-- CreateIndex
CREATE INDEX "WebhookEvent_integrationId_receivedAt_id_idx" ON "WebhookEvent"("integrationId", "receivedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "WebhookEvent_integrationId_status_receivedAt_idx" ON "WebhookEvent"("integrationId", "status", "receivedAt" DESC);

-- CreateIndex
CREATE INDEX "WebhookEvent_queuedAt_idx" ON "WebhookEvent"("queuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEvent_integrationId_providerDeliveryId_key" ON "WebhookEvent"("integrationId", "providerDeliveryId");

-- AddForeignKey
ALTER TABLE "Integration" ADD CONSTRAINT "Integration_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntegrationSecret" ADD CONSTRAINT "IntegrationSecret_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntegrationSecret" ADD CONSTRAINT "IntegrationSecret_integrationId_dataspaceId_fkey" FOREIGN KEY ("integrationId", "dataspaceId") REFERENCES "Integration"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookEvent" ADD CONSTRAINT "WebhookEvent_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookEvent" ADD CONSTRAINT "WebhookEvent_integrationId_dataspaceId_fkey" FOREIGN KEY ("integrationId", "dataspaceId") REFERENCES "Integration"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;
