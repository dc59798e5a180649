import { z } from "zod";

/**
 * Event families: types that cannot be listed one by one in the catalog. Most arrive from other
 * tools, named by what happened there — `github.pull_request.opened`, `gitlab.merge_request.open`,
 * `inbound.<integration name>` — and every such member has the same envelope: which integration
 * received it, the provider's own event type and delivery id, a short summary and the provider's
 * payload as received. `custom.*` holds the types each dataspace registers itself, whose data
 * matches the JSON Schema it registered (src/server/events/custom). Webhooks subscribe to them
 * like to any type (`github.*`, `github.pull_request.*`, `custom.deploy.*` or one exact type).
 */
export const inboundEventSchema = z.object({
  integration: z.object({ uuid: z.string().uuid(), name: z.string(), type: z.string() }),
  event_type: z.string().describe("The provider's event type, e.g. pull_request.opened"),
  delivery_id: z.string().nullable().describe("The provider's delivery id (X-GitHub-Delivery, …)"),
  summary: z.record(z.string(), z.unknown()).describe("What happened, in a few fields: repository, number, title, url, actor, …"),
  payload: z.unknown().describe("The provider's payload, as received"),
});

export type InboundEventData = z.infer<typeof inboundEventSchema>;

export const eventFamilies = {
  "github.*": "Received from a GitHub integration, e.g. github.pull_request.opened, github.push",
  "gitlab.*": "Received from a GitLab integration, e.g. gitlab.merge_request.open",
  "forgejo.*": "Received from a Forgejo or Gitea integration, e.g. forgejo.pull_request.opened",
  "sourcehut.*": "Received from a SourceHut integration",
  "jira.*": "Received from a Jira integration, e.g. jira.issue_updated",
  "slack.*": "Received from a Slack integration, e.g. slack.message",
  "ms_teams.*": "Received from a Microsoft Teams integration",
  "datadog.*": "Received from a Datadog integration, e.g. datadog.alert",
  "new_relic.*": "Received from a New Relic integration, e.g. new_relic.incident",
  "statuspage.*": "Received from an Atlassian Statuspage integration",
  "inbound.*": "Received by a generic webhook integration: inbound.<integration name>",
  "custom.*": "Published by this dataspace through POST /api/v1/events, for a custom event type it registered, e.g. custom.deploy.finished",
} as const;

export type EventFamily = keyof typeof eventFamilies;
export const EVENT_FAMILIES = Object.keys(eventFamilies) as EventFamily[];

const MEMBER = /^[a-z0-9_]+(?:\.[a-z0-9_]+)+$/;

/** The family a concrete type belongs to (`github.push` → `github.*`), or null. */
export function familyOf(type: string): EventFamily | null {
  if (!MEMBER.test(type)) return null;
  return EVENT_FAMILIES.find((family) => type.startsWith(family.slice(0, -1))) ?? null;
}

/** Whether a subscription pattern or type lies within a family (`github.*`, `github.pull_request.*`, `github.push`). */
export function isWithinFamily(pattern: string): boolean {
  const stem = pattern.endsWith(".*") ? pattern.slice(0, -1) : `${pattern}.`;
  return EVENT_FAMILIES.some((family) => stem.startsWith(family.slice(0, -1)));
}
