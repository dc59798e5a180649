-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "creator" TEXT;
