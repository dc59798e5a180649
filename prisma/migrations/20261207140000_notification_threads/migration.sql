-- CreateTable
CREATE TABLE "NotificationThread" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "ruleId" UUID NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "rootTs" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NotificationThread_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "NotificationThread_ruleId_subjectKey_key" ON "NotificationThread"("ruleId", "subjectKey");

-- AddForeignKey
ALTER TABLE "NotificationThread" ADD CONSTRAINT "NotificationThread_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationThread" ADD CONSTRAINT "NotificationThread_ruleId_dataspaceId_fkey" FOREIGN KEY ("ruleId", "dataspaceId") REFERENCES "NotificationRule"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;


