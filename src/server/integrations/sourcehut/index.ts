import type { IntegrationProvider, MappedEvent } from "../provider";
import { eventType } from "../shared/event-type";
import { header } from "../shared/headers";
import { at, clip, compact, firstStr, str } from "../shared/read";
import { sourcehutConfigSchema, type SourcehutConfig } from "./config";
import { sourcehutConfigHelp } from "./config-help";
import { TRACKER_WEBHOOK_EVENTS, TRACKER_WEBHOOK_QUERY } from "./issue-sync/operations";
import { otherTracker, pullSourcehutChange } from "./issue-sync/pull";
import { sourcehutTracker } from "./issue-sync/tracker";
import { graphqlPart, validateSourcehutPayload } from "./payloads";
import { verifySourcehut } from "./verify";

function mapSourcehutEvent(type: string, payload: unknown): MappedEvent {
  const webhook = graphqlPart(payload);
  const owner = firstStr(webhook, "repository.owner.canonicalName") ?? str(payload, "repository.owner.canonical_name");
  const name = firstStr(webhook, "repository.name") ?? str(payload, "repository.name");
  const ticket = at(webhook, "ticket") ?? at(webhook, "newEvent.ticket");
  const summary = {
    repository: owner && name ? `${owner}/${name}` : (name ?? null),
    ticket: str(ticket, "ref"),
    title: clip(str(ticket, "subject")),
    actor: firstStr(webhook, "pusher.canonicalName", "ticket.submitter.canonicalName", "newEvent.changes.0.author.canonicalName") ?? str(payload, "pusher.canonical_name") ?? null,
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
  issueSync: {
    platform: "sourcehut",
    tracker: (config, secrets) =>
      !secrets.token
        ? { unavailable: "no token is configured: issue sync needs a personal access token with TICKETS:RW on the tracker" }
        : typeof config.tracker !== "string"
          ? { unavailable: 'no tracker is configured: issue sync needs the todo.sr.ht tracker, "~owner/tracker-name"' }
          : sourcehutTracker({ tracker: config.tracker, token: secrets.token, todoUrl: typeof config.todoUrl === "string" ? config.todoUrl : undefined }),
    // "12", "#12", "~owner/tracker#12" or the ticket's URL (…/~owner/tracker/12).
    issueIdOf: (reference) => {
      const text = reference.trim();
      return /^(?:~[\w.-]+\/[\w.-]+)?#?(\d{1,9})$/.exec(text)?.[1] ?? /\/~[\w.-]+\/[\w.-]+\/(\d{1,9})\/?(?:[?#].*)?$/.exec(text)?.[1] ?? null;
    },
    pull: pullSourcehutChange,
  },
  inbound: {
    verify: (request, _secrets, config?) => verifySourcehut(request, config),
    // GraphQL-native webhooks name the event in the payload (`TICKET_CREATED`, when the query
    // asks for it) and in X-Webhook-Event; legacy ones in X-Webhook-Event only (`repo:post-update`).
    // What is inside the signed body is preferred to the headers, which anyone replaying a
    // captured delivery could change; both give the same lower-case type (`ticket_created`).
    envelope(request, payload) {
      const webhook = graphqlPart(payload);
      const event = str(webhook, "event") ?? header(request, "x-webhook-event") ?? "";
      const deliveryId = str(webhook, "uuid") ?? header(request, "x-webhook-delivery") ?? header(request, "x-payload-nonce") ?? null;
      return { eventType: event.toLowerCase(), deliveryId };
    },
    validate: validateSourcehutPayload,
    outOfScope: (payload, config) => otherTracker(payload, config.tracker),
    map: ({ eventType: type, payload }) => mapSourcehutEvent(type, payload),
    setupInstructions: (url) => [
      "SourceHut webhooks are created through its GraphQL API (or the hut CLI), not in the web UI.",
      "For a git.sr.ht repository: create a personal access token at meta.sr.ht/oauth2 with the git.sr.ht REPOSITORIES scope.",
      `Register it with the createGitWebhook mutation (or "hut git webhook create"): events GIT_POST_RECEIVE, url ${url}`,
      "As its query, ask for at least: query { webhook { uuid event date ... on GitEvent { repository { name owner { canonicalName } } pusher { canonicalName } } } }",
      `For a todo.sr.ht tracker (and issue sync): register a tracker webhook with the createTrackerWebhook mutation at the todo.sr.ht API (https://todo.sr.ht/query, or todoUrl's /query; "hut todo webhook create" does the same), with a token holding PROFILE:RO, TRACKERS:RO, TICKETS:RO and EVENTS:RO: events ${TRACKER_WEBHOOK_EVENTS.join(", ")}, url ${url}`,
      `As the tracker webhook's query, use exactly this (issue sync reads what it selects): ${TRACKER_WEBHOOK_QUERY.replace(/\s+/g, " ")}`,
      "Nothing secret is shared: deliveries are signed with the instance's Ed25519 key (X-Payload-Signature, X-Payload-Nonce).",
      "For a self-hosted sr.ht, set publicKey to that instance's webhook public key; the default is sr.ht's published key.",
    ],
  },
} satisfies IntegrationProvider<SourcehutConfig>;
