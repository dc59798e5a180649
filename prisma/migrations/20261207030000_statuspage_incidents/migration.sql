-- The Statuspage incident each incident / maintenance window became, per Statuspage integration
-- (src/server/integrations/statuspage/sync/). Row-level security is applied at start, like every
-- table with a dataspaceId (switchboard_secure_tenant_tables).
-- CreateTable
CREATE TABLE "StatuspageIncidentLink" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "integrationId" UUID NOT NULL,
    "incidentId" UUID,
    "maintenanceId" UUID,
    "pageId" TEXT NOT NULL,
    "statuspageIncidentId" TEXT NOT NULL,
    "published" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "StatuspageIncidentLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StatuspageIncidentLink_dataspaceId_integrationId_idx" ON "StatuspageIncidentLink"("dataspaceId", "integrationId");

-- CreateIndex
CREATE UNIQUE INDEX "StatuspageIncidentLink_integrationId_incidentId_key" ON "StatuspageIncidentLink"("integrationId", "incidentId");

-- CreateIndex
CREATE UNIQUE INDEX "StatuspageIncidentLink_integrationId_maintenanceId_key" ON "StatuspageIncidentLink"("integrationId", "maintenanceId");

-- AddForeignKey
ALTER TABLE "StatuspageIncidentLink" ADD CONSTRAINT "StatuspageIncidentLink_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatuspageIncidentLink" ADD CONSTRAINT "StatuspageIncidentLink_integrationId_dataspaceId_fkey" FOREIGN KEY ("integrationId", "dataspaceId") REFERENCES "Integration"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatuspageIncidentLink" ADD CONSTRAINT "StatuspageIncidentLink_incidentId_dataspaceId_fkey" FOREIGN KEY ("incidentId", "dataspaceId") REFERENCES "Incident"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatuspageIncidentLink" ADD CONSTRAINT "StatuspageIncidentLink_maintenanceId_dataspaceId_fkey" FOREIGN KEY ("maintenanceId", "dataspaceId") REFERENCES "Maintenance"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;


-- Exactly one of the two: an incident or a maintenance window.
ALTER TABLE "StatuspageIncidentLink" ADD CONSTRAINT "StatuspageIncidentLink_one_record" CHECK (num_nonnulls("incidentId", "maintenanceId") = 1);
