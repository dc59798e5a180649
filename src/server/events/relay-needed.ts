import type { ScopedTx } from "@/server/db/scoped";
import { runtimePortIfWired } from "@/server/runtime/port";

/**
 * Which events of a publishing transaction must go through the outbox relay: those a function of
 * the runtime is triggered by (issue sync's only where an integration has it on), every event of a dataspace with a webhook endpoint (in any
 * state: a paused endpoint holds its deliveries), and every event of a dataspace with an active
 * notification rule (the relay matches them). The rest — a monitor's notifications in a
 * dataspace that sends no webhooks, say — are written already relayed: nothing would read them
 * from the queue but the relay, to mark them. One query per transaction, not per event.
 *
 * Where no runtime is wired in this process (a script, a test without one), every event goes
 * through the relay, as before. An endpoint created while the transaction runs gets the events
 * committed after it exists; whether it gets one committed at the same moment was never defined.
 */
export async function relayNeeded(tx: ScopedTx, dataspaceId: string): Promise<(type: string) => boolean> {
  const port = runtimePortIfWired();
  if (!port) return () => true;
  const [{ endpoints, issueSync, rules }] = await tx.$queryRaw<{ endpoints: boolean; issueSync: boolean; rules: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "WebhookEndpoint" WHERE "dataspaceId" = ${dataspaceId}::uuid) AS endpoints,
      EXISTS (SELECT 1 FROM "Integration" WHERE "dataspaceId" = ${dataspaceId}::uuid AND "isActive" AND config ? 'issueSync') AS "issueSync",
      EXISTS (SELECT 1 FROM "NotificationRule" WHERE "dataspaceId" = ${dataspaceId}::uuid AND "isActive") AS rules`; // as dataspacesWithIssueSync
  return endpoints || rules ? () => true : (type) => port.wants(type, { issueSync });
}
