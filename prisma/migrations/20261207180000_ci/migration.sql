
-- CreateTable
CREATE TABLE "DeploymentLink" (
    "deploymentId" UUID NOT NULL,
    "integrationId" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "externalId" TEXT NOT NULL,
    "url" TEXT,
    "lastStatus" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DeploymentLink_pkey" PRIMARY KEY ("deploymentId","integrationId")
);

-- CreateTable
CREATE TABLE "PipelineRule" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "integrationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "events" TEXT[],
    "filter" TEXT NOT NULL DEFAULT '',
    "workflow" TEXT NOT NULL DEFAULT '',
    "ref" TEXT NOT NULL,
    "inputs" JSONB NOT NULL DEFAULT '{}',
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PipelineRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PipelineRun" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "ruleId" UUID NOT NULL,
    "integrationId" UUID NOT NULL,
    "eventId" UUID NOT NULL,
    "subjectType" TEXT,
    "subjectId" UUID,
    "ref" TEXT NOT NULL DEFAULT '',
    "inputs" JSONB NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'pending' CONSTRAINT "PipelineRun_status_check" CHECK ("status" IN ('pending', 'queued', 'in_progress', 'completed', 'failed')),
    "conclusion" TEXT,
    "externalId" TEXT,
    "url" TEXT,
    "error" TEXT,
    "queuedAt" TIMESTAMPTZ(3),
    "dispatch" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PipelineRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PipelineRule_dataspaceId_name_key" ON "PipelineRule"("dataspaceId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "PipelineRule_id_dataspaceId_key" ON "PipelineRule"("id", "dataspaceId");

-- CreateIndex
CREATE INDEX "PipelineRun_queuedAt_idx" ON "PipelineRun"("queuedAt");

-- CreateIndex
CREATE INDEX "PipelineRun_integrationId_externalId_idx" ON "PipelineRun"("integrationId", "externalId");

-- CreateIndex
CREATE INDEX "PipelineRun_dataspaceId_subjectId_idx" ON "PipelineRun"("dataspaceId", "subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "PipelineRun_ruleId_eventId_key" ON "PipelineRun"("ruleId", "eventId");

-- AddForeignKey
ALTER TABLE "DeploymentLink" ADD CONSTRAINT "DeploymentLink_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeploymentLink" ADD CONSTRAINT "DeploymentLink_deploymentId_dataspaceId_fkey" FOREIGN KEY ("deploymentId", "dataspaceId") REFERENCES "Deployment"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeploymentLink" ADD CONSTRAINT "DeploymentLink_integrationId_dataspaceId_fkey" FOREIGN KEY ("integrationId", "dataspaceId") REFERENCES "Integration"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PipelineRule" ADD CONSTRAINT "PipelineRule_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PipelineRule" ADD CONSTRAINT "PipelineRule_integrationId_dataspaceId_fkey" FOREIGN KEY ("integrationId", "dataspaceId") REFERENCES "Integration"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PipelineRun" ADD CONSTRAINT "PipelineRun_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PipelineRun" ADD CONSTRAINT "PipelineRun_ruleId_dataspaceId_fkey" FOREIGN KEY ("ruleId", "dataspaceId") REFERENCES "PipelineRule"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PipelineRun" ADD CONSTRAINT "PipelineRun_integrationId_dataspaceId_fkey" FOREIGN KEY ("integrationId", "dataspaceId") REFERENCES "Integration"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;


