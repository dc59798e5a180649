import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { notFound } from "@/server/errors";
import { afterTimeKey, decodeTimeCursor, timePage } from "@/server/pagination/cursor";
import { readEventLog } from "./event-log";
import { listWebhookEventsInput, type ListWebhookEventsInput } from "./webhook-event.schema";

export const webhookEventSummary = {
  id: true,
  integrationId: true,
  status: true,
  eventType: true,
  providerDeliveryId: true,
  attempts: true,
  error: true,
  domainEventType: true,
  receivedAt: true,
  processedAt: true,
} as const;

/**
 * An integration's inbound events, newest first, keyset-paginated on (receivedAt, id). Admins
 * only, like the integration itself: bodies carry the other tool's data.
 */
export async function listWebhookEvents(ctx: TenantContext, options: ListWebhookEventsInput) {
  requireRole(ctx.actor, "ADMIN");
  const input = listWebhookEventsInput.parse(options);
  const integration = await ctx.db.integration.findFirst({ where: { id: input.integrationId }, select: { id: true } });
  if (!integration) throw notFound("Integration");
  const rows = await ctx.db.webhookEvent.findMany({
    where: {
      integrationId: input.integrationId,
      ...(input.status ? { status: input.status } : {}),
      ...afterTimeKey("receivedAt", decodeTimeCursor(input.cursor, "inbound-events:-receivedAt"), "desc"),
    },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: webhookEventSummary,
  });
  return timePage(rows, input.limit, (row) => row.receivedAt, (row) => row, "inbound-events:-receivedAt");
}

/** One inbound event: headers as stored (credentials masked on arrival), raw body, processing log. */
export async function getWebhookEvent(ctx: TenantContext, id: string) {
  requireRole(ctx.actor, "ADMIN");
  const row = await ctx.db.webhookEvent.findFirst({
    where: { id },
    select: { ...webhookEventSummary, headers: true, body: true, log: true, dispatch: true, integration: { select: { id: true, name: true, type: true } } },
  });
  if (!row) throw notFound("Inbound event");
  return { ...row, headers: (row.headers ?? {}) as Record<string, string>, log: readEventLog(row.log) };
}
