import type { Prisma } from "@/generated/prisma/client";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext, TenantDb } from "@/server/dataspaces/tenant-context";
import { AppError, notFound } from "@/server/errors";
import { providerFor } from "@/server/integrations/registry";
import { generateInboundToken, hashInboundToken } from "@/server/integrations/inbound-token";
import { evictHookTarget } from "@/server/inbound/find-hook-target";
import { afterTimeKey, decodeTimeCursor, timePage, type Page } from "@/server/pagination/cursor";
import { encryptSecret } from "@/server/secrets/crypto";
import { MASKED } from "@/server/secrets/mask";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import { copyPayloadsIntoEvents } from "./copy-payloads";
import type { CreateIntegrationInput, UpdateIntegrationInput } from "./integration.schema";
import { isSecretRef, loadIntegrationSecrets, saveIntegrationSecrets, splitSecrets } from "./secrets-store";
import { serializeIntegration, type SerializedIntegration } from "./serialize-integration";

/** Integrations hold credentials and receive other tools' data: admins manage them. */

export async function listIntegrations(ctx: TenantContext) {
  return (await listIntegrationsPage(ctx, {})).items;
}

/** Oldest first, keyset-paginated on (createdAt, id); without a limit, all of them (the dashboard). */
export async function listIntegrationsPage(ctx: TenantContext, input: { limit?: number; cursor?: string }): Promise<Page<SerializedIntegration>> {
  requireRole(ctx.actor, "ADMIN");
  const rows = await ctx.db.integration.findMany({
    where: afterTimeKey("createdAt", decodeTimeCursor(input.cursor, "integrations:createdAt"), "asc"),
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    ...(input.limit !== undefined ? { take: input.limit + 1 } : {}),
  });
  return timePage(rows, input.limit, (row) => row.createdAt, serializeIntegration, "integrations:createdAt");
}

export async function getIntegration(ctx: TenantContext, id: string) {
  requireRole(ctx.actor, "ADMIN");
  return serializeIntegration(await findIntegration(ctx.db, id));
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
  // Through transactionWithEvents for its commit hook: a REST Idempotency-Key retry after a crash
  // replays this creation instead of making a second integration (src/server/rest/idempotency.ts).
  const row = await transactionWithEvents(ctx.db, async (tx) => {
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

export type UpdateIntegrationOptions = {
  /**
   * Sees the integration as it is before the change, inside the change's transaction with the row
   * locked, and throws to refuse it: the REST API's `If-Match`.
   */
  precondition?: (current: SerializedIntegration) => void;
};

/**
 * Name, active flag and config. A config is validated whole: secret fields sent back as "***"
 * (or left out) keep their stored value; a new value replaces it; null removes it (refused, with
 * the field named, where the provider requires it).
 */
export async function updateIntegration(ctx: TenantContext, input: UpdateIntegrationInput, options: UpdateIntegrationOptions = {}) {
  requireRole(ctx.actor, "ADMIN");
  const row = await ctx.db.$transaction(async (tx) => {
    // Concurrent edits take turns, so each merges secrets into (and checks If-Match against) the last one.
    await tx.$executeRaw`SELECT 1 FROM "Integration" WHERE id = ${input.id}::uuid AND "dataspaceId" = ${ctx.dataspace.id}::uuid FOR UPDATE`;
    const existing = await findIntegration(tx, input.id);
    options.precondition?.(serializeIntegration(existing));
    const current = input.patch.config ? await loadIntegrationSecrets(tx, existing.id) : {};
    const config = input.patch.config ? mergeConfig(providerFor(existing.type), input.patch.config, current) : null;
    const updated = await tx.integration.update({
      where: { id: existing.id },
      data: {
        ...(input.patch.name !== undefined ? { name: input.patch.name } : {}),
        ...(input.patch.isActive !== undefined ? { isActive: input.patch.isActive } : {}),
        // A changed config (a new key, another page) is the fix for what needed attention, or it will say so again.
        // A saved config is an admin's answer to "needs attention": it also resumes a paused issue sync.
        ...(config ? { config: config.stored as Prisma.InputJsonObject, attentionMessage: null, attentionAt: null, issueSyncPausedAt: null } : {}),
      },
    });
    if (config) await saveIntegrationSecrets(tx, ctx.dataspace.id, existing.id, config.secrets, current);
    return updated;
  });
  // The receiver caches lookups for a few seconds; in this process the change applies at once.
  evictHookTarget(row.id);
  return serializeIntegration(row);
}

/** A config sent for an update, with the stored secrets it keeps, validated and split again. */
function mergeConfig(provider: ReturnType<typeof providerFor>, config: Record<string, unknown>, current: Record<string, string>) {
  const merged: Record<string, unknown> = { ...config };
  for (const field of provider.secretFields) {
    if (merged[field] === null) delete merged[field]; // null removes an optional secret
    else if ((merged[field] === undefined || merged[field] === MASKED) && current[field] !== undefined) merged[field] = current[field];
  }
  return splitSecrets(validateConfig(provider, merged), provider.secretFields);
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
  const existing = await findIntegration(ctx.db, id);
  const token = generateInboundToken();
  const row = await ctx.db.integration.update({
    where: { id: existing.id },
    data: { inboundToken: encryptSecret(token), inboundTokenHash: hashInboundToken(token) },
  });
  evictHookTarget(existing.id);
  return serializeIntegration(row);
}

async function findIntegration(tdb: TenantDb, id: string) {
  const row = await tdb.integration.findFirst({ where: { id } });
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
