import { createApiToken } from "@/server/api-tokens/manage-api-tokens";
import type { TenantContext } from "@/server/dataspaces/tenant-context";

/**
 * An API token made by the context's actor, through the domain (so its format, hash and prefix
 * are real); returns the token string. Any member may be the creator here, not only an admin:
 * the token then behaves as one minted before its creator was demoted, acting with the lower of
 * the creator's current role and its scopes. Default scopes: `admin` (everything the role allows).
 */
export async function seedApiToken(ctx: TenantContext, scopes: string[] = ["admin"]): Promise<string> {
  const asMinter: TenantContext = { ...ctx, actor: { ...ctx.actor, role: "OWNER" } };
  const { token } = await createApiToken(asMinter, { name: `Token ${scopes.join(" ")}`.slice(0, 100), scopes });
  return token;
}
