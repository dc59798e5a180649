import type { IntegrationProvider, MappedEvent } from "../provider";
import { eventType } from "../shared/event-type";
import { header } from "../shared/headers";
import { compact, firstStr, str } from "../shared/read";
import { sourcehutConfigSchema, type SourcehutConfig } from "./config";
import { sourcehutConfigHelp } from "./config-help";
import { graphqlPart, validateSourcehutPayload } from "./payloads";
import { verifySourcehut } from "./verify";

function mapSourcehutEvent(type: string, payload: unknown): MappedEvent {
  const webhook = graphqlPart(payload);
  const owner = firstStr(webhook, "repository.owner.canonicalName") ?? str(payload, "repository.owner.canonical_name");
  const name = firstStr(webhook, "repository.name") ?? str(payload, "repository.name");
  const summary = {
    repository: owner && name ? `${owner}/${name}` : (name ?? null),
    actor: firstStr(webhook, "pusher.canonicalName") ?? str(payload, "pusher.canonical_name") ?? null,
    date: str(webhook, "date"),
  };
  return { type: eventType("sourcehut", type), summary: compact(summary) };
}

export const sourcehut = {
  type: "SOURCEHUT",
  label: "SourceHut",
  configSchema: sourcehutConfigSchema,
  configHelp: sourcehutConfigHelp,
  secretFields: ["token"],
  inbound: {
    verify: (request, _secrets, config?) => verifySourcehut(request, config),
    // Legacy webhooks name the event in X-Webhook-Event (`repo:post-update`); GraphQL-native
    // ones in the payload (`GIT_POST_RECEIVE`). The delivery id inside the signed body is
    // preferred to the header, which anyone replaying a captured delivery could change.
    envelope(request, payload) {
      const webhook = graphqlPart(payload);
      const event = header(request, "x-webhook-event") ?? str(webhook, "event")?.toLowerCase() ?? "";
      const deliveryId = str(webhook, "uuid") ?? header(request, "x-webhook-delivery") ?? header(request, "x-payload-nonce") ?? null;
      return { eventType: event, deliveryId };
    },
    validate: validateSourcehutPayload,
    map: ({ eventType: type, payload }) => mapSourcehutEvent(type, payload),
    setupInstructions: (url) => [
      "SourceHut webhooks are created through its GraphQL API (or the hut CLI), not in the web UI.",
      "Create a personal access token at meta.sr.ht/oauth2 with the git.sr.ht REPOSITORIES scope.",
      `Register it with the createGitWebhook mutation (or "hut git webhook create"): events GIT_POST_RECEIVE, url ${url}`,
      "As its query, ask for at least: query { webhook { uuid event date ... on GitEvent { repository { name owner { canonicalName } } pusher { canonicalName } } } }",
      "Nothing secret is shared: deliveries are signed with the instance's Ed25519 key (X-Payload-Signature, X-Payload-Nonce).",
      "For a self-hosted sr.ht, set publicKey to that instance's webhook public key; the default is sr.ht's published key.",
    ],
  },
} satisfies IntegrationProvider<SourcehutConfig>;
