import type { IntegrationType } from "@/generated/prisma/enums";
import { scopedDb, type ScopedDb } from "@/server/db/scoped";
import { AppError } from "@/server/errors";
import { publishInboundEvent } from "@/server/events/publish-inbound-event";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import type { MappedEvent } from "@/server/integrations/provider";
import { providerFor } from "@/server/integrations/registry";
import { claimEvents, failEvents, finishEvents, recordEventError, type Finished } from "./event-transitions";

export type WebhookEventRef = { id: string; dispatch: number };
export type ProcessOutcome = { processed: number; failed: number; retrying: number; skipped: number };

type Row = { id: string; attempts: number; eventType: string; providerDeliveryId: string | null; body: string; integration: { id: string; name: string; type: IntegrationType } };
type Mapped = { row: Row; payload: unknown; mapped: MappedEvent | null };

class Superseded extends Error {}

/**
 * Processes a dispatched group of one dataspace's inbound events (what the runtime runs per
 * invocation). Each event: RECEIVED → PROCESSING (attempt counted, logged) → the provider maps it
 * → its domain event is published in the same transaction that marks it PROCESSED. The group
 * commits in one transaction; if that fails, each event is tried on its own, so one bad event
 * costs the others nothing.
 *
 * An event that fails stores its error and stays PROCESSING, and the run throws, so the runtime
 * retries with its backoff; a retried group re-processes only its events not done yet. An
 * AppError (the mapping produced something that cannot be published) would fail the same way
 * every time: that event is FAILED at once. When the runtime gives up, `markWebhookEventsFailed`
 * ends the rest FAILED.
 *
 * The runtime delivers at least once: events of an older dispatch (replayed since), finished
 * ones, and ones another run of the same dispatch claimed first are skipped; each transition is
 * guarded by (dispatch, attempts), so an event is published once per successful processing.
 */
export async function processWebhookEvents(input: { dataspaceId: string; events: WebhookEventRef[] }): Promise<ProcessOutcome> {
  const { dataspaceId } = input;
  const tdb = scopedDb(dataspaceId);
  const wanted = new Map(input.events.map((ref) => [ref.id, ref.dispatch]));
  const candidates = await tdb.webhookEvent.findMany({
    where: { id: { in: [...wanted.keys()] }, status: { in: ["RECEIVED", "PROCESSING"] } },
    select: { id: true, dispatch: true, attempts: true },
  });
  const claims = candidates.filter((row) => row.dispatch === wanted.get(row.id));
  const claimed = await claimEvents(tdb, dataspaceId, claims, new Date());
  const outcome: ProcessOutcome = { processed: 0, failed: 0, retrying: 0, skipped: input.events.length - claimed.length };
  if (claimed.length === 0) return outcome;

  const attempts = new Map(claimed.map((row) => [row.id, row.attempts]));
  const rows = await tdb.webhookEvent.findMany({
    where: { id: { in: [...attempts.keys()] } },
    select: { id: true, eventType: true, providerDeliveryId: true, body: true, integration: { select: { id: true, name: true, type: true } } },
  });
  const failures: { row: Row; error: unknown }[] = [];
  const ready: Mapped[] = [];
  for (const found of rows) {
    const row = { ...found, attempts: attempts.get(found.id)! };
    try {
      const payload: unknown = JSON.parse(row.body);
      const integration = { id: row.integration.id, name: row.integration.name };
      ready.push({ row, payload, mapped: providerFor(row.integration.type).inbound.map({ eventType: row.eventType, payload, integration }) });
    } catch (error) {
      failures.push({ row, error });
    }
  }

  if (ready.length > 0) {
    try {
      outcome.processed += await publishAndFinish(tdb, dataspaceId, ready);
    } catch {
      // Something in the group failed: each on its own, so the rest still commits.
      for (const item of ready) {
        try {
          outcome.processed += await publishAndFinish(tdb, dataspaceId, [item]);
        } catch (error) {
          if (!(error instanceof Superseded)) failures.push({ row: item.row, error });
          else outcome.skipped++;
        }
      }
    }
  }

  const at = new Date();
  for (const { row, error } of failures) {
    const final = error instanceof AppError;
    await recordEventError(tdb, dataspaceId, row, errorMessage(error), at, final);
    if (final) outcome.failed++;
    else outcome.retrying++;
  }
  if (outcome.retrying > 0) {
    const first = failures.find(({ error }) => !(error instanceof AppError))!;
    throw new Error(`${outcome.retrying} of ${claimed.length} inbound events failed (retried); first: ${errorMessage(first.error)}`);
  }
  return outcome;
}

/** Publishes the mapped events and marks them PROCESSED, all or none. */
async function publishAndFinish(tdb: ScopedDb, dataspaceId: string, items: Mapped[]): Promise<number> {
  return transactionWithEvents(tdb, async (tx) => {
    const finished: Finished[] = [];
    for (const { row, payload, mapped } of items) {
      if (mapped) {
        await publishInboundEvent(tx, dataspaceId, mapped.type, {
          integration: { uuid: row.integration.id, name: row.integration.name, type: row.integration.type },
          event_type: row.eventType,
          delivery_id: row.providerDeliveryId,
          summary: mapped.summary,
          rawPayload: row.body,
        });
      }
      const message = mapped ? `Published ${mapped.type}` : `Stored only: no domain event for ${row.eventType}`;
      finished.push({ id: row.id, attempts: row.attempts, type: mapped?.type ?? null, message });
    }
    const count = await finishEvents(tx, dataspaceId, finished, new Date());
    if (count !== finished.length) throw new Superseded(); // rolls the publications back
    return count;
  });
}

/** When the runtime gives up on a group (retries exhausted): its events not yet done end FAILED. */
export async function markWebhookEventsFailed(input: { dataspaceId: string; events: WebhookEventRef[] }, reason: string): Promise<void> {
  await failEvents(scopedDb(input.dataspaceId), input.dataspaceId, input.events, errorMessage(reason), new Date());
}

/**
 * What is stored and shown as the error. Prisma's messages start with the calling source file
 * and a code excerpt ("Invalid `tx.event.create()` invocation in …"); only their last line, the
 * database's own message, says what went wrong.
 */
export function errorMessage(error: unknown): string {
  let message = (error instanceof Error ? error.message : String(error)).trim();
  if (/^Invalid `[^`]+` invocation/.test(message)) message = message.split("\n").filter((line) => line.trim()).at(-1)!.trim();
  return message.length > 2_000 ? `${message.slice(0, 2_000)}…` : message;
}
