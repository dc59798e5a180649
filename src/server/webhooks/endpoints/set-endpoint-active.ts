import type { WebhookEndpoint } from "@/generated/prisma/client";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { notFound } from "@/server/errors";
import { signalOutbox } from "@/server/events/outbox-signal";
import { releaseHeldDeliveries } from "@/server/webhooks/deliveries/release-deliveries";
import { serializeEndpoint } from "./serialize-endpoint";

/**
 * The user's switch. Off: deliveries of new events are held (up to MAX_HELD_DELIVERIES, see
 * fan-out.ts) and pending ones are held at their next attempt. On: also clears a pause or a
 * disable by the circuit breaker (the user says the receiver is fixed) and releases the held
 * backlog, oldest first.
 */
export async function setWebhookEndpointActive(ctx: TenantContext, input: { id: string; isActive: boolean }) {
  requireRole(ctx.actor, "ADMIN");
  const existing = await ctx.db.webhookEndpoint.findFirst({ where: { id: input.id } });
  if (!existing) throw notFound("Webhook");
  const now = new Date();
  const row = await ctx.db.webhookEndpoint.update({ where: { id: existing.id }, data: switchChanges(existing, input.isActive, now) });
  const released = input.isActive ? await releaseHeldDeliveries(ctx.db, existing.id) : 0;
  if (released) signalOutbox();
  return { endpoint: serializeEndpoint(row, now), released };
}

/**
 * The row changes of turning the switch on or off. Shared with updates that send `isActive`, so
 * switching on through an edit (the dashboard form, the REST API's PATCH) also resumes the
 * endpoint; the caller then releases the held deliveries.
 */
export function switchChanges(existing: Pick<WebhookEndpoint, "state" | "stateReason" | "stateChangedAt">, isActive: boolean, now: Date) {
  if (!isActive) return { isActive: false };
  const wasStopped = existing.state !== "ACTIVE";
  return {
    isActive: true,
    state: "ACTIVE" as const,
    consecutiveFailures: 0,
    failingSince: null,
    pausedUntil: null,
    stateReason: wasStopped ? `Re-enabled (was ${existing.state.toLowerCase()})` : existing.stateReason,
    stateChangedAt: wasStopped ? now : existing.stateChangedAt,
  };
}
