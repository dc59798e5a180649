-- CreateEnum
CREATE TYPE "ServiceStatus" AS ENUM ('operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance');

-- CreateEnum
CREATE TYPE "IncidentSeverity" AS ENUM ('critical', 'major', 'minor');

-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('investigating', 'identified', 'monitoring', 'resolved');

-- CreateEnum
CREATE TYPE "ServiceImpact" AS ENUM ('degraded_performance', 'partial_outage', 'major_outage');

-- CreateEnum
CREATE TYPE "MaintenanceStatus" AS ENUM ('scheduled', 'in_progress', 'completed');

-- CreateEnum
CREATE TYPE "AlertSeverity" AS ENUM ('critical', 'error', 'warning', 'info');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('triggered', 'acknowledged', 'resolved');

-- CreateEnum
CREATE TYPE "DeploymentStatus" AS ENUM ('queued', 'in_progress', 'success', 'failure', 'cancelled');

-- CreateTable
CREATE TABLE "Service" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "group" TEXT,
    "status" "ServiceStatus" NOT NULL DEFAULT 'operational',
    "ownerId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "severity" "IncidentSeverity" NOT NULL DEFAULT 'minor',
    "status" "IncidentStatus" NOT NULL DEFAULT 'investigating',
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMPTZ(3),
    "requestId" UUID,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentUpdate" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "message" TEXT NOT NULL,
    "status" "IncidentStatus" NOT NULL,
    "authorId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentService" (
    "dataspaceId" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "impact" "ServiceImpact" NOT NULL,

    CONSTRAINT "IncidentService_pkey" PRIMARY KEY ("incidentId","serviceId")
);

