import type { WebhookEndpoint } from "@/generated/prisma/client";
import { appUrl } from "@/env";
import type { ScopedTx } from "@/server/db/scoped";
import { publishEvent } from "@/server/events/publish-event";
import type { WebhookSettingsValue } from "@/server/webhooks/settings/webhook-settings";

/**
 * The circuit breaker, applied inside the transaction that records an attempt (the endpoint row
 * lock serializes concurrent attempts):
 * - a success resets the failure count;
 * - a failure counts; at `pauseAfterFailures` consecutive failed attempts the endpoint is PAUSED
 *   for `pauseSeconds` (deliveries arriving meanwhile are held, then released together);
 * - a failure when the endpoint has been failing for `disableAfterHours` (and is at the
 *   threshold) DISABLES it until someone re-enables it.
 * After a pause the count stays at the threshold, so the first failure pauses again at once.
 * Each transition publishes `webhook_endpoint.paused` / `.disabled` through the outbox: that is
 * how admins are told and how the pause's end gets scheduled.
 */
export async function recordEndpointHealth(
  tx: ScopedTx,
  endpoint: Pick<WebhookEndpoint, "id" | "dataspaceId" | "consecutiveFailures" | "failingSince">,
  outcome: { succeeded: boolean; error: string | null },
  settings: WebhookSettingsValue,
  now: Date,
): Promise<boolean> {
  if (outcome.succeeded) {
    if (endpoint.consecutiveFailures === 0 && !endpoint.failingSince) return false; // the hot path: no write
    await tx.webhookEndpoint.updateMany({ where: { id: endpoint.id }, data: { consecutiveFailures: 0, failingSince: null } });
    return false;
  }
  const row = await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { consecutiveFailures: { increment: 1 } } });
  const failingSince = row.failingSince ?? now;
  if (!row.failingSince) await tx.webhookEndpoint.update({ where: { id: row.id }, data: { failingSince } });
  if (row.state !== "ACTIVE" || row.consecutiveFailures < settings.pauseAfterFailures) return false;

  const disable = now.getTime() - failingSince.getTime() >= settings.disableAfterHours * 3_600_000;
  const pausedUntil = disable ? null : new Date(now.getTime() + settings.pauseSeconds * 1000);
  const reason = disable
    ? `Disabled after failing for ${settings.disableAfterHours} h (${row.consecutiveFailures} consecutive failed attempts; last: ${outcome.error ?? "failed"})`
    : `Paused for ${settings.pauseSeconds} s after ${row.consecutiveFailures} consecutive failed attempts (last: ${outcome.error ?? "failed"})`;
  const updated = await tx.webhookEndpoint.update({
    where: { id: row.id },
    data: { state: disable ? "DISABLED" : "PAUSED", pausedUntil, stateReason: reason, stateChangedAt: now },
  });
  const { slug } = await tx.dataspace.findFirstOrThrow({ select: { slug: true } });
  await publishEvent(tx, endpoint.dataspaceId, disable ? "webhook_endpoint.disabled" : "webhook_endpoint.paused", {
    uuid: updated.id,
    url: updated.url,
    description: updated.description,
    state: disable ? "DISABLED" : "PAUSED",
    reason,
    consecutive_failures: updated.consecutiveFailures,
    failing_since: failingSince.toISOString(),
    paused_until: pausedUntil?.toISOString() ?? null,
    dashboard_url: `${appUrl()}/d/${slug}/webhooks/${updated.id}`,
  });
  return true; // an event was published: the caller wakes the relay after commit
}

/**
 * The end of a pause (the runtime sleeps until `pausedUntil`, then calls this): back to ACTIVE
 * and the held deliveries go out again. Does nothing if the endpoint was re-paused, disabled or
 * re-enabled in the meantime.
 */
export async function endEndpointPause(tx: ScopedTx, endpointId: string, now: Date): Promise<boolean> {
  const { count } = await tx.webhookEndpoint.updateMany({
    // A runtime's timer may wake a little early (clock skew with a remote Inngest); a new pause
    // lasts at least 10 s, so this slack never ends one that began after this sleep did.
    where: { id: endpointId, state: "PAUSED", pausedUntil: { lte: new Date(now.getTime() + 2_000) } },
    data: { state: "ACTIVE", pausedUntil: null, stateReason: "Resumed after a pause", stateChangedAt: now },
  });
  return count > 0;
}
