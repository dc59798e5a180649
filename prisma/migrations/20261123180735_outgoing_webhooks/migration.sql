-- CreateEnum
CREATE TYPE "WebhookEndpointState" AS ENUM ('ACTIVE', 'PAUSED', 'DISABLED');

-- CreateEnum
CREATE TYPE "WebhookPayloadTemplate" AS ENUM ('DEJACODE', 'CUSTOM');

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED', 'HELD');

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "eventTypes" TEXT[],
    "filter" TEXT,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "extraPayload" JSONB,
    "extraHeaders" JSONB NOT NULL DEFAULT '{}',
    "payloadTemplate" "WebhookPayloadTemplate" NOT NULL DEFAULT 'DEJACODE',
    "customTemplate" TEXT,
    "retryClientErrors" BOOLEAN NOT NULL DEFAULT false,
    "rateLimitPerSecond" INTEGER,
    "secret" TEXT NOT NULL,
    "previousSecret" TEXT,
    "previousSecretExpiresAt" TIMESTAMPTZ(3),
    "state" "WebhookEndpointState" NOT NULL DEFAULT 'ACTIVE',
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "failingSince" TIMESTAMPTZ(3),
    "pausedUntil" TIMESTAMPTZ(3),
    "stateReason" TEXT,
    "stateChangedAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "endpointId" UUID NOT NULL,
    "eventId" UUID,
    "eventType" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "dispatch" INTEGER NOT NULL DEFAULT 0,
    "queuedAt" TIMESTAMPTZ(3) DEFAULT CURRENT_TIMESTAMP,
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "lastAttemptAt" TIMESTAMPTZ(3),
    "nextAttemptAt" TIMESTAMPTZ(3),
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "completedAt" TIMESTAMPTZ(3),
    "replayId" UUID,
    "isTest" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookAttempt" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "deliveryId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "requestHeaders" JSONB NOT NULL,
    "responseStatus" INTEGER,
    "responseHeaders" JSONB,
    "responseBody" TEXT,
    "error" TEXT,
    "succeeded" BOOLEAN NOT NULL,
    "nextRetryAt" TIMESTAMPTZ(3),

    CONSTRAINT "WebhookAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookReplay" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "endpointId" UUID NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "total" INTEGER NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookReplay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookSettings" (
    "dataspaceId" UUID NOT NULL,
    "retryScheduleSeconds" INTEGER[],
    "allowHttp" BOOLEAN NOT NULL DEFAULT false,
    "pauseAfterFailures" INTEGER NOT NULL DEFAULT 10,
    "pauseSeconds" INTEGER NOT NULL DEFAULT 300,
    "disableAfterHours" INTEGER NOT NULL DEFAULT 24,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WebhookSettings_pkey" PRIMARY KEY ("dataspaceId")
);

-- CreateIndex
CREATE INDEX "WebhookEndpoint_dataspaceId_createdAt_idx" ON "WebhookEndpoint"("dataspaceId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEndpoint_id_dataspaceId_key" ON "WebhookEndpoint"("id", "dataspaceId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_createdAt_id_idx" ON "WebhookDelivery"("endpointId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_status_createdAt_idx" ON "WebhookDelivery"("endpointId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_queuedAt_idx" ON "WebhookDelivery"("queuedAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_replayId_status_idx" ON "WebhookDelivery"("replayId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_id_dataspaceId_key" ON "WebhookDelivery"("id", "dataspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_endpointId_eventId_key" ON "WebhookDelivery"("endpointId", "eventId");

-- CreateIndex
CREATE INDEX "WebhookAttempt_deliveryId_number_idx" ON "WebhookAttempt"("deliveryId", "number");

-- CreateIndex
CREATE INDEX "WebhookReplay_endpointId_createdAt_idx" ON "WebhookReplay"("endpointId", "createdAt");

-- AddForeignKey
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_endpointId_dataspaceId_fkey" FOREIGN KEY ("endpointId", "dataspaceId") REFERENCES "WebhookEndpoint"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_replayId_fkey" FOREIGN KEY ("replayId") REFERENCES "WebhookReplay"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookAttempt" ADD CONSTRAINT "WebhookAttempt_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookAttempt" ADD CONSTRAINT "WebhookAttempt_deliveryId_dataspaceId_fkey" FOREIGN KEY ("deliveryId", "dataspaceId") REFERENCES "WebhookDelivery"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookReplay" ADD CONSTRAINT "WebhookReplay_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookReplay" ADD CONSTRAINT "WebhookReplay_endpointId_dataspaceId_fkey" FOREIGN KEY ("endpointId", "dataspaceId") REFERENCES "WebhookEndpoint"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookSettings" ADD CONSTRAINT "WebhookSettings_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
