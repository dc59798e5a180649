import { Prisma } from "@/generated/prisma/client";
import type { Role } from "@/generated/prisma/enums";
import { db } from "@/server/db/client";
import { scopedDb } from "@/server/db/scoped";
import { ssoConnectionIdOf } from "./providers";
import { isDomainProven } from "./domain-claims/domain-claims";
import type { SignInFailureReason } from "./sign-in-failure";

/**
 * Maps every sign-in to our User. Local credentials name the user directly. An instance-wide
 * provider's identity (OIDC, GitHub, GitLab) is found by its Account, else linked to the user
 * with the same email, else a new User + Account is created.
 *
 * A dataspace's SSO connection is run by that dataspace's admins, so its identities are keyed by
 * (connection, subject) alone: found by their Account, else a new User is created — never linked
 * by email to an account that exists already (whoever created it), and the user joins only the
 * connection's dataspace. Until the connection proves the email's domain (DNS or an instance
 * admin, see domain-claims/), the users it creates are marked as only its word: nothing else
 * links to them by email. See docs/sso.md.
 */

export type SignInIdentity = {
  provider: string; // "credentials", "oidc", "github", "gitlab" or "sso-<connection id>"
  providerAccountId: string;
  email?: string | null;
  /** What the identity provider said; undefined when it did not say. */
  emailVerified?: boolean;
  name?: string | null;
  image?: string | null;
};

export type SignInResolution =
  | { ok: true; userId: string; joinedDataspace?: { slug: string; name: string } }
  | { ok: false; reason: SignInFailureReason };

const fail = (reason: SignInFailureReason): SignInResolution => ({ ok: false, reason });

export const emailDomainOf = (email: string) => email.slice(email.lastIndexOf("@") + 1).toLowerCase();

/** `email_verified` as providers send it: a boolean, sometimes the string "true"/"false". */
export function emailVerifiedClaim(value: unknown): boolean | undefined {
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  return undefined;
}

export async function resolveSignIn(identity: SignInIdentity): Promise<SignInResolution> {
  if (identity.provider === "credentials") {
    // authorize() already checked the password; the user must still exist.
    const user = await db.user.findUnique({ where: { id: identity.providerAccountId }, select: { id: true } });
    return user ? { ok: true, userId: user.id } : fail("unknown");
  }
  const email = identity.email?.trim().toLowerCase() || null;
  const connectionId = ssoConnectionIdOf(identity.provider);
  if (!connectionId) {
    // Instance-wide providers are configured by the operator, who trusts them; only an explicit
    // "not verified" keeps an identity from being linked by email.
    const linked = await findOrCreateUser(identity, email, { mayLinkByEmail: identity.emailVerified !== false, mayLinkAdmin: true });
    return linked.ok ? { ok: true, userId: linked.userId } : linked;
  }

  const connection = await db.ssoConnection.findFirst({
    where: { id: connectionId, enabled: true },
    select: { dataspaceId: true, allowedDomains: true, defaultRole: true, dataspace: { select: { slug: true, name: true } } },
  });
  if (!connection) return fail("connection_unavailable");
  if (!email) return fail("no_email");
  const domain = emailDomainOf(email);
  if (!connection.allowedDomains.includes(domain)) return fail("domain_not_allowed");
  if (identity.emailVerified === false) return fail("email_unverified");

  const proven = await isDomainProven(connectionId, domain);
  const linked = await findOrCreateUser(identity, email, {
    mayLinkByEmail: false,
    mayLinkAdmin: false,
    unprovenSsoConnectionId: proven ? null : connectionId,
  });
  if (!linked.ok) return linked;
  await ensureMembership(connection.dataspaceId, linked.userId, connection.defaultRole);
  return { ok: true, userId: linked.userId, joinedDataspace: connection.dataspace };
}

type LinkPolicy = {
  mayLinkByEmail: boolean;
  mayLinkAdmin: boolean;
  /** Set on a user created by an SSO connection that has not proven the email's domain. */
  unprovenSsoConnectionId?: string | null;
};
type Linked = { ok: true; userId: string } | { ok: false; reason: SignInFailureReason };

async function findOrCreateUser(identity: SignInIdentity, email: string | null, policy: LinkPolicy): Promise<Linked> {
  const key = { provider: identity.provider, providerAccountId: identity.providerAccountId };
  // Two first sign-ins of the same person can race; the loser of the unique index retries once.
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const account = await tx.account.findUnique({ where: { provider_providerAccountId: key }, select: { userId: true } });
        if (account) return { ok: true as const, userId: account.userId };
        if (!email) return { ok: false as const, reason: "no_email" as const };

        const existing = await tx.user.findUnique({ where: { email }, select: { id: true, isInstanceAdmin: true, unprovenSsoConnectionId: true } });
        if (existing) {
          // An address that only an unproven SSO connection vouches for proves nothing here.
          const trusted = existing.unprovenSsoConnectionId === null;
          if (!policy.mayLinkByEmail || !trusted || (existing.isInstanceAdmin && !policy.mayLinkAdmin)) {
            // The same identity's concurrent first sign-in may have created this user just now.
            const raced = await tx.account.findUnique({ where: { provider_providerAccountId: key }, select: { userId: true } });
            if (raced) return { ok: true as const, userId: raced.userId };
            return { ok: false as const, reason: "account_conflict" as const };
          }
          await tx.account.create({ data: { ...key, userId: existing.id } });
          return { ok: true as const, userId: existing.id };
        }
        const created = await tx.user.create({
          data: {
            email,
            name: identity.name ?? null,
            image: identity.image ?? null,
            unprovenSsoConnectionId: policy.unprovenSsoConnectionId ?? null,
            accounts: { create: key },
          },
          select: { id: true },
        });
        return { ok: true as const, userId: created.id };
      });
    } catch (error) {
      const duplicate = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!duplicate || attempt > 0) throw error;
    }
  }
}

/** First SSO sign-in joins the dataspace with the connection's default role; members keep theirs. */
async function ensureMembership(dataspaceId: string, userId: string, role: Role) {
  const tenant = scopedDb(dataspaceId);
  if (await tenant.membership.findFirst({ where: { userId }, select: { id: true } })) return;
  try {
    await tenant.membership.create({ data: { dataspaceId, userId, role } });
  } catch (error) {
    const raced = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
    if (!raced) throw error;
  }
}
