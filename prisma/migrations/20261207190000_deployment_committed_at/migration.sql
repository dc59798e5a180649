-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "committedAt" TIMESTAMPTZ(3);


