import type { WebhookDelivery, WebhookEndpoint } from "@/generated/prisma/client";
import { scopedDb } from "@/server/db/scoped";
import { signalOutbox } from "@/server/events/outbox-signal";
import { settingsOrDefaults, type WebhookSettingsValue } from "@/server/webhooks/settings/webhook-settings";
import { transportOptions } from "@/server/webhooks/target-config";
import { sendWebhookRequest, type SendResult } from "@/server/webhooks/transport/send";
import { decideNext, recordFailedAttempt, recordSucceededAttempts, type SentAttempt } from "./record-attempts";
import { takeEndpointSendSlot } from "./endpoint-rate-limit";
import { requeueDeliveries } from "./release-deliveries";
import { signedRequestHeaders } from "./signed-request";

export type DeliveryRef = { id: string; dispatch: number };
export type BatchOutcome = Record<"succeeded" | "retrying" | "failed" | "held" | "deferred" | "skipped", number>;
export type DeliverDeps = { send?: typeof sendWebhookRequest; now?: () => Date; random?: () => number };

type Row = WebhookDelivery & { endpoint: WebhookEndpoint };

const MAX_PARALLEL_SENDS = 32;

/**
 * One attempt of each delivery in a dispatched group (one dataspace's deliveries that were due
 * together): what the runtime runs per invocation. Each delivery's state lives in its own row,
 * so a group is only a unit of work: a delivery whose dispatch moved on (retried, replayed,
 * released since) or that is no longer pending is skipped; after a crash the runtime runs the
 * group again and whatever was not recorded is attempted again (at least once).
 *
 * Sends the stored body, signed now, through the guarded transport, in parallel; records every
 * attempt. A failure that should be retried is queued again for the time the schedule chose
 * (the dispatcher hands it back to the runtime then); the endpoint's health follows each attempt.
 */
export async function deliverBatch(input: { dataspaceId: string; deliveries: DeliveryRef[] }, deps: DeliverDeps = {}): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { succeeded: 0, retrying: 0, failed: 0, held: 0, deferred: 0, skipped: 0 };
  const tdb = scopedDb(input.dataspaceId);
  const wanted = new Map(input.deliveries.map((ref) => [ref.id, ref.dispatch]));
  const [rows, settingsRow] = await Promise.all([
    tdb.webhookDelivery.findMany({ where: { id: { in: [...wanted.keys()] }, status: "PENDING" }, include: { endpoint: true } }),
    tdb.webhookSettings.findUnique({ where: { dataspaceId: input.dataspaceId } }),
  ]);
  const settings = settingsOrDefaults(settingsRow);
  const live = rows.filter((row) => row.dispatch === wanted.get(row.id));
  outcome.skipped = input.deliveries.length - live.length;

  // A test delivery goes out whatever the endpoint's state: it is how you check a receiver is fixed.
  const held = live.filter((row) => !row.isTest && (!row.endpoint.isActive || row.endpoint.state !== "ACTIVE"));
  if (held.length) {
    await tdb.webhookDelivery.updateMany({ where: { id: { in: held.map((row) => row.id) }, status: "PENDING" }, data: { status: "HELD", nextAttemptAt: null } });
    outcome.held = held.length;
  }
  const sendable: Row[] = [];
  const now = deps.now?.() ?? new Date();
  for (const row of live) {
    if (held.includes(row)) continue;
    // The receiver answered 429 with a Retry-After: nothing more to it until then (a test send excepted).
    if (!row.isTest && row.endpoint.retryNotBefore && row.endpoint.retryNotBefore > now) {
      await requeueDeliveries(tdb, { id: row.id, dispatch: row.dispatch }, { at: row.endpoint.retryNotBefore });
      outcome.deferred++;
      continue;
    }
    const { waitMs } = await takeEndpointSendSlot(row.endpoint.id, row.endpoint.rateLimitPerSecond);
    if (waitMs === 0) sendable.push(row);
    else {
      // Over the endpoint's rate limit: back in the queue for when there is room, not a failure.
      const at = new Date(Date.now() + waitMs);
      await requeueDeliveries(tdb, { id: row.id, dispatch: row.dispatch }, { at });
      outcome.deferred++;
    }
  }

  const attempts = await sendAll(sendable, settings, deps);
  const succeeded = attempts.filter((attempt) => attempt.result.ok);
  if (succeeded.length) await recordSucceededAttempts(tdb, succeeded);
  outcome.succeeded = succeeded.length;
  let published = false;
  for (const attempt of attempts.filter((a) => !a.result.ok)) {
    const next = decideNext(attempt, settings, deps.random);
    published = (await recordFailedAttempt(tdb, attempt, next, settings)) || published;
    if (next.retryAt) outcome.retrying++;
    else outcome.failed++;
  }
  // Retries or deferrals were queued (and health events may have been published): the relay picks them up.
  if (published || outcome.retrying || outcome.deferred) signalOutbox();
  return outcome;
}

async function sendAll(rows: Row[], settings: WebhookSettingsValue, deps: DeliverDeps): Promise<SentAttempt[]> {
  const options = transportOptions(settings.allowHttp);
  const send = deps.send ?? sendWebhookRequest;
  const attempts: SentAttempt[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < rows.length; i = next++) {
      const row = rows[i];
      const startedAt = deps.now?.() ?? new Date();
      const headers = signedRequestHeaders(row.endpoint, row, startedAt);
      const result: SendResult = await send({ url: row.endpoint.url, headers, body: row.body }, options);
      attempts.push({ delivery: row, endpoint: row.endpoint, headers, startedAt, result });
    }
  };
  await Promise.all(Array.from({ length: Math.min(MAX_PARALLEL_SENDS, rows.length) }, worker));
  return attempts;
}

