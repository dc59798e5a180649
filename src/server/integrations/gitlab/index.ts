import { gitlabCi, gitlabRunReport } from "./ci";
import type { IntegrationProvider } from "../provider";
import { eventSlug } from "../shared/event-type";
import { header } from "../shared/headers";
import { str } from "../shared/read";
import { otherGitlabProject } from "../shared/scope";
import { verifySharedToken } from "../shared/signatures";
import { gitlabConfigSchema, gitlabProjectOf, type GitlabConfig } from "./config";
import { gitlabConfigHelp } from "./config-help";
import { pullGitlabChange } from "./issue-sync/pull";
import { gitlabTracker } from "./issue-sync/tracker";
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
  ci: gitlabCi,
  issueSync: {
    platform: "gitlab",
    tracker(config, secrets) {
      const project = gitlabProjectOf(config);
      if (!secrets.token) return { unavailable: 'no token is configured: issue sync needs one with the "api" scope on the project' };
      if (!project) return { unavailable: "no projectId is configured" };
      return gitlabTracker({ project, token: secrets.token, baseUrl: typeof config.baseUrl === "string" ? config.baseUrl : undefined });
    },
    // "12", "#12", "group/project#12" or the issue's URL (…/-/issues/12).
    issueIdOf: (reference) =>
      /^(?:[\w.-]+(?:\/[\w.-]+)+)?#?(\d{1,9})$/.exec(reference.trim())?.[1] ?? /\/issues\/(\d{1,9})(?:[/?#]|$)/.exec(reference.trim())?.[1] ?? null,
    pull: pullGitlabChange,
  },
  inbound: {
    ciRun: ({ eventType, payload }) => gitlabRunReport(eventType, payload),
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
    outOfScope: (payload, config) => otherGitlabProject(payload, gitlabProjectOf(config)),
    map: ({ eventType, payload }) => mapGitlabEvent(eventType, payload),
    setupInstructions: (url) => [
      "In the project on GitLab, open Settings → Webhooks → Add new webhook.",
      `URL: ${url}`,
      "Secret token: the webhookToken of this integration, exactly as entered here.",
      "Trigger: Push events, Issues events, Confidential issues events, Comments, Confidential comments and Merge request events (others are stored too, as gitlab.<event>). Issue sync reads the issue, comment and merge request events.",
      "Keep SSL verification enabled, add the webhook, then use Test → Push events to check it shows here.",
    ],
  },
} satisfies IntegrationProvider<GitlabConfig>;
