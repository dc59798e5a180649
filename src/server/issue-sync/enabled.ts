import type { Prisma } from "@/generated/prisma/client";

/**
 * Which of these dataspaces have an active integration with issue sync in its config: only their
 * request changes need to reach issue sync's functions (the outbox relay and relay-needed.ts ask,
 * once per batch or transaction). A config whose `issueSync` turns out disabled still counts:
 * its runs end at once, finding nothing to push.
 */
export async function dataspacesWithIssueSync(tx: Pick<Prisma.TransactionClient, "$queryRaw">, dataspaceIds: readonly string[]): Promise<Set<string>> {
  if (dataspaceIds.length === 0) return new Set();
  const rows = await tx.$queryRaw<{ dataspaceId: string }[]>`
    SELECT DISTINCT "dataspaceId" FROM "Integration"
    WHERE "dataspaceId" = ANY(${[...new Set(dataspaceIds)]}::uuid[]) AND "isActive" AND config ? 'issueSync'`;
  return new Set(rows.map((row) => row.dataspaceId));
}
