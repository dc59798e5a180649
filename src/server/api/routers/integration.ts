import { getTelemetryStatus } from "@/server/telemetry/forwarding-status";
import { testTelemetryConnection } from "@/server/telemetry/test-connection";
import { z } from "zod";
import {
  createIntegration,
  deleteIntegration,
  getIntegration,
  integrationSetupInstructions,
  listIntegrations,
  rotateInboundToken,
  updateIntegration,
} from "@/server/integrations/manage/manage-integrations";
import { createIntegrationInput, integrationIdInput, updateIntegrationInput } from "@/server/integrations/manage/integration.schema";
import { listIntegrationTypes } from "@/server/integrations/describe-config";
import { getWebhookEvent, listWebhookEvents } from "@/server/inbound/read-webhook-events";
import { replayWebhookEvent } from "@/server/inbound/replay-webhook-event";
import { listWebhookEventsInput, webhookEventIdInput } from "@/server/inbound/webhook-event.schema";
import {
  listStatuspageComponents,
  requestStatuspageReconcile,
  statuspageIntegrationInput,
  testStatuspageConnection,
} from "@/server/integrations/statuspage/sync/manage-outbound";
import { startBackfill, testIssueSyncConnection } from "@/server/issue-sync/manage-sync";
import { issueSyncStatus } from "@/server/issue-sync/status";
import { authedProcedure, dataspaceProcedure, router } from "../trpc";

const issueSyncIntegrationInput = z.object({ id: z.string().uuid("Unknown integration") });

/** Integrations (admins only). Secrets and anything named like one come back as "***". */
export const integrationRouter = router({
  types: authedProcedure.query(() => listIntegrationTypes()),
  list: dataspaceProcedure.query(({ ctx }) => listIntegrations(ctx.tenant)),
  get: dataspaceProcedure.input(integrationIdInput).query(({ ctx, input }) => getIntegration(ctx.tenant, input.id)),
  create: dataspaceProcedure.input(createIntegrationInput).mutation(({ ctx, input }) => createIntegration(ctx.tenant, input)),
  update: dataspaceProcedure.input(updateIntegrationInput).mutation(({ ctx, input }) => updateIntegration(ctx.tenant, input)),
  delete: dataspaceProcedure.input(integrationIdInput).mutation(({ ctx, input }) => deleteIntegration(ctx.tenant, input.id)),
  rotateInboundUrl: dataspaceProcedure.input(integrationIdInput).mutation(({ ctx, input }) => rotateInboundToken(ctx.tenant, input.id)),
  setupInstructions: dataspaceProcedure.input(integrationIdInput).query(({ ctx, input }) => integrationSetupInstructions(ctx.tenant, input.id)),
  events: dataspaceProcedure.input(listWebhookEventsInput).query(({ ctx, input }) => listWebhookEvents(ctx.tenant, input)),
  event: dataspaceProcedure.input(webhookEventIdInput).query(({ ctx, input }) => getWebhookEvent(ctx.tenant, input.id)),
  replayEvent: dataspaceProcedure.input(webhookEventIdInput).mutation(({ ctx, input }) => replayWebhookEvent(ctx.tenant, input.id)),
  // A Datadog or New Relic integration's outbound side (src/server/telemetry/).
  telemetry: dataspaceProcedure.input(integrationIdInput).query(({ ctx, input }) => getTelemetryStatus(ctx.tenant, input.id)),
  testTelemetry: dataspaceProcedure.input(integrationIdInput).mutation(({ ctx, input }) => testTelemetryConnection(ctx.tenant, input.id)),
  // A Statuspage integration's outbound side (src/server/integrations/statuspage/sync/).
  statuspageTestConnection: dataspaceProcedure.input(statuspageIntegrationInput).mutation(({ ctx, input }) => testStatuspageConnection(ctx.tenant, input)),
  statuspageComponents: dataspaceProcedure.input(statuspageIntegrationInput).query(({ ctx, input }) => listStatuspageComponents(ctx.tenant, input)),
  statuspageReconcile: dataspaceProcedure.input(statuspageIntegrationInput).mutation(({ ctx, input }) => requestStatuspageReconcile(ctx.tenant, input)),
  // Issue sync of a GitHub, GitLab, Jira, Forgejo or SourceHut integration (src/server/issue-sync/).
  issueSyncStatus: dataspaceProcedure.input(issueSyncIntegrationInput).query(({ ctx, input }) => issueSyncStatus(ctx.tenant, input)),
  issueSyncTestConnection: dataspaceProcedure.input(issueSyncIntegrationInput).mutation(({ ctx, input }) => testIssueSyncConnection(ctx.tenant, input)),
  issueSyncBackfill: dataspaceProcedure.input(issueSyncIntegrationInput).mutation(({ ctx, input }) => startBackfill(ctx.tenant, input)),
});
