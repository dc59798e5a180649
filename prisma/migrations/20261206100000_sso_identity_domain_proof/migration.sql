-- AlterTable
ALTER TABLE "User" ADD COLUMN     "unprovenSsoConnectionId" UUID;

-- CreateTable
CREATE TABLE "SsoDomainClaim" (
    "id" UUID NOT NULL,
    "dataspaceId" UUID NOT NULL,
    "connectionId" UUID NOT NULL,
    "domain" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "provenAt" TIMESTAMPTZ(3),
    "provenBy" TEXT,
    "approvedById" UUID,
    "lastCheckedAt" TIMESTAMPTZ(3),
    "lastCheckProblem" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SsoDomainClaim_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SsoDomainClaim_domain_key" ON "SsoDomainClaim"("domain");

-- CreateIndex
CREATE INDEX "SsoDomainClaim_dataspaceId_idx" ON "SsoDomainClaim"("dataspaceId");

-- CreateIndex
CREATE INDEX "SsoDomainClaim_connectionId_idx" ON "SsoDomainClaim"("connectionId");

-- CreateIndex
CREATE UNIQUE INDEX "SsoConnection_id_dataspaceId_key" ON "SsoConnection"("id", "dataspaceId");

-- AddForeignKey
ALTER TABLE "SsoDomainClaim" ADD CONSTRAINT "SsoDomainClaim_dataspaceId_fkey" FOREIGN KEY ("dataspaceId") REFERENCES "Dataspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SsoDomainClaim" ADD CONSTRAINT "SsoDomainClaim_connectionId_dataspaceId_fkey" FOREIGN KEY ("connectionId", "dataspaceId") REFERENCES "SsoConnection"("id", "dataspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill. Until now a dataspace's SSO sign-in was linked by email to an existing account. Undo
-- those links: an "sso-…" account on a user who has a password, is an instance admin, or has an
-- older sign-in of another kind (they keep that way in). No domain is proven yet, so the users an
-- SSO connection created are only its word (docs/sso.md).
DELETE FROM "Account" a
USING "User" u
WHERE a."userId" = u."id"
  AND a."provider" LIKE 'sso-%'
  AND (
    u."passwordHash" IS NOT NULL
    OR u."isInstanceAdmin"
    OR EXISTS (
      SELECT 1 FROM "Account" o
      WHERE o."userId" = u."id" AND o."id" <> a."id" AND o."createdAt" < a."createdAt"
    )
  );

UPDATE "User" u
SET "unprovenSsoConnectionId" = substring(a."provider" FROM 5)::uuid
FROM "Account" a
WHERE a."userId" = u."id"
  AND a."provider" ~ '^sso-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

-- Every domain a connection lists becomes a pending claim (the oldest connection wins a domain
-- two of them listed), with a random token for its TXT record.
INSERT INTO "SsoDomainClaim" ("id", "dataspaceId", "connectionId", "domain", "token")
SELECT gen_random_uuid(), c."dataspaceId", c."id", d.domain, replace(gen_random_uuid()::text, '-', '')
FROM "SsoConnection" c, unnest(c."allowedDomains") AS d(domain)
ORDER BY c."createdAt"
ON CONFLICT ("domain") DO NOTHING;
