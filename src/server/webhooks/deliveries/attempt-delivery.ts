import type { WebhookEndpoint } from "@/generated/prisma/client";
import { scopedDb } from "@/server/db/scoped";
import { signalOutbox } from "@/server/events/outbox-signal";
import { decryptSecret } from "@/server/secrets/crypto";
import { nextRetryDelayMs, signatureHeaders } from "@/server/webhooks/rules";
import { settingsOrDefaults } from "@/server/webhooks/settings/webhook-settings";
import { transportOptions } from "@/server/webhooks/target-config";
import { isRetryableResult, parseRetryAfter } from "@/server/webhooks/transport/retry-after";
import { sendWebhookRequest, type SendResult } from "@/server/webhooks/transport/send";
import { takeEndpointSendSlot } from "./endpoint-rate-limit";
import { recordEndpointHealth } from "./endpoint-health";
import { requeueDeliveries } from "./release-deliveries";

export type AttemptOutcome =
  | { kind: "skipped"; reason: string }
  | { kind: "held" }
  | { kind: "deferred"; until: Date }
  | { kind: "succeeded"; status: number }
  | { kind: "failed"; error: string }
  | { kind: "retry"; delayMs: number; error: string };

export type AttemptDeps = { send?: typeof sendWebhookRequest; now?: () => Date; random?: () => number };

/**
 * One attempt of one delivery — what the runtime runs per invocation. Sends the stored body,
 * signed now (Standard Webhooks), through the guarded transport; records the attempt, the
 * delivery's state and the endpoint's health in one transaction; and says what comes next: done,
 * or retry after a delay (the schedule, with jitter, at least the receiver's Retry-After).
 * A run whose dispatch is stale (retried or replayed since) stops without sending.
 */
export async function attemptDelivery(
  input: { dataspaceId: string; deliveryId: string; dispatch: number },
  deps: AttemptDeps = {},
): Promise<AttemptOutcome> {
  const now = deps.now?.() ?? new Date();
  const tdb = scopedDb(input.dataspaceId);
  const delivery = await tdb.webhookDelivery.findFirst({
    where: { id: input.deliveryId },
    include: { endpoint: true, dataspace: { select: { webhookSettings: true } } },
  });
  if (!delivery) return { kind: "skipped", reason: "the delivery no longer exists" };
  if (delivery.dispatch !== input.dispatch) return { kind: "skipped", reason: "superseded by a later retry or replay" };
  if (delivery.status !== "PENDING") return { kind: "skipped", reason: `the delivery is ${delivery.status.toLowerCase()}` };
  const { endpoint } = delivery;
  const settings = settingsOrDefaults(delivery.dataspace.webhookSettings);

  // A test delivery goes out whatever the endpoint's state: it is how you check a receiver is fixed.
  if (!delivery.isTest && (!endpoint.isActive || endpoint.state !== "ACTIVE")) {
    await tdb.webhookDelivery.updateMany({ where: { id: delivery.id, dispatch: input.dispatch }, data: { status: "HELD", nextAttemptAt: null } });
    return { kind: "held" };
  }
  const { waitMs } = await takeEndpointSendSlot(endpoint.id, endpoint.rateLimitPerSecond);
  if (waitMs > 0) {
    const until = new Date(now.getTime() + waitMs);
    await requeueDeliveries(tdb, { id: delivery.id, dispatch: input.dispatch }, { at: until });
    return { kind: "deferred", until };
  }

  const headers = requestHeaders(endpoint, delivery, now);
  const result = await (deps.send ?? sendWebhookRequest)({ url: endpoint.url, headers, body: delivery.body }, transportOptions(settings.allowHttp));

  const attemptsMade = delivery.attemptCount + 1;
  const error = describeFailure(result);
  const retryAfterMs = result.status === 429 || result.status === 503 ? parseRetryAfter(result.headers?.["retry-after"], now) : null;
  const delayMs =
    !result.ok && isRetryableResult(result, { retryClientErrors: endpoint.retryClientErrors })
      ? nextRetryDelayMs({ scheduleSeconds: settings.retryScheduleSeconds, attemptsMade, retryAfterMs, random: deps.random })
      : null;
  const nextAttemptAt = delayMs === null ? null : new Date(now.getTime() + delayMs);
  const status = result.ok ? "SUCCEEDED" : nextAttemptAt ? "PENDING" : "FAILED";

  const published = await tdb.$transaction(async (tx) => {
    await tx.webhookAttempt.create({
      data: {
        dataspaceId: input.dataspaceId,
        deliveryId: delivery.id,
        number: attemptsMade,
        startedAt: now,
        durationMs: Math.round(result.durationMs),
        url: endpoint.url,
        requestHeaders: headers,
        responseStatus: result.status,
        responseHeaders: result.headers ?? undefined,
        responseBody: result.body,
        error,
        succeeded: result.ok,
        nextRetryAt: nextAttemptAt,
      },
    });
    await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, dispatch: input.dispatch },
      data: {
        status,
        attemptCount: attemptsMade,
        lastAttemptAt: now,
        nextAttemptAt,
        lastStatusCode: result.status,
        lastError: error,
        completedAt: status === "PENDING" ? null : new Date(),
      },
    });
    return delivery.isTest ? false : recordEndpointHealth(tx, endpoint, { succeeded: result.ok, error }, settings, now);
  });
  if (published) signalOutbox();

  if (result.ok) return { kind: "succeeded", status: result.status ?? 200 };
  if (delayMs !== null) return { kind: "retry", delayMs, error: error ?? "failed" };
  return { kind: "failed", error: error ?? "failed" };
}

function requestHeaders(
  endpoint: Pick<WebhookEndpoint, "extraHeaders" | "secret" | "previousSecret" | "previousSecretExpiresAt">,
  delivery: { id: string; eventId: string | null; eventType: string; body: string },
  now: Date,
): Record<string, string> {
  const secrets = [decryptSecret(endpoint.secret)];
  if (endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
    secrets.push(decryptSecret(endpoint.previousSecret));
  }
  return {
    ...(endpoint.extraHeaders as Record<string, string>),
    "content-type": "application/json",
    "user-agent": "Switchboard-Webhooks/1.0",
    // webhook-id is the event's id: the same on every retry and replay, so receivers can dedupe.
    ...signatureHeaders({ messageId: delivery.eventId ?? delivery.id, timestamp: now, body: delivery.body, secrets }),
    "switchboard-delivery-id": delivery.id,
    "switchboard-event-type": delivery.eventType,
  };
}

function describeFailure(result: SendResult): string | null {
  if (result.ok) return null;
  if (result.error) return result.status ? `HTTP ${result.status}: ${result.error.message}` : result.error.message;
  return `HTTP ${result.status}`;
}
