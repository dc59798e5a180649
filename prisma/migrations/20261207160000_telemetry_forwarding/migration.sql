
-- CreateTable
CREATE TABLE "TelemetryForwarding" (
    "integrationId" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "upTo" TIMESTAMPTZ(3) NOT NULL,
    "claimedAt" TIMESTAMPTZ(3),
    "lastSentAt" TIMESTAMPTZ(3),
    "lastPoints" INTEGER NOT NULL DEFAULT 0,
    "sentPoints" BIGINT NOT NULL DEFAULT 0,
    "droppedBuckets" BIGINT NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TelemetryForwarding_pkey" PRIMARY KEY ("integrationId")
);

-- CreateIndex
CREATE UNIQUE INDEX "TelemetryForwarding_integrationId_dataspaceId_key" ON "TelemetryForwarding"("integrationId", "dataspaceId");

-- AddForeignKey
ALTER TABLE "TelemetryForwarding" ADD CONSTRAINT "TelemetryForwarding_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TelemetryForwarding" ADD CONSTRAINT "TelemetryForwarding_integrationId_dataspaceId_fkey" FOREIGN KEY ("integrationId", "dataspaceId") REFERENCES "Integration"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;


