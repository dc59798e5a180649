import type { IntegrationProvider, Verification } from "../provider";
import { header } from "../shared/headers";
import { str } from "../shared/read";
import { otherRepository } from "../shared/scope";
import { verifyHexHmac } from "../shared/signatures";
import { forgejoConfigSchema, type ForgejoConfig } from "./config";
import { forgejoConfigHelp } from "./config-help";
import { pullForgejoChange } from "./issue-sync/pull";
import { forgejoTracker } from "./issue-sync/tracker";
import { mapForgejoEvent } from "./map";
import { validateForgejoPayload } from "./payloads";

/**
 * Forgejo sends `X-Forgejo-*` headers and, for Gitea compatibility, the same values as `X-Gitea-*`
 * (Gitea itself sends only those). The Forgejo header wins when present: a bad Forgejo signature
 * is not rescued by a Gitea one.
 */
function forgejoOrGitea(request: Parameters<typeof header>[0], suffix: string): { value?: string; name: string } {
  const forgejo = header(request, `x-forgejo-${suffix}`);
  if (forgejo !== undefined) return { value: forgejo, name: `X-Forgejo-${capitalize(suffix)}` };
  const gitea = header(request, `x-gitea-${suffix}`);
  return { value: gitea, name: gitea === undefined ? `X-Forgejo-${capitalize(suffix)}` : `X-Gitea-${capitalize(suffix)}` };
}

const capitalize = (word: string) => word[0].toUpperCase() + word.slice(1);

export const forgejo = {
  type: "FORGEJO",
  label: "Forgejo / Gitea",
  configSchema: forgejoConfigSchema,
  configHelp: forgejoConfigHelp,
  secretFields: ["webhookSecret", "token"],
  issueSync: {
    platform: "forgejo",
    tracker: (config, secrets) =>
      secrets.token
        ? forgejoTracker({ baseUrl: String(config.baseUrl), repository: String(config.repository), token: secrets.token })
        : { unavailable: "no token is configured: issue sync needs an access token with write:issue, read:repository and read:user" },
    // "12", "#12", "owner/name#12" or the issue's URL (…/owner/name/issues/12).
    issueIdOf: (reference) => /^(?:[\w.-]+\/[\w.-]+)?#?(\d{1,9})$/.exec(reference.trim())?.[1] ?? /\/issues\/(\d{1,9})(?:[/?#]|$)/.exec(reference.trim())?.[1] ?? null,
    pull: pullForgejoChange,
  },
  inbound: {
    // Bare hex HMAC-SHA256 of the body.
    verify(request, secrets): Verification {
      const { value, name } = forgejoOrGitea(request, "signature");
      return verifyHexHmac({ signature: value, headerName: name, secret: secrets.webhookSecret, body: request.rawBody });
    },
    envelope(request, payload) {
      const event = forgejoOrGitea(request, "event").value ?? "";
      const action = event ? str(payload, "action") : undefined;
      return { eventType: action ? `${event}.${action}` : event, deliveryId: forgejoOrGitea(request, "delivery").value ?? null };
    },
    validate: validateForgejoPayload,
    outOfScope: (payload, config) => otherRepository(payload, config.repository),
    map: ({ eventType, payload }) => mapForgejoEvent(eventType, payload),
    setupInstructions: (url) => [
      "In the repository on Forgejo (or Gitea), open Settings → Webhooks → Add webhook → Forgejo (Gitea).",
      `Target URL: ${url}`,
      "HTTP method: POST; POST content type: application/json.",
      "Secret: the webhookSecret of this integration, exactly as entered here.",
      'Trigger on: "Custom events" → Push; Issue events: Modification, Labels and Comments; Pull request events: Modification (others are stored too, as forgejo.<event>). Issue sync needs the issue events, Labels included: a priority set on Forgejo is a label.',
      "Add the webhook, then use Test delivery to check it shows here.",
    ],
  },
} satisfies IntegrationProvider<ForgejoConfig>;
