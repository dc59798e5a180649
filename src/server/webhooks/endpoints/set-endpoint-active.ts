import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { notFound } from "@/server/errors";
import { signalOutbox } from "@/server/events/outbox-signal";
import { releaseHeldDeliveries } from "@/server/webhooks/deliveries/release-deliveries";
import { serializeEndpoint } from "./serialize-endpoint";

/**
 * The user's switch. Off: new events are not delivered and pending deliveries are held at their
 * next attempt. On: also clears a pause or a disable by the circuit breaker (the user says the
 * receiver is fixed) and releases the held backlog, oldest first.
 */
export async function setWebhookEndpointActive(ctx: TenantContext, input: { id: string; isActive: boolean }) {
  requireRole(ctx.actor, "ADMIN");
  const existing = await ctx.db.webhookEndpoint.findFirst({ where: { id: input.id } });
  if (!existing) throw notFound("Webhook");
  const now = new Date();
  const row = await ctx.db.webhookEndpoint.update({
    where: { id: existing.id },
    data: input.isActive
      ? {
          isActive: true,
          state: "ACTIVE",
          consecutiveFailures: 0,
          failingSince: null,
          pausedUntil: null,
          stateReason: existing.state === "ACTIVE" ? existing.stateReason : `Re-enabled (was ${existing.state.toLowerCase()})`,
          stateChangedAt: existing.state === "ACTIVE" ? existing.stateChangedAt : now,
        }
      : { isActive: false },
  });
  const released = input.isActive ? await releaseHeldDeliveries(ctx.db, existing.id) : 0;
  if (released) signalOutbox();
  return { endpoint: serializeEndpoint(row, now), released };
}
