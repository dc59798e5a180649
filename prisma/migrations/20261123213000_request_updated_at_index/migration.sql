-- CreateIndex
CREATE INDEX "Request_dataspaceId_updatedAt_id_idx" ON "Request"("dataspaceId", "updatedAt" DESC, "id" DESC);
