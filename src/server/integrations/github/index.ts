import { githubCi, githubRunReport } from "./ci";
import type { IntegrationProvider } from "../provider";
import { header } from "../shared/headers";
import { str } from "../shared/read";
import { otherRepository } from "../shared/scope";
import { githubConfigSchema, githubRepositoryOf, type GithubConfig } from "./config";
import { githubConfigHelp } from "./config-help";
import { githubDeployments } from "./deployments";
import { mapGithubEvent } from "./map";
import { validateGithubPayload } from "./schema";
import { pullGithubChange } from "./issue-sync/pull";
import { githubTracker } from "./issue-sync/tracker";
import { verifyGithub } from "./verify";

export const github = {
  type: "GITHUB",
  label: "GitHub",
  configSchema: githubConfigSchema,
  configHelp: githubConfigHelp,
  secretFields: ["webhookSecret", "token"],
  ci: githubCi,
  issueSync: {
    platform: "github",
    tracker: (config, secrets) =>
      secrets.token
        ? githubTracker({ repository: githubRepositoryOf(config) ?? "", token: secrets.token, apiUrl: typeof config.apiUrl === "string" ? config.apiUrl : undefined })
        : { unavailable: "no token is configured: issue sync needs one with access to the repository's issues" },
    // "12", "#12", "owner/repo#12" or the issue's URL.
    issueIdOf: (reference) => /^(?:[\w.-]+\/[\w.-]+)?#?(\d{1,9})$/.exec(reference.trim())?.[1] ?? /\/issues\/(\d{1,9})(?:[/?#]|$)/.exec(reference.trim())?.[1] ?? null,
    pull: pullGithubChange,
  },
  inbound: {
    ciRun: ({ eventType, payload }) => githubRunReport(eventType, payload),
    verify: verifyGithub,
    // `X-GitHub-Event` and the payload's action: `pull_request.opened`; `push` has no action.
    envelope(request, payload) {
      const event = header(request, "x-github-event") ?? "";
      const action = event ? str(payload, "action") : undefined;
      return { eventType: action ? `${event}.${action}` : event, deliveryId: header(request, "x-github-delivery") ?? null };
    },
    validate: validateGithubPayload,
    outOfScope: (payload, config) => otherRepository(payload, githubRepositoryOf(config)),
    deployments: ({ eventType, payload, config }) => githubDeployments(eventType, payload, config),
    map: ({ eventType, payload }) => mapGithubEvent(eventType, payload),
    setupInstructions: (url) => [
      "In the repository on GitHub, open Settings → Webhooks → Add webhook.",
      `Payload URL: ${url}`,
      "Content type: application/json (the form-encoded type is refused).",
      "Secret: the webhookSecret of this integration, exactly as entered here.",
      'Events: "Let me select individual events" → Issues, Issue comments, Pull requests, Pushes, Deployments and Deployment statuses (others are stored too, as github.<event>).',
      "Deployments and their statuses are recorded on the Deployments page. To record a deployment for every push to a branch instead (commit-based), add \"deployments\": {\"branches\": [\"main\"], \"environment\": \"production\"} to this integration's config.",
      'Keep "Active" checked and add the webhook; GitHub sends a ping event, which should show here as received.',
    ],
  },
} satisfies IntegrationProvider<GithubConfig>;
