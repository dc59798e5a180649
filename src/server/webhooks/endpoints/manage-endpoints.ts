import { Prisma } from "@/generated/prisma/client";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { AppError, notFound } from "@/server/errors";
import { signalOutbox } from "@/server/events/outbox-signal";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import { afterTimeKey, decodeTimeCursor, timePage, type Page } from "@/server/pagination/cursor";
import { encryptSecret } from "@/server/secrets/crypto";
import { releaseHeldDeliveries } from "@/server/webhooks/deliveries/release-deliveries";
import { generateWebhookSecret } from "@/server/webhooks/rules";
import { readWebhookSettings } from "@/server/webhooks/settings/webhook-settings";
import { openHeaders, sealHeaders } from "./header-secrets";
import { serializeEndpoint, unmaskHeaders, type SerializedEndpoint } from "./serialize-endpoint";
import { switchChanges } from "./set-endpoint-active";
import { validateEndpointFields } from "./validate-endpoint";
import type { CreateWebhookEndpointInput, UpdateWebhookEndpointInput } from "./webhook-endpoint.schema";

/** Endpoint management is for admins: endpoints hold secrets and receive private requests. */

export async function listWebhookEndpoints(ctx: TenantContext) {
  return (await listWebhookEndpointsPage(ctx, {})).items;
}

/** Oldest first, keyset-paginated on (createdAt, id); without a limit, all of them (the dashboard). */
export async function listWebhookEndpointsPage(ctx: TenantContext, input: { limit?: number; cursor?: string }): Promise<Page<SerializedEndpoint>> {
  requireRole(ctx.actor, "ADMIN");
  const rows = await ctx.db.webhookEndpoint.findMany({
    where: afterTimeKey("createdAt", decodeTimeCursor(input.cursor, "webhooks:createdAt"), "asc"),
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    ...(input.limit !== undefined ? { take: input.limit + 1 } : {}),
  });
  return timePage(rows, input.limit, (row) => row.createdAt, (row) => serializeEndpoint(row), "webhooks:createdAt");
}

export async function getWebhookEndpoint(ctx: TenantContext, id: string) {
  requireRole(ctx.actor, "ADMIN");
  const row = await ctx.db.webhookEndpoint.findFirst({ where: { id } });
  if (!row) throw notFound("Webhook");
  return serializeEndpoint(row);
}

/** Returns the signing secret in clear this once; afterwards it is only ever shown masked. */
export async function createWebhookEndpoint(ctx: TenantContext, input: CreateWebhookEndpointInput) {
  requireRole(ctx.actor, "ADMIN");
  const settings = await readWebhookSettings(ctx.db, ctx.dataspace.id);
  const fields = validateEndpointFields(input, { allowHttp: settings.allowHttp });
  // Through transactionWithEvents for its commit hook: a REST Idempotency-Key retry after a crash
  // gets this endpoint and its secret again instead of a second endpoint (src/server/rest/idempotency.ts).
  const { row, secret } = await transactionWithEvents(ctx.db, async (tx) => {
    const secret = generateWebhookSecret();
    const row = await tx.webhookEndpoint.create({
      data: {
        dataspaceId: ctx.dataspace.id,
        url: fields.url,
        description: fields.description,
        eventTypes: fields.eventTypes,
        filter: fields.filter,
        isActive: fields.isActive,
        extraPayload: (fields.extraPayload as Prisma.InputJsonObject | null) ?? Prisma.DbNull,
        extraHeaders: sealHeaders(fields.extraHeaders ?? {}),
        payloadTemplate: fields.payloadTemplate,
        customTemplate: fields.payloadTemplate === "CUSTOM" ? fields.customTemplate : null,
        retryClientErrors: fields.retryClientErrors,
        rateLimitPerSecond: fields.rateLimitPerSecond,
        secret: encryptSecret(secret),
        createdById: ctx.actor.userId,
      },
    });
    return { row, secret };
  });
  return { endpoint: serializeEndpoint(row), secret };
}

export type UpdateWebhookEndpointOptions = {
  /**
   * Sees the endpoint as it is before the change, inside the change's transaction with the row
   * locked, and throws to refuse it: the REST API's `If-Match`.
   */
  precondition?: (current: SerializedEndpoint) => void;
};

