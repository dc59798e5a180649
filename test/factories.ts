import { randomBytes } from "node:crypto";
import type { Role } from "@/generated/prisma/enums";
import { createCaller } from "@/server/api/root";
import { hashPassword } from "@/server/auth/password";
import { createDataspace } from "@/server/dataspaces/create-dataspace";
import { resolveTenantContext, type TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { createRequest } from "@/server/records/requests/create-request";
import { createRequestInput, type CreateRequestInput } from "@/server/records/requests/request.schema";
import { encryptSecret } from "@/server/secrets/crypto";

/**
 * Seed factories shared by Vitest and Playwright. They write through the same domain functions
 * users go through wherever one exists, so seeded data has its events and memberships.
 * Nothing here imports a test runner.
 */

export type SeededUser = { id: string; email: string; name: string | null };
export type SeededDataspace = { id: string; slug: string; name: string };

const unique = () => randomBytes(4).toString("hex");

export async function seedUser(options: { email?: string; name?: string; password?: string } = {}): Promise<SeededUser> {
  const suffix = unique();
  const passwordHash = options.password ? await hashPassword(options.password) : null;
  return db.user.create({
    data: {
      email: (options.email ?? `user-${suffix}@example.test`).toLowerCase(),
      name: options.name ?? `User ${suffix}`,
      passwordHash,
    },
    select: { id: true, email: true, name: true },
  });
}

export async function seedDataspace(options: { owner: { id: string }; name?: string; slug?: string }): Promise<SeededDataspace> {
  const suffix = unique();
  return createDataspace(options.owner.id, {
    name: options.name ?? `Dataspace ${suffix}`,
    slug: options.slug ?? `ds-${suffix}`,
  });
}

export async function addMember(dataspace: { id: string }, user: { id: string }, role: Role): Promise<void> {
  await db.membership.create({ data: { dataspaceId: dataspace.id, userId: user.id, role } });
}

/** A request created by the context's actor (who must be at least a MEMBER). */
export async function seedRequest(ctx: TenantContext, overrides: Partial<CreateRequestInput> = {}) {
  return createRequest(ctx, createRequestInput.parse({ title: `Request ${unique()}`, ...overrides }));
}

export const tenantFor = (userId: string, slug: string): Promise<TenantContext> => resolveTenantContext(userId, slug);

export const callerFor = (userId: string | null) => createCaller({ userId });

/**
 * An SSO connection written straight to the table: the domain function checks the issuer's
 * discovery document over the network, which seeding must not depend on.
 */
export async function seedSsoConnection(
  dataspace: { id: string },
  options: { name?: string; issuer?: string; clientSecret?: string; allowedDomains?: string[]; enabled?: boolean } = {},
) {
  const suffix = unique();
  return db.ssoConnection.create({
    data: {
      dataspaceId: dataspace.id,
      name: options.name ?? `SSO ${suffix}`,
      issuer: options.issuer ?? `https://login-${suffix}.example.test`,
      clientId: `client-${suffix}`,
      clientSecretEncrypted: encryptSecret(options.clientSecret ?? `secret-${suffix}`),
      allowedDomains: options.allowedDomains ?? [`org-${suffix}.example.test`],
      enabled: options.enabled ?? true,
    },
    select: { id: true, name: true, issuer: true, allowedDomains: true },
  });
}
