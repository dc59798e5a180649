import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { badRequest, notFound } from "@/server/errors";
import { decodeCursor, encodeCursor, type Page } from "@/server/pagination/cursor";
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
  let after: { receivedAt: Date; id: string } | undefined;
  if (input.cursor) {
    const [ms, id] = decodeCursor(input.cursor, 2);
    if (!/^\d{1,15}$/.test(ms) || !/^[0-9a-f-]{36}$/.test(id)) throw badRequest("Invalid cursor");
    after = { receivedAt: new Date(Number(ms)), id };
  }
  const rows = await ctx.db.webhookEvent.findMany({
    where: {
      integrationId: input.integrationId,
      ...(input.status ? { status: input.status } : {}),
      ...(after ? { OR: [{ receivedAt: { lt: after.receivedAt } }, { receivedAt: after.receivedAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: webhookEventSummary,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  const page: Page<(typeof items)[number]> = {
    items,
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.receivedAt.getTime(), last.id]) : null,
  };
  return page;
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
