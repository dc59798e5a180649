import { randomBytes } from "node:crypto";
import type { IntegrationType, Role } from "@/generated/prisma/enums";
import { createCaller } from "@/server/api/root";
import { hashPassword } from "@/server/auth/password";
import { createDataspace } from "@/server/dataspaces/create-dataspace";
import { resolveTenantContext, type TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { createRequest } from "@/server/records/requests/create-request";
import { createRequestInput, type CreateRequestInput } from "@/server/records/requests/request.schema";
import { encryptSecret } from "@/server/secrets/crypto";
import { createIntegration } from "@/server/integrations/manage/manage-integrations";
import { createIntegrationInput } from "@/server/integrations/manage/integration.schema";
import { createWebhookEndpoint } from "@/server/webhooks/endpoints/manage-endpoints";
import { createWebhookEndpointInput } from "@/server/webhooks/endpoints/webhook-endpoint.schema";

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
  const connection = await db.ssoConnection.create({
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
  // Each listed domain is a pending claim, as createSsoConnection leaves it.
  const domainClaims = [];
  for (const domain of connection.allowedDomains) {
    domainClaims.push(
      await db.ssoDomainClaim.create({
        data: { dataspaceId: dataspace.id, connectionId: connection.id, domain, token: `token-${unique()}` },
        select: { id: true, domain: true },
      }),
    );
  }
  return { ...connection, domainClaims };
}

/**
 * An outgoing webhook endpoint (through the domain, so its secret is real and encrypted) with
 * `failed` deliveries that already failed once, as if their receiver had answered 500.
 */
export async function seedWebhook(ctx: TenantContext, options: { url?: string; failed?: number } = {}) {
  const { endpoint, secret } = await createWebhookEndpoint(
    ctx,
    createWebhookEndpointInput.parse({ url: options.url ?? `https://hooks-${unique()}.example.test/in`, eventTypes: ["*"] }),
  );
  const deliveries = [];
  for (let i = 0; i < (options.failed ?? 0); i++) {
    const delivery = await db.webhookDelivery.create({
      data: { dataspaceId: ctx.dataspace.id, endpointId: endpoint.id, eventType: "request.added", body: "{}", status: "FAILED", queuedAt: null, attemptCount: 1, lastStatusCode: 500, lastError: "HTTP 500", completedAt: new Date() },
    });
    await db.webhookAttempt.create({
      data: { dataspaceId: ctx.dataspace.id, deliveryId: delivery.id, number: 1, startedAt: new Date(), durationMs: 12, url: endpoint.url, requestHeaders: {}, responseStatus: 500, responseBody: "boom", error: "HTTP 500", succeeded: false },
    });
    deliveries.push(delivery);
  }
  return { endpoint, secret, deliveries };
}

/**
 * An integration created as a user would (through the domain: its secrets in the encrypted store),
 * a GitHub one unless told otherwise, with its inbound token and URL path read back.
 */
export async function seedIntegration(
  ctx: TenantContext,
  options: { type?: IntegrationType; name?: string; config?: Record<string, unknown>; webhookSecret?: string; isActive?: boolean } = {},
) {
  const config = options.config ?? { repository: `octo-org/repo-${unique()}`, webhookSecret: options.webhookSecret ?? `whsecret-${unique()}-${unique()}` };
  const integration = await createIntegration(
    ctx,
    createIntegrationInput.parse({ type: options.type ?? "GITHUB", name: options.name ?? `Repo ${unique()}`, config, isActive: options.isActive }),
  );
  const path = new URL(integration.inboundUrl).pathname;
  return { integration, id: integration.id, dataspaceId: ctx.dataspace.id, token: path.split("/").at(-1)!, path };
}

export type SeededIntegration = Awaited<ReturnType<typeof seedIntegration>>;
