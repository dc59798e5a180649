import type { WebhookDelivery, WebhookEndpoint } from "@/generated/prisma/client";
import type { ScopedDb } from "@/server/db/scoped";
import { sealHeaders } from "@/server/webhooks/endpoints/header-secrets";
import { MAX_RETRY_AFTER_MS, nextRetryDelayMs } from "@/server/webhooks/rules";
import type { WebhookSettingsValue } from "@/server/webhooks/settings/webhook-settings";
import { isReceiverFailure, isRetryableResult, parseRetryAfter } from "@/server/webhooks/transport/retry-after";
import type { SendResult } from "@/server/webhooks/transport/send";
import { recordEndpointHealth } from "./endpoint-health";

export type SentAttempt = {
  delivery: WebhookDelivery;
  endpoint: WebhookEndpoint;
  headers: Record<string, string>;
  startedAt: Date;
  result: SendResult;
};

function attemptRow(attempt: SentAttempt, nextRetryAt: Date | null, error: string | null) {
  const { delivery, endpoint, result } = attempt;
  return {
    dataspaceId: delivery.dataspaceId,
    deliveryId: delivery.id,
    number: delivery.attemptCount + 1,
    startedAt: attempt.startedAt,
    durationMs: Math.round(result.durationMs),
    url: endpoint.url,
    // The copy of the credentials sent is a secret at rest too.
    requestHeaders: sealHeaders(attempt.headers),
    responseStatus: result.status,
    responseHeaders: result.headers ?? undefined,
    responseBody: result.body,
    error,
    succeeded: result.ok,
    nextRetryAt,
  };
}

/**
 * Successes, in one transaction whatever their number: the attempts in one insert, the
 * deliveries in one update per (status code, dispatch) — usually one — and a health reset for
 * endpoints that had been failing. That is the hot path of a busy endpoint.
 */
export async function recordSucceededAttempts(tdb: ScopedDb, attempts: SentAttempt[]): Promise<void> {
  const now = new Date();
  const groups = new Map<string, SentAttempt[]>();
  for (const attempt of attempts) {
    const key = `${attempt.result.status}|${attempt.delivery.dispatch}`;
    groups.set(key, [...(groups.get(key) ?? []), attempt]);
  }
  const recovering = [...new Set(attempts.filter((a) => !a.delivery.isTest && (a.endpoint.consecutiveFailures > 0 || a.endpoint.failingSince)).map((a) => a.endpoint.id))];
  await tdb.$transaction([
    tdb.webhookAttempt.createMany({ data: attempts.map((attempt) => attemptRow(attempt, null, null)) }),
    ...[...groups.values()].map((group) =>
      tdb.webhookDelivery.updateMany({
        where: { id: { in: group.map((a) => a.delivery.id) }, dispatch: group[0].delivery.dispatch },
        data: { status: "SUCCEEDED", attemptCount: { increment: 1 }, lastAttemptAt: group[0].startedAt, nextAttemptAt: null, lastStatusCode: group[0].result.status, lastError: null, completedAt: now },
      }),
    ),
    ...(recovering.length ? [tdb.webhookEndpoint.updateMany({ where: { id: { in: recovering } }, data: { consecutiveFailures: 0, failingSince: null } })] : []),
  ]);
}

/** `notBefore`: a 429's Retry-After, which holds back every delivery to the endpoint until then. */
export type NextStep = { error: string; retryAt: Date | null; notBefore?: Date };

/**
 * Whether and when a failed attempt is tried again: the schedule, at least the receiver's
 * Retry-After, both counted from the attempt's end (a "5 s" retry after a 15 s timeout waits
 * 5 s, not 0).
 */
export function decideNext(attempt: SentAttempt, settings: WebhookSettingsValue, random?: () => number): NextStep {
  const { result, delivery, endpoint, startedAt } = attempt;
  const error = describeFailure(result);
  if (!isRetryableResult(result, { retryClientErrors: endpoint.retryClientErrors })) return { error, retryAt: null };
  const endedAt = new Date(startedAt.getTime() + Math.max(0, result.durationMs));
  const retryAfterMs = result.status === 429 || result.status === 503 ? parseRetryAfter(result.headers?.["retry-after"], endedAt) : null;
  const delayMs = nextRetryDelayMs({ scheduleSeconds: settings.retryScheduleSeconds, attemptsMade: delivery.attemptCount + 1, retryAfterMs, random });
  const notBefore = result.status === 429 && retryAfterMs ? { notBefore: new Date(endedAt.getTime() + Math.min(retryAfterMs, MAX_RETRY_AFTER_MS)) } : {};
  return { error, retryAt: delayMs === null ? null : new Date(endedAt.getTime() + delayMs), ...notBefore };
}

/**
 * One failure: the attempt, the delivery (queued again for its next attempt, as a new dispatch,
 * or failed for good) and the endpoint's health, in one transaction. Returns whether a health
 * event was published.
 */
export async function recordFailedAttempt(tdb: ScopedDb, attempt: SentAttempt, next: NextStep, settings: WebhookSettingsValue): Promise<boolean> {
  const { delivery, endpoint } = attempt;
  return tdb.$transaction(async (tx) => {
    await tx.webhookAttempt.create({ data: attemptRow(attempt, next.retryAt, next.error) });
    await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, dispatch: delivery.dispatch },
      data: {
        status: next.retryAt ? "PENDING" : "FAILED",
        attemptCount: { increment: 1 },
        lastAttemptAt: attempt.startedAt,
        nextAttemptAt: next.retryAt,
        lastStatusCode: attempt.result.status,
        lastError: next.error,
        completedAt: next.retryAt ? null : new Date(),
        // The dispatcher hands it back to the runtime when it falls due.
        ...(next.retryAt ? { queuedAt: next.retryAt, dispatch: { increment: 1 } } : {}),
      },
    });
    if (next.notBefore) {
      await tx.webhookEndpoint.updateMany({
        where: { id: endpoint.id, OR: [{ retryNotBefore: null }, { retryNotBefore: { lt: next.notBefore } }] },
        data: { retryNotBefore: next.notBefore },
      });
    }
    // Only a receiver that is down trips the breaker; one that answered 4xx (429 included) is up.
    if (delivery.isTest || !isReceiverFailure(attempt.result)) return false;
    return recordEndpointHealth(tx, endpoint, { succeeded: false, error: next.error }, settings, attempt.startedAt);
  });
}

function describeFailure(result: SendResult): string {
  if (result.error) return result.status ? `HTTP ${result.status}: ${result.error.message}` : result.error.message;
  return `HTTP ${result.status}`;
}
