import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { notFound } from "@/server/errors";
import { evictApiToken } from "./token-cache";
import { apiTokenViewSelect, serializeApiToken, type ApiTokenView } from "./serialize-api-token";
import { displayPrefix, generateApiToken, hashApiToken } from "./token-string";
import { validateApiToken } from "./validate-api-token";

/**
 * API tokens act for the dataspace without a browser: admins and owners manage them, as they do
 * webhooks and integrations. The token string is returned once, by createApiToken; only its hash
 * is kept.
 */

export async function createApiToken(
  ctx: TenantContext,
  input: { name: string; scopes: string[]; expiresAt?: Date | null },
): Promise<{ token: string; apiToken: ApiTokenView }> {
  requireRole(ctx.actor, "ADMIN");
  const valid = validateApiToken(input, ctx.actor.role);
  const token = generateApiToken();
  const row = await ctx.db.apiToken.create({
    data: {
      dataspaceId: ctx.dataspace.id,
      name: valid.name,
      scopes: valid.scopes,
      tokenHash: hashApiToken(token),
      prefix: displayPrefix(token),
      createdById: ctx.actor.userId,
      expiresAt: valid.expiresAt,
    },
    select: apiTokenViewSelect,
  });
  return { token, apiToken: serializeApiToken(row) };
}

/** Every token of the dataspace, newest first, revoked and expired ones included (with their status). */
export async function listApiTokens(ctx: TenantContext): Promise<ApiTokenView[]> {
  requireRole(ctx.actor, "ADMIN");
  const rows = await ctx.db.apiToken.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
    select: apiTokenViewSelect,
  });
  return rows.map(serializeApiToken);
}

/** Stops a token at once in this process, within seconds on every other. Revoking twice is harmless. */
export async function revokeApiToken(ctx: TenantContext, id: string): Promise<ApiTokenView> {
  requireRole(ctx.actor, "ADMIN");
  await ctx.db.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  const row = await ctx.db.apiToken.findFirst({ where: { id }, select: apiTokenViewSelect });
  if (!row) throw notFound("API token");
  evictApiToken(id);
  return serializeApiToken(row);
}