/**
 * Changes the fields sent. `isActive` is the user's switch, as `setWebhookEndpointActive` turns
 * it: switching on also resumes an endpoint the circuit breaker paused or disabled and releases
 * its held deliveries (sending `true` to an endpoint that is on and healthy changes nothing).
 */
export async function updateWebhookEndpoint(ctx: TenantContext, input: UpdateWebhookEndpointInput, options: UpdateWebhookEndpointOptions = {}) {
  requireRole(ctx.actor, "ADMIN");
  const settings = await readWebhookSettings(ctx.db, ctx.dataspace.id);
  const now = new Date();
  const { row, released } = await ctx.db.$transaction(async (tx) => {
    // Concurrent edits take turns, so each checks If-Match against (and unmasks headers from) the last one.
    await tx.$executeRaw`SELECT 1 FROM "WebhookEndpoint" WHERE id = ${input.id}::uuid AND "dataspaceId" = ${ctx.dataspace.id}::uuid FOR UPDATE`;
    const existing = await tx.webhookEndpoint.findFirst({ where: { id: input.id } });
    if (!existing) throw notFound("Webhook");
    options.precondition?.(serializeEndpoint(existing, now));
    const { isActive, ...patch } = input.patch;
    if (patch.extraHeaders) patch.extraHeaders = unmaskHeaders(patch.extraHeaders, openHeaders(existing.extraHeaders));
    const template = patch.payloadTemplate ?? existing.payloadTemplate;
    if (template === "CUSTOM" && patch.customTemplate === undefined) patch.customTemplate = existing.customTemplate;
    const fields = validateEndpointFields({ ...patch, payloadTemplate: template }, { allowHttp: settings.allowHttp });
    const { extraPayload, extraHeaders, ...rest } = fields;
    const switched = isActive !== undefined && (isActive !== existing.isActive || (isActive && existing.state !== "ACTIVE"));
    const updated = await tx.webhookEndpoint.update({
      where: { id: existing.id },
      data: {
        ...rest,
        ...(extraHeaders !== undefined ? { extraHeaders: sealHeaders(extraHeaders) } : {}),
        ...(extraPayload !== undefined ? { extraPayload: (extraPayload as Prisma.InputJsonObject | null) ?? Prisma.DbNull } : {}),
        ...(template === "DEJACODE" ? { customTemplate: null } : {}),
        ...(switched ? switchChanges(existing, isActive, now) : {}),
      },
    });
    return { row: updated, released: switched && isActive ? await releaseHeldDeliveries(tx, existing.id) : 0 };
  });
  if (released) signalOutbox();
  return serializeEndpoint(row);
}

export async function deleteWebhookEndpoint(ctx: TenantContext, id: string) {
  requireRole(ctx.actor, "ADMIN");
  const { count } = await ctx.db.webhookEndpoint.deleteMany({ where: { id } });
  if (count === 0) throw notFound("Webhook");
  return { id };
}

/** How long a rotated-out secret may keep signing: a week is time enough to switch any receiver. */
export const MAX_SECRET_GRACE_HOURS = 168;

/**
 * A new signing secret; the previous one keeps signing alongside it (both signatures in the
 * header) for `graceHours` (0 to 168 whole hours), so receivers can switch without dropping a delivery.
 */
export async function rotateWebhookSecret(ctx: TenantContext, input: { id: string; graceHours: number }) {
  requireRole(ctx.actor, "ADMIN");
  if (!Number.isInteger(input.graceHours) || input.graceHours < 0 || input.graceHours > MAX_SECRET_GRACE_HOURS) {
    const message = `Keep the old secret 0 to ${MAX_SECRET_GRACE_HOURS} whole hours`;
    throw new AppError("BAD_REQUEST", `graceHours: ${message}`, { fieldErrors: { graceHours: [message] } });
  }
  const existing = await ctx.db.webhookEndpoint.findFirst({ where: { id: input.id } });
  if (!existing) throw notFound("Webhook");
  const secret = generateWebhookSecret();
  const row = await ctx.db.webhookEndpoint.update({
    where: { id: existing.id },
    data: {
      secret: encryptSecret(secret),
      previousSecret: input.graceHours > 0 ? existing.secret : null,
      previousSecretExpiresAt: input.graceHours > 0 ? new Date(Date.now() + input.graceHours * 3_600_000) : null,
    },
  });
  return { endpoint: serializeEndpoint(row), secret };
}
