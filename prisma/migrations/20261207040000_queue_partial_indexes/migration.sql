-- The outbox and dispatch queues index only the rows waiting in them (docs/operations.md, "Alert throughput").
-- DropIndex
DROP INDEX "Event_relayedAt_seq_idx";

-- DropIndex
DROP INDEX "WebhookDelivery_queuedAt_idx";

-- DropIndex
DROP INDEX "WebhookEvent_queuedAt_idx";

-- CreateIndex
CREATE INDEX "Event_unrelayed_seq_idx" ON "Event"("seq") WHERE ("relayedAt" IS NULL);

-- CreateIndex
CREATE INDEX "WebhookDelivery_queuedAt_idx" ON "WebhookDelivery"("queuedAt") WHERE ("queuedAt" IS NOT NULL);

-- CreateIndex
CREATE INDEX "WebhookEvent_queuedAt_idx" ON "WebhookEvent"("queuedAt") WHERE ("queuedAt" IS NOT NULL);


