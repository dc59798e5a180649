-- CreateTable
CREATE TABLE "MetricBucket" (
    "dataspaceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "series" TEXT NOT NULL DEFAULT '',
    "resolution" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "count" BIGINT NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "min" DOUBLE PRECISION,
    "max" DOUBLE PRECISION,
    "histogram" JSONB,
    "tags" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "MetricBucket_pkey" PRIMARY KEY ("dataspaceId","name","resolution","at","series"),
    CONSTRAINT "MetricBucket_resolution_check" CHECK ("resolution" IN ('minute', 'hour', 'day'))
);

-- CreateTable
CREATE TABLE "MetricWatermark" (
    "source" TEXT NOT NULL,
    "upTo" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MetricWatermark_pkey" PRIMARY KEY ("source")
);

-- CreateIndex
CREATE INDEX "MetricBucket_resolution_at_idx" ON "MetricBucket"("resolution", "at");

-- CreateIndex
CREATE INDEX "Event_createdAt_idx" ON "Event" USING BRIN ("createdAt");

-- CreateIndex
CREATE INDEX "WebhookAttempt_startedAt_idx" ON "WebhookAttempt" USING BRIN ("startedAt");

-- CreateIndex
CREATE INDEX "WebhookEvent_receivedAt_idx" ON "WebhookEvent" USING BRIN ("receivedAt");

-- CreateIndex
CREATE INDEX "WebhookEvent_processedAt_idx" ON "WebhookEvent" USING BRIN ("processedAt");

-- CreateIndex
CREATE INDEX "Alert_createdAt_idx" ON "Alert" USING BRIN ("createdAt");

-- AddForeignKey
ALTER TABLE "MetricBucket" ADD CONSTRAINT "MetricBucket_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- CreateIndex
CREATE INDEX "Incident_resolvedAt_idx" ON "Incident" USING BRIN ("resolvedAt");

-- CreateIndex
CREATE INDEX "Deployment_finishedAt_idx" ON "Deployment" USING BRIN ("finishedAt");


