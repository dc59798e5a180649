import { Prisma } from "@/generated/prisma/client";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { notFound } from "@/server/errors";
import { encryptSecret } from "@/server/secrets/crypto";
import { generateWebhookSecret } from "@/server/webhooks/rules";
import { readWebhookSettings } from "@/server/webhooks/settings/webhook-settings";
import { serializeEndpoint, unmaskHeaders } from "./serialize-endpoint";
import { validateEndpointFields } from "./validate-endpoint";
import type { CreateWebhookEndpointInput, UpdateWebhookEndpointInput } from "./webhook-endpoint.schema";

/** Endpoint management is for admins: endpoints hold secrets and receive private requests. */

export async function listWebhookEndpoints(ctx: TenantContext) {
  requireRole(ctx.actor, "ADMIN");
  const rows = await ctx.db.webhookEndpoint.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map((row) => serializeEndpoint(row));
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
  const secret = generateWebhookSecret();
  const row = await ctx.db.webhookEndpoint.create({
    data: {
      dataspaceId: ctx.dataspace.id,
      url: fields.url,
      description: fields.description,
      eventTypes: fields.eventTypes,
      filter: fields.filter,
      isActive: fields.isActive,
      extraPayload: (fields.extraPayload as Prisma.InputJsonObject | null) ?? Prisma.DbNull,
      extraHeaders: fields.extraHeaders,
      payloadTemplate: fields.payloadTemplate,
      customTemplate: fields.payloadTemplate === "CUSTOM" ? fields.customTemplate : null,
      retryClientErrors: fields.retryClientErrors,
      rateLimitPerSecond: fields.rateLimitPerSecond,
      secret: encryptSecret(secret),
      createdById: ctx.actor.userId,
    },
  });
  return { endpoint: serializeEndpoint(row), secret };
}

export async function updateWebhookEndpoint(ctx: TenantContext, input: UpdateWebhookEndpointInput) {
  requireRole(ctx.actor, "ADMIN");
  const existing = await ctx.db.webhookEndpoint.findFirst({ where: { id: input.id } });
  if (!existing) throw notFound("Webhook");
  const settings = await readWebhookSettings(ctx.db, ctx.dataspace.id);
  const patch = { ...input.patch };
  if (patch.extraHeaders) patch.extraHeaders = unmaskHeaders(patch.extraHeaders, existing.extraHeaders);
  const template = patch.payloadTemplate ?? existing.payloadTemplate;
  if (template === "CUSTOM" && patch.customTemplate === undefined) patch.customTemplate = existing.customTemplate;
  const fields = validateEndpointFields({ ...patch, payloadTemplate: template }, { allowHttp: settings.allowHttp });
  const { extraPayload, ...rest } = fields;
  const row = await ctx.db.webhookEndpoint.update({
    where: { id: existing.id },
    data: {
      ...rest,
      ...(extraPayload !== undefined ? { extraPayload: (extraPayload as Prisma.InputJsonObject | null) ?? Prisma.DbNull } : {}),
      ...(template === "DEJACODE" ? { customTemplate: null } : {}),
    },
  });
  return serializeEndpoint(row);
}

export async function deleteWebhookEndpoint(ctx: TenantContext, id: string) {
  requireRole(ctx.actor, "ADMIN");
  const { count } = await ctx.db.webhookEndpoint.deleteMany({ where: { id } });
  if (count === 0) throw notFound("Webhook");
  return { id };
}

/**
 * A new signing secret; the previous one keeps signing alongside it (both signatures in the
 * header) for `graceHours`, so receivers can switch without dropping a delivery.
 */
export async function rotateWebhookSecret(ctx: TenantContext, input: { id: string; graceHours: number }) {
  requireRole(ctx.actor, "ADMIN");
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
