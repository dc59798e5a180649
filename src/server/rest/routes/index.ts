import type { ApiRoute } from "../route";
import { deploymentRoutes } from "./deployments";
import { alertRoutes } from "./alerts";
import { eventRoutes } from "./events";
import { eventTypeRoutes } from "./event-types";
import { incidentRoutes } from "./incidents";
import { inboundEventRoutes } from "./inbound-events";
import { issueLinkRoutes } from "./issue-links";
import { integrationRoutes } from "./integrations";
import { maintenanceRoutes } from "./maintenances";
import { memberRoutes } from "./members";
import { metricMappingRoutes } from "./metric-mappings";
import { pipelineRuleRoutes } from "./pipeline-rules";
import { metricRoutes } from "./metrics";
import { notificationRuleRoutes } from "./notification-rules";
import { requestCommentRoutes } from "./request-comments";
import { requestRoutes } from "./requests";
import { runRoutes } from "./runs";
import { serviceRoutes } from "./services";
import { webhookDeliveryRoutes } from "./webhook-deliveries";
import { webhookRoutes } from "./webhooks";

/**
 * Every route of /api/v1. Adding a resource: write `routes/<resource>.ts` exporting an array of
 * `defineRoute({...})` (method, path, scope, zod schemas, one domain call in `handle`), add it
 * here, and give each route a case in test/rest/tenancy.test.ts (which fails until you do). The
 * handler, the OpenAPI document and the reference page pick it up from this list.
 */
export const apiRoutes: ApiRoute[] = [...requestRoutes, ...requestCommentRoutes, ...incidentRoutes, ...eventRoutes, ...eventTypeRoutes, ...integrationRoutes, ...inboundEventRoutes, ...memberRoutes, ...webhookRoutes, ...webhookDeliveryRoutes, ...serviceRoutes, ...maintenanceRoutes, ...deploymentRoutes, ...alertRoutes, ...issueLinkRoutes, ...notificationRuleRoutes, ...metricRoutes, ...metricMappingRoutes, ...pipelineRuleRoutes, ...runRoutes];

/** Tags in the order the document and the reference page show them. */
export const apiTags = [
  { name: "Requests", description: "Operational requests (tickets): DejaCode's request object." },
  { name: "Comments", description: "The conversation on a request." },
  { name: "Incidents", description: "What is broken right now and what was: severity, status, a timeline of updates, and the services each incident holds down." },
  { name: "Events", description: "The dataspace's domain events, as webhooks deliver them." },
  { name: "Runs", description: "What the durable runtime did with the events: each function run, its steps, retries and what it waits for." },
  { name: "Event types", description: "Custom event types (`custom.*`) the dataspace registers, each with the JSON Schema its events must match." },
  { name: "Integrations", description: "The other tools that post webhooks into the dataspace (GitHub, Jira, Datadog, …), their configs and inbound URLs." },
  { name: "Inbound events", description: "What an integration received, and what processing made of it." },
  { name: "Members", description: "Who belongs to the dataspace, and with which role." },
  { name: "Webhooks", description: "Where the dataspace's events are sent (DejaCode's webhooks, signed), with their signing secrets and health." },
  { name: "Webhook deliveries", description: "What each webhook sent, every attempt, and retries and replays of failed deliveries." },
  { name: "Services", description: "What a status page calls components: each with a group, an owner and a status that incidents and maintenance windows move." },
  { name: "Maintenance", description: "Maintenance windows: scheduled times, the services they hold, a timeline of updates; the runtime starts and completes them on time." },
  { name: "Deployments", description: "What was deployed where and how it went: recorded through the API, from GitHub's deployments, or for pushes to a configured branch." },
  { name: "Alerts", description: "What monitors (Datadog, New Relic) and scripts raised: one open alert per fingerprint, its repeats counted, acknowledged, resolved, linked to incidents and requests." },
  { name: "Issue sync", description: "Requests kept in step with issues on GitHub, GitLab, Jira, Forgejo/Gitea and SourceHut: each request's links and the pull requests naming it, and each integration's sync." },
  { name: "Metrics", description: "The dataspace's figures in minute, hour and day buckets, computed from its records every minute: webhook deliveries and their latency, inbound webhooks, events, alerts, open requests." },
  { name: "Notifications", description: "Rules sending the dataspace's events to Slack, Microsoft Teams and email — with filters, templates, quiet hours and a throttle that folds storms into digests — and the log of every message." },
];
