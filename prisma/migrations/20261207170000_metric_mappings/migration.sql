
-- CreateTable
CREATE TABLE "MetricMapping" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "events" TEXT[],
    "filter" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL CONSTRAINT "MetricMapping_kind_check" CHECK ("kind" IN ('counter', 'latency', 'gauge')),
    "value" TEXT NOT NULL DEFAULT '1',
    "unit" TEXT NOT NULL DEFAULT '',
    "tags" JSONB NOT NULL DEFAULT '{}',
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MetricMapping_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MetricMapping_dataspaceId_name_key" ON "MetricMapping"("dataspaceId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "MetricMapping_id_dataspaceId_key" ON "MetricMapping"("id", "dataspaceId");

-- AddForeignKey
ALTER TABLE "MetricMapping" ADD CONSTRAINT "MetricMapping_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;


