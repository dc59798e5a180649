import { z } from "zod";
import { eventCatalog, EVENT_TYPES } from "@/server/events/catalog";
import { EVENT_FAMILIES, eventFamilies } from "@/server/events/families";
import {
  getReplayProgress,
  latestReplay,
  replayFailedDeliveries,
  retryWebhookDelivery,
  sendTestWebhook,
} from "@/server/webhooks/deliveries/control-deliveries";
import { deliveryIdInput, listDeliveriesInput, replayFailedInput, replayIdInput } from "@/server/webhooks/deliveries/delivery.schema";
import { getWebhookDelivery, listWebhookDeliveries } from "@/server/webhooks/deliveries/read-deliveries";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from "@/server/webhooks/endpoints/manage-endpoints";
import { setWebhookEndpointActive } from "@/server/webhooks/endpoints/set-endpoint-active";
import { createWebhookEndpointInput, endpointIdInput, updateWebhookEndpointInput } from "@/server/webhooks/endpoints/webhook-endpoint.schema";
import { getWebhookSettings, updateWebhookSettings, webhookSettingsInput } from "@/server/webhooks/settings/webhook-settings";
import { authedProcedure, dataspaceProcedure, router } from "../trpc";

/** Outgoing webhooks: endpoints, their deliveries and attempts, replays, settings. Admins only. */
export const webhookRouter = router({
  eventTypes: authedProcedure.query(() => [
    ...EVENT_TYPES.map((type) => ({ type, description: eventCatalog[type].description })),
    ...EVENT_FAMILIES.map((type) => ({ type, description: eventFamilies[type] })),
  ]),
  list: dataspaceProcedure.query(({ ctx }) => listWebhookEndpoints(ctx.tenant)),
  get: dataspaceProcedure.input(endpointIdInput).query(({ ctx, input }) => getWebhookEndpoint(ctx.tenant, input.id)),
  create: dataspaceProcedure.input(createWebhookEndpointInput).mutation(({ ctx, input }) => createWebhookEndpoint(ctx.tenant, input)),
  update: dataspaceProcedure.input(updateWebhookEndpointInput).mutation(({ ctx, input }) => updateWebhookEndpoint(ctx.tenant, input)),
  delete: dataspaceProcedure.input(endpointIdInput).mutation(({ ctx, input }) => deleteWebhookEndpoint(ctx.tenant, input.id)),
  setActive: dataspaceProcedure
    .input(endpointIdInput.extend({ isActive: z.boolean() }))
    .mutation(({ ctx, input }) => setWebhookEndpointActive(ctx.tenant, input)),
  rotateSecret: dataspaceProcedure
    .input(endpointIdInput.extend({ graceHours: z.number().default(24) }))
    .mutation(({ ctx, input }) => rotateWebhookSecret(ctx.tenant, input)),
  sendTest: dataspaceProcedure.input(endpointIdInput).mutation(({ ctx, input }) => sendTestWebhook(ctx.tenant, input.id)),
  deliveries: dataspaceProcedure.input(listDeliveriesInput).query(({ ctx, input }) => listWebhookDeliveries(ctx.tenant, input)),
  delivery: dataspaceProcedure.input(deliveryIdInput).query(({ ctx, input }) => getWebhookDelivery(ctx.tenant, input.id)),
  retryDelivery: dataspaceProcedure.input(deliveryIdInput).mutation(({ ctx, input }) => retryWebhookDelivery(ctx.tenant, input.id)),
  replayFailed: dataspaceProcedure.input(replayFailedInput).mutation(({ ctx, input }) => replayFailedDeliveries(ctx.tenant, input)),
  replay: dataspaceProcedure.input(replayIdInput).query(({ ctx, input }) => getReplayProgress(ctx.tenant, input.id)),
  latestReplay: dataspaceProcedure.input(endpointIdInput).query(({ ctx, input }) => latestReplay(ctx.tenant, input.id)),
  settings: dataspaceProcedure.query(({ ctx }) => getWebhookSettings(ctx.tenant)),
  updateSettings: dataspaceProcedure.input(webhookSettingsInput).mutation(({ ctx, input }) => updateWebhookSettings(ctx.tenant, input)),
});
