import type { IntegrationType } from "@/generated/prisma/enums";

/**
 * What the new-integration form explains about each type's config: its fields and an example to
 * start from. The provider's `configSchema` (src/server/integrations/<provider>/config.ts) is what
 * decides, and its messages name the field that is wrong; this is only the help text beside the
 * JSON. Which fields are secret comes from the registry (`integration.types`), not from here.
 */
export type ConfigFieldHelp = { name: string; required: boolean; help: string; example?: string };

const secretNote = (where: string) => `Paste the same value into ${where}. At least 16 characters; a long random string is best.`;

export const CONFIG_FIELDS: Record<IntegrationType, ConfigFieldHelp[]> = {
  GITHUB: [
    { name: "repository", required: true, help: 'The repository sending events, "owner/name".', example: "octo-org/octo-app" },
    { name: "webhookSecret", required: true, help: secretNote("the webhook's Secret on GitHub") },
    { name: "token", required: false, help: "A GitHub token, only needed to act on GitHub (create issues, comments)." },
  ],
  GITLAB: [
    { name: "baseUrl", required: false, help: "Your GitLab's address; https://gitlab.com unless self-managed.", example: "https://gitlab.com" },
    { name: "projectId", required: true, help: 'The project: its numeric id or its path, like "group/project".', example: "group/project" },
    { name: "webhookToken", required: true, help: secretNote("the webhook's Secret token on GitLab") },
    { name: "token", required: false, help: "A GitLab access token, only needed to act on GitLab." },
  ],
  FORGEJO: [
    { name: "baseUrl", required: true, help: "The Forgejo or Gitea instance.", example: "https://codeberg.org" },
    { name: "repository", required: true, help: 'The repository sending events, "owner/name".', example: "owner/name" },
    { name: "webhookSecret", required: true, help: secretNote("the webhook's Secret on Forgejo / Gitea") },
    { name: "token", required: false, help: "An access token, only needed to act on the instance." },
  ],
  SOURCEHUT: [
    { name: "repository", required: true, help: 'The repository, "~owner/name".', example: "~owner/name" },
    { name: "baseUrl", required: false, help: "The git.sr.ht instance; https://git.sr.ht unless self-hosted." },
    { name: "publicKey", required: false, help: "The instance's Ed25519 webhook key (base64). Defaults to sr.ht's published key." },
    { name: "token", required: false, help: "A personal access token, only needed to act on sr.ht." },
  ],
  JIRA: [
    { name: "baseUrl", required: true, help: "Your Jira site.", example: "https://your-site.atlassian.net" },
    { name: "webhookSecret", required: true, help: secretNote("the webhook's Secret in Jira") },
    { name: "projectKey", required: false, help: 'A project key like "OPS", to keep to one project.', example: "OPS" },
    { name: "token", required: false, help: "An API token, only needed to act on Jira." },
  ],
  SLACK: [
    { name: "signingSecret", required: true, help: "Your Slack app's Signing Secret (Basic Information)." },
    { name: "channel", required: false, help: 'Where notifications go: "#name" or a channel id.', example: "#alerts" },
    { name: "webhookUrl", required: false, help: "An Incoming Webhook URL (https://hooks.slack.com/…), to post notifications." },
  ],
  MS_TEAMS: [
    { name: "hmacSecret", required: true, help: "The security token Teams shows once when the outgoing webhook is created (base64)." },
    { name: "webhookUrl", required: false, help: "An incoming webhook or Workflows URL, to post notifications." },
  ],
  DATADOG: [
    { name: "site", required: false, help: "Your Datadog site, e.g. datadoghq.com or datadoghq.eu.", example: "datadoghq.com" },
    { name: "webhookSecret", required: true, help: "A secret Datadog sends with each notification (a hidden variable, see the setup steps). At least 16 characters; a long random string is best." },
    { name: "apiKey", required: false, help: "A Datadog API key, only needed to send metrics." },
  ],
  NEW_RELIC: [
    { name: "region", required: false, help: '"US" or "EU": where the account lives.', example: "US" },
    { name: "webhookSecret", required: true, help: "A secret New Relic sends as the destination's bearer token (see the setup steps). At least 16 characters; a long random string is best." },
    { name: "apiKey", required: false, help: "A New Relic API key, only needed to send metrics." },
  ],
  STATUSPAGE: [
    { name: "pageId", required: true, help: "The page's id, shown under API info (not its URL).", example: "abcd1234efgh" },
    { name: "webhookSecret", required: true, help: "A secret Statuspage sends in the subscriber URL (see the setup steps). At least 16 characters; a long random string is best." },
    { name: "apiKey", required: false, help: "A Statuspage API key, only needed to update the page." },
  ],
  WEBHOOK: [
    { name: "signingSecret", required: true, help: 'A Standard Webhooks secret: "whsec_" and 24 to 64 random bytes in base64. The sender signs with it.' },
    { name: "eventTypeField", required: false, help: 'The top-level payload field that names the event; "type" by default.', example: "type" },
  ],
};

/**
 * The JSON the form starts with for a type: required fields and those with a useful example.
 * Secrets are left empty for the admin to fill in; optional ones are left out (an empty value is
 * refused), the field list says how to add them.
 */
export function exampleConfig(type: IntegrationType, secretFields: readonly string[]): string {
  const config: Record<string, string> = {};
  for (const field of CONFIG_FIELDS[type]) {
    if (secretFields.includes(field.name)) {
      if (field.required) config[field.name] = "";
    } else if (field.example !== undefined) config[field.name] = field.example;
  }
  return JSON.stringify(config, null, 2);
}
