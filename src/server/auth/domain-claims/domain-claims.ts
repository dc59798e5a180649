import { randomBytes } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext, TenantDb } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { AppError, forbidden, notFound } from "@/server/errors";
import { ssoProviderId } from "../providers";
import { challengeRecordName, challengeRecordValue, checkChallengeRecord, systemTxtResolver, type TxtResolver } from "./dns-proof";

/**
 * Domain claims: each email domain an SSO connection lists is a claim, proven by a DNS TXT record
 * or by an instance admin's approval. Proof decides whether the addresses the connection asserts
 * are trusted outside it (docs/sso.md, "Domain proof"); it never lets a connection take over an
 * existing account — that is refused whatever the proof (src/server/auth/resolve-sign-in.ts).
 */

export type ClaimProof = "dns" | "instance_admin";

const CLAIM_ROW = {
  id: true,
  connectionId: true,
  domain: true,
  token: true,
  provenAt: true,
  provenBy: true,
  lastCheckedAt: true,
  lastCheckProblem: true,
  createdAt: true,
} as const;

type ClaimRow = Prisma.SsoDomainClaimGetPayload<{ select: typeof CLAIM_ROW }>;

/** A claim as admins see it: its state and the TXT record that proves it. */
export function presentClaim(row: ClaimRow) {
  const { token, ...rest } = row;
  return {
    ...rest,
    status: row.provenAt ? ("proven" as const) : ("pending" as const),
    txtRecord: { name: challengeRecordName(row.domain), value: challengeRecordValue(token) },
  };
}
export type PresentedClaim = ReturnType<typeof presentClaim>;

const newToken = () => randomBytes(18).toString("base64url");

/**
 * Keeps a connection's claims in step with its domains: new domains get a pending claim with a
 * fresh token, removed ones lose their claim (and its proof). Runs inside the caller's transaction.
 */
export async function syncDomainClaims(tx: TenantDb, connection: { id: string; dataspaceId: string; allowedDomains: string[] }) {
  const existing = await tx.ssoDomainClaim.findMany({ where: { connectionId: connection.id }, select: { id: true, domain: true, provenAt: true } });
  for (const claim of existing.filter((c) => !connection.allowedDomains.includes(c.domain))) {
    await tx.ssoDomainClaim.delete({ where: { id: claim.id } });
    if (claim.provenAt) await distrustAddresses(connection.id, claim.domain);
  }
  const missing = connection.allowedDomains.filter((d) => !existing.some((c) => c.domain === d));
  for (const domain of missing) {
    try {
      await tx.ssoDomainClaim.create({ data: { dataspaceId: connection.dataspaceId, connectionId: connection.id, domain, token: newToken() } });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw domainTaken([domain]);
      throw error;
    }
  }
}

export function domainTaken(domains: string[]) {
  const message = `${domains.join(", ")} already ${domains.length === 1 ? "signs" : "sign"} in through another SSO connection`;
  return new AppError("CONFLICT", message, { fieldErrors: { allowedDomains: [message] } });
}

/** Claims of these connections, by connection id. */
export async function claimsOfConnections(ctx: TenantContext, connections: { id: string }[]) {
  const rows = await ctx.db.ssoDomainClaim.findMany({
    where: { connectionId: { in: connections.map((c) => c.id) } },
    orderBy: { domain: "asc" },
    select: CLAIM_ROW,
  });
  const byConnection = new Map<string, PresentedClaim[]>();
  for (const row of rows) byConnection.set(row.connectionId, [...(byConnection.get(row.connectionId) ?? []), presentClaim(row)]);
  return byConnection;
}

/** "Check now": looks up the claim's TXT record and records the outcome. */
export async function checkDomainClaim(ctx: TenantContext, input: { id: string }, resolver: TxtResolver = systemTxtResolver()) {
  requireRole(ctx.actor, "ADMIN");
  const claim = await ctx.db.ssoDomainClaim.findFirst({ where: { id: input.id }, select: CLAIM_ROW });
  if (!claim) throw notFound("Domain claim");
  if (claim.provenAt) return presentClaim(claim);
  const result = await checkChallengeRecord(claim.domain, claim.token, resolver);
  const now = new Date();
  const row = await ctx.db.ssoDomainClaim.update({
    where: { id: claim.id },
    data: result.proven
      ? { provenAt: now, provenBy: "dns" satisfies ClaimProof, lastCheckedAt: now, lastCheckProblem: null }
      : { lastCheckedAt: now, lastCheckProblem: result.problem },
    select: CLAIM_ROW,
  });
  if (result.proven) await trustAddresses(claim.connectionId, claim.domain);
  return presentClaim(row);
}

