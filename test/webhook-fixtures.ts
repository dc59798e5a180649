import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { createWebhookEndpoint } from "@/server/webhooks/endpoints/manage-endpoints";
import { createWebhookEndpointInput } from "@/server/webhooks/endpoints/webhook-endpoint.schema";
import { updateWebhookSettings, type webhookSettingsInput } from "@/server/webhooks/settings/webhook-settings";
import type { z } from "zod";
import { seedDataspace, seedUser, tenantFor } from "./factories";

/**
 * Helpers for the webhook delivery integration tests: a dataspace per scenario (its own
 * settings, and no other scenario's endpoints to fan out to), endpoints from plain input, and
 * the delivery rows with their attempts. Nothing here imports a test runner.
 */

export type WebhookSettingsInput = z.output<typeof webhookSettingsInput>;

let owner: { id: string } | undefined;

/** A fresh dataspace (owned by one user per test file) with these webhook settings; HTTP allowed. */
export async function webhookTenant(settings: WebhookSettingsInput = {}, name?: string): Promise<TenantContext> {
  owner ??= await seedUser();
  const dataspace = await seedDataspace({ owner, name });
  const ctx = await tenantFor(owner.id, dataspace.slug);
  await updateWebhookSettings(ctx, { allowHttp: true, ...settings });
  return ctx;
}

export function createEndpoint(ctx: TenantContext, input: Record<string, unknown>) {
  return createWebhookEndpoint(ctx, createWebhookEndpointInput.parse({ eventTypes: ["request.added"], ...input }));
}

export function deliveriesOf(endpointId: string) {
  return db.webhookDelivery.findMany({
    where: { endpointId },
    include: { attempts: { orderBy: { number: "asc" } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/** The statuses of an endpoint's deliveries, oldest first: what `expect.poll` watches. */
export async function statusesOf(endpointId: string): Promise<string[]> {
  return (await deliveriesOf(endpointId)).map((delivery) => delivery.status);
}

export function endpointRow(endpointId: string) {
  return db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
}