-- CreateTable
CREATE TABLE "Maintenance" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" "MaintenanceStatus" NOT NULL DEFAULT 'scheduled',
    "scheduledStart" TIMESTAMPTZ(3) NOT NULL,
    "scheduledEnd" TIMESTAMPTZ(3) NOT NULL,
    "startedAt" TIMESTAMPTZ(3),
    "completedAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Maintenance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaintenanceUpdate" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "maintenanceId" UUID NOT NULL,
    "message" TEXT NOT NULL,
    "status" "MaintenanceStatus" NOT NULL,
    "authorId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MaintenanceUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaintenanceService" (
    "dataspaceId" UUID NOT NULL,
    "maintenanceId" UUID NOT NULL,
    "serviceId" UUID NOT NULL,

    CONSTRAINT "MaintenanceService_pkey" PRIMARY KEY ("maintenanceId","serviceId")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "sourceIntegrationId" UUID,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "severity" "AlertSeverity" NOT NULL DEFAULT 'warning',
    "status" "AlertStatus" NOT NULL DEFAULT 'triggered',
    "fingerprint" TEXT NOT NULL,
    "openFingerprint" TEXT,
    "count" INTEGER NOT NULL DEFAULT 1,
    "serviceId" UUID,
    "incidentId" UUID,
    "requestId" UUID,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "triggeredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "acknowledgedById" UUID,
    "resolvedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deployment" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "serviceId" UUID,
    "environment" TEXT NOT NULL,
    "ref" TEXT,
    "sha" TEXT,
    "version" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "status" "DeploymentStatus" NOT NULL DEFAULT 'queued',
    "url" TEXT,
    "source" TEXT NOT NULL,
    "sourceIntegrationId" UUID,
    "externalId" TEXT,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Deployment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Service_dataspaceId_group_name_idx" ON "Service"("dataspaceId", "group", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Service_id_dataspaceId_key" ON "Service"("id", "dataspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "Service_dataspaceId_name_key" ON "Service"("dataspaceId", "name");

-- CreateIndex
CREATE INDEX "Incident_dataspaceId_createdAt_id_idx" ON "Incident"("dataspaceId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Incident_dataspaceId_status_idx" ON "Incident"("dataspaceId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_id_dataspaceId_key" ON "Incident"("id", "dataspaceId");

-- CreateIndex
CREATE INDEX "IncidentUpdate_dataspaceId_incidentId_createdAt_idx" ON "IncidentUpdate"("dataspaceId", "incidentId", "createdAt");

-- CreateIndex
CREATE INDEX "IncidentService_dataspaceId_serviceId_idx" ON "IncidentService"("dataspaceId", "serviceId");

-- CreateIndex
CREATE INDEX "Maintenance_dataspaceId_scheduledStart_id_idx" ON "Maintenance"("dataspaceId", "scheduledStart" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Maintenance_dataspaceId_status_idx" ON "Maintenance"("dataspaceId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Maintenance_id_dataspaceId_key" ON "Maintenance"("id", "dataspaceId");

-- CreateIndex
CREATE INDEX "MaintenanceUpdate_dataspaceId_maintenanceId_createdAt_idx" ON "MaintenanceUpdate"("dataspaceId", "maintenanceId", "createdAt");

-- CreateIndex
CREATE INDEX "MaintenanceService_dataspaceId_serviceId_idx" ON "MaintenanceService"("dataspaceId", "serviceId");

-- CreateIndex
CREATE INDEX "Alert_dataspaceId_createdAt_id_idx" ON "Alert"("dataspaceId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Alert_dataspaceId_status_createdAt_idx" ON "Alert"("dataspaceId", "status", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Alert_id_dataspaceId_key" ON "Alert"("id", "dataspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_dataspaceId_openFingerprint_key" ON "Alert"("dataspaceId", "openFingerprint");

-- CreateIndex
CREATE INDEX "Deployment_dataspaceId_createdAt_id_idx" ON "Deployment"("dataspaceId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Deployment_dataspaceId_serviceId_environment_createdAt_idx" ON "Deployment"("dataspaceId", "serviceId", "environment", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Deployment_id_dataspaceId_key" ON "Deployment"("id", "dataspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "Deployment_dataspaceId_sourceIntegrationId_externalId_key" ON "Deployment"("dataspaceId", "sourceIntegrationId", "externalId");

-- AddForeignKey
ALTER TABLE "Service" ADD CONSTRAINT "Service_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Service" ADD CONSTRAINT "Service_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_requestId_dataspaceId_fkey" FOREIGN KEY ("requestId", "dataspaceId") REFERENCES "Request"("id", "dataspaceId") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentUpdate" ADD CONSTRAINT "IncidentUpdate_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentUpdate" ADD CONSTRAINT "IncidentUpdate_incidentId_dataspaceId_fkey" FOREIGN KEY ("incidentId", "dataspaceId") REFERENCES "Incident"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentUpdate" ADD CONSTRAINT "IncidentUpdate_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentService" ADD CONSTRAINT "IncidentService_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentService" ADD CONSTRAINT "IncidentService_incidentId_dataspaceId_fkey" FOREIGN KEY ("incidentId", "dataspaceId") REFERENCES "Incident"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentService" ADD CONSTRAINT "IncidentService_serviceId_dataspaceId_fkey" FOREIGN KEY ("serviceId", "dataspaceId") REFERENCES "Service"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Maintenance" ADD CONSTRAINT "Maintenance_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Maintenance" ADD CONSTRAINT "Maintenance_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceUpdate" ADD CONSTRAINT "MaintenanceUpdate_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceUpdate" ADD CONSTRAINT "MaintenanceUpdate_maintenanceId_dataspaceId_fkey" FOREIGN KEY ("maintenanceId", "dataspaceId") REFERENCES "Maintenance"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceUpdate" ADD CONSTRAINT "MaintenanceUpdate_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceService" ADD CONSTRAINT "MaintenanceService_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceService" ADD CONSTRAINT "MaintenanceService_maintenanceId_dataspaceId_fkey" FOREIGN KEY ("maintenanceId", "dataspaceId") REFERENCES "Maintenance"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceService" ADD CONSTRAINT "MaintenanceService_serviceId_dataspaceId_fkey" FOREIGN KEY ("serviceId", "dataspaceId") REFERENCES "Service"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_serviceId_dataspaceId_fkey" FOREIGN KEY ("serviceId", "dataspaceId") REFERENCES "Service"("id", "dataspaceId") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_incidentId_dataspaceId_fkey" FOREIGN KEY ("incidentId", "dataspaceId") REFERENCES "Incident"("id", "dataspaceId") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_requestId_dataspaceId_fkey" FOREIGN KEY ("requestId", "dataspaceId") REFERENCES "Request"("id", "dataspaceId") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_serviceId_dataspaceId_fkey" FOREIGN KEY ("serviceId", "dataspaceId") REFERENCES "Service"("id", "dataspaceId") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


