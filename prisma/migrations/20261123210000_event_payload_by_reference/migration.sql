-- Inbound family events reference the WebhookEvent whose raw body is their payload, instead of
-- storing a second copy of it.

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "payloadFromId" UUID;

-- CreateIndex
CREATE INDEX "Event_payloadFromId_idx" ON "Event"("payloadFromId");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEvent_id_dataspaceId_key" ON "WebhookEvent"("id", "dataspaceId");

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_payloadFromId_dataspaceId_fkey" FOREIGN KEY ("payloadFromId", "dataspaceId") REFERENCES "WebhookEvent"("id", "dataspaceId") ON DELETE NO ACTION ON UPDATE CASCADE;
