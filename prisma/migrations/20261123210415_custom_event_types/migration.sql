-- CreateTable
CREATE TABLE "CustomEventType" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "schema" JSONB NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CustomEventType_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CustomEventType_id_dataspaceId_key" ON "CustomEventType"("id", "dataspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "CustomEventType_dataspaceId_name_key" ON "CustomEventType"("dataspaceId", "name");

-- AddForeignKey
ALTER TABLE "CustomEventType" ADD CONSTRAINT "CustomEventType_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
