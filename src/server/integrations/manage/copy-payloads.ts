import type { ScopedTx } from "@/server/db/scoped";
import { JSONB_UNSAFE_ESCAPE_PATTERN, jsonbSafe } from "@/server/inbound/jsonb-safe";

const BATCH = 200;

/**
 * Before an integration's received events go (with the integration), the domain events published
 * from them stay in the event log: their payloads, until now read from the received bodies, are
 * copied in. Most bodies are cast to `jsonb` in one statement; a body PostgreSQL's `jsonb` cannot
 * hold as sent (a `\u0000` or lone surrogate escape, which JSON allows) is parsed here and copied
 * by the one rule for inbound text in `jsonb` (src/server/inbound/jsonb-safe.ts), so deleting an
 * integration never fails on what a sender sent. Should the one statement fail on anything else,
 * it is undone (savepoint) and every body goes the careful way.
 */
export async function copyPayloadsIntoEvents(tx: ScopedTx, dataspaceId: string, integrationId: string): Promise<void> {
  await tx.$executeRaw`SAVEPOINT copy_payloads`;
  try {
    await tx.$executeRaw`
      UPDATE "Event" e SET data = e.data || jsonb_build_object('payload', w.body::jsonb), "payloadFromId" = NULL
      FROM "WebhookEvent" w
      WHERE e."payloadFromId" = w.id AND e."dataspaceId" = ${dataspaceId}::uuid
        AND w."dataspaceId" = ${dataspaceId}::uuid AND w."integrationId" = ${integrationId}::uuid
        AND w.body !~ ${JSONB_UNSAFE_ESCAPE_PATTERN}`;
    await tx.$executeRaw`RELEASE SAVEPOINT copy_payloads`;
  } catch {
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT copy_payloads`;
  }
  // What is left: the bodies the filter kept back, or all of them if the statement failed.
  for (;;) {
    const rows = await tx.$queryRaw<{ id: string; body: string }[]>`
      SELECT DISTINCT w.id, w.body FROM "WebhookEvent" w
      JOIN "Event" e ON e."payloadFromId" = w.id AND e."dataspaceId" = ${dataspaceId}::uuid
      WHERE w."dataspaceId" = ${dataspaceId}::uuid AND w."integrationId" = ${integrationId}::uuid
      LIMIT ${BATCH}`;
    if (rows.length === 0) return;
    const payloads = rows.map(({ id, body }) => ({ id, payload: jsonbSafe(parseOrNull(body)) }));
    await tx.$executeRaw`
      UPDATE "Event" e SET data = e.data || jsonb_build_object('payload', p.payload), "payloadFromId" = NULL
      FROM jsonb_to_recordset(${JSON.stringify(payloads)}::jsonb) AS p(id uuid, payload jsonb)
      WHERE e."payloadFromId" = p.id AND e."dataspaceId" = ${dataspaceId}::uuid`;
  }
}

function parseOrNull(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null; // never published so: only JSON bodies are referenced, form bodies are copied at publication
  }
}
