-- CreateEnum
CREATE TYPE "Role" AS ENUM ('OWNER', 'ADMIN', 'MEMBER', 'VIEWER');

-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('draft', 'open', 'in_progress', 'blocked', 'closed');

-- CreateEnum
CREATE TYPE "RequestPriority" AS ENUM ('low', 'normal', 'high', 'urgent');

-- CreateEnum
CREATE TYPE "runtime_run_status" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "runtime_job_kind" AS ENUM ('CALL', 'SLEEP', 'WAIT_TIMEOUT', 'INVOKE_TIMEOUT', 'CRON');

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "image" TEXT,
    "passwordHash" TEXT,
    "isInstanceAdmin" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Dataspace" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Dataspace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "email" TEXT,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "usedById" UUID,
    "revokedAt" TIMESTAMPTZ(3),
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SsoConnection" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientSecretEncrypted" TEXT NOT NULL,
    "allowedDomains" TEXT[],
    "defaultRole" "Role" NOT NULL DEFAULT 'MEMBER',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SsoConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Request" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "status" "RequestStatus" NOT NULL DEFAULT 'open',
    "priority" "RequestPriority" NOT NULL DEFAULT 'normal',
    "assigneeId" UUID,
    "requesterId" UUID NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "serializedData" JSONB NOT NULL DEFAULT '{}',
    "productContext" TEXT,
    "isPrivate" BOOLEAN NOT NULL DEFAULT false,
    "ccEmails" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "lastModifiedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequestComment" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "actorId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "relayedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "runtime_function" (
    "id" TEXT NOT NULL,
    "app_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "runtime_function_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runtime_event" (
    "id" UUID NOT NULL,
    "event_id" TEXT,
    "name" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "ts" BIGINT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "runtime_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runtime_run" (
    "id" UUID NOT NULL,
    "function_id" TEXT NOT NULL,
    "status" "runtime_run_status" NOT NULL DEFAULT 'QUEUED',
    "event_id" UUID NOT NULL,
    "event" JSONB NOT NULL,
    "dataspace_id" UUID,
    "output" JSONB,
    "error" JSONB,
    "plan_all" BOOLEAN NOT NULL DEFAULT false,
    "concurrency_keys" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "throttle_key" TEXT,
    "parent_run_id" UUID,
    "parent_step_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "runtime_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runtime_step" (
    "seq" BIGSERIAL NOT NULL,
    "run_id" UUID NOT NULL,
    "step_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "op" TEXT NOT NULL,
    "output" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "started_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "runtime_step_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "runtime_attempt" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID NOT NULL,
    "step_id" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "error" JSONB NOT NULL,
    "retry_at" TIMESTAMPTZ(3),
    "delay_ms" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "runtime_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runtime_job" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID,
    "kind" "runtime_job_kind" NOT NULL,
    "step_id" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "run_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed" BOOLEAN NOT NULL DEFAULT false,
    "data" JSONB,
    "dedupe_key" TEXT,

    CONSTRAINT "runtime_job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runtime_wait" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID NOT NULL,
    "step_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "event_name" TEXT NOT NULL,
    "expression" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "runtime_wait_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runtime_dedupe" (
    "key" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "runtime_dedupe_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Account_userId_idx" ON "Account"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Account_provider_providerAccountId_key" ON "Account"("provider", "providerAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "Dataspace_slug_key" ON "Dataspace"("slug");

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_dataspaceId_userId_key" ON "Membership"("dataspaceId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "Invitation_dataspaceId_createdAt_idx" ON "Invitation"("dataspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "SsoConnection_dataspaceId_idx" ON "SsoConnection"("dataspaceId");

-- CreateIndex
CREATE INDEX "SsoConnection_allowedDomains_idx" ON "SsoConnection" USING GIN ("allowedDomains");

-- CreateIndex
CREATE INDEX "Request_dataspaceId_createdAt_id_idx" ON "Request"("dataspaceId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Request_dataspaceId_status_createdAt_id_idx" ON "Request"("dataspaceId", "status", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Request_dataspaceId_assigneeId_idx" ON "Request"("dataspaceId", "assigneeId");

-- CreateIndex
CREATE UNIQUE INDEX "Request_id_dataspaceId_key" ON "Request"("id", "dataspaceId");

-- CreateIndex
CREATE INDEX "RequestComment_dataspaceId_requestId_createdAt_idx" ON "RequestComment"("dataspaceId", "requestId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Event_seq_key" ON "Event"("seq");

-- CreateIndex
CREATE INDEX "Event_dataspaceId_seq_idx" ON "Event"("dataspaceId", "seq" DESC);

-- CreateIndex
CREATE INDEX "Event_dataspaceId_type_seq_idx" ON "Event"("dataspaceId", "type", "seq" DESC);

-- CreateIndex
CREATE INDEX "Event_relayedAt_seq_idx" ON "Event"("relayedAt", "seq");

-- CreateIndex
CREATE INDEX "runtime_event_event_id_idx" ON "runtime_event"("event_id");

-- CreateIndex
CREATE INDEX "runtime_event_name_received_at_idx" ON "runtime_event"("name", "received_at");

-- CreateIndex
CREATE INDEX "runtime_run_function_id_created_at_idx" ON "runtime_run"("function_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "runtime_run_dataspace_id_created_at_id_idx" ON "runtime_run"("dataspace_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "runtime_run_status_created_at_idx" ON "runtime_run"("status", "created_at" DESC);

-- CreateIndex
CREATE INDEX "runtime_run_function_id_throttle_key_started_at_idx" ON "runtime_run"("function_id", "throttle_key", "started_at");

-- CreateIndex
CREATE INDEX "runtime_run_parent_run_id_idx" ON "runtime_run"("parent_run_id");

-- CreateIndex
CREATE UNIQUE INDEX "runtime_step_run_id_step_id_key" ON "runtime_step"("run_id", "step_id");

-- CreateIndex
CREATE INDEX "runtime_attempt_run_id_id_idx" ON "runtime_attempt"("run_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "runtime_job_dedupe_key_key" ON "runtime_job"("dedupe_key");

-- CreateIndex
CREATE INDEX "runtime_job_run_at_id_idx" ON "runtime_job"("run_at", "id");

-- CreateIndex
CREATE INDEX "runtime_job_run_id_idx" ON "runtime_job"("run_id");

-- CreateIndex
CREATE INDEX "runtime_wait_event_name_idx" ON "runtime_wait"("event_name");

-- CreateIndex
CREATE UNIQUE INDEX "runtime_wait_run_id_step_id_key" ON "runtime_wait"("run_id", "step_id");

-- CreateIndex
CREATE INDEX "runtime_dedupe_expires_at_idx" ON "runtime_dedupe"("expires_at");

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SsoConnection" ADD CONSTRAINT "SsoConnection_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Request" ADD CONSTRAINT "Request_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Request" ADD CONSTRAINT "Request_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Request" ADD CONSTRAINT "Request_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Request" ADD CONSTRAINT "Request_lastModifiedById_fkey" FOREIGN KEY ("lastModifiedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestComment" ADD CONSTRAINT "RequestComment_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestComment" ADD CONSTRAINT "RequestComment_requestId_dataspaceId_fkey" FOREIGN KEY ("requestId", "dataspaceId") REFERENCES "Request"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestComment" ADD CONSTRAINT "RequestComment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "runtime_run" ADD CONSTRAINT "runtime_run_function_id_fkey" FOREIGN KEY ("function_id") REFERENCES "runtime_function"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "runtime_step" ADD CONSTRAINT "runtime_step_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runtime_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "runtime_attempt" ADD CONSTRAINT "runtime_attempt_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runtime_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "runtime_job" ADD CONSTRAINT "runtime_job_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runtime_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "runtime_wait" ADD CONSTRAINT "runtime_wait_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runtime_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
