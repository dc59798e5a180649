import type { z } from "zod";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { badRequest, notFound } from "@/server/errors";
import { decodeCursor, encodeCursor, type Page } from "@/server/pagination/cursor";
import { maskHeaderValues } from "@/server/webhooks/endpoints/serialize-endpoint";
import type { listDeliveriesInput } from "./delivery.schema";

/** A delivery as lists show it (and as retrying or sending a test answers with it). */
export const deliverySummary = {
  id: true,
  endpointId: true,
  eventId: true,
  eventType: true,
  status: true,
  attemptCount: true,
  lastAttemptAt: true,
  nextAttemptAt: true,
  lastStatusCode: true,
  lastError: true,
  completedAt: true,
  replayId: true,
  isTest: true,
  createdAt: true,
} as const;

/** An endpoint's deliveries, newest first, keyset-paginated on (createdAt, id). Admins only. */
export async function listWebhookDeliveries(ctx: TenantContext, input: z.output<typeof listDeliveriesInput>) {
  requireRole(ctx.actor, "ADMIN");
  const endpoint = await ctx.db.webhookEndpoint.findFirst({ where: { id: input.endpointId }, select: { id: true } });
  if (!endpoint) throw notFound("Webhook");
  let after: { createdAt: Date; id: string } | undefined;
  if (input.cursor) {
    const [ms, id] = decodeCursor(input.cursor, 2);
    if (!/^\d{1,15}$/.test(ms) || !/^[0-9a-f-]{36}$/.test(id)) throw badRequest("Invalid cursor");
    after = { createdAt: new Date(Number(ms)), id };
  }
  const rows = await ctx.db.webhookDelivery.findMany({
    where: {
      endpointId: input.endpointId,
      ...(input.status ? { status: input.status } : {}),
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: deliverySummary,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  const page: Page<(typeof items)[number]> = {
    items,
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.createdAt.getTime(), last.id]) : null,
  };
  return page;
}

/** One delivery with its body and every attempt (request headers, response, timing). */
export async function getWebhookDelivery(ctx: TenantContext, id: string) {
  requireRole(ctx.actor, "ADMIN");
  const delivery = await ctx.db.webhookDelivery.findFirst({
    where: { id },
    select: {
      ...deliverySummary,
      body: true,
      endpoint: { select: { id: true, url: true, description: true } },
      attempts: { orderBy: { number: "asc" } },
    },
  });
  if (!delivery) throw notFound("Delivery");
  // The headers sent include the webhook's extra headers: credentials stay masked here too.
  const attempts = delivery.attempts.map((attempt) => ({ ...attempt, requestHeaders: maskHeaderValues(attempt.requestHeaders) }));
  return { ...delivery, attempts };
}
