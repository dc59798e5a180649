import type { Prisma } from "@/generated/prisma/client";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import type { ScopedTx } from "@/server/db/scoped";
import { AppError, notFound } from "@/server/errors";
import { providerFor } from "@/server/integrations/registry";
import { generateInboundToken, hashInboundToken } from "@/server/integrations/inbound-token";
import { evictHookTarget } from "@/server/inbound/find-hook-target";
import { encryptSecret } from "@/server/secrets/crypto";
import { MASKED } from "@/server/secrets/mask";
import type { CreateIntegrationInput, UpdateIntegrationInput } from "./integration.schema";
import { isSecretRef, loadIntegrationSecrets, saveIntegrationSecrets, splitSecrets } from "./secrets-store";
import { serializeIntegration } from "./serialize-integration";

/** Integrations hold credentials and receive other tools' data: admins manage them. */

export async function listIntegrations(ctx: TenantContext) {
  requireRole(ctx.actor, "ADMIN");
  const rows = await ctx.db.integration.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(serializeIntegration);
}

export async function getIntegration(ctx: TenantContext, id: string) {
  requireRole(ctx.actor, "ADMIN");
  return serializeIntegration(await findIntegration(ctx, id));
}

/** The provider's setup steps, with this integration's inbound URL filled in. */
export async function integrationSetupInstructions(ctx: TenantContext, id: string): Promise<string[]> {
  const integration = await getIntegration(ctx, id);
  return providerFor(integration.type).inbound.setupInstructions(integration.inboundUrl);
}

export async function createIntegration(ctx: TenantContext, input: CreateIntegrationInput) {
  requireRole(ctx.actor, "ADMIN");
  const provider = providerFor(input.type);
  const { stored, secrets } = splitSecrets(validateConfig(provider, input.config), provider.secretFields);
  const token = generateInboundToken();
  const row = await ctx.db.$transaction(async (tx) => {
    const created = await tx.integration.create({
      data: {
        dataspaceId: ctx.dataspace.id,
        type: input.type,
        name: input.name,
        config: stored as Prisma.InputJsonObject,
        isActive: input.isActive,
        inboundToken: encryptSecret(token),
        inboundTokenHash: hashInboundToken(token),
        createdById: ctx.actor.userId,
      },
    });
    await saveIntegrationSecrets(tx, ctx.dataspace.id, created.id, secrets);
    return created;
  });
  return serializeIntegration(row);
}

/**
 * Name, active flag and config. A config is validated whole: secret fields sent back as "***"
 * (or left out) keep their stored value; a new value replaces it; null removes it (refused, with
 * the field named, where the provider requires it).
 */
export async function updateIntegration(ctx: TenantContext, input: UpdateIntegrationInput) {
  requireRole(ctx.actor, "ADMIN");
  const existing = await findIntegration(ctx, input.id);
  const provider = providerFor(existing.type);
  let config: { stored: Record<string, unknown>; secrets: Record<string, string> } | null = null;
  const current = input.patch.config ? await loadIntegrationSecrets(ctx.db, existing.id) : {};
  if (input.patch.config) {
    const merged: Record<string, unknown> = { ...input.patch.config };
    for (const field of provider.secretFields) {
      if (merged[field] === null) delete merged[field]; // null removes an optional secret
      else if ((merged[field] === undefined || merged[field] === MASKED) && current[field] !== undefined) merged[field] = current[field];
    }
    config = splitSecrets(validateConfig(provider, merged), provider.secretFields);
  }
  const row = await ctx.db.$transaction(async (tx) => {
    const updated = await tx.integration.update({
      where: { id: existing.id },
      data: {
        ...(input.patch.name !== undefined ? { name: input.patch.name } : {}),
        ...(input.patch.isActive !== undefined ? { isActive: input.patch.isActive } : {}),
        ...(config ? { config: config.stored as Prisma.InputJsonObject } : {}),
      },
    });
    if (config) await saveIntegrationSecrets(tx, ctx.dataspace.id, existing.id, config.secrets, current);
    return updated;
  });
  // The receiver caches lookups for a few seconds; in this process the change applies at once.
  evictHookTarget(existing.id);
  return serializeIntegration(row);
}

export async function deleteIntegration(ctx: TenantContext, id: string) {
  requireRole(ctx.actor, "ADMIN");
  const count = await ctx.db.$transaction(async (tx) => {
    await copyPayloadsIntoEvents(tx, ctx.dataspace.id, id);
    return (await tx.integration.deleteMany({ where: { id } })).count;
  });
  if (count === 0) throw notFound("Integration");
  evictHookTarget(id);
  return { id };
}

/** A new inbound URL; the old one answers 404 from now on (update the sender). */
export async function rotateInboundToken(ctx: TenantContext, id: string) {
  requireRole(ctx.actor, "ADMIN");
  const existing = await findIntegration(ctx, id);
  const token = generateInboundToken();
  const row = await ctx.db.integration.update({
    where: { id: existing.id },
    data: { inboundToken: encryptSecret(token), inboundTokenHash: hashInboundToken(token) },
  });
  evictHookTarget(existing.id);
  return serializeIntegration(row);
}

async function findIntegration(ctx: TenantContext, id: string) {
  const row = await ctx.db.integration.findFirst({ where: { id } });
  if (!row) throw notFound("Integration");
  return row;
}

function validateConfig(provider: ReturnType<typeof providerFor>, config: Record<string, unknown>): Record<string, unknown> {
  // A stored reference sent back as-is cannot stand for a value the user never gave.
  if (Object.values(config).some(isSecretRef)) throw new AppError("BAD_REQUEST", "config: secret references cannot be set directly");
  const parsed = provider.configSchema.safeParse(config);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const field = ["config", ...issue.path.map(String)].join(".");
    (fieldErrors[field] ??= []).push(issue.message);
  }
  const [field, [message]] = Object.entries(fieldErrors)[0];
  throw new AppError("BAD_REQUEST", `${field}: ${message}`, { fieldErrors });
}

/**
 * The integration's received events go with it, but the domain events published from them stay
 * in the event log: their payloads, until now read from the received bodies, are copied in first.
 */
async function copyPayloadsIntoEvents(tx: ScopedTx, dataspaceId: string, integrationId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Event" e SET data = e.data || jsonb_build_object('payload', w.body::jsonb), "payloadFromId" = NULL
    FROM "WebhookEvent" w
    WHERE e."payloadFromId" = w.id AND e."dataspaceId" = ${dataspaceId}::uuid
      AND w."dataspaceId" = ${dataspaceId}::uuid AND w."integrationId" = ${integrationId}::uuid`;
}
