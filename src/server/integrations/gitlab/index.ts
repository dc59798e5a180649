import type { IntegrationProvider } from "../provider";
import { eventSlug } from "../shared/event-type";
import { header } from "../shared/headers";
import { str } from "../shared/read";
import { otherGitlabProject } from "../shared/scope";
import { verifySharedToken } from "../shared/signatures";
import { gitlabConfigSchema, type GitlabConfig } from "./config";
import { gitlabConfigHelp } from "./config-help";
import { mapGitlabEvent } from "./map";
import { validateGitlabPayload } from "./payloads";

/** "Merge Request Hook" → `merge_request`, "Tag Push Hook" → `tag_push`. */
function eventName(hookHeader: string): string {
  return eventSlug(hookHeader.replace(/\s*hook$/i, ""));
}

export const gitlab = {
  type: "GITLAB",
  label: "GitLab",
  configSchema: gitlabConfigSchema,
  configHelp: gitlabConfigHelp,
  secretFields: ["webhookToken", "token"],
  inbound: {
    // GitLab sends the configured secret token as-is in X-Gitlab-Token (it does not sign bodies).
    verify: (request, secrets) =>
      verifySharedToken({ token: header(request, "x-gitlab-token"), label: "the X-Gitlab-Token header", secret: secrets.webhookToken }),
    envelope(request, payload) {
      const hook = header(request, "x-gitlab-event");
      const event = hook ? eventName(hook) : "";
      const action = event ? str(payload, "object_attributes.action") : undefined;
      return {
        eventType: action ? `${event}.${eventSlug(action)}` : event,
        deliveryId: header(request, "x-gitlab-event-uuid") ?? null,
      };
    },
    validate: validateGitlabPayload,
    outOfScope: (payload, config) => otherGitlabProject(payload, config.projectId),
    map: ({ eventType, payload }) => mapGitlabEvent(eventType, payload),
    setupInstructions: (url) => [
      "In the project on GitLab, open Settings → Webhooks → Add new webhook.",
      `URL: ${url}`,
      "Secret token: the webhookToken of this integration, exactly as entered here.",
      "Trigger: Push events, Issues events, Comments and Merge request events (others are stored too, as gitlab.<event>).",
      "Keep SSL verification enabled, add the webhook, then use Test → Push events to check it shows here.",
    ],
  },
} satisfies IntegrationProvider<GitlabConfig>;