/** Whether this connection has proven this domain: then the addresses it asserts there are trusted. */
export async function isDomainProven(connectionId: string, domain: string): Promise<boolean> {
  const claim = await db.ssoDomainClaim.findFirst({ where: { connectionId, domain, provenAt: { not: null } }, select: { id: true } });
  return claim !== null;
}

// ─────────────── the User flag: whose word an address is ───────────────
// Users live outside any dataspace, so these writes use the instance-wide client.

const atDomain = (domain: string) => ({ endsWith: `@${domain}` });

/** The connection proved the domain: the users it created there now own their addresses. */
async function trustAddresses(connectionId: string, domain: string) {
  await db.user.updateMany({ where: { unprovenSsoConnectionId: connectionId, email: atDomain(domain) }, data: { unprovenSsoConnectionId: null } });
}

/**
 * The proof is gone: users whose only way in is this connection are again only its word.
 * Users with a password or another sign-in method proved their address some other way.
 */
async function distrustAddresses(connectionId: string, domain: string) {
  const provider = ssoProviderId(connectionId);
  await db.user.updateMany({
    where: {
      unprovenSsoConnectionId: null,
      email: atDomain(domain),
      passwordHash: null,
      isInstanceAdmin: false,
      accounts: { some: { provider }, every: { provider } },
    },
    data: { unprovenSsoConnectionId: connectionId },
  });
}

// ─────────────── instance admins ───────────────

async function requireInstanceAdmin(userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { isInstanceAdmin: true } });
  if (!user?.isInstanceAdmin) throw forbidden("You need to be an instance admin to review domain claims");
}

/** Every claim on the instance, pending first, with the dataspace and connection behind it. */
export async function listDomainClaims(actor: { userId: string }) {
  await requireInstanceAdmin(actor.userId);
  const rows = await db.ssoDomainClaim.findMany({
    orderBy: [{ provenAt: { sort: "desc", nulls: "first" } }, { domain: "asc" }],
    select: {
      ...CLAIM_ROW,
      approvedById: true,
      dataspace: { select: { slug: true, name: true } },
      connection: { select: { name: true, issuer: true, enabled: true } },
    },
  });
  return rows.map(({ dataspace, connection, approvedById, ...claim }) => ({ ...presentClaim(claim), approvedById, dataspace, connection }));
}

/** An instance admin vouches for the claim (they know the dataspace runs this domain). */
export async function approveDomainClaim(actor: { userId: string }, input: { id: string }) {
  await requireInstanceAdmin(actor.userId);
  const claim = await db.ssoDomainClaim.findUnique({ where: { id: input.id }, select: CLAIM_ROW });
  if (!claim) throw notFound("Domain claim");
  if (claim.provenAt) return presentClaim(claim);
  const row = await db.ssoDomainClaim.update({
    where: { id: claim.id },
    data: { provenAt: new Date(), provenBy: "instance_admin" satisfies ClaimProof, approvedById: actor.userId },
    select: CLAIM_ROW,
  });
  await trustAddresses(claim.connectionId, claim.domain);
  return presentClaim(row);
}

/**
 * Revokes a claim, pending or proven: the domain leaves the connection (so another dataspace may
 * claim it), and the addresses the connection vouched for there are no longer trusted.
 */
export async function revokeDomainClaim(actor: { userId: string }, input: { id: string }) {
  await requireInstanceAdmin(actor.userId);
  const claim = await db.ssoDomainClaim.findUnique({ where: { id: input.id }, select: { id: true, domain: true, connectionId: true } });
  if (!claim) throw notFound("Domain claim");
  await db.$transaction(async (tx) => {
    const connection = await tx.ssoConnection.findUniqueOrThrow({ where: { id: claim.connectionId }, select: { allowedDomains: true } });
    await tx.ssoConnection.update({
      where: { id: claim.connectionId },
      data: { allowedDomains: connection.allowedDomains.filter((d) => d !== claim.domain) },
    });
    await tx.ssoDomainClaim.delete({ where: { id: claim.id } });
  });
  await distrustAddresses(claim.connectionId, claim.domain);
  return { id: claim.id };
}
