import type { z } from "zod";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { notFound } from "@/server/errors";
import { afterTimeKey, decodeTimeCursor, timePage } from "@/server/pagination/cursor";
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
  const rows = await ctx.db.webhookDelivery.findMany({
    where: {
      endpointId: input.endpointId,
      ...(input.status ? { status: input.status } : {}),
      ...afterTimeKey("createdAt", decodeTimeCursor(input.cursor, "deliveries:-createdAt"), "desc"),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: deliverySummary,
  });
  return timePage(rows, input.limit, (row) => row.createdAt, (row) => row, "deliveries:-createdAt");
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
