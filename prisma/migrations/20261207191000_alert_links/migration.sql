-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "links" JSONB NOT NULL DEFAULT '[]';
