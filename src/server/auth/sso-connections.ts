import { appUrl } from "@/env";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { AppError, notFound } from "@/server/errors";
import { claimsOfConnections, domainTaken, syncDomainClaims } from "./domain-claims/domain-claims";
import { decryptSecret, encryptSecret, maskSecret } from "@/server/secrets/crypto";
import { ssoProviderId, type SsoConnectionForSignIn } from "./providers";
import { emailDomainOf } from "./resolve-sign-in";
import type { CreateSsoConnectionInput, UpdateSsoConnectionInput } from "./sso.schema";
import { fetchDiscovery, IssuerCheckError } from "./sso-issuer";

/**
 * Per-dataspace SSO connections. Admins manage them through the scoped client; sign-in looks
 * them up instance-wide by email domain. The client secret is stored encrypted and only ever
 * leaves this module masked (or, decrypted, straight into the sign-in provider). Each listed
 * domain is a claim that needs proof (domain-claims/); the list shows its state and TXT record.
 */

const ROW = {
  id: true,
  name: true,
  issuer: true,
  clientId: true,
  clientSecretEncrypted: true,
  allowedDomains: true,
  defaultRole: true,
  enabled: true,
  createdAt: true,
  updatedAt: true,
} as const;

function maskedSecretOf(envelope: string): string {
  try {
    return maskSecret(decryptSecret(envelope));
  } catch {
    return "(cannot be decrypted with the current SECRETS_KEY: enter it again)";
  }
}

function present<T extends { id: string; clientSecretEncrypted: string }>(row: T) {
  const { clientSecretEncrypted, ...rest } = row;
  return {
    ...rest,
    clientSecret: maskedSecretOf(clientSecretEncrypted),
    /** What the admin registers at the identity provider. */
    redirectUri: `${appUrl()}/api/auth/callback/${ssoProviderId(row.id)}`,
  };
}

async function assertIssuerWorks(issuer: string) {
  try {
    await fetchDiscovery(issuer, { timeoutMs: 5000 });
  } catch (error) {
    if (!(error instanceof IssuerCheckError)) throw error;
    throw new AppError("BAD_REQUEST", "The issuer could not be verified", { fieldErrors: { issuer: [error.message] } });
  }
}

/**
 * One domain belongs to one connection instance-wide, enabled or not (a disabled connection keeps
 * its proof); otherwise the lookup by email is ambiguous. An instance admin can revoke a claim
 * to free its domain.
 */
async function assertDomainsFree(domains: string[], exceptId?: string) {
  const others = await db.ssoConnection.findMany({
    where: { allowedDomains: { hasSome: domains }, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { allowedDomains: true },
  });
  const taken = domains.filter((d) => others.some((o) => o.allowedDomains.includes(d)));
  if (taken.length > 0) throw domainTaken(taken);
}

export async function listSsoConnections(ctx: TenantContext) {
  requireRole(ctx.actor, "ADMIN");
  const rows = await ctx.db.ssoConnection.findMany({ orderBy: { createdAt: "asc" }, select: ROW });
  const claims = await claimsOfConnections(ctx, rows);
  return rows.map((row) => ({ ...present(row), domainClaims: claims.get(row.id) ?? [] }));
}

export async function createSsoConnection(ctx: TenantContext, input: CreateSsoConnectionInput) {
  requireRole(ctx.actor, "ADMIN");
  await assertDomainsFree(input.allowedDomains);
  await assertIssuerWorks(input.issuer);
  // Named fields only: a tRPC input also carries the `dataspace` slug, which is not a column.
  const { name, issuer, clientId, clientSecret, allowedDomains, defaultRole, enabled } = input;
  const row = await ctx.db.$transaction(async (tx) => {
    const created = await tx.ssoConnection.create({
      data: {
        name,
        issuer,
        clientId,
        allowedDomains,
        defaultRole,
        enabled,
        dataspaceId: ctx.dataspace.id,
        clientSecretEncrypted: encryptSecret(clientSecret),
      },
      select: ROW,
    });
    await syncDomainClaims(tx, { ...created, dataspaceId: ctx.dataspace.id });
    return created;
  });
  return present(row);
}

export async function updateSsoConnection(ctx: TenantContext, input: UpdateSsoConnectionInput) {
  requireRole(ctx.actor, "ADMIN");
  const current = await ctx.db.ssoConnection.findFirst({ where: { id: input.id }, select: ROW });
  if (!current) throw notFound("SSO connection");
  const { id, clientSecret, name, issuer, clientId, allowedDomains, defaultRole, enabled: enable } = input;
  const changes = { name, issuer, clientId, allowedDomains, defaultRole, enabled: enable }; // not `dataspace`, see create
  if (changes.allowedDomains) await assertDomainsFree(changes.allowedDomains, id);
  if (changes.issuer !== undefined && changes.issuer !== current.issuer) await assertIssuerWorks(changes.issuer);
  const row = await ctx.db.$transaction(async (tx) => {
    const updated = await tx.ssoConnection.update({
      where: { id },
      data: { ...changes, ...(clientSecret !== undefined ? { clientSecretEncrypted: encryptSecret(clientSecret) } : {}) },
      select: ROW,
    });
    await syncDomainClaims(tx, { ...updated, dataspaceId: ctx.dataspace.id });
    return updated;
  });
  return present(row);
}

export async function deleteSsoConnection(ctx: TenantContext, input: { id: string }) {
  requireRole(ctx.actor, "ADMIN");
  const { count } = await ctx.db.ssoConnection.deleteMany({ where: { id: input.id } });
  if (count === 0) throw notFound("SSO connection");
  return { id: input.id };
}

// ─────────────── instance-wide, for the sign-in flow ───────────────

/**
 * The enabled connection that signs in addresses at this email's domain, if any. An unproven one
 * is offered too: it signs in only the users it created (src/server/auth/resolve-sign-in.ts).
 */
export async function findSsoConnectionForEmail(email: string): Promise<{ id: string; name: string } | null> {
  const domain = emailDomainOf(email.trim());
  if (!domain) return null;
  return db.ssoConnection.findFirst({
    where: { enabled: true, allowedDomains: { has: domain } },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true },
  });
}

export async function hasEnabledSsoConnections(): Promise<boolean> {
  return (await db.ssoConnection.count({ where: { enabled: true }, take: 1 })) > 0;
}

/** An enabled connection with its decrypted secret, for building its sign-in provider. */
export async function loadSsoConnectionForSignIn(id: string): Promise<SsoConnectionForSignIn | null> {
  const row = await db.ssoConnection.findFirst({
    where: { id, enabled: true },
    select: { id: true, name: true, issuer: true, clientId: true, clientSecretEncrypted: true },
  });
  if (!row) return null;
  const { clientSecretEncrypted, ...rest } = row;
  return { ...rest, clientSecret: decryptSecret(clientSecretEncrypted) };
}

export async function loadEnabledSsoConnectionsForSignIn(): Promise<SsoConnectionForSignIn[]> {
  const rows = await db.ssoConnection.findMany({
    where: { enabled: true },
    select: { id: true, name: true, issuer: true, clientId: true, clientSecretEncrypted: true },
  });
  return rows.flatMap(({ clientSecretEncrypted, ...rest }) => {
    try {
      return [{ ...rest, clientSecret: decryptSecret(clientSecretEncrypted) }];
    } catch {
      return []; // an undecryptable secret cannot sign anyone in; the admin sees it in the list
    }
  });
}
