-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "attentionAt" TIMESTAMPTZ(3),
ADD COLUMN     "attentionMessage" TEXT,
ADD COLUMN     "reconcileFinishedAt" TIMESTAMPTZ(3),
ADD COLUMN     "reconcileReport" JSONB,
ADD COLUMN     "reconcileResult" TEXT,
ADD COLUMN     "reconcileStartedAt" TIMESTAMPTZ(3);


